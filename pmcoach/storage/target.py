"""Whether a command may write a file the user named (`export -o`, `remind --ics`).

Both commands, and the app's export screen, must refuse the same things before
any work is done: a folder, an existing file without --force, a missing folder,
and anything that is not a regular file even with --force. `write_atomic`
replaces the target by renaming a new file over it, so "replacing" a FIFO, a
device or `/dev/null` (as root) would swap a system file for a regular one; and
writing to the command's own output through `/dev/stdout` is what leaving out
the file name already does.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from pmcoach.storage import paths

# What each kind of special file is called in a message, in words a user knows.
_KINDS = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a disk device"),
    (stat.S_ISSOCK, "a socket"),
)


class TargetError(Exception):
    """The file cannot be written as asked; the message is one line."""


def check_target(
    path: Path | str, force: bool, *, to_output: str = "leave out the file name"
) -> Path:
    """The target, expanded, if it may be written; a TargetError saying why not.

    `to_output` tells how the command writes to its standard output instead.
    """
    raw = os.fspath(path)
    if not raw.strip():
        raise TargetError("no file name given; name the file to write")
    target = paths.expand(path)
    try:
        info: os.stat_result | None = os.stat(target)
    except (FileNotFoundError, NotADirectoryError):
        info = None
    except OSError as exc:
        raise TargetError(f"cannot write {target}: {exc.strerror or exc}") from None
    if info is not None and _is_output(info):
        raise TargetError(f"{target} is this command's own output; to write there, {to_output}")
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise TargetError(f"{target} is a folder; give the name of a file to write in it")
    if info is None and raw.endswith(os.sep):
        raise TargetError(f"{raw} ends in {os.sep}, so it names a folder; give a file name")
    if info is not None and not stat.S_ISREG(info.st_mode):
        kind = next((name for test, name in _KINDS if test(info.st_mode)), "a special file")
        raise TargetError(
            f"{target} is {kind}, not a file; pmcoach writes only into ordinary files, "
            "so give another name"
        )
    if info is not None or target.is_symlink():
        if not force:
            raise TargetError(f"{target} already exists; add --force to replace it")
        if target.is_symlink():
            raise TargetError(f"{target} is a symbolic link; name the file itself")
    parent = target.parent
    if not parent.is_dir():
        if parent.exists():
            raise TargetError(f"cannot write {target}: {parent} is a file, not a folder")
        raise TargetError(f"cannot write {target}: folder {parent} does not exist")
    return target


def _is_output(info: os.stat_result) -> bool:
    """`info` is this process's standard output (as /dev/stdout or /proc/self/fd/1 are)."""
    try:
        out = os.fstat(1)
    except OSError:
        return False
    return (info.st_dev, info.st_ino) == (out.st_dev, out.st_ino)
