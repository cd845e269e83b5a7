"""pmcoach config: where the data folder is and what is set.

Scripts run it, so the settings as last described are kept in the cache folder
while config.toml is the same file, unchanged: validating it needs the whole
domain model, which costs more than starting Python.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from pmcoach.cli.exits import EXIT_OK
from pmcoach.cli.folder import NOT_SET_UP, data_dir

if TYPE_CHECKING:
    import argparse


def run(args: argparse.Namespace) -> int:
    from pmcoach.storage.paths import cache_dir

    root = data_dir(args)
    lines = _saved_settings(root)
    if lines is None:
        from pmcoach.app.settings import describe
        from pmcoach.cache.answers import SETTINGS
        from pmcoach.cache.opener import open_store

        # Taken before config.toml is read: a change made meanwhile is a miss next time.
        taken = SETTINGS.fingerprint(root.expanduser().absolute(), saving=True)

        store = open_store(root, write=False)
        config = store.load_config()
        if config is None:
            lines = [NOT_SET_UP]
        else:
            lines = describe(config)
            SETTINGS.save(store.cache_dir, taken, {"lines": lines})
    print(f"data folder: {root}")
    print(f"cache:       {cache_dir(root)}")
    for line in lines:
        print(line)
    from pmcoach.storage.paths import ENV_THEME

    given = os.environ.get(ENV_THEME)
    if given:
        from pmcoach.app import themes  # only now: config runs from scripts, every import counts

        known = "" if themes.known(given) else f", which is unknown: {themes.DEFAULT} is used"
        print(f"             {themes.ENV_THEME}={given!r} overrides it{known}")
    return EXIT_OK


def _saved_settings(root: Path) -> list[str] | None:
    """The settings as last read, while config.toml is the same file, unchanged.

    config is for scripts and quick looks; validating config.toml needs the
    whole domain model, which costs more than starting Python. Every save of
    config.toml is a new file (atomic replace), so its inode and times change.
    """
    from pmcoach.cache.answers import SETTINGS
    from pmcoach.storage.paths import cache_dir

    root = root.expanduser().absolute()
    if not os.path.lexists(root / "config.toml"):
        return None
    value = SETTINGS.load(cache_dir(root), root, SETTINGS.fingerprint(root))
    lines = value.get("lines") if value else None
    if not isinstance(lines, list) or not all(isinstance(line, str) for line in lines):
        return None
    return lines
