"""A derived index of the data folder's parsed documents, kept per machine.

Parsing every TOML file at start-up costs about 1.3 ms a file (700 ms for ten
years of weekly sessions); one JSON file with the same documents loads in about
15 ms. The index stores the parsed *documents*, not model objects: they are
decoded into sessions and events by the same code that decodes a TOML file, so
the index can hold nothing a data file could not, and it stays valid when the
model or its validation changes. Decoded items are kept in memory only.

A file's entry is reused only under the rule of `cachedir`: while its size,
mtime_ns, ctime_ns and inode all match, and, for a file changed too recently
for its times to tell, while its content has the digest recorded with it.
Anything unexpected in the index (missing, corrupt, another folder or format, a
value TOML cannot hold, nesting TOML would refuse) means it is rebuilt silently;
it is never the only copy of anything.

The index stores TOML values JSON can't hold as one-key tagged objects
(`{"$": ["datetime", "2026-11-23T09:05:12+01:00"]}`); a real one-key table whose
key is `$` is tagged too (`["table", value]`), so every document comes back
exactly as tomllib read it, and the hook that undoes the tags stays cheap.

`FolderIndex` is the index a store is given (`storage.scan.DocumentIndex`), kept in the
data folder's cache folder; `opener.open_store` gives it to every store the app and the
commands open.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pmcoach.cache import cachedir
from pmcoach.storage import toml_io
from pmcoach.storage.keys import Key
from pmcoach.storage.scan import (
    Decoded,
    Doc,
    Found,
    Scanned,
    read_bytes,
    walk,
)

FORMAT = 2
INDEX_NAME = "index.json"

# --------------------------------------------------------------------------- JSON form


def to_json(value: Any) -> Any:
    if isinstance(value, dict):
        table = {k: to_json(v) for k, v in value.items()}
        return {"$": ["table", table["$"]]} if len(table) == 1 and "$" in table else table
    if isinstance(value, list):
        return [to_json(v) for v in value]
    if isinstance(value, dt.datetime):
        return {"$": ["datetime", value.isoformat()]}
    if isinstance(value, dt.date):
        return {"$": ["date", value.isoformat()]}
    if isinstance(value, dt.time):
        return {"$": ["time", value.isoformat()]}
    return value


def from_json(obj: dict[str, Any]) -> Any:
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
    if tag == "table":  # a table whose one key is "$": the tag holds that key's value
        return {"$": value}
    raise ValueError(f"unknown tag {tag!r}")


_SCALARS = frozenset({str, bool, float, dt.datetime, dt.date, dt.time})


def untagged(value: Any) -> dict[str, Any]:
    """A document as the index stores it, back as tomllib gave it: its tags undone in
    place, in the same pass that checks it holds only what tomllib gives (no null,
    integers of 64 bits) nested at most toml_io.MAX_NESTING deep, as toml_io.check_limits
    requires of a file. Raises ValueError for anything else.

    One pass over ten years of documents on every load, with exact type tests: a JSON
    hook called for each of their 50,000 tables, then a check, cost twice as much."""
    if type(value) is dict and len(value) == 1 and "$" in value:
        value = from_json(value)
    if type(value) is not dict:
        raise ValueError("a document that is not a table")
    _untag(value, 1)
    return value


def _untag(value: Any, depth: int) -> None:
    pairs: Any = value.items() if type(value) is dict else enumerate(value)
    for where, item in pairs:
        kind = type(item)
        if kind is dict and len(item) == 1 and "$" in item:
            item = value[where] = from_json(item)
            kind = type(item)
            if kind is not dict:  # a date or time
                continue
        if kind is dict or kind is list:
            if depth >= toml_io.MAX_NESTING:
                raise ValueError("nested too deeply")
            _untag(item, depth + 1)
        elif kind is int:
            if not toml_io.INT_MIN <= item <= toml_io.INT_MAX:
                raise ValueError("an integer TOML cannot hold")
        elif kind not in _SCALARS:
            raise ValueError("a value TOML cannot hold")


# --------------------------------------------------------------------------- index


@dataclass
class _Entry:
    key: Key
    doc: Doc | None
    error: str | None
    # The content's digest, for a file read while its times could not yet be trusted.
    digest: str | None = None
    # The session or event decoded from `doc`, or why it is a problem; in memory only.
    item: Decoded | None = None
    # Read from the index file rather than from the data file in this process: such an
    # entry gives a document, never a verdict; what it cannot give is read from the file.
    loaded: bool = False


def _is_key(value: object) -> bool:
    return type(value) is list and len(value) == 4 and all(type(k) is int and k >= 0 for k in value)


class Index:
    """Parsed documents by relative path, plus whether the file on disk is stale."""

    def __init__(self, root_id: str) -> None:
        self.root_id = root_id  # the data folder's real path: an index for another is useless
        self.entries: dict[str, _Entry] = {}
        self.changed = False

    @classmethod
    def from_bytes(cls, data: bytes | None, root_id: str) -> Index:
        """An index from a cache file's bytes; anything unusable gives an empty one.

        Every entry is checked as a data file's would be: a document TOML could hold
        (no null, nesting and integers within toml_io's limits), a key of four counts,
        a digest or error that is text. The documents are then decoded by storage; a
        file recorded as unreadable, or whose document storage refuses, is read again
        from the data folder, so the index never decides that a file is a problem.
        """
        import json

        index = cls(root_id)
        index.changed = True
        if data is None:
            return index
        try:
            raw = json.loads(data)
            if type(raw) is not dict or raw.get("format") != FORMAT or raw.get("root") != root_id:
                return index
            files = raw["files"]
            if type(files) is not dict:
                return index
            entries: dict[str, _Entry] = {}
            for rel, item in files.items():
                key, doc, error, digest = (
                    item["k"],
                    item.get("doc"),
                    item.get("error"),
                    item.get("d"),
                )
                if not _is_key(key) or not (digest is None or type(digest) is str):
                    return index
                if doc is not None and error is None:
                    doc = untagged(doc)
                elif not (doc is None and type(error) is str):
                    return index
                key4 = (key[0], key[1], key[2], key[3])
                entries[rel] = _Entry(key4, doc, error, digest, loaded=True)
        except (ValueError, TypeError, KeyError, AttributeError, RecursionError):
            return index  # toml_io.SchemaError is a ValueError
        index.entries = entries
        index.changed = False
        return index

    def to_bytes(self) -> bytes:
        import json

        files: dict[str, Any] = {}
        for rel, entry in sorted(self.entries.items()):
            item: dict[str, Any] = {"k": list(entry.key)}
            if entry.doc is not None:
                item["doc"] = to_json(entry.doc)
            else:
                item["error"] = entry.error
            if entry.digest is not None:
                item["d"] = entry.digest
            files[rel] = item
        body = {"format": FORMAT, "root": self.root_id, "files": files}
        # ASCII escapes keep file names that are not UTF-8 (lone surrogates here) exact.
        return json.dumps(body, separators=(",", ":")).encode("ascii")

    def put(
        self, rel: str, key: Key, doc: Doc, data: bytes | None = None, item: Decoded | None = None
    ) -> None:
        """Record a file pmcoach just wrote (its document, and its bytes and item when
        known), so the next scan need not parse or decode it. A racy file recorded
        without its bytes is read again next time."""
        digest = None
        if cachedir.is_racy(key, time.time_ns()):
            digest = "-" if data is None else cachedir.digest(data)
        self.entries[rel] = _Entry(key, doc, None, digest, item)
        self.changed = True

    def current(self, rel: str, key: Key, path: str | Path) -> _Entry | None:
        """The entry for a file whose key is `key` now, if it still holds its content."""
        entry = self.entries.get(rel)
        if entry is None or entry.key != key:
            return None
        if entry.digest is not None:
            if cachedir.content_digest(path) != entry.digest:
                return None
            if not cachedir.is_racy(key, time.time_ns()):
                # Its times can now tell the next change: no need to read it again.
                entry.digest = None
                self.changed = True
        return entry

    def copy(self) -> Index:
        """The same entries, each its own (`current` and `item` change them); the
        documents and decoded items are never changed, and are shared."""
        index = Index(self.root_id)
        index.entries = {
            rel: _Entry(e.key, e.doc, e.error, e.digest, e.item, e.loaded)  # 3x `replace`'s speed
            for rel, e in self.entries.items()
        }
        index.changed = self.changed
        return index

    def scan(self, root: Path, folders: Sequence[str]) -> list[Scanned]:
        """Every `.toml` file under the folders, parsed or taken from the index."""
        return self.read(walk(root, folders))

    def read(self, found: Sequence[Found]) -> list[Scanned]:
        """The files of a walk, parsed or taken from the index; files the walk did not
        find leave the index."""
        scanned = [self._scanned(item) for item in found]
        seen = {item.rel for item in found}
        for rel in set(self.entries) - seen:
            del self.entries[rel]
            self.changed = True
        return scanned

    def _scanned(self, item: Found) -> Scanned:
        rel, path, key = item.rel, item.path, item.key
        if key is None:
            return Scanned(rel, path, None, item.error or "cannot be read")
        cached = self.current(rel, key, item.full)
        if cached is not None and (cached.doc is not None or not cached.loaded):
            return Scanned(rel, path, cached.doc, cached.error, key)
        entry = self._read_file(rel, path, key)
        return Scanned(rel, path, entry.doc, entry.error, entry.key)

    def _read_file(self, rel: str, path: Path, key: Key) -> _Entry:
        """The file's entry as read from the data folder now."""
        try:
            data, key = read_bytes(path)
        except toml_io.SchemaError as exc:
            entry = _Entry(key, None, str(exc))
        else:
            digest = _racy_digest(key, data)
            try:
                entry = _Entry(key, toml_io.parse_document(data), None, digest)
            except toml_io.SchemaError as exc:
                entry = _Entry(key, None, str(exc), digest)
        old = self.entries.get(rel)
        if old is None or (old.key, old.doc, old.error) != (entry.key, entry.doc, entry.error):
            self.changed = True
        self.entries[rel] = entry
        return entry

    def item(self, scanned: Scanned, decode: Callable[[Scanned], Decoded]) -> Decoded:
        """The scanned file's session or event, decoded once per entry."""
        entry = self.entries.get(scanned.rel)
        if entry is None or entry.key != scanned.key:  # a file not read through the index
            return decode(scanned)
        if entry.item is None:
            entry.item = decode(scanned)
            if isinstance(entry.item, str) and entry.loaded:
                fresh = self._read_file(scanned.rel, scanned.path, entry.key)
                rel, path = scanned.rel, scanned.path
                fresh.item = decode(Scanned(rel, path, fresh.doc, fresh.error, fresh.key))
                return fresh.item
        return entry.item


def _racy_digest(key: Key, data: bytes) -> str | None:
    return cachedir.digest(data) if cachedir.is_racy(key, time.time_ns()) else None


class FolderIndex:
    """A data folder's index, kept in its cache folder: read on the store's first
    refresh, saved after every refresh that changed it (`scan.DocumentIndex`)."""

    def __init__(self, root: Path, cache_dir: Path) -> None:
        self.root = root
        self.cache_dir = cache_dir
        self._index: Index | None = None

    @property
    def ready(self) -> bool:
        return self._index is not None

    def _loaded(self) -> Index:
        if self._index is None:
            data = cachedir.read(self.cache_dir, INDEX_NAME)
            self._index = Index.from_bytes(data, os.path.realpath(self.root))
        return self._index

    def read(self, found: Sequence[Found]) -> list[Scanned]:
        return self._loaded().read(found)

    def item(self, scanned: Scanned, decode: Callable[[Scanned], Decoded]) -> Decoded:
        return self._loaded().item(scanned, decode)

    def put(self, rel: str, key: Key, doc: Doc, data: bytes, item: Decoded) -> None:
        if self._index is not None:
            self._index.put(rel, key, doc, data, item)

    def current(self, rel: str, key: Key, path: Path) -> Decoded | None:
        entry = None if self._index is None else self._index.current(rel, key, path)
        return None if entry is None else entry.item

    def copy(self) -> FolderIndex:
        """For a store's fork (`Store.fork`): what is read already, copied."""
        copy = FolderIndex(self.root, self.cache_dir)
        copy._index = None if self._index is None else self._index.copy()
        return copy

    def save(self) -> None:
        """Best effort: without a usable cache folder pmcoach is slower, not broken."""
        index = self._index
        if (
            index is not None
            and index.changed
            and cachedir.write(self.cache_dir, INDEX_NAME, index.to_bytes())
        ):
            index.changed = False
