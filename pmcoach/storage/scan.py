"""Finding and reading the data folder's files, as every reader of them must.

A walk costs one stat a file and opens nothing; a read refuses links, anything that is
not a regular file, and files over MAX_FILE_SIZE before parsing (docs/data-format.md,
"Permissions and links" and "What a file may hold"). A file's `Key` is what tells a
change to it: the rule that uses it is in `pmcoach.cache.cachedir`.

`DocumentIndex` is what a store asks of an index of decoded documents; the store works
without one (every file parsed on every refresh), and the cache gives it one.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple, Protocol

from pmcoach.domain.model import Event, Session
from pmcoach.storage import toml_io
from pmcoach.storage.errors import SYMLINK_REASON
from pmcoach.storage.files import MAX_FILE_SIZE as MAX_FILE_SIZE
from pmcoach.storage.files import READ_FLAGS
from pmcoach.storage.keys import Key, file_key

Doc = dict[str, Any]
Decoded = Session | Event | str  # a file's session or event, or why it is a problem


@dataclass(frozen=True)
class Scanned:
    """One file found by a scan: its document, or why it could not be read."""

    rel: str  # relative to the data folder, with "/" separators
    path: Path
    doc: Doc | None
    error: str | None
    key: Key | None = None  # the file's key when `doc` or `error` was read; None if never read


class Found(NamedTuple):
    """One file found by a walk, before anything is read: its key, or why it has none.

    A tuple with the path as a string: a walk of ten years finds 1,300 files, and a
    Path for each costs milliseconds a warm start need not spend.
    """

    rel: str
    full: str  # the path, as os.scandir gives it
    key: Key | None
    error: str | None

    @property
    def path(self) -> Path:
        return Path(self.full)


def read_bytes(path: Path) -> tuple[bytes, Key]:
    """One file's bytes and key, refusing links, non-files and oversized files.

    O_NOFOLLOW closes the gap between checking for a link and opening; O_NONBLOCK
    keeps a FIFO named like a session from hanging the app.
    """
    try:
        fd = os.open(path, READ_FLAGS)
    except OSError as exc:
        if path.is_symlink():
            raise toml_io.SchemaError(SYMLINK_REASON) from None
        raise toml_io.SchemaError(f"cannot be opened: {exc.strerror}") from None
    try:
        st = os.fstat(fd)
    except OSError as exc:
        os.close(fd)
        raise toml_io.SchemaError(f"cannot be read: {exc.strerror}") from None
    if not stat.S_ISREG(st.st_mode):
        os.close(fd)  # before fdopen, which refuses a folder with IsADirectoryError
        raise toml_io.SchemaError("is not a regular file")
    with os.fdopen(fd, "rb") as handle:
        if st.st_size > MAX_FILE_SIZE:
            raise toml_io.SchemaError(
                f"is {st.st_size // 1024} KiB; files over {MAX_FILE_SIZE // 1024} KiB are not read"
            )
        try:
            data = handle.read(MAX_FILE_SIZE + 1)
        except OSError as exc:
            raise toml_io.SchemaError(f"cannot be read: {exc.strerror}") from None
    if len(data) > MAX_FILE_SIZE:
        raise toml_io.SchemaError(f"grew past {MAX_FILE_SIZE // 1024} KiB while being read")
    return data, file_key(st)


def read_document(path: Path) -> tuple[Doc, Key]:
    """Parse one file (see `read_bytes` for what is refused before parsing)."""
    data, key = read_bytes(path)
    return toml_io.parse_document(data), key


class DocumentIndex(Protocol):
    """What a store asks of an index of decoded documents (the cache's keeps them
    between runs). `put` and `current` are asked only once the index is `ready`: a
    save before any refresh need not parse what it wrote."""

    @property
    def ready(self) -> bool:
        """The index has been read (by `read`) in this process."""
        ...

    def read(self, found: Sequence[Found]) -> list[Scanned]:
        """The files of a walk, each parsed or taken from the index."""
        ...

    def item(self, scanned: Scanned, decode: Callable[[Scanned], Decoded]) -> Decoded:
        """The scanned file's session or event, decoded once per entry."""
        ...

    def put(self, rel: str, key: Key, doc: Doc, data: bytes, item: Decoded) -> None:
        """Record a file just written, so the next refresh need not parse it."""
        ...

    def current(self, rel: str, key: Key, path: Path) -> Decoded | None:
        """What the file decoded to when read, if it still is that file (None if not)."""
        ...

    def save(self) -> None:
        """Keep what changed for the next run; best effort."""
        ...

    def copy(self) -> DocumentIndex:
        """An index with the same entries that shares nothing either changes: for a
        store's fork, read in another thread."""
        ...


def read_found(item: Found) -> Scanned:
    """A file of a walk, parsed now (a store with no index reads every file so)."""
    if item.key is None:
        return Scanned(item.rel, item.path, None, item.error or "cannot be read")
    try:
        doc, key = read_document(item.path)
    except toml_io.SchemaError as exc:
        return Scanned(item.rel, item.path, None, str(exc), item.key)
    return Scanned(item.rel, item.path, doc, None, key)


def walk(
    root: Path, folders: Sequence[str], skip: Callable[[str], bool] | None = None
) -> list[Found]:
    """Every `.toml` file under the folders with its key, sorted by relative path;
    nothing is opened, so a walk costs one stat a file. A folder whose relative
    path `skip` accepts is not entered."""
    found: list[Found] = []
    for folder in folders:
        for rel, path, entry in _walk(os.path.join(root, folder), folder, skip):
            if entry is None or isinstance(entry, str):
                found.append(Found(rel, path, None, entry or SYMLINK_REASON))
                continue
            try:
                key = file_key(entry.stat(follow_symlinks=False))
            except OSError as exc:
                found.append(Found(rel, path, None, f"cannot be read: {exc.strerror}"))
                continue
            found.append(Found(rel, path, key, None))
    found.sort(key=lambda f: f.rel)
    return found


def _walk(
    folder: str, rel: str, skip: Callable[[str], bool] | None = None
) -> Iterator[tuple[str, str, os.DirEntry[str] | str | None]]:
    """(relative path, path, entry) of each candidate file; entry None for a link,
    and the reason for a folder that cannot be listed (`chmod 000 sessions/2026`).

    Hidden names are skipped: temp files of a save in progress, .DS_Store and the
    like. Links are reported rather than followed (see SYMLINK_REASON).
    """
    try:
        entries = list(os.scandir(folder))
    except (FileNotFoundError, NotADirectoryError):
        return
    except OSError as exc:
        yield rel, folder, f"folder cannot be read: {exc.strerror or exc}"
        return
    for entry in sorted(entries, key=lambda e: e.name):
        if entry.name.startswith("."):
            continue
        child_rel = f"{rel}/{entry.name}"
        if entry.is_symlink():
            yield child_rel, entry.path, None
        elif entry.is_dir(follow_symlinks=False):
            if skip is None or not skip(child_rel):
                yield from _walk(entry.path, child_rel, skip)
        elif entry.name.endswith(".toml"):
            yield child_rel, entry.path, entry
