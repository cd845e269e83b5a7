"""Sessions, events and the config as TOML documents, and back.

Reading is strict: a file that does not match the documented format is refused
with a one-line reason naming the field, instead of half-loading and later showing
wrong scores. Every date and date-time goes through `check_date` (daterange.py).
Fields this version does not know are kept, in the item's `extra`, and written back
after the known ones, so a newer pmcoach may add fields without an older one
dropping them on a save or from a backup; a newer `schema` is refused.

Writing builds the text itself (values formatted by tomli_w) because tomli_w
alone cannot write `{ text, private }` as inline tables or keep `[[answers]]`
as tables, and the documented layout is part of the product. Every document is
validated with the reader before it is turned into bytes, so pmcoach never
writes a file it would refuse to read.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import tomllib
from collections.abc import Iterator, Mapping
from typing import Any, NoReturn, TypeVar

import tomli_w

from pmcoach.domain import daterange
from pmcoach.domain.ids import ID_PATTERN, KIND_PATTERN
from pmcoach.domain.model import (
    COMMITMENT_EDIT,
    COMMITMENT_OUTCOMES,
    COMMITMENT_REVIEW,
    COMMITMENT_WITHDRAWN,
    EXERCISE_OUTCOMES,
    MAX_RATING,
    MIN_RATING,
    SESSION_KINDS,
    Answer,
    Commitment,
    CommitmentReview,
    Config,
    Event,
    ExerciseReview,
    Session,
    Text,
)

SCHEMA = 1

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+\Z")

# Limits on what a file may hold, checked around tomllib. tomllib's time and memory
# grow with the square of a dotted key's length (a 32 KB key: 4 s and 1 GB), so long
# keys are refused before parsing; deep nesting would overflow the stack of every
# reader after the parser (the index, the exports, the checks here).
MAX_KEY_PARTS = 16
MAX_NESTING = 32
# TOML integers are 64-bit; tomllib reads any size, and Python refuses to print one
# of more than 4,300 digits.
INT_MIN, INT_MAX = -(2**63), 2**63 - 1

# Event keys with a meaning of their own; every other top-level key is kind-specific data.
EVENT_KEYS = frozenset({"schema", "id", "kind", "at", "device", "updated", "skill", "text"})
# The keys each table of a session or config has a meaning for. Any other key is kept
# as it is, in the item's `extra`, and written back after these (see model.py).
SESSION_KEYS = frozenset(
    {"schema", "id", "kind", "track", "rubric", "device", "started", "updated", "finished"}
    | {"reflection", "answers", "commitments", "commitment_reviews", "exercise_reviews"}
    | {"assigned"}
)
ANSWER_KEYS = frozenset(
    {"question", "skill", "rating", "count", "out_of", "skipped", "note", "text"}
)
COMMITMENT_KEYS = frozenset({"id", "text", "to", "due", "private"})
COMMITMENT_REVIEW_KEYS = frozenset({"commitment", "outcome", "note", "due"})
EXERCISE_REVIEW_KEYS = frozenset({"exercise", "outcome", "note"})
ASSIGNED_KEYS = frozenset({"exercise"})
TEXT_KEYS = frozenset({"text", "private"})
CONFIG_KEYS = frozenset(
    {
        "schema",
        "track",
        "review_day",
        "review_time",
        "time_zone",
        "targets",
        "onboarded",
        "theme",
    }
)
# Kind-specific values that name an ISO week ("2026-W48"), checked like every date.
WEEK_KEYS: dict[str, tuple[str, ...]] = {"skip-week": ("week",)}
_ISO_WEEK = re.compile(r"(\d{4})-W(\d{2})\Z")

Doc = dict[str, Any]
T = TypeVar("T")


class SchemaError(ValueError):
    """A document that pmcoach will not read or write; the message is one line for people."""


# --------------------------------------------------------------------------- ids


def id_year(item_id: str) -> str:
    """The UTC year an id was made in: the folder its file lives in."""
    match = ID_PATTERN.match(item_id)
    if match is None:
        raise SchemaError(f"id: not a pmcoach id: {item_id!r}")
    return match.group(1)


# --------------------------------------------------------------------------- parsing


_KEY_PART = r"""(?>[A-Za-z0-9_-]++|"(?:[^"\\\n]|\\.)*+"|'[^'\n]*+')"""
# MAX_KEY_PARTS dots, each followed by a key part: the match starts at the first dot,
# and a pattern that starts with a plain character lets `re` skip to the dots quickly
# (2 µs for a session file, against 100 µs when every word is tried as a start).
_LONG_KEY = re.compile(
    rf"\.(?:[ \t]*+{_KEY_PART}[ \t]*+\.){{{MAX_KEY_PARTS - 1},}}[ \t]*+{_KEY_PART}"
)
_STRING_OR_COMMENT = re.compile(
    r'"""(?:[^"\\]|\\.|""?(?!"))*+"""'
    r"|'''(?:[^']|''?(?!'))*+'''"
    r'|"(?:[^"\\\n]|\\.)*+"'
    r"|'[^'\n]*+'"
    r"|#[^\n]*+",
    re.DOTALL,
)


def long_key_line(text: str) -> int | None:
    """The line of a dotted key of more than MAX_KEY_PARTS parts in TOML text, or None.

    The first search runs over the raw text and finds nothing in any real file. Only
    when it finds something are strings and comments blanked (their line breaks kept)
    and the search repeated, so that a note holding a long dotted name is not a key.
    """
    if _LONG_KEY.search(text) is None:
        return None
    blanked = _STRING_OR_COMMENT.sub(lambda m: '""' + "\n" * m.group().count("\n"), text)
    found = _LONG_KEY.search(blanked)
    return None if found is None else blanked.count("\n", 0, found.start()) + 1


def check_limits(doc: Mapping[str, Any]) -> None:
    """Refuse a parsed document nested more than MAX_NESTING deep or holding an integer
    TOML does not allow. Iterative, so that a deep document cannot overflow the check."""
    stack: list[tuple[Mapping[str, Any] | list[Any], int]] = [(doc, 1)]
    while stack:
        container, depth = stack.pop()
        if depth > MAX_NESTING:
            raise SchemaError(f"not readable: nested more than {MAX_NESTING} levels deep")
        for item in container.values() if isinstance(container, Mapping) else container:
            if isinstance(item, dict | list):
                stack.append((item, depth + 1))
            elif type(item) is int and not INT_MIN <= item <= INT_MAX:
                raise SchemaError("not valid TOML: an integer outside the 64-bit range")


def parse_document(data: bytes) -> Doc:
    """TOML bytes to a plain document, every failure turned into a one-line reason."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SchemaError(f"not UTF-8 text (bad byte at position {exc.start})") from None
    if text.startswith("\ufeff"):
        # Some Windows editors add one; TOML does not allow it, and "invalid statement
        # at line 1, column 1" would leave the user staring at a line that looks fine.
        raise SchemaError("starts with a byte order mark (BOM); save it as UTF-8 without one")
    line = long_key_line(text)
    if line is not None:
        raise SchemaError(
            f"not readable: a dotted key of more than {MAX_KEY_PARTS} parts (at line {line})"
        )
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise SchemaError(f"not valid TOML: {exc}") from None
    except RecursionError:
        raise SchemaError("not readable: nested too deeply") from None
    except ValueError:
        # Python refuses to convert a decimal integer of more than 4,300 digits.
        raise SchemaError("not valid TOML: a number with too many digits") from None
    check_limits(doc)
    return doc


def check_schema(doc: Mapping[str, Any]) -> int:
    """The document's schema, refusing one this version does not understand."""
    value = doc.get("schema")
    if value is None:
        raise SchemaError("schema: missing")
    if not _is_int(value):
        _fail("schema", "an integer", value)
    if value > SCHEMA:
        raise SchemaError(f"written by a newer pmcoach (schema {value}); not changed")
    if value < SCHEMA:
        raise SchemaError(f"schema: expected {SCHEMA}, got {value}")
    return int(value)


# --------------------------------------------------------------------------- reading


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and INT_MIN <= value <= INT_MAX


def key_path(where: str, key: str) -> str:
    """`where.key` for a message. A key that is not bare is shown quoted, with escapes,
    so that a key holding a line break or a terminal escape cannot break the line."""
    shown = key if _BARE_KEY.match(key) else repr(key)
    return f"{where}.{shown}" if where else shown


def _describe(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return repr(shown)
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dt.datetime):
        return f"the date-time {value.isoformat()}"
    if isinstance(value, dt.date):
        return f"the date {value.isoformat()}"
    if isinstance(value, dt.time):
        return f"the time {value.isoformat()}"
    if isinstance(value, int) and not INT_MIN <= value <= INT_MAX:
        return "an integer outside the 64-bit range"
    if isinstance(value, int | float):
        return str(value)
    if value is None:
        return "null"  # from a JSON import
    return f"a {type(value).__name__}"  # never its contents: they may be private notes


def _fail(where: str, expected: str, value: object) -> NoReturn:
    raise SchemaError(f"{where}: expected {expected}, got {_describe(value)}")


def check_date(where: str, value: dt.date) -> None:
    """Every date and date-time a file holds passes here: outside daterange's range,
    the week arithmetic and time-zone conversions done on it later would overflow."""
    reason = daterange.problem(value)
    if reason is not None:
        raise SchemaError(f"{where}: expected {reason}")


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
        _fail(where, f"a week from {daterange.RANGE}", value)


class _Table:
    """One TOML table being read; knows its own position for error messages."""

    def __init__(self, doc: Mapping[str, Any], where: str = "") -> None:
        self.doc = doc
        self.where = where

    def at(self, key: str) -> str:
        return key_path(self.where, key)

    def _get(self, key: str, required: bool) -> Any:
        value = self.doc.get(key)
        if value is None and required:
            raise SchemaError(f"{self.at(key)}: missing")
        return value

    def string(self, key: str) -> str:
        value = self._get(key, True)
        if not isinstance(value, str):
            _fail(self.at(key), "a string", value)
        return value

    def opt_string(self, key: str) -> str | None:
        return None if self.doc.get(key) is None else self.string(key)

    def choice(self, key: str, choices: tuple[T, ...]) -> T:
        value = self._get(key, True)
        for choice in choices:
            if value == choice:
                return choice
        _fail(self.at(key), " | ".join(str(c) for c in choices), value)

    def opt_int(self, key: str, low: int, high: int | None = None) -> int | None:
        value = self._get(key, False)
        if value is None:
            return None
        if not _is_int(value) or value < low or (high is not None and value > high):
            bound = f" {low}–{high}" if high is not None else f" ≥ {low}"
            _fail(self.at(key), f"an integer{bound}", value)
        return int(value)

    def flag(self, key: str) -> bool:
        value = self._get(key, False)
        if value is None:
            return False
        if not isinstance(value, bool):
            _fail(self.at(key), "true or false", value)
        return value

    def moment(self, key: str) -> dt.datetime:
        value = self._get(key, True)
        if not isinstance(value, dt.datetime):
            _fail(self.at(key), "a date-time with a UTC offset", value)
        if value.tzinfo is None or value.utcoffset() is None:
            raise SchemaError(
                f"{self.at(key)}: expected a date-time with a UTC offset "
                f"(like 2026-11-23T09:05:12+01:00), got {value.isoformat()}"
            )
        check_date(self.at(key), value)
        return value

    def opt_moment(self, key: str) -> dt.datetime | None:
        return None if self.doc.get(key) is None else self.moment(key)

    def day(self, key: str) -> dt.date:
        value = self._get(key, True)
        if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
            _fail(self.at(key), "a date (like 2026-11-27)", value)
        check_date(self.at(key), value)
        return value

    def opt_day(self, key: str) -> dt.date | None:
        return None if self.doc.get(key) is None else self.day(key)

    def text(self, key: str) -> Text | None:
        value = self._get(key, False)
        if value is None:
            return None
        if not isinstance(value, dict):
            _fail(self.at(key), "a table { text, private }", value)
        inner = _Table(value, self.at(key))
        return Text(inner.string("text"), inner.flag("private"), inner.extra(TEXT_KEYS))

    def extra(self, known: frozenset[str]) -> dict[str, Any]:
        """The table's keys outside `known`, checked as any kept value is (finite
        numbers, dates in the range, within the nesting limit)."""
        if self.doc.keys() <= known:
            return {}
        found = {k: v for k, v in self.doc.items() if k not in known}
        for key, value in found.items():
            _check_data(self.at(key), value)
        return found

    def tables(self, key: str) -> Iterator[_Table]:
        value = self._get(key, False)
        if value is None:
            return
        if not isinstance(value, list):
            _fail(self.at(key), "an array of tables", value)
        for index, item in enumerate(value):
            where = f"{self.at(key)}[{index}]"
            if not isinstance(item, dict):
                _fail(where, "a table", item)
            yield _Table(item, where)


def _read_id(table: _Table) -> str:
    value = table.string("id")
    if not ID_PATTERN.match(value):
        _fail("id", "an id like 20261123T080512Z-weekly-3f9a", value)
    return value


def _read_answer(table: _Table, manager: bool) -> Answer:
    question = table.opt_string("question")
    skill = table.opt_string("skill")
    if manager and skill is None:
        raise SchemaError(f"{table.at('skill')}: missing (a manager's rating names a skill)")
    if not manager and question is None:
        raise SchemaError(f"{table.at('question')}: missing")
    rating = table.opt_int("rating", MIN_RATING, MAX_RATING)
    count = table.opt_int("count", 0)
    out_of = table.opt_int("out_of", 1)
    skipped = table.flag("skipped")
    if skipped and rating is not None:
        raise SchemaError(f"{table.where}: a skipped answer has no rating")
    if (count is None) != (out_of is None):
        raise SchemaError(f"{table.where}: count and out_of go together")
    if count is not None and out_of is not None and count > out_of:
        raise SchemaError(f"{table.at('count')}: {count} is more than out_of ({out_of})")
    return Answer(
        question=question,
        skill=skill,
        rating=rating,
        count=count,
        out_of=out_of,
        skipped=skipped,
        note=table.text("note"),
        text=table.text("text"),
        extra=table.extra(ANSWER_KEYS),
    )


def decode_session(doc: Mapping[str, Any]) -> Session:
    check_schema(doc)
    top = _Table(doc)
    kind = top.choice("kind", SESSION_KINDS)
    manager = kind == "manager"
    assigned = list(top.tables("assigned"))
    assigned_extra = tuple(t.extra(ASSIGNED_KEYS) for t in assigned)
    return Session(
        id=_read_id(top),
        kind=kind,
        track=top.string("track"),
        rubric=top.string("rubric"),
        device=top.string("device"),
        started=top.moment("started"),
        updated=top.moment("updated"),
        finished=top.opt_moment("finished"),
        reflection=top.text("reflection"),
        answers=tuple(_read_answer(t, manager) for t in top.tables("answers")),
        commitments=tuple(
            Commitment(
                id=t.string("id"),
                text=t.string("text"),
                to=t.string("to"),
                due=t.day("due"),
                private=t.flag("private"),
                extra=t.extra(COMMITMENT_KEYS),
            )
            for t in top.tables("commitments")
        ),
        commitment_reviews=tuple(
            CommitmentReview(
                commitment=t.string("commitment"),
                outcome=t.choice("outcome", COMMITMENT_OUTCOMES),
                note=t.text("note"),
                due=t.opt_day("due"),
                extra=t.extra(COMMITMENT_REVIEW_KEYS),
            )
            for t in top.tables("commitment_reviews")
        ),
        exercise_reviews=tuple(
            ExerciseReview(
                exercise=t.string("exercise"),
                outcome=t.choice("outcome", EXERCISE_OUTCOMES),
                note=t.text("note"),
                extra=t.extra(EXERCISE_REVIEW_KEYS),
            )
            for t in top.tables("exercise_reviews")
        ),
        assigned=tuple(t.string("exercise") for t in assigned),
        schema=SCHEMA,
        extra=top.extra(SESSION_KEYS),
        assigned_extra=assigned_extra if any(assigned_extra) else (),
    )


def _check_data(where: str, value: object, depth: int = 2) -> None:
    """Kind-specific event values: any TOML value, but finite numbers only, because
    exports write JSON and NaN is not JSON; and within `check_limits` (depth 1 is the
    document), so that pmcoach never writes an event it would refuse to read."""
    if isinstance(value, float) and not math.isfinite(value):
        _fail(where, "a finite number", value)
    if isinstance(value, list | dict) and depth > MAX_NESTING:
        raise SchemaError(f"{where}: nested more than {MAX_NESTING} levels deep")
    if isinstance(value, list):
        for index, item in enumerate(value):
            _check_data(f"{where}[{index}]", item, depth + 1)
    elif isinstance(value, dict):
        for key, item in value.items():
            _check_data(key_path(where, key), item, depth + 1)
    elif isinstance(value, int) and not isinstance(value, bool) and not _is_int(value):
        _fail(where, "an integer of at most 64 bits", value)
    elif isinstance(value, dt.date):
        check_date(where, value)
    elif not isinstance(value, str | int | float | bool | dt.date | dt.time):
        _fail(where, "a TOML value", value)


def _check_commitment_event(kind: str, top: _Table) -> None:
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


def decode_event(doc: Mapping[str, Any]) -> Event:
    check_schema(doc)
    top = _Table(doc)
    kind = top.string("kind")
    if not KIND_PATTERN.match(kind):
        _fail("kind", "a lower-case word like exercise-done", kind)
    data = {k: v for k, v in doc.items() if k not in EVENT_KEYS}
    for key, value in data.items():
        _check_data(key_path("", key), value)
    for key in WEEK_KEYS.get(kind, ()):
        check_week(key_path("", key), data.get(key))
    _check_commitment_event(kind, top)
    return Event(
        id=_read_id(top),
        kind=kind,
        at=top.moment("at"),
        device=top.string("device"),
        skill=top.opt_string("skill"),
        text=top.text("text"),
        data=data,
        updated=top.opt_moment("updated"),
        schema=SCHEMA,
    )


def _check_time_zone(name: str) -> None:
    if name == "UTC":
        return
    import zoneinfo  # only needed when a config is read or written

    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        # OSError: a name too long for a file name, or naming a folder of the zone data.
        raise SchemaError(f"time_zone: unknown time zone {_describe(name)}") from None


def decode_config(doc: Mapping[str, Any]) -> Config:
    """The device is not read from config.toml: the file is shared by every
    machine that syncs the folder, and the device name must differ per machine."""
    check_schema(doc)
    top = _Table(doc)
    defaults = Config()
    track = top.opt_string("track") or defaults.track
    review_day = defaults.review_day
    day_name = top.opt_string("review_day")
    if day_name is not None:
        if day_name.lower() not in WEEKDAYS:
            _fail("review_day", "a weekday name like monday", day_name)
        review_day = WEEKDAYS.index(day_name.lower())
    review_time = doc.get("review_time", defaults.review_time)
    if not isinstance(review_time, dt.time):
        _fail("review_time", "a time like 09:00:00", review_time)
    time_zone = top.opt_string("time_zone") or defaults.time_zone
    _check_time_zone(time_zone)
    targets: dict[str, int] = {}
    raw_targets = doc.get("targets", {})
    if not isinstance(raw_targets, dict):
        _fail("targets", "a table of skill = rating", raw_targets)
    target_table = _Table(raw_targets, "targets")
    for skill in raw_targets:
        value = target_table.opt_int(skill, MIN_RATING, MAX_RATING)
        if value is not None:
            targets[skill] = value
    onboarded = None if doc.get("onboarded") is None else top.day("onboarded")
    theme = top.opt_string("theme")
    return Config(
        track=track,
        review_day=review_day,
        review_time=review_time,
        time_zone=time_zone,
        targets=targets,
        onboarded=onboarded,
        theme=theme,
        extra=top.extra(CONFIG_KEYS),
    )


# --------------------------------------------------------------------------- writing


def _literal(value: object) -> str:
    """One scalar. Date-times are written with a `T` as in the documentation;
    strings and numbers use tomli_w's formatting (escapes included)."""
    if isinstance(value, dt.time) and value.tzinfo is not None:
        raise SchemaError(f"TOML has no times with an offset: {value.isoformat()}")
    if isinstance(value, dt.datetime):
        offset = value.utcoffset()
        if offset is not None and offset % dt.timedelta(minutes=1):
            raise SchemaError(f"UTC offset of {value.isoformat()} is not whole minutes")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, str | int | float):
        return tomli_w.dumps({"v": value})[len("v = ") : -1]
    raise SchemaError(f"cannot be written as TOML: {_describe(value)}")


def _key(key: str) -> str:
    return tomli_w.dumps({key: 0})[: -len(" = 0\n")]


def _is_table_array(value: object) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


def _inline(value: Mapping[str, Any]) -> str:
    return "{ " + ", ".join(f"{_key(k)} = {_value(v)}" for k, v in value.items()) + " }"


def _value(value: object) -> str:
    if isinstance(value, Mapping):
        return _inline(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    return _literal(value)


def _lines(table: Mapping[str, Any]) -> list[str]:
    """`key = value` lines; tables nested in an entry are written inline."""
    return [f"{_key(k)} = {_value(v)}" for k, v in table.items()]


def _render(doc: Doc, inline: bool) -> str:
    """The document with top-level scalars first and each array of tables as
    `[[name]]` blocks. With `inline`, other top-level tables are inline too (the
    `{ text, private }` of sessions); without, they become `[name]` sections."""
    scalars = {k: v for k, v in doc.items() if not _is_table_array(v)}
    sections = {}
    if not inline:
        sections = {k: v for k, v in scalars.items() if isinstance(v, Mapping)}
        scalars = {k: v for k, v in scalars.items() if k not in sections}
    out = _lines(scalars)
    for name, value in doc.items():
        if _is_table_array(value):
            for item in value:
                out += ["", f"[[{_key(name)}]]", *_lines(item)]
        elif name in sections:
            # Its own keys, each on a line, tables below them inline: nested tables as
            # `[a.b.c]` headers could make a dotted key longer than the reader takes.
            out += ["", f"[{_key(name)}]", *_lines(value)]
    return "\n".join(out) + "\n"


def _first_bad_string(value: object, where: str) -> str | None:
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return where
    elif isinstance(value, Mapping):
        for key, item in value.items():
            found = _first_bad_string(key, where) or _first_bad_string(item, f"{where}.{key}")
            if found:
                return found
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found = _first_bad_string(item, f"{where}[{index}]")
            if found:
                return found
    return None


def _to_bytes(doc: Doc, inline: bool) -> bytes:
    """Serialise to bytes before any file is opened: a text that cannot be encoded
    (a lone surrogate pasted from a broken clipboard) must fail here, not halfway
    through writing over the user's file."""
    text = _render(doc, inline)
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        where = (_first_bad_string(doc, "") or "text").lstrip(".")
        raise SchemaError(f"{where}: contains a character that cannot be saved") from None


def _text_doc(text: Text | None) -> dict[str, Any] | None:
    if text is None:
        return None
    return _with_extra({"text": text.text, "private": text.private}, text.extra, TEXT_KEYS)


def _with_extra(doc: Doc, extra: Mapping[str, Any], known: frozenset[str]) -> Doc:
    """A table's known keys, then the ones kept from its file (never compacted: an
    unknown `false` or `[]` is written back as it was)."""
    if not extra:
        return doc
    clash = sorted(set(extra) & known)
    if clash:
        raise SchemaError(f"{clash[0]}: has a meaning of its own, cannot be kept as extra")
    return {**doc, **extra}


def _compact(table: Mapping[str, Any]) -> Doc:
    """Leave out absent values and false flags, as the documented examples do."""
    return {k: v for k, v in table.items() if v is not None and v is not False and v != []}


def _answer_doc(answer: Answer) -> Doc:
    return _with_extra(_answer_fields(answer), answer.extra, ANSWER_KEYS)


def _answer_fields(answer: Answer) -> Doc:
    return _compact(
        {
            "question": answer.question,
            "skill": answer.skill,
            "count": answer.count,
            "out_of": answer.out_of,
            "rating": answer.rating,
            "skipped": answer.skipped,
            "text": _text_doc(answer.text),
            "note": _text_doc(answer.note),
        }
    )


def session_doc(session: Session) -> Doc:
    assigned_extra = session.assigned_extra or ({},) * len(session.assigned)
    if len(assigned_extra) != len(session.assigned):
        raise SchemaError("assigned: the kept fields do not match the exercises")
    doc = _compact(
        {
            "schema": SCHEMA,
            "id": session.id,
            "kind": session.kind,
            "track": session.track,
            "rubric": session.rubric,
            "device": session.device,
            "started": session.started,
            "updated": session.updated,
            "finished": session.finished,
            "reflection": _text_doc(session.reflection),
            "answers": [_answer_doc(a) for a in session.answers],
            "commitments": [
                _with_extra(
                    {"id": c.id, "text": c.text, "to": c.to, "due": c.due, "private": c.private},
                    c.extra,
                    COMMITMENT_KEYS,
                )
                for c in session.commitments
            ],
            "commitment_reviews": [
                _with_extra(
                    _compact(
                        {
                            "commitment": r.commitment,
                            "outcome": r.outcome,
                            "note": _text_doc(r.note),
                            "due": r.due,
                        }
                    ),
                    r.extra,
                    COMMITMENT_REVIEW_KEYS,
                )
                for r in session.commitment_reviews
            ],
            "exercise_reviews": [
                _with_extra(
                    _compact(
                        {"exercise": r.exercise, "outcome": r.outcome, "note": _text_doc(r.note)}
                    ),
                    r.extra,
                    EXERCISE_REVIEW_KEYS,
                )
                for r in session.exercise_reviews
            ],
            "assigned": [
                _with_extra({"exercise": e}, x, ASSIGNED_KEYS)
                for e, x in zip(session.assigned, assigned_extra, strict=True)
            ],
        }
    )
    # An empty array of tables cannot be written as [[name]]; absent means empty.
    known = {k: v for k, v in doc.items() if v != []}
    return _with_extra(known, session.extra, SESSION_KEYS)


def event_doc(event: Event) -> Doc:
    clash = sorted(set(event.data) & EVENT_KEYS)
    if clash:
        raise SchemaError(f"{clash[0]}: reserved, cannot be event data")
    doc = _compact(
        {
            "schema": SCHEMA,
            "id": event.id,
            "kind": event.kind,
            "at": event.at,
            "device": event.device,
            "updated": event.updated,
            "skill": event.skill,
            "text": _text_doc(event.text),
        }
    )
    doc.update(event.data)
    return doc


def config_doc(config: Config) -> Doc:
    if not 0 <= config.review_day < len(WEEKDAYS):
        _fail("review_day", "0–6", config.review_day)
    doc = {
        "schema": SCHEMA,
        "track": config.track,
        "review_day": WEEKDAYS[config.review_day],
        "review_time": config.review_time,
        "time_zone": config.time_zone,
        "targets": dict(config.targets),
        **({} if config.onboarded is None else {"onboarded": config.onboarded}),
        **({} if config.theme is None else {"theme": config.theme}),
    }
    return _with_extra(doc, config.extra, CONFIG_KEYS)


def encode_session(session: Session) -> bytes:
    doc = session_doc(session)
    decode_session(doc)
    return _to_bytes(doc, inline=True)


def encode_event(event: Event) -> bytes:
    doc = event_doc(event)
    decode_event(doc)
    return _to_bytes(doc, inline=True)


def encode_config(config: Config) -> bytes:
    doc = config_doc(config)
    decode_config(doc)
    return _to_bytes(doc, inline=False)


FILE_KINDS = ("session", "event", "config")


def encode_document(kind: str, doc: Doc) -> bytes:
    """A whole document of a kind in FILE_KINDS, checked like the typed encoders but
    written with every field it holds: a migration must not drop fields that a newer
    pmcoach added and this model does not carry."""
    if kind == "session":
        decode_session(doc)
    elif kind == "event":
        decode_event(doc)
    elif kind == "config":
        decode_config(doc)
    else:
        raise ValueError(f"not a kind of file: {kind!r}")
    return _to_bytes(doc, inline=kind != "config")
