"""Event files: one thing that happened (a capture, a commitment's review, a drill),
as a TOML document and back (docs/data-format.md, "Event files")."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

from pmcoach.domain import daterange
from pmcoach.domain.ids import KIND_PATTERN
from pmcoach.domain.model import (
    COMMITMENT_EDIT,
    COMMITMENT_OUTCOMES,
    COMMITMENT_REVIEW,
    COMMITMENT_WITHDRAWN,
    TOPIC,
    TOPIC_DONE,
    Event,
)
from pmcoach.storage.fields import Table, check_data, read_id, text_doc
from pmcoach.storage.toml_io import (
    SCHEMA,
    Doc,
    SchemaError,
    check_schema,
    compact,
    fail,
    key_path,
    to_bytes,
)

# Event keys with a meaning of their own; every other top-level key is kind-specific data.
EVENT_KEYS = frozenset({"schema", "id", "kind", "at", "device", "updated", "skill", "text"})
# Kind-specific values that name an ISO week ("2026-W48"), checked like every date.
WEEK_KEYS: dict[str, tuple[str, ...]] = {"skip-week": ("week",)}
_ISO_WEEK = re.compile(r"(\d{4})-W(\d{2})\Z")


def check_week(where: str, value: object) -> None:
    """A value naming an ISO week: when it is a real week, its Monday must be in the
    range. Anything else is left to the reader, which falls back on the event's week."""
    match = _ISO_WEEK.match(value.strip()) if isinstance(value, str) else None
    if match is None:
        return
    try:
        monday = dt.date.fromisocalendar(int(match[1]), int(match[2]), 1)
    except ValueError:
        return
    if not daterange.contains(monday):
        fail(where, f"a week from {daterange.RANGE}", value)


def _check_commitment_event(kind: str, top: Table) -> None:
    """The keys of the kinds that change a commitment, checked as a session's are: the
    ledger computes with them, so a file it could not use is listed, not half-read."""
    if kind not in (COMMITMENT_REVIEW, COMMITMENT_EDIT, COMMITMENT_WITHDRAWN):
        return
    top.string("commitment")
    if kind == COMMITMENT_REVIEW:
        if top.choice("outcome", COMMITMENT_OUTCOMES) == "renegotiated":
            top.day("due")  # renegotiating is agreeing a new date
        elif "due" in top.doc:
            raise SchemaError("due: only a renegotiation has a new date")
    elif kind == COMMITMENT_EDIT:
        top.opt_day("due")
        top.text("to")
        if top.doc.get("text") is None and top.doc.get("to") is None and "due" not in top.doc:
            raise SchemaError("commitment-edit: changes nothing (no text, to or due)")


def _check_topic_event(kind: str, top: Table) -> None:
    """A topic says what to raise; marking one discussed names it. The agenda computes with
    both, so a file missing either is listed, not shown as an empty line."""
    if kind == TOPIC:
        text = top.text("text")
        if text is None or not text.text.strip():
            raise SchemaError("text: missing (a topic says what to raise)")
    elif kind == TOPIC_DONE and not top.string("topic").strip():
        raise SchemaError("topic: empty (it names the topic discussed)")


def decode_event(doc: Mapping[str, Any]) -> Event:
    check_schema(doc)
    top = Table(doc)
    kind = top.string("kind")
    if not KIND_PATTERN.match(kind):
        fail("kind", "a lower-case word like exercise-done", kind)
    data = {k: v for k, v in doc.items() if k not in EVENT_KEYS}
    for key, value in data.items():
        check_data(key_path("", key), value)
    for key in WEEK_KEYS.get(kind, ()):
        check_week(key_path("", key), data.get(key))
    _check_commitment_event(kind, top)
    _check_topic_event(kind, top)
    return Event(
        id=read_id(top),
        kind=kind,
        at=top.moment("at"),
        device=top.string("device"),
        skill=top.opt_string("skill"),
        text=top.text("text"),
        data=data,
        updated=top.opt_moment("updated"),
        schema=SCHEMA,
    )


def event_doc(event: Event) -> Doc:
    clash = sorted(set(event.data) & EVENT_KEYS)
    if clash:
        raise SchemaError(f"{clash[0]}: reserved, cannot be event data")
    doc = compact(
        {
            "schema": SCHEMA,
            "id": event.id,
            "kind": event.kind,
            "at": event.at,
            "device": event.device,
            "updated": event.updated,
            "skill": event.skill,
            "text": text_doc(event.text),
        }
    )
    doc.update(event.data)
    return doc


def encode_event(event: Event) -> bytes:
    doc = event_doc(event)
    decode_event(doc)
    return to_bytes(doc, inline=True)
