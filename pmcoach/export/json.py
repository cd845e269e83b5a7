"""The JSON export: everything, for analysis and as a backup `pmcoach import` restores.

Each session, event and the settings are written as their TOML file would read,
built by the same codec functions that write the files, with dates and times as
ISO 8601 strings. So the export cannot drift from the data format, and importing
it writes the same files again (kind-specific TOML dates of events come back as text).

Private text is left out unless asked for: a `{ text, private }` table becomes
`{ "private": true }` and a private commitment keeps only its id, due date and
flag, so a reader still sees that something was there, and when, without seeing
what. The layout is documented in docs/data-format.md, "Exports".
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from typing import Any

from pmcoach.export import ExportData, privacy
from pmcoach.storage import codec

FORMAT = "pmcoach-export"
VERSION = 1

Doc = dict[str, Any]


def plain(value: object) -> Any:
    """A TOML-typed value as JSON: dates and times become ISO strings."""
    if isinstance(value, dt.date | dt.time):  # datetime is a date
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return value


def _is_table_array(value: object) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, Mapping) for v in value)


def file_order(doc: Doc) -> Doc:
    """The keys in the order the file has them: the codec writes arrays of tables
    (`[[name]]`) after every other key. An event built in memory may hold them
    anywhere; ordered like this, an export read back into files exports the same."""
    first = {k: v for k, v in doc.items() if not _is_table_array(v)}
    return {**first, **{k: v for k, v in doc.items() if k not in first}}


def _hide(table: Mapping[str, Any], include_private: bool) -> Mapping[str, Any]:
    if include_private or table.get("private") is not True:
        return table
    return {"private": True}


def _hide_in(doc: Doc, key: str, include_private: bool) -> None:
    if key in doc:
        doc[key] = _hide(doc[key], include_private)


def session_json(doc: Doc, include_private: bool) -> Doc:
    """A session document with its private text left out unless included: every
    `{ text, private }` table at any depth (the known ones, and those in fields a
    newer pmcoach added), and a private commitment's text and recipient."""
    if include_private:
        return doc
    for key, value in doc.items():
        if key == "commitments":
            doc[key] = [_hide_commitment(c) for c in value]
        else:
            doc[key] = _hide_data(value, include_private)
    return doc


def _hide_commitment(commitment: Mapping[str, Any]) -> Doc:
    if commitment.get("private"):
        return {"id": commitment["id"], "due": commitment["due"], "private": True}
    return {k: v if k in ("text", "to") else _hide_data(v, False) for k, v in commitment.items()}


def _hide_data(value: Any, include_private: bool) -> Any:
    if privacy.is_text_table(value):
        return _hide(value, include_private)
    if isinstance(value, Mapping):
        return {k: _hide_data(v, include_private) for k, v in value.items()}
    if isinstance(value, list):
        return [_hide_data(v, include_private) for v in value]
    return value


def event_json(doc: Doc, include_private: bool) -> Doc:
    out: Doc = {}
    for key, value in doc.items():
        if key in codec.EVENT_KEYS:
            out[key] = _hide(value, include_private) if key == "text" else value
        else:
            out[key] = _hide_data(value, include_private)
    return out


def _period(data: ExportData) -> Doc:
    period = data.period
    if period.start is None:
        return {"start": None, "end": None, "label": period.label}
    return {"start": period.start.isoformat(), "end": period.end.isoformat(), "label": period.label}


def document(data: ExportData) -> Doc:
    """The whole export as one document for `dumps`. Its keys come in a fixed order and
    each item's in its file's order, so two exports of the same folder are the same."""
    include = data.include_private
    sessions = sorted(data.sessions_in(), key=lambda s: (s.started, s.id))
    events = sorted(data.events_in(), key=lambda e: (e.at, e.id))
    left_out = data.left_out
    config = plain(codec.config_doc(data.config))
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported": data.now.replace(microsecond=0).isoformat(),
        "complete": data.period.start is None and left_out == 0 and not data.unreadable,
        "include_private": include,
        "left_out": left_out,
        "unreadable": list(data.unreadable),
        "period": _period(data),
        "config": config,
        # Dates and times stay objects here; `dumps` writes them as ISO strings as it goes,
        # which spares a second walk over ten years of answers.
        "sessions": [session_json(codec.session_doc(s), include) for s in sessions],
        "events": [file_order(event_json(codec.event_doc(e), include)) for e in events],
    }


def _iso(value: object) -> str:
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not a TOML value")


def _compact(value: object) -> str:
    return json.dumps(
        value, ensure_ascii=False, allow_nan=False, separators=(", ", ": "), default=_iso
    )


def dumps(doc: Doc) -> str:
    """UTF-8 JSON with one session or event a line, and a final newline; NaN refused.

    A line per item keeps a backup readable, greppable and diffable, and lets the
    standard library's C encoder write each line: indenting every level (`indent=2`)
    runs its pure-Python encoder, several times slower on ten years of history.
    """
    lines = ["{"]
    last = len(doc) - 1
    for index, (key, value) in enumerate(doc.items()):
        comma = "," if index < last else ""
        if isinstance(value, list) and value:
            lines.append(f"  {_compact(key)}: [")
            end = len(value) - 1
            lines += [f"    {_compact(item)}{',' * (i < end)}" for i, item in enumerate(value)]
            lines.append(f"  ]{comma}")
        else:
            lines.append(f"  {_compact(key)}: {_compact(value)}{comma}")
    lines.append("}")
    return "\n".join(lines) + "\n"


def render(data: ExportData) -> str:
    return dumps(document(data))
