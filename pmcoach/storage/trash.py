"""The data folder's trash: nothing pmcoach deletes is gone.

Deleting moves a file to `trash/` under the same relative path (`~2`, `~3`... when that
name is taken); restoring moves it back, never over a file that is there now
(docs/data-format.md, "Trash").
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from pmcoach.storage.errors import StoreError
from pmcoach.storage.files import check_no_linked_folder, fsync_dir, make_private_dir, reason

TRASH = "trash"

_TRASH_COPY = re.compile(r"^(?P<stem>.+)~\d+$")


def to_trash(root: Path, path: Path) -> Path:
    """Move a file of the data folder `root` to its trash; the file's place there."""
    rel = path.relative_to(root)
    target = root / TRASH / rel
    number = 2
    while target.exists() or target.is_symlink():
        target = target.with_name(f"{path.stem}~{number}{path.suffix}")
        number += 1
    check_no_linked_folder(root, target.parent)
    make_private_dir(target.parent)
    try:
        os.rename(path, target)
    except OSError as exc:
        raise StoreError(f"could not move {path} to the trash: {reason(exc)}") from None
    fsync_dir(path.parent)
    fsync_dir(target.parent)
    return target


def trashed(root: Path) -> list[Path]:
    """Every file in the trash, hidden names (a save in progress) left out."""
    found: list[Path] = []
    for current, dirs, files in os.walk(root / TRASH):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found += [Path(current, f) for f in files if not f.startswith(".")]
    return sorted(found)


def restore(root: Path, path_in_trash: Path) -> Path:
    """Move a trashed file back where it came from; never over an existing file."""
    trash_dir = root / TRASH
    path = Path(path_in_trash)
    if not path.is_absolute():
        path = trash_dir / path
    try:
        rel = path.relative_to(trash_dir)
    except ValueError:
        raise StoreError(f"{path} is not in the trash") from None
    if not path.is_file() or path.is_symlink():
        raise StoreError(f"{path} is not a file in the trash")
    match = _TRASH_COPY.match(path.stem)
    name = f"{match['stem']}{path.suffix}" if match else path.name
    target = root / rel.parent / name
    if target.exists() or target.is_symlink():
        raise StoreError(f"{target} already exists; not restored")
    check_no_linked_folder(root, target.parent)
    make_private_dir(target.parent)
    try:
        os.rename(path, target)
    except OSError as exc:
        raise StoreError(f"could not restore {path}: {reason(exc)}") from None
    fsync_dir(target.parent)
    return target
