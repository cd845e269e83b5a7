"""Schema migrations: bringing files written by an older pmcoach up to this version.

`schema` rises only when the meaning of a file has to change (docs/data-format.md,
"Versions and migrations"). A migration is a function from a document of schema N to
one of schema N+1, registered for one kind of file (session, event or config). No
migration exists yet: every file is schema 1.

Rewriting someone's history is the riskiest thing pmcoach can do, so `migrate_file`
works in this order and stops at the first failure, with the file as it was:

1. read the file and migrate its document in memory, step by step up to SCHEMA;
2. encode the result with every field kept, read those bytes back, and check that they
   decode and hold exactly the migrated document (types and UTC offsets included);
3. copy the original bytes, unchanged, to `backups/<UTC time>/<relative path>` in the
   data folder (owner-only, written atomically, read back and compared);
4. replace the file atomically, if it has not changed since step 1.

A file that fails in steps 1–2 gets no backup: it is not touched, and a backup for
each failed try would fill the folder. The caller holds the store's lock, so that no
other pmcoach of this machine saves the file meanwhile; step 4 notices a sync tool.
"""

from __future__ import annotations

import copy
import datetime as dt
import math
import os
import stat
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pmcoach import cache, codec
from pmcoach.store import StoreError, make_private_dir, write_atomic

BACKUPS = "backups"
CONFIG_NAME = "config.toml"

Doc = dict[str, Any]
Migration = Callable[[Doc], Doc]

# (kind of file, schema it reads) -> the step to the next schema.
MIGRATIONS: dict[tuple[str, int], Migration] = {}


class MigrationError(StoreError):
    """A file that was not migrated, and why, in one line; the file is as it was."""


@dataclass(frozen=True)
class Migrated:
    path: Path
    backup: Path
    source: int  # the schema it had
    target: int  # the schema it has now


def register(kind: str, source: int) -> Callable[[Migration], Migration]:
    """Decorator: the function turns a `kind` document of schema `source` into one of
    schema `source + 1`. It gets a copy it may change; `schema` is set for it."""
    if kind not in codec.FILE_KINDS:
        raise ValueError(f"not a kind of file: {kind!r}")

    def add(function: Migration) -> Migration:
        if (kind, source) in MIGRATIONS:
            raise ValueError(f"a {kind} migration from schema {source} is registered already")
        MIGRATIONS[(kind, source)] = function
        return function

    return add


def file_kind(rel: str) -> str | None:
    """The kind of file at a path relative to the data folder, or None if it has no schema."""
    if rel == CONFIG_NAME:
        return "config"
    parts = rel.split("/")
    if len(parts) >= 2 and parts[-1].endswith(".toml"):
        return {"sessions": "session", "events": "event"}.get(parts[0])
    return None


def schema_of(doc: Mapping[str, Any]) -> int | None:
    """The document's schema if it is a whole number, else None (the codec says why)."""
    value = doc.get("schema")
    return value if type(value) is int else None


def needs_migration(doc: Mapping[str, Any]) -> bool:
    schema = schema_of(doc)
    return schema is not None and schema < codec.SCHEMA


def migrate_document(kind: str, doc: Mapping[str, Any]) -> Doc:
    """The document at SCHEMA, by every registered step from its own schema."""
    schema = schema_of(doc)
    if schema is None or schema > codec.SCHEMA:
        schema = codec.check_schema(doc)  # raises, with the codec's own reason
    current: Doc = copy.deepcopy(dict(doc))
    while schema < codec.SCHEMA:
        step = MIGRATIONS.get((kind, schema))
        if step is None:
            raise MigrationError(f"no migration of a {kind} from schema {schema}")
        try:
            result = step(copy.deepcopy(current))
        except Exception as exc:  # a broken step is reported, never fatal
            raise MigrationError(
                f"the {kind} migration from schema {schema} failed: "
                f"{type(exc).__name__}: {_one_line(str(exc))}"
            ) from None
        if not isinstance(result, dict):
            raise MigrationError(
                f"the {kind} migration from schema {schema} gave {type(result).__name__}, "
                "not a document"
            )
        schema += 1
        result["schema"] = schema
        current = result
    return current


def migrate_file(root: Path, path: Path, *, stamp: str | None = None) -> Migrated | None:
    """Migrate one file of the data folder `root`; None when it is at SCHEMA already.

    Raises MigrationError (a StoreError) with a one-line reason when the file cannot be
    migrated; the file is then exactly as it was. `stamp` names the backup folder, so
    that one run over the folder keeps its backups together.
    """
    rel = _relative(root, path)
    kind = file_kind(rel)
    if kind is None:
        raise MigrationError(f"{rel}: not a session, event or config file")
    original, key = _read(path, rel)
    try:
        doc = codec.parse_document(original)
        source = schema_of(doc)
        if source is None or source >= codec.SCHEMA:
            codec.check_schema(doc)  # raises for a newer or broken schema
            return None
        migrated = migrate_document(kind, doc)
    except (codec.SchemaError, MigrationError) as exc:
        raise MigrationError(f"{rel}: {exc}") from None
    data = _encoded(kind, migrated, rel)
    backup = _backup(root, rel, original, stamp or _stamp())
    _replace(path, rel, key, data)
    return Migrated(path, backup, source, codec.SCHEMA)


def migrate_folder(root: Path) -> tuple[list[Migrated], list[MigrationError]]:
    """Every file of the folder that needs it, with one backup folder for the run.

    A file that cannot be read is left to the store, which lists it as a problem; a
    file that needs a migration and fails is returned with its reason.
    """
    stamp = _stamp()
    done: list[Migrated] = []
    failed: list[MigrationError] = []
    for path in _candidates(root):
        try:
            doc = codec.parse_document(_read(path, _relative(root, path))[0])
        except (MigrationError, codec.SchemaError):
            continue
        if not needs_migration(doc):
            continue
        try:
            result = migrate_file(root, path, stamp=stamp)
        except MigrationError as exc:
            failed.append(exc)
            continue
        if result is not None:
            done.append(result)
    return done, failed


# --------------------------------------------------------------------------- steps


def _one_line(text: str) -> str:
    return " ".join(text.split())[:300]


def _relative(root: Path, path: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        raise MigrationError(f"{path} is not in the data folder {root}") from None


def _read(path: Path, rel: str) -> tuple[bytes, cache.Key]:
    """The file's bytes and key, read as the store reads it: no links, no FIFOs, no
    file over the size the store reads."""
    flags = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise MigrationError(f"{rel}: cannot be opened: {exc.strerror}") from None
    with os.fdopen(fd, "rb") as handle:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise MigrationError(f"{rel}: is not a regular file")
        try:
            data = handle.read(cache.MAX_FILE_SIZE + 1)
        except OSError as exc:
            raise MigrationError(f"{rel}: cannot be read: {exc.strerror}") from None
    if len(data) > cache.MAX_FILE_SIZE:
        raise MigrationError(f"{rel}: larger than pmcoach reads")
    return data, cache.file_key(st)


def _encoded(kind: str, migrated: Doc, rel: str) -> bytes:
    """The migrated document as bytes, proven to read back as exactly that document."""
    where = f"{rel}: migrated to schema {codec.SCHEMA}"
    try:
        data = codec.encode_document(kind, migrated)
    except codec.SchemaError as exc:
        raise MigrationError(f"{where}, it would not be valid: {exc}") from None
    except Exception as exc:  # a step may build anything; never fatal
        raise MigrationError(f"{where}, it cannot be written: {type(exc).__name__}") from None
    if len(data) > cache.MAX_FILE_SIZE:
        raise MigrationError(f"{where}, it would be larger than pmcoach reads")
    try:
        back = codec.parse_document(data)
        codec.encode_document(kind, back)
    except codec.SchemaError as exc:
        raise MigrationError(f"{where}, it would not read back: {exc}") from None
    if not _same(back, migrated):
        raise MigrationError(f"{where}, it would not read back as it was migrated")
    return data


def _same(a: object, b: object) -> bool:
    """Equal as written: of the same types (True is not 1, a tuple is not a list), and
    times with the same UTC offset (09:00+01:00 is not 08:00Z, though Python says ==)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dt.datetime | dt.time) and isinstance(b, dt.datetime | dt.time):
        return a.isoformat() == b.isoformat()
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a):
        return math.isnan(b)
    return a == b


def _stamp() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def _check_no_links(root: Path, folder: Path) -> None:
    """A linked folder on the way would put the backup, private notes and all, wherever
    the link points."""
    current = folder
    while current != root and root in current.parents:
        if current.is_symlink():
            raise MigrationError(f"{current} {cache.SYMLINK_REASON}; no backup written there")
        current = current.parent


def _backup(root: Path, rel: str, original: bytes, stamp: str) -> Path:
    """The original bytes under backups/<stamp>/, never over an earlier backup."""
    target = root / BACKUPS / stamp / rel
    number = 2
    while target.exists() or target.is_symlink():
        target = root / BACKUPS / f"{stamp}-{number}" / rel
        number += 1
    _check_no_links(root, target.parent)
    try:
        make_private_dir(target.parent)
        write_atomic(target, original)
        with open(target, "rb") as handle:
            written = handle.read()
    except (StoreError, OSError) as exc:
        raise MigrationError(f"{rel}: no backup could be written, not migrated: {exc}") from None
    if written != original:
        raise MigrationError(f"{rel}: the backup did not read back, not migrated")
    return target


def _replace(path: Path, rel: str, key: cache.Key, data: bytes) -> None:
    try:
        now = cache.file_key(os.stat(path, follow_symlinks=False))
    except OSError as exc:
        raise MigrationError(f"{rel}: cannot be read: {exc.strerror}") from None
    if now != key:
        raise MigrationError(f"{rel}: changed while being migrated; not changed")
    try:
        write_atomic(path, data)
    except StoreError as exc:
        raise MigrationError(str(exc)) from None


def _candidates(root: Path) -> Iterator[Path]:
    """config.toml and the `.toml` files under sessions/ and events/, without following
    links and without hidden names (temp files of a save in progress)."""
    config = root / CONFIG_NAME
    if config.is_file() and not config.is_symlink():
        yield config
    for folder in ("sessions", "events"):
        for current, dirs, files in os.walk(root / folder):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                path = Path(current, name)
                if name.endswith(".toml") and not name.startswith(".") and not path.is_symlink():
                    yield path
