"""pmcoach's own cache folder, and the one rule that says when a cached answer is stale.

Trust. The cache folder (`paths.cache_dir`, one per data folder) holds copies of the
user's private notes and answers computed from them. It is used only when it is a real
folder (not a link), owned by this user and mode 0700, and a file in it only when it is
a regular file of this user's that nobody else can write. Anything else is passed over:
nothing is read from it, nothing written into it, and the command works from the data
folder alone. Files are opened with O_NOFOLLOW and O_NONBLOCK and checked with fstat, so
a link, a FIFO or a device under a cache file's name is never followed or waited on.
The files themselves hold data only (JSON), and every loader validates what it reads.

Staleness. A cached answer is keyed by every file it was computed from: the file's
relative path, size, mtime_ns, ctime_ns and inode (`file_key`). An edit in place changes
the ctime even when it keeps the size and puts the old mtime back; a replaced file has
another inode; an added or removed file changes the set. Timestamps have a granularity
(a few milliseconds, a second or two on some filesystems), so a file changed less than
RACY_NS before its key was taken could change again under the same key: for such a
"racy" file the key also records a digest of its content, which is checked on reuse.
This is the rule git uses for its index, for the same reason.
"""

from __future__ import annotations

import functools
import hashlib
import os
import stat
import sys
import time
from collections.abc import Iterable
from pathlib import Path

from pmcoach.storage.errors import StoreError
from pmcoach.storage.files import (
    READ_FLAGS,
    is_private_dir,
    make_private_dir,
    owned_private,
    read_limited,
    read_regular,
    write_atomic,
)
from pmcoach.storage.keys import Key, file_key

# A file whose times are within this of now (or ahead of it) is checked by content too:
# FAT and some network filesystems keep times to 2 s.
RACY_NS = 2_000_000_000
# Ten years of history make an index of about 1.5 MB; a cache file far beyond that is
# not pmcoach's and is not read into memory.
MAX_CACHE_FILE = 256 << 20

_DIR_FLAGS = READ_FLAGS | getattr(os, "O_DIRECTORY", 0)


def is_racy(key: Key, now_ns: int) -> bool:
    """The file changed so shortly before `now_ns` (or after it) that its times may not
    tell the next change from this one: every cached answer checks such a file by its
    content too (`Fingerprint`, `still_matches`, the index's entries)."""
    return max(key[1], key[2]) >= now_ns - RACY_NS


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def content_digest(path: str | Path) -> str | None:
    """The digest of a data file's content, or None when it cannot be read as a regular
    file pmcoach would read (a link, a FIFO, a folder, too large, gone)."""
    data = read_regular(path)
    return None if data is None else digest(data)


# --------------------------------------------------------------------------- the folder


def _open_folder(folder: Path) -> int | None:
    """The cache folder as a file descriptor, if it may be used; files are then opened
    relative to it, so the folder checked is the folder read."""
    try:
        fd = os.open(folder, _DIR_FLAGS)
    except OSError:
        return None
    try:
        if owned_private(os.fstat(fd)):
            return fd
    except OSError:
        pass
    os.close(fd)
    return None


def read(folder: Path, name: str) -> bytes | None:
    """The bytes of a cache file only this user can have written, or None.

    None for a folder or file that is not to be trusted, a link, a FIFO, a device, or
    anything unreadable: a cache that cannot be read is a miss, never an error.
    """
    dir_fd = _open_folder(folder)
    if dir_fd is None:
        return None
    try:
        # Not even opened unless a regular file: opening a device may make it act.
        if not stat.S_ISREG(os.stat(name, dir_fd=dir_fd, follow_symlinks=False).st_mode):
            return None
        fd = os.open(name, READ_FLAGS, dir_fd=dir_fd)
    except OSError:
        return None
    finally:
        os.close(dir_fd)
    try:
        info = os.fstat(fd)
        if not (
            stat.S_ISREG(info.st_mode)
            and info.st_uid == os.geteuid()
            and not info.st_mode & 0o022
            and info.st_size <= MAX_CACHE_FILE
        ):
            return None
        data = read_limited(fd, MAX_CACHE_FILE + 1)
    except OSError:
        return None
    finally:
        os.close(fd)
    return None if len(data) > MAX_CACHE_FILE else data


def write(folder: Path, name: str, data: bytes) -> bool:
    """Best effort: a cache that cannot be written only costs time next run. Nothing is
    written into a folder that is not to be trusted: it would put private notes where
    someone else can read them, or under someone else's control."""
    try:
        make_private_dir(folder)
        if not is_private_dir(folder):
            return False
        write_atomic(folder / name, data)
    except (StoreError, OSError):
        return False
    return True


# --------------------------------------------------------------------------- fingerprints


def tree_keys(
    root: Path, names: Iterable[str], *, follow: frozenset[str] = frozenset()
) -> list[tuple[str, Key | None]]:
    """(relative path, key) of every file the loaders could read under `root`: each name
    that is a file, and everything under each name that is a folder, hidden names (temp
    files of a save in progress) left out. Key None: the entry could not be looked at.
    Names in `follow` are read through links (the rubric loader follows them).

    `status` walks ten years of files with this on every run: one stat a file and as
    little Python around it as can be."""
    found: list[tuple[str, Key | None]] = []
    for name in names:
        path = os.path.join(root, name)
        try:
            info = os.stat(path) if name in follow else os.lstat(path)
        except OSError:
            continue
        if stat.S_ISDIR(info.st_mode):
            _tree(path, name, name in follow, found)
        else:
            found.append((name, file_key(info)))
    return found


def _tree(folder: str, rel: str, follow: bool, found: list[tuple[str, Key | None]]) -> None:
    try:
        entries = list(os.scandir(folder))
    except OSError:
        found.append((rel + "/", None))
        return
    for entry in entries:
        name = entry.name
        if name[0] == ".":
            continue
        child = f"{rel}/{name}"
        try:
            if entry.is_dir(follow_symlinks=follow):
                _tree(entry.path, child, follow, found)
                continue
            info = entry.stat(follow_symlinks=follow)
            found.append((child, (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)))
        except OSError:
            found.append((child, None))


class Fingerprint:
    """What a cached answer was computed from: `key` (a hash of every input's relative
    path and file key, and of `header`) and, for inputs too recent for their times to be
    trusted, a digest of their content (`racy`, relative path → digest)."""

    __slots__ = ("key", "racy")

    def __init__(self, key: str, racy: dict[str, str]) -> None:
        self.key = key
        self.racy = racy

    @classmethod
    def take(
        cls, root: Path, header: str, keys: Iterable[tuple[str, Key | None]], *, digests: bool
    ) -> Fingerprint:
        """The fingerprint of `keys` (taken before the answer is computed, so a change
        made meanwhile is a mismatch next time, never a stale answer). With `digests`,
        racy inputs are read and digested now; without, only the key is needed (to look
        an answer up, whose saved digests are then checked with `still_matches`)."""
        now = time.time_ns()
        items = sorted(keys)  # by path: each path is found once
        racy: dict[str, str] = {}
        if digests:
            for rel, key in items:
                if key is not None and is_racy(key, now):
                    racy[rel] = content_digest(os.path.join(root, rel)) or "-"
        text = repr((header, items)).encode("utf-8", "surrogateescape")
        return cls(hashlib.sha256(text).hexdigest(), racy)

    def to_json(self) -> dict[str, object]:
        return {"key": self.key, "racy": self.racy}


def still_matches(saved: object, now: Fingerprint, root: Path) -> dict[str, str] | None:
    """Whether a fingerprint saved with an answer (its JSON form) is the one taken now,
    with every input that was racy then still holding the content it had: None if not,
    else the digests of the inputs that are racy still.

    Once a racy input's times are older than RACY_NS, a change to it can no longer keep
    its key, and its digest need not be checked again: when the map returned is smaller
    than the saved one, the caller saves the answer again with it (`settled`), so that
    files just written are read once more, not on every look-up."""
    if not isinstance(saved, dict) or saved.get("key") != now.key:
        return None
    racy = saved.get("racy")
    if not isinstance(racy, dict):
        return None
    now_ns = time.time_ns()
    still: dict[str, str] = {}
    for rel, expected in racy.items():
        if not isinstance(rel, str) or not isinstance(expected, str):
            return None
        path = os.path.join(root, rel)
        if content_digest(path) != expected:
            return None
        try:
            key = file_key(os.lstat(path))
        except OSError:
            return None
        if is_racy(key, now_ns):
            still[rel] = expected
    return still


def settled(saved: dict[str, object], still: dict[str, str]) -> bool:
    """The saved fingerprint has racy inputs that `still_matches` found settled."""
    racy = saved.get("racy")
    return isinstance(racy, dict) and len(racy) > len(still)


@functools.cache
def code_key() -> str:
    """pmcoach's version, Python's, and the package's modules by name, size and
    mtime: an answer is only good for the code that computed it, and the version alone
    does not change while the code is being worked on. Looked at once a process."""
    from pmcoach import __version__

    package = Path(__file__).parent.parent
    found: list[str] = [__version__, str(sys.hexversion)]
    for folder, subfolders, names in os.walk(package):
        subfolders[:] = [name for name in subfolders if name != "__pycache__"]
        for name in names:
            if name.endswith(".py"):
                info = os.stat(os.path.join(folder, name))
                found.append(f"{folder}/{name}:{info.st_size}:{info.st_mtime_ns}")
    return "\0".join(sorted(found))
