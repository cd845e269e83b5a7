"""A derived index of the data folder's parsed documents, kept per machine.

Parsing every TOML file at start-up costs about 1.3 ms a file (700 ms for ten
years of weekly sessions); one JSON file with the same documents loads in about
50 ms. The index stores the parsed *documents*, not model objects, so it stays
valid when the model or its validation changes; validation runs on every load.

A file's entry is reused only while its size, mtime_ns, ctime_ns and inode all
match: ctime and inode cannot be set back by a sync tool that preserves mtime,
and every pmcoach save replaces the inode. Anything unexpected in the index
(missing, corrupt, other folder, other format) means it is rebuilt silently;
it is never the only copy of anything.

The index stores TOML values JSON can't hold as one-key tagged objects
(`{"$": ["datetime", "2026-11-23T09:05:12+01:00"]}`); a real one-key table whose
key is `$` is tagged too (`["table", value]`), so every document comes back
exactly as tomllib read it, and the hook that undoes the tags stays cheap.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import stat
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pmcoach import codec

FORMAT = 1
INDEX_NAME = "index.json"
MAX_FILE_SIZE = 1 << 20  # a session is ~5 KB; tomllib takes ~2 s on a 20 MB string
SYMLINK_REASON = "is a symbolic link; pmcoach does not follow links inside the data folder"

Doc = dict[str, Any]
Key = tuple[int, int, int, int]


@dataclass(frozen=True)
class Scanned:
    """One file found by a scan: its document, or why it could not be read."""

    rel: str  # relative to the data folder, with "/" separators
    path: Path
    doc: Doc | None
    error: str | None


def file_key(st: os.stat_result) -> Key:
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)


def read_document(path: Path) -> tuple[Doc, Key]:
    """Parse one file, refusing links, non-files and oversized files before parsing.

    O_NOFOLLOW closes the gap between checking for a link and opening; O_NONBLOCK
    keeps a FIFO named like a session from hanging the app.
    """
    flags = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if path.is_symlink():
            raise codec.SchemaError(SYMLINK_REASON) from None
        raise codec.SchemaError(f"cannot be opened: {exc.strerror}") from None
    with os.fdopen(fd, "rb") as handle:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise codec.SchemaError("is not a regular file")
        if st.st_size > MAX_FILE_SIZE:
            raise codec.SchemaError(
                f"is {st.st_size // 1024} KiB; files over {MAX_FILE_SIZE // 1024} KiB are not read"
            )
        try:
            data = handle.read(MAX_FILE_SIZE + 1)
        except OSError as exc:
            raise codec.SchemaError(f"cannot be read: {exc.strerror}") from None
    if len(data) > MAX_FILE_SIZE:
        raise codec.SchemaError(f"grew past {MAX_FILE_SIZE // 1024} KiB while being read")
    return codec.parse_document(data), file_key(st)


# --------------------------------------------------------------------------- JSON form


def _to_json(value: Any) -> Any:
    if isinstance(value, dict):
        table = {k: _to_json(v) for k, v in value.items()}
        return {"$": ["table", table["$"]]} if len(table) == 1 and "$" in table else table
    if isinstance(value, list):
        return [_to_json(v) for v in value]
    if isinstance(value, dt.datetime):
        return {"$": ["datetime", value.isoformat()]}
    if isinstance(value, dt.date):
        return {"$": ["date", value.isoformat()]}
    if isinstance(value, dt.time):
        return {"$": ["time", value.isoformat()]}
    return value


def _from_json(obj: dict[str, Any]) -> Any:
    # Called for every JSON object, so the common case is one cheap test.
    if len(obj) != 1 or "$" not in obj:
        return obj
    tag, value = obj["$"]
    if tag == "datetime":
        return dt.datetime.fromisoformat(value)
    if tag == "date":
        return dt.date.fromisoformat(value)
    if tag == "time":
        return dt.time.fromisoformat(value)
    if tag == "table":
        return {"$": value}
    raise ValueError(f"unknown tag {tag!r}")


# --------------------------------------------------------------------------- index


@dataclass
class _Entry:
    key: Key
    doc: Doc | None
    error: str | None


class Index:
    """Parsed documents by relative path, plus whether the file on disk is stale."""

    def __init__(self, root_id: str) -> None:
        self.root_id = root_id  # the data folder's real path: an index for another is useless
        self.entries: dict[str, _Entry] = {}
        self.changed = False

    @classmethod
    def from_bytes(cls, data: bytes | None, root_id: str) -> Index:
        """An index from a cache file's bytes; anything unusable gives an empty one."""
        index = cls(root_id)
        if data is None:
            index.changed = True
            return index
        try:
            raw = json.loads(data, object_hook=_from_json)
            if raw["format"] != FORMAT or raw["root"] != root_id:
                raise ValueError("another folder or format")
            for rel, item in raw["files"].items():
                key = tuple(item["k"])
                if len(key) != 4 or not all(type(k) is int for k in key):
                    raise ValueError("bad key")
                doc, error = item.get("doc"), item.get("error")
                if not (isinstance(doc, dict) and error is None) and not (
                    doc is None and isinstance(error, str)
                ):
                    raise ValueError("bad entry")
                index.entries[rel] = _Entry((key[0], key[1], key[2], key[3]), doc, error)
        except (ValueError, TypeError, KeyError, AttributeError, RecursionError):
            index = cls(root_id)
            index.changed = True
        return index

    def to_bytes(self) -> bytes:
        files: dict[str, Any] = {}
        for rel, entry in sorted(self.entries.items()):
            item: dict[str, Any] = {"k": list(entry.key)}
            if entry.doc is not None:
                item["doc"] = _to_json(entry.doc)
            else:
                item["error"] = entry.error
            files[rel] = item
        body = {"format": FORMAT, "root": self.root_id, "files": files}
        # ASCII escapes keep file names that are not UTF-8 (lone surrogates here) exact.
        return json.dumps(body, separators=(",", ":")).encode("ascii")

    def put(self, rel: str, key: Key, doc: Doc) -> None:
        """Record a document pmcoach just wrote, so the next scan need not parse it."""
        self.entries[rel] = _Entry(key, doc, None)
        self.changed = True

    def scan(self, root: Path, folders: Sequence[str]) -> list[Scanned]:
        """Every `.toml` file under the folders, parsed or taken from the index."""
        found: list[Scanned] = []
        seen: set[str] = set()
        for folder in folders:
            for rel, path, entry in _walk(root / folder, folder):
                seen.add(rel)
                found.append(self._scanned(rel, path, entry))
        for rel in set(self.entries) - seen:
            del self.entries[rel]
            self.changed = True
        found.sort(key=lambda s: s.rel)
        return found

    def _scanned(self, rel: str, path: Path, entry: os.DirEntry[str] | None) -> Scanned:
        if entry is None:
            return Scanned(rel, path, None, SYMLINK_REASON)
        try:
            key = file_key(entry.stat(follow_symlinks=False))
        except OSError as exc:
            return Scanned(rel, path, None, f"cannot be read: {exc.strerror}")
        cached = self.entries.get(rel)
        if cached is not None and cached.key == key:
            return Scanned(rel, path, cached.doc, cached.error)
        self.changed = True
        try:
            doc, key = read_document(path)
        except codec.SchemaError as exc:
            self.entries[rel] = _Entry(key, None, str(exc))
            return Scanned(rel, path, None, str(exc))
        self.entries[rel] = _Entry(key, doc, None)
        return Scanned(rel, path, doc, None)


def _walk(folder: Path, rel: str) -> Iterator[tuple[str, Path, os.DirEntry[str] | None]]:
    """(relative path, path, entry) of each candidate file; entry None for a link.

    Hidden names are skipped: temp files of a save in progress, .DS_Store and the
    like. Links are reported rather than followed (see SYMLINK_REASON).
    """
    try:
        entries = list(os.scandir(folder))
    except (FileNotFoundError, NotADirectoryError):
        return
    for entry in sorted(entries, key=lambda e: e.name):
        if entry.name.startswith("."):
            continue
        child_rel = f"{rel}/{entry.name}"
        if entry.is_symlink():
            yield child_rel, Path(entry.path), None
        elif entry.is_dir(follow_symlinks=False):
            yield from _walk(Path(entry.path), child_rel)
        elif entry.name.endswith(".toml"):
            yield child_rel, Path(entry.path), entry
