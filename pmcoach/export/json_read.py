"""Reading a JSON export back: its bytes parsed and every document checked, nothing written.

`pmcoach import` (app.importer) and the team page (export.team) both read exports, and
read them here, the one place that knows the format and version: an export is checked
exactly as the store would check its files, encoded included, so a file import would
write is one the store can read.

JSON has no dates, so the fields the data format defines as dates and times are
turned back into them. Kind-specific event values that were TOML dates or times
stay strings, as the export wrote them (docs/data-format.md, "Exports").
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import sys
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from pmcoach.domain.ids import ID_PATTERN
from pmcoach.domain.model import COMMITMENT_EDIT, COMMITMENT_REVIEW, Config, Event, Session
from pmcoach.storage import paths, scan, toml_io
from pmcoach.storage.config import decode_config, encode_config
from pmcoach.storage.events import decode_event, encode_event
from pmcoach.storage.sessions import decode_session, encode_session
from pmcoach.text import figures

FORMAT = "pmcoach-export"
VERSION = 1
# A backup of ten years of weekly sessions is a few MB; this only stops a wrong file.
MAX_IMPORT_SIZE = 64 << 20
HINT = "import reads a file written by pmcoach export --format json"

SESSION_MOMENTS = ("started", "updated", "finished")
_EVENT_MOMENTS = ("at", "updated")


T = TypeVar("T")


class ImportRefused(Exception):
    """The file cannot be read as an export (or, from app.importer, imported); the message
    is one line, and nothing was changed."""


@dataclass(frozen=True)
class Backup:
    """An export's contents, every document checked."""

    config: Config | None
    sessions: tuple[Session, ...]
    events: tuple[Event, ...]


def read_file(name: str) -> bytes:
    """The file's bytes (`-` for standard input), at most MAX_IMPORT_SIZE."""
    if name == "-":
        data = sys.stdin.buffer.read(MAX_IMPORT_SIZE + 1)
    else:
        path = paths.expand(name)  # `~nosuchuser/x.json` is a PathError: one line
        if path.is_dir():
            raise ImportRefused(f"{name} is a folder, not an export file")
        try:
            with open(path, "rb") as handle:
                data = handle.read(MAX_IMPORT_SIZE + 1)
        except FileNotFoundError:
            raise ImportRefused(f"{name}: no such file") from None
        except OSError as exc:
            raise ImportRefused(f"{name}: cannot be read: {exc.strerror or exc}") from None
    if len(data) > MAX_IMPORT_SIZE:
        raise ImportRefused(f"{name}: larger than {MAX_IMPORT_SIZE >> 20} MiB; not an export")
    return data


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    doc: dict[str, Any] = {}
    for key, value in pairs:
        if key in doc:
            raise ValueError(f"the key {key[:40]!r} appears twice in one object")
        doc[key] = value
    return doc


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


def _load_json(data: bytes, hint: str) -> Any:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ImportRefused(f"not UTF-8 text (bad byte at position {exc.start}); {hint}") from None
    try:
        return json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        raise ImportRefused(
            f"not JSON: {exc.msg} (at line {exc.lineno}, column {exc.colno}); {hint}"
        ) from None
    except RecursionError:
        raise ImportRefused("not readable: nested too deeply") from None
    except ValueError as exc:
        raise ImportRefused(f"not usable JSON: {exc}") from None


def export_document(data: bytes, hint: str = HINT, verb: str = "import") -> Mapping[str, Any]:
    """The bytes of a JSON export as its top-level object, its format and version
    checked; ImportRefused in one line naming what is wrong, with `hint` on what the
    command reads and `verb` for what a newer export cannot be (imported, read)."""
    doc = _load_json(data, hint)
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise ImportRefused(f'not a pmcoach export (no "format": "{FORMAT}"); {hint}')
    version = doc.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ImportRefused(f"version: expected {VERSION}, got {figures.json_value(version)}")
    if version > VERSION:
        raise ImportRefused(
            f"written by a newer pmcoach (export version {version}); update pmcoach to {verb} it"
        )
    return doc


def _converted(doc: dict[str, Any], key: str, parse: Callable[[str], object]) -> None:
    """A date or time back from its ISO string; a string that is not one is left for
    the codec to refuse with its own message."""
    value = doc.get(key)
    if isinstance(value, str):
        with contextlib.suppress(ValueError):
            doc[key] = parse(value)


def _left_out(value: object) -> bool:
    """The export's mark for private text it left out: `{ "private": true }` alone."""
    return isinstance(value, dict) and value == {"private": True}


def _dicts(value: object, key: str) -> Iterator[dict[str, Any]]:
    items = value.get(key) if isinstance(value, dict) else None
    if isinstance(items, list):
        yield from (item for item in items if isinstance(item, dict))


def _hidden_session_text(doc: Mapping[str, Any]) -> str | None:
    for index, commitment in enumerate(_dicts(doc, "commitments")):
        if commitment.get("private") is True and "text" not in commitment:
            return f"commitments[{index}]"
    return _hidden_data(doc, "")


def _hidden_data(value: object, where: str) -> str | None:
    if _left_out(value):
        return where
    if isinstance(value, dict):
        for key, item in value.items():
            found = _hidden_data(item, toml_io.key_path(where, key))
            if found:
                return found
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found = _hidden_data(item, f"{where}[{index}]")
            if found:
                return found
    return None


def _readable(data: bytes) -> toml_io.Doc:
    """The file this item would be, read back as the store will read it: pmcoach must
    not write a file it then lists as a problem (too large, nested too deeply)."""
    return toml_io.parse_document(scan.fits(data))


def _session(doc: dict[str, Any]) -> Session:
    for key in SESSION_MOMENTS:
        _converted(doc, key, dt.datetime.fromisoformat)
    for name in ("commitments", "commitment_reviews"):
        for commitment in _dicts(doc, name):
            _converted(commitment, "due", dt.date.fromisoformat)
    session = decode_session(doc)
    decode_session(_readable(encode_session(session)))
    return session


def _event(doc: dict[str, Any]) -> Event:
    for key in _EVENT_MOMENTS:
        _converted(doc, key, dt.datetime.fromisoformat)
    if doc.get("kind") in (COMMITMENT_REVIEW, COMMITMENT_EDIT):
        _converted(doc, "due", dt.date.fromisoformat)  # the date data-format.md defines
    event = decode_event(doc)
    decode_event(_readable(encode_event(event)))
    return event


def _config(doc: object) -> Config | None:
    if doc is None:
        return None
    if not isinstance(doc, dict):
        raise ImportRefused(f"config: expected an object, got {figures.json_value(doc)}")
    _converted(doc, "review_time", dt.time.fromisoformat)
    _converted(doc, "onboarded", dt.date.fromisoformat)
    try:
        config = decode_config(doc)
        encode_config(config)
    except toml_io.SchemaError as exc:
        raise ImportRefused(f"config: {exc}") from None
    return config


def _items(doc: Mapping[str, Any], key: str) -> list[Any]:
    value = doc.get(key, [])
    if not isinstance(value, list):
        raise ImportRefused(f"{key}: expected a list, got {figures.json_value(value)}")
    return value


def _where(key: str, index: int, item: object) -> str:
    item_id = item.get("id") if isinstance(item, dict) else None
    named = isinstance(item_id, str) and ID_PATTERN.match(item_id)
    return f"{key}[{index}] ({item_id})" if named else f"{key}[{index}]"


def _checked(key: str, index: int, item: object, read: Callable[[dict[str, Any]], T]) -> T:
    where = _where(key, index, item)
    if not isinstance(item, dict):
        raise ImportRefused(f"{where}: expected an object, got {figures.json_value(item)}")
    hidden = _hidden_session_text(item) if key == "sessions" else _hidden_data(item, "")
    if hidden is not None:
        raise ImportRefused(
            f"{where}.{hidden}: private text was left out of this export; "
            "import needs one made with --include-private"
        )
    try:
        return read(item)
    except toml_io.SchemaError as exc:
        raise ImportRefused(f"{where}: {exc}") from None
    except RecursionError:
        raise ImportRefused(f"{where}: nested too deeply") from None


def parse_export(data: bytes) -> Backup:
    """Check a whole export; raises ImportRefused naming the first thing wrong."""
    doc = export_document(data)
    config = _config(doc.get("config"))
    sessions = [_checked("sessions", i, d, _session) for i, d in enumerate(_items(doc, "sessions"))]
    events = [_checked("events", i, d, _event) for i, d in enumerate(_items(doc, "events"))]
    session_ids: set[str] = set()
    for session in sessions:
        if session.id in session_ids:
            raise ImportRefused(f"the session {session.id} appears twice in the file")
        session_ids.add(session.id)
    event_ids: set[str] = set()
    for item in events:
        if item.id in session_ids:
            # Written, both would read; but an id names one thing (the trash, the
            # history's links), and the folder could not tell which one is meant.
            raise ImportRefused(f"the id {item.id} is both a session and an event in the file")
        if item.id in event_ids:
            raise ImportRefused(f"the event {item.id} appears twice in the file")
        event_ids.add(item.id)
    return Backup(config, tuple(sessions), tuple(events))


def read_export(name: str) -> Backup:
    """The export in file `name` (`-`: standard input), checked; errors name the file."""
    data = read_file(name)
    try:
        return parse_export(data)
    except ImportRefused as exc:
        raise ImportRefused(f"{name}: {exc}") from None
