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

Above the index sits a second, faster layer: the decoded sessions and events
themselves (`decoded.pickle`), because checking ten years of documents field by
field costs more than reading them. It is keyed by the same file keys, by the
program's version and code, and by the index it was built from; on any
mismatch the index path runs as before and the layer is written again. Both
layers, and the rubric's, are read only from files this user owns and nobody
else can write, and unpickled with a list of the classes they may hold, so a
planted file can at worst be ignored.
"""

from __future__ import annotations

import datetime as dt
import functools
import gc
import io
import os
import pickle
import stat
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from pmcoach import __version__, codec
from pmcoach.model import Event, Session

FORMAT = 1
INDEX_NAME = "index.json"
DECODED_NAME = "decoded.pickle"
DECODED_FORMAT = 1
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
    try:
        st = os.fstat(fd)
    except OSError as exc:
        os.close(fd)
        raise codec.SchemaError(f"cannot be read: {exc.strerror}") from None
    if not stat.S_ISREG(st.st_mode):
        os.close(fd)  # before fdopen, which refuses a folder with IsADirectoryError
        raise codec.SchemaError("is not a regular file")
    with os.fdopen(fd, "rb") as handle:
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
        import json  # only when the decoded cache is missing or stale

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
        import json

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
        cached = self.entries.get(rel)
        if cached is not None and cached.key == key:
            return Scanned(rel, path, cached.doc, cached.error, key)
        self.changed = True
        try:
            doc, key = read_document(path)
        except codec.SchemaError as exc:
            self.entries[rel] = _Entry(key, None, str(exc))
            return Scanned(rel, path, None, str(exc), key)
        self.entries[rel] = _Entry(key, doc, None)
        return Scanned(rel, path, doc, None, key)


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


# --------------------------------------------------------------------------- private pickles

# What a cache pickle may hold: a class named here, nothing else. Unpickling may call
# anything it names, so a planted file must not be able to name os.system.
_PICKLE_MODULES = frozenset(
    {"datetime", "pathlib", "pmcoach.model", "pmcoach.rubric", "pmcoach.tomlsource"}
)


class _Unpickler(pickle.Unpickler):
    def find_class(self, module_name: str, name: str) -> Any:
        if module_name not in _PICKLE_MODULES:
            raise pickle.UnpicklingError(f"{module_name}.{name} is not kept in a cache")
        found = super().find_class(module_name, name)
        if not isinstance(found, type):
            raise pickle.UnpicklingError(f"{module_name}.{name} is not kept in a cache")
        return found


@functools.cache
def code_key() -> tuple[object, ...]:
    """Python's version and the package's own modules, by name, size and mtime: a cache
    of objects is only good for the code that made it. pmcoach's version alone does not
    change while the code is being worked on, and an object pickled before a field was
    added lacks that field. Looked at once a process, near when the code was read."""
    folder = Path(__file__).parent
    found: list[tuple[str, int, int]] = []
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.name.endswith(".py"):
                info = entry.stat()
                found.append((entry.name, info.st_size, info.st_mtime_ns))
    return (sys.hexversion, *sorted(found))


def read_own(path: Path) -> bytes | None:
    """The bytes of a cache file that only this user can have written, else None.

    A link, a file or folder owned by someone else, or one that others may write, is
    not read: what is in it would be unpickled.
    """
    flags = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    try:
        folder = os.stat(path.parent)
        fd = os.open(path, flags)
    except OSError:
        return None
    with os.fdopen(fd, "rb") as handle:
        try:
            info = os.fstat(fd)
            uid = os.geteuid()
            if not (
                stat.S_ISREG(info.st_mode)
                and info.st_uid == uid
                and not info.st_mode & 0o022
                and folder.st_uid == uid
                and not folder.st_mode & 0o022
            ):
                return None
            return handle.read()
        except OSError:
            return None


def dump_pickle(key: object, value: object) -> bytes:
    """Two pickles in one file: the key, then the value, so a stale file costs only
    the key's unpickling."""
    return pickle.dumps(key, pickle.HIGHEST_PROTOCOL) + pickle.dumps(value, pickle.HIGHEST_PROTOCOL)


def load_pickle(path: Path, key: object) -> Any:
    """The value saved under `key` by `dump_pickle`, or None for anything else."""
    data = read_own(path)
    if data is None:
        return None
    stream = io.BytesIO(data)
    # Ten thousand new objects would run the cyclic collector over and over (a third
    # of the time); nothing unpickled here is garbage yet.
    collecting = gc.isenabled()
    gc.disable()
    try:
        if _Unpickler(stream).load() != key:
            return None
        return _Unpickler(stream).load()
    except Exception:  # a cache that cannot be read is a miss, whatever the cause
        return None
    finally:
        if collecting:
            gc.enable()


def save_private(path: Path, data: bytes) -> bool:
    """Best effort: a cache that cannot be written only costs time next run."""
    from pmcoach.store import StoreError, make_private_dir, write_atomic

    try:
        make_private_dir(path.parent)
        write_atomic(path, data)
    except (StoreError, OSError):
        return False
    return True


# --------------------------------------------------------------------------- decoded items

Decoded = Session | Event | str  # a file's session or event, or why it is a problem


def share(doc: Doc, seen: dict[object, object]) -> Doc:
    """The document with each string and time zone equal to one in `seen` replaced by
    that one. Ten years of answers repeat the same question ids and offsets thousands of
    times; pickled once each, the decoded cache is a third smaller and loads faster."""
    try:
        shared = _share(doc, seen)
    except RecursionError:  # sharing only saves space; the reader reports the nesting
        return doc
    assert isinstance(shared, dict)
    return shared


def _share(value: Any, seen: dict[object, object]) -> Any:
    if isinstance(value, str):
        return seen.setdefault(value, value)
    if isinstance(value, dict):
        return {seen.setdefault(k, k): _share(v, seen) for k, v in value.items()}
    if isinstance(value, list):
        return [_share(v, seen) for v in value]
    if isinstance(value, dt.datetime) and type(value.tzinfo) is dt.timezone:
        # Equal offsets with other names compare equal, so the name is part of the key.
        zone = seen.setdefault((value.tzinfo, value.tzinfo.tzname(None)), value.tzinfo)
        if zone is not value.tzinfo and isinstance(zone, dt.timezone):
            return value.replace(tzinfo=zone)
    return value


class DecodedCache:
    """Decoded items by relative path, each with the key of the file it came from.

    Valid only with the index it was built beside (`index_key`): a rebuilt or replaced
    index means the items are made again from it.
    """

    def __init__(self, root_id: str, index_key: Key | None) -> None:
        self.root_id = root_id
        self.index_key = index_key
        self.entries: dict[str, tuple[Key, Decoded]] = {}
        self.changed = False

    @staticmethod
    def header(root_id: str, index_key: Key | None) -> tuple[object, ...]:
        return (DECODED_FORMAT, __version__, code_key(), root_id, index_key)

    @classmethod
    def load(cls, path: Path, root_id: str, index_key: Key | None) -> DecodedCache:
        """The cache saved for this folder and index, or an empty one."""
        cached = cls(root_id, index_key)
        entries = load_pickle(path, cls.header(root_id, index_key))
        if not isinstance(entries, dict):
            cached.changed = True
            return cached
        for rel, entry in entries.items():
            if not _good_entry(rel, entry):
                cached.entries = {}
                cached.changed = True
                break
            cached.entries[rel] = entry
        return cached

    def to_bytes(self) -> bytes:
        return dump_pickle(self.header(self.root_id, self.index_key), self.entries)

    def get(self, rel: str, key: Key) -> Decoded | None:
        entry = self.entries.get(rel)
        return entry[1] if entry is not None and entry[0] == key else None

    def put(self, rel: str, key: Key, value: Decoded) -> None:
        self.entries[rel] = (key, value)
        self.changed = True

    def keep_only(self, rels: set[str]) -> None:
        for rel in set(self.entries) - rels:
            del self.entries[rel]
            self.changed = True


def _good_entry(rel: object, entry: object) -> bool:
    if not (isinstance(rel, str) and isinstance(entry, tuple) and len(entry) == 2):
        return False
    key, value = entry
    if not (isinstance(key, tuple) and len(key) == 4 and all(type(k) is int for k in key)):
        return False
    if isinstance(value, str):
        return True
    expected = Session if rel.startswith("sessions/") else Event
    return type(value) is expected
