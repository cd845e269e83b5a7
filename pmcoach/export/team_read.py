"""Reading a PM's JSON export for the team page: only what the figures are computed from.

Two promises:

* Nothing the PM wrote is read. The team page shows scores, counts and rubric text
  only, so every note, reflection, commitment text and event text is dropped while
  the file is read, before any checking: an export made with `--include-private`
  holds private texts, and the page says they were not read.
* A file is refused in one line (`TeamRefused`) when it is not a pmcoach export, is
  from a newer format, or holds something the figures could not be computed from.
  The format and version are checked as `pmcoach import` checks them
  (export.json_read).

Only the last `HISTORY_WEEKS` of each export are read: the period's scores look 8
weeks further back, the focus compares with 4 weeks earlier, and the weeks before
that hold the commitments reviewed in the period. Ten years of history would
otherwise cost a manager with ten PMs a second for figures that do not change.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from pmcoach.domain import daterange
from pmcoach.domain.ids import ID_PATTERN
from pmcoach.domain.model import (
    COMMITMENT_EDIT,
    COMMITMENT_REVIEW,
    COMMITMENT_WITHDRAWN,
    EXERCISE_DONE,
    Config,
    Event,
    Session,
)
from pmcoach.export import json_read
from pmcoach.storage import toml_io
from pmcoach.storage.config import decode_config
from pmcoach.storage.events import decode_event
from pmcoach.storage.sessions import decode_session
from pmcoach.text import figures

HINT = "team reads files written by pmcoach export --format json"
# The weeks of each export read, counted back from the day it was made.
HISTORY_WEEKS = 26
# A name longer than this would push the table off the page; the rest is cut.
MAX_NAME = 40
STANDARD_INPUT = "-"

# The keys of a session, an answer and the rest that the figures are computed from.
# Everything else (notes, reflections, texts, fields a newer pmcoach added) is dropped.
_SESSION_KEYS = ("schema", "id", "kind", "track", "rubric", "device", "scale")
_ANSWER_KEYS = ("question", "skill", "rating", "count", "out_of", "skipped", "no_occasion")
_EVENT_KEYS = ("schema", "id", "kind", "device", "skill", "commitment", "outcome", "exercise")
# The event kinds the ledger builds commitments and exercises from; the rest (wins,
# grades, drills) are evidence the team page does not show.
_LEDGER_KINDS = frozenset({COMMITMENT_REVIEW, COMMITMENT_EDIT, COMMITMENT_WITHDRAWN, EXERCISE_DONE})


class TeamRefused(Exception):
    """A file the team page cannot use; the message is one line naming the file."""


@dataclass(frozen=True)
class Member:
    """One PM's export, read: texts dropped, only the last HISTORY_WEEKS kept."""

    name: str
    source: str  # the file name as given on the command line
    exported: dt.datetime  # aware: when the export was made, in the PM's zone
    config: Config
    rubric_label: str  # the rubric of the latest session read ("" when none)
    sessions: tuple[Session, ...]
    events: tuple[Event, ...]
    had_private: bool  # made with --include-private: private texts were in the file
    period_label: str  # what the export itself covers ("everything", "since …")


def _load(data: bytes) -> Mapping[str, Any]:
    """The export's top-level object, read and checked as `pmcoach import` reads one."""
    try:
        return json_read.export_document(data, HINT, "read")
    except json_read.ImportRefused as exc:
        raise TeamRefused(str(exc)) from None


def _moment(value: object, where: str) -> dt.datetime:
    moment = None
    if isinstance(value, str):
        try:
            moment = dt.datetime.fromisoformat(value)
        except ValueError:
            moment = None
    if moment is None or moment.utcoffset() is None:
        raise TeamRefused(
            f"{where}: expected a date-time with a UTC offset, got {figures.json_value(value)}"
        )
    problem = daterange.problem(moment)
    if problem is not None:
        raise TeamRefused(f"{where}: expected {problem}")
    return moment


def _older(value: object, day: str) -> bool:
    """An ISO date-time written on a day before `day` (YYYY-MM-DD)."""
    return isinstance(value, str) and len(value) > 10 and value[10] == "T" and value[:10] < day


def _day(value: object) -> object:
    """A date back from its ISO string; anything else is left for the codec to refuse."""
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value
    return value


def _config(value: object) -> tuple[Config, str]:
    """The settings, and the person's name (`name`, a key this version keeps unread)."""
    if not isinstance(value, dict):
        raise TeamRefused(f"config: expected an object, got {figures.json_value(value)}")
    doc = dict(value)
    # Someone else's name is shown as they wrote it, cleaned and cut where it is shown,
    # rather than refusing their whole export for it as their own config.toml would.
    name = doc.pop("name", None)
    for key, parse in (("review_time", dt.time.fromisoformat), ("onboarded", _day)):
        if isinstance(doc.get(key), str):
            with contextlib.suppress(ValueError):
                doc[key] = parse(doc[key])
    try:
        config = decode_config(doc)
    except toml_io.SchemaError as exc:
        raise TeamRefused(f"config: {exc}") from None
    return config, name.strip() if isinstance(name, str) else ""


def _list(doc: Mapping[str, Any], key: str) -> list[Any]:
    value = doc.get(key, [])
    if not isinstance(value, list):
        raise TeamRefused(f"{key}: expected a list, got {figures.json_value(value)}")
    return value


def _where(key: str, index: int, item: Mapping[str, Any]) -> str:
    item_id = item.get("id")
    named = isinstance(item_id, str) and ID_PATTERN.match(item_id)
    return f"{key}[{index}] ({item_id})" if named else f"{key}[{index}]"


def _pick(item: Mapping[str, Any], keys: Sequence[str]) -> dict[str, Any]:
    return {k: item[k] for k in keys if k in item}


def _blank(value: object) -> dict[str, Any]:
    """A `{ text, private }` table (or the export's `{ "private": true }` mark) with
    its text dropped: only the flag remains."""
    private = isinstance(value, dict) and value.get("private") is True
    return {"text": "", "private": private}


def _tables(item: Mapping[str, Any], key: str) -> list[Any]:
    value = item.get(key)
    return value if isinstance(value, list) else []


def _session_doc(item: Mapping[str, Any], started: dt.datetime) -> dict[str, Any]:
    """The session as the codec reads it, without a word the PM wrote."""
    doc = _pick(item, _SESSION_KEYS)
    doc["started"] = started
    if item.get("kind") == "peer":
        # Who replied is never read: only that someone did (the codec needs the table).
        doc["peer"] = _blank(item.get("peer"))
    for key in json_read.SESSION_MOMENTS[1:]:
        if item.get(key) is not None:
            doc[key] = _moment(item[key], key)
    answers = item.get("answers")
    if answers is not None:
        doc["answers"] = (
            [_pick(a, _ANSWER_KEYS) if isinstance(a, dict) else a for a in answers]
            if isinstance(answers, list)
            else answers
        )
    commitments = _tables(item, "commitments")
    if commitments:
        doc["commitments"] = [
            {**_pick(c, ("id", "private")), "due": _day(c.get("due")), "text": "", "to": ""}
            if isinstance(c, dict)
            else c
            for c in commitments
        ]
    reviews = _tables(item, "commitment_reviews")
    if reviews:
        doc["commitment_reviews"] = [
            {
                **_pick(r, ("commitment", "outcome")),
                **({"due": _day(r["due"])} if "due" in r else {}),
            }
            if isinstance(r, dict)
            else r
            for r in reviews
        ]
    exercise_reviews = _tables(item, "exercise_reviews")
    if exercise_reviews:
        doc["exercise_reviews"] = [
            _pick(r, ("exercise", "outcome")) if isinstance(r, dict) else r
            for r in exercise_reviews
        ]
    assigned = _tables(item, "assigned")
    if assigned:
        doc["assigned"] = [_pick(a, ("exercise",)) if isinstance(a, dict) else a for a in assigned]
    return doc


def _event_doc(item: Mapping[str, Any], at: dt.datetime) -> dict[str, Any]:
    doc = _pick(item, _EVENT_KEYS)
    doc["at"] = at
    if item.get("updated") is not None:
        doc["updated"] = _moment(item["updated"], "updated")
    if "due" in item:
        doc["due"] = _day(item["due"])
    for key in ("text", "to"):
        if key in item and item[key] is not None:
            doc[key] = _blank(item[key])
    return doc


def person_name(given: str, source: str) -> str:
    """The name the page shows: `config.name`, else the file name; cut to `MAX_NAME`."""
    if given:
        name = given
    elif source == STANDARD_INPUT:
        name = "standard input"
    else:
        path = PurePath(source)
        name = path.stem or path.name or source
    return name if len(name) <= MAX_NAME else name[: MAX_NAME - 1].rstrip() + "…"


def read_member(source: str, data: bytes) -> Member:
    """One export's bytes, checked as far as the figures use them; `source` names the
    file in every refusal and, when the export has no `config.name`, the person."""
    try:
        return _read(source, data)
    except TeamRefused as exc:
        raise TeamRefused(f"{source}: {exc}") from None
    except RecursionError:
        raise TeamRefused(f"{source}: nested too deeply") from None


def _read(source: str, data: bytes) -> Member:
    doc = _load(data)
    exported = _moment(doc.get("exported"), "exported")
    config, name = _config(doc.get("config"))
    since = exported - dt.timedelta(weeks=HISTORY_WEEKS)
    # A day before `since` in any zone: a moment written on an earlier day is older, told
    # from its text alone. Ten years of history are mostly that, and parsing each moment
    # would cost more than the figures.
    before = (since - dt.timedelta(days=2)).date().isoformat()
    sessions: list[Session] = []
    for index, item in enumerate(_list(doc, "sessions")):
        if not isinstance(item, dict):
            raise TeamRefused(
                f"sessions[{index}]: expected an object, got {figures.json_value(item)}"
            )
        if _older(item.get("started"), before):
            continue
        where = _where("sessions", index, item)
        try:
            started = _moment(item.get("started"), "started")
            if started < since:
                continue
            sessions.append(decode_session(_session_doc(item, started)))
        except (TeamRefused, toml_io.SchemaError) as exc:
            raise TeamRefused(f"{where}: {exc}") from None
    events: list[Event] = []
    for index, item in enumerate(_list(doc, "events")):
        if not isinstance(item, dict):
            raise TeamRefused(
                f"events[{index}]: expected an object, got {figures.json_value(item)}"
            )
        if item.get("kind") not in _LEDGER_KINDS or _older(item.get("at"), before):
            continue
        where = _where("events", index, item)
        try:
            at = _moment(item.get("at"), "at")
            if at < since:
                continue
            events.append(decode_event(_event_doc(item, at)))
        except (TeamRefused, toml_io.SchemaError) as exc:
            raise TeamRefused(f"{where}: {exc}") from None
    sessions.sort(key=lambda s: (s.started, s.id))
    events.sort(key=lambda e: (e.at, e.id))
    period = doc.get("period")
    label = period.get("label") if isinstance(period, dict) else None
    return Member(
        name=person_name(name, source),
        source=source,
        exported=exported,
        config=config,
        rubric_label=sessions[-1].rubric if sessions else "",
        sessions=tuple(sessions),
        events=tuple(events),
        had_private=doc.get("include_private") is True,
        period_label=label if isinstance(label, str) else "",
    )
