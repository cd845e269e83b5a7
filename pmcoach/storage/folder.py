"""The data folder and its sub-folders, checked before anything is read or written.

A missing folder is created (0700) only for writing; an existing one keeps the user's
mode; a folder that holds other files and nothing of pmcoach's is refused, untouched;
`sessions/`, `events/` and `trash/` must be real folders (docs/data-format.md, "Layout"
and "Permissions and links").
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from pmcoach.storage.errors import SYMLINK_REASON, StoreError
from pmcoach.storage.files import make_private_dir, reason
from pmcoach.storage.trash import TRASH

FOLDERS = ("sessions", "events", "rubrics", TRASH)
CONFIG_NAME = "config.toml"
_LINKS_OK = frozenset({"rubrics"})  # read by the rubric loader, never written by pmcoach


def prepare(root: Path, write: bool) -> None:
    """Check the data folder and its sub-folders; for writing, create what is missing."""
    _prepare_root(root, write)
    for name in FOLDERS:
        _prepare_folder(root / name, links_ok=name in _LINKS_OK, write=write)
    if write and not os.access(root, os.W_OK | os.X_OK):
        raise StoreError(f"data folder {root} is not writable")


def _prepare_root(root: Path, write: bool) -> None:
    """Check the data folder; for writing, create it (0700) if it is not there.

    Only a folder pmcoach creates is made private: an existing folder's mode is
    the user's (it may be a shared or synced place), and a folder that holds other
    files and nothing of pmcoach's is refused, untouched, rather than filled.
    """
    if root.is_symlink() and not root.exists():
        raise StoreError(f"data folder {root} is a link to a folder that does not exist")
    try:
        info = os.stat(root)
    except FileNotFoundError:
        info = None
    except NotADirectoryError:
        doing = "created" if write else "read"
        raise StoreError(f"data folder {root} cannot be {doing}: a part of it is a file") from None
    except OSError as exc:
        raise StoreError(f"data folder {root} cannot be read: {reason(exc)}") from None
    if info is None:
        if write:
            make_private_dir(root)
        return
    if not stat.S_ISDIR(info.st_mode):
        raise StoreError(f"data folder {root} is a file, not a folder")
    _check_ours(root)


def _check_ours(root: Path) -> None:
    """Refuse a folder that holds files and none of pmcoach's (hidden ones aside)."""
    try:
        with os.scandir(root) as entries:
            names = [entry.name for entry in entries if not entry.name.startswith(".")]
    except OSError as exc:
        raise StoreError(f"data folder {root} cannot be read: {reason(exc)}") from None
    if names and not {CONFIG_NAME, *FOLDERS} & set(names):
        raise StoreError(
            f"{root} holds other files and is not a pmcoach data folder; "
            "choose an empty or new folder (nothing was changed)"
        )


def _prepare_folder(folder: Path, links_ok: bool, write: bool) -> None:
    if folder.is_symlink():
        if links_ok and folder.is_dir():
            return
        raise StoreError(f"{folder} {SYMLINK_REASON}")
    if folder.exists():
        if not folder.is_dir():
            raise StoreError(f"{folder} is a file, not a folder")
        return  # its mode is the user's, as the data folder's is
    if write:
        make_private_dir(folder)
