"""What the data folder tells the user when it cannot do what was asked.

Every message is one line a person can act on (docs/data-format.md, "Problems"); the
callers show it as it is, so it never holds a traceback or a file's contents.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

SYMLINK_REASON = "is a symbolic link; pmcoach does not follow links inside the data folder"


class StoreError(Exception):
    """Something about the data folder the user has to know; the message is one line."""


class NameTaken(StoreError):
    """`write_new` found its name in use: a file it did not write is never replaced."""


class Locked(StoreError):
    """Another pmcoach holds the lock; it is named when its lock file says who it is."""

    def __init__(
        self, pid: int | None, host: str | None, doing: str = "is using this data folder"
    ) -> None:
        self.pid = pid
        self.host = host
        who = f" (pid {pid} on {host})" if pid is not None and host else ""
        super().__init__(f"another pmcoach{who} {doing}")


class Problem(NamedTuple):
    """A file that could not be read, or a second copy of an item that is not used;
    either is left exactly as it is.

    A named tuple, not a dataclass: `status` and the first frame import this module
    (through the safe reads of `files`), and dataclasses brings `inspect`, a few
    milliseconds of a shell prompt's margin."""

    path: Path
    reason: str
    # A copy of an item another file holds too: nothing is missing from the figures.
    duplicate: bool = False

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"
