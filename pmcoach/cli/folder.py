"""The data folder a command works on, and the refusal of one that is not set up.

Start-up time matters (`status` runs from shell prompts): only the standard library is
imported at the top, the store only when a command opens it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from pmcoach.cli.exits import UsageError

if TYPE_CHECKING:
    import argparse

    from pmcoach.domain.model import Config
    from pmcoach.storage.store import Store

NOT_SET_UP = "not set up yet: run pmcoach to choose a track and a review day"


def data_dir(args: argparse.Namespace) -> Path:
    from pmcoach.storage.paths import resolve_data_dir

    return resolve_data_dir(getattr(args, "data_dir", None))


def configured(args: argparse.Namespace, *, write: bool = False) -> tuple[Store, Config]:
    """The store and settings of a folder that has been set up; opened for
    writing only when `write` (see Store.open: reading changes nothing).

    A folder that does not exist is not created here: a mistyped --data-dir
    should be told it is not set up, not become a second, empty history.
    """
    from pmcoach.cache.opener import open_store
    from pmcoach.storage.folder import CONFIG_NAME

    root = data_dir(args)
    if not root.exists() and not root.is_symlink():
        raise UsageError(f"{NOT_SET_UP} (data folder {root})")
    settings = root / CONFIG_NAME
    if write and not settings.exists() and not settings.is_symlink():
        # Before opening for writing, which makes the data folders: an empty folder
        # given by mistake is refused as it was found.
        raise UsageError(f"{NOT_SET_UP} (data folder {root})")
    store = open_store(root, write=write)
    config = store.load_config()
    if config is None:
        raise UsageError(f"{NOT_SET_UP} (data folder {store.root})")
    return store, config
