"""Store → load round trip: whatever pmcoach saves, a freshly opened store gives back
exactly, and so does one that takes it from the index instead of the files.

A week of answers that comes back changed is as lost as one never saved, and the
example-based tests only try the texts and values someone thought of. Here every
session and event is one the app could write (ids made as `new_id` makes them,
ratings in range, manager answers naming a skill), and every free text is any Unicode
a user could paste. "Exactly" is stricter than `==`: a date-time's UTC offset, True
against 1 and -0.0 against 0.0 must survive too, because `==` does not tell them apart.

Property tests run 50 examples; `PMCOACH_FULL=1` runs 10,000 (benchmarks/run --full).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import tempfile
from pathlib import Path
from typing import Any, NoReturn

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pmcoach.cache.documents import INDEX_NAME
from pmcoach.cache.opener import open_store
from pmcoach.domain import daterange
from pmcoach.domain.ids import new_id
from pmcoach.domain.model import (
    COMMITMENT_OUTCOMES,
    EXERCISE_OUTCOMES,
    MAX_RATING,
    MIN_RATING,
    Answer,
    Commitment,
    CommitmentReview,
    Event,
    ExerciseReview,
    Session,
    Text,
)
from pmcoach.storage import toml_io
from pmcoach.storage.events import EVENT_KEYS
from pmcoach.storage.store import Store

EXAMPLES = 10_000 if os.environ.get("PMCOACH_FULL", "") not in ("", "0") else 50

# Pieces that break a hand-rolled TOML writer or reader, mixed into otherwise random text
# so that they turn up far more often than random code points would make them.
TRICKY = [
    '"',
    "'",
    '"""',
    "'''",
    "\\",
    "\\n",
    "\\u0041",
    "\n",
    "\r\n",
    "\r",
    "\t",
    "\x00",
    "\x1b[31m",
    "\x7f",
    "\u2028",
    "\ufeff",
    "\U0010ffff",
    "# not a comment",
    "a = 1",
    "[[answers]]",
    '{ text = "x", private = true }',
    "$",
    ".".join("abcdefghijklmnopqr"),  # would be a dotted key past MAX_KEY_PARTS
]

# Any Unicode text a user could type or paste, but no lone surrogates (not UTF-8 at all).
TEXTS = st.lists(
    st.one_of(
        st.text(st.characters(blacklist_categories=("Cs",)), max_size=12), st.sampled_from(TRICKY)
    ),
    max_size=4,
).map("".join)
TEXT_OR_NONE = st.none() | st.builds(Text, TEXTS, st.booleans())

# Ids of skills, questions, exercises and tracks come from rubric files: mostly slugs,
# but a company's bank may name them as it likes and the codec takes any string.
SLUGS = st.from_regex(r"[a-z][a-z0-9-]{0,10}(\.[a-z0-9-]{1,12})?", fullmatch=True)
NAMES = st.one_of(SLUGS, TEXTS)

# Whole minutes, as the codec requires; any such offset, besides the common ones.
OFFSETS = st.one_of(
    st.sampled_from([0, 60, 120, -300, -420, 330, 345, 525, 780, 840, -570, -720]),
    st.integers(-(24 * 60 - 1), 24 * 60 - 1),
).map(lambda minutes: dt.timezone(dt.timedelta(minutes=minutes)))
# The app keeps whole seconds (`now.replace(microsecond=0)`); any moment of this century.
MOMENTS = st.builds(
    lambda naive, zone: naive.replace(tzinfo=zone),
    st.datetimes(dt.datetime(2000, 1, 1), dt.datetime(2099, 12, 31)).map(
        lambda d: d.replace(microsecond=0)
    ),
    OFFSETS,
)
LATER = st.integers(0, 60 * 60 * 24 * 30)  # seconds: a session resumed weeks later
HEX4 = st.from_regex(r"[0-9a-f]{4}", fullmatch=True)
DAYS = st.dates(dt.date(2000, 1, 1), dt.date(2100, 12, 31))
RATINGS = st.integers(MIN_RATING, MAX_RATING)
INT64 = st.integers(toml_io.INT_MIN, toml_io.INT_MAX)

EVENT_KINDS = st.one_of(
    st.sampled_from(["win", "grade", "exercise-done", "skip-week", "drill", "commitment"]),
    st.from_regex(r"[a-z][a-z0-9]{0,6}(-[a-z0-9]{1,6}){0,2}", fullmatch=True),
)
# Kind-specific event data: any TOML value. "$" is a key the index has to tag.
DATA_KEYS = st.one_of(st.sampled_from(["exercise", "win_kind", "score", "week", "$"]), TEXTS)
AWARE = st.builds(
    lambda naive, zone: naive.replace(tzinfo=zone),
    st.datetimes(dt.datetime(1900, 1, 1), dt.datetime(2200, 1, 1)),
    OFFSETS,
)
SCALARS = st.one_of(
    TEXTS,
    INT64,
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    # Any date pmcoach computes with (daterange.py); outside it a file is refused.
    st.dates(daterange.FIRST, daterange.LAST),
    st.times(),
    st.datetimes(
        dt.datetime.combine(daterange.FIRST, dt.time()),
        dt.datetime.combine(daterange.LAST, dt.time.max),
    ),
    AWARE,
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(DATA_KEYS, inner, max_size=3),
    max_leaves=6,
)


def make_id(kind: str, moment: dt.datetime, suffix: str) -> str:
    """`new_id`, with the random part drawn by Hypothesis so examples replay."""
    return f"{new_id(kind, moment).rsplit('-', 1)[0]}-{suffix}"


@st.composite
def self_answers(draw: st.DrawFn) -> Answer:
    question = draw(NAMES)
    note = draw(TEXT_OR_NONE)
    shape = draw(st.sampled_from(["rating", "frequency", "reflection", "skipped", "no-occasion"]))
    if shape == "rating":
        return Answer(question=question, rating=draw(RATINGS), note=note)
    if shape == "frequency":
        out_of = draw(st.one_of(st.integers(1, 10), st.integers(1, toml_io.INT_MAX)))
        count = draw(st.integers(0, out_of))
        rating = draw(st.none() | RATINGS)
        return Answer(question=question, count=count, out_of=out_of, rating=rating, note=note)
    if shape == "reflection":
        return Answer(
            question=question, text=draw(st.builds(Text, TEXTS, st.booleans())), note=note
        )
    if shape == "no-occasion":
        return Answer(question=question, no_occasion=True, note=note)
    return Answer(question=question, skipped=True, note=note)


@st.composite
def manager_answers(draw: st.DrawFn) -> Answer:
    skill = draw(NAMES)
    note = draw(TEXT_OR_NONE)
    if draw(st.booleans()):
        return Answer(skill=skill, skipped=True, note=note)
    return Answer(skill=skill, rating=draw(RATINGS), note=note)


@st.composite
def peer_answers(draw: st.DrawFn) -> Answer:
    question = draw(NAMES)
    if draw(st.booleans()):
        return Answer(question=question, skipped=True)
    return Answer(question=question, rating=draw(RATINGS))


@st.composite
def sessions(draw: st.DrawFn) -> Session:
    kind = draw(st.sampled_from(["weekly", "full", "manager", "peer"]))
    started = draw(MOMENTS)
    updated = (started + dt.timedelta(seconds=draw(LATER))).astimezone(draw(OFFSETS))
    finished = None
    if draw(st.booleans()):
        # Finishing is the last change, made between the start and the last save.
        taken = int((updated - started).total_seconds())
        finished = started + dt.timedelta(seconds=draw(st.integers(0, taken)))
        finished = finished.astimezone(draw(OFFSETS))
    answers = {"manager": manager_answers(), "peer": peer_answers()}.get(kind, self_answers())
    commitments = st.builds(
        Commitment,
        id=HEX4.map(lambda h: f"c-{h}"),
        text=TEXTS,
        to=TEXTS,
        due=DAYS,
        private=st.booleans(),
    )
    commitment_reviews = st.builds(
        CommitmentReview,
        commitment=HEX4.map(lambda h: f"c-{h}"),
        outcome=st.sampled_from(COMMITMENT_OUTCOMES),
        note=TEXT_OR_NONE,
    )
    exercise_reviews = st.builds(
        ExerciseReview,
        exercise=NAMES,
        outcome=st.sampled_from(EXERCISE_OUTCOMES),
        note=TEXT_OR_NONE,
    )
    # Others' ratings are only answers (a peer's with their name and note); the rest
    # belongs to the person's own check-in.
    extra = 0 if kind in ("manager", "peer") else 2
    peer = draw(st.builds(Text, TEXTS, st.booleans())) if kind == "peer" else None
    request = draw(st.none() | st.from_regex(r"[A-Za-z0-9-]{1,32}", fullmatch=True))
    return Session(
        id=make_id(kind, started, draw(HEX4)),
        kind=kind,
        track=draw(NAMES),
        rubric=draw(TEXTS),
        device=draw(TEXTS),
        started=started,
        updated=updated,
        finished=finished,
        reflection=draw(TEXT_OR_NONE) if extra or peer else None,
        answers=tuple(draw(st.lists(answers, max_size=4))),
        commitments=tuple(draw(st.lists(commitments, max_size=extra))),
        commitment_reviews=tuple(draw(st.lists(commitment_reviews, max_size=extra))),
        exercise_reviews=tuple(draw(st.lists(exercise_reviews, max_size=extra))),
        assigned=tuple(draw(st.lists(NAMES, max_size=extra))),
        peer=peer,
        request=request if peer else None,
    )


@st.composite
def events(draw: st.DrawFn) -> Event:
    kind = draw(EVENT_KINDS)
    at = draw(MOMENTS)
    updated = None
    if draw(st.booleans()):
        updated = (at + dt.timedelta(seconds=draw(LATER))).astimezone(draw(OFFSETS))
    keys = DATA_KEYS.filter(lambda key: key not in EVENT_KEYS)
    return Event(
        id=make_id(kind, at, draw(HEX4)),
        kind=kind,
        at=at,
        device=draw(TEXTS),
        skill=draw(st.none() | NAMES),
        text=draw(TEXT_OR_NONE),
        data=draw(st.just({}) | st.dictionaries(keys, VALUES, min_size=1, max_size=4)),
        updated=updated,
    )


def exact(value: object) -> Any:
    """`value` as plain data that differs wherever the saved value could have changed:
    the offset of each date-time, the type of each number, the sign of a zero."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = dataclasses.fields(value)
        return (type(value).__name__, [(f.name, exact(getattr(value, f.name))) for f in fields])
    if isinstance(value, dict):
        return {key: exact(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return (type(value).__name__, [exact(item) for item in value])
    if isinstance(value, float):
        return ("float", value.hex())
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return (type(value).__name__, value.isoformat())
    return (type(value).__name__, value)


def check(store: Store, saved_sessions: list[Session], saved_events: list[Event]) -> None:
    assert store.problems == []
    want_sessions = sorted(saved_sessions, key=lambda s: (s.started, s.id))
    want_events = sorted(saved_events, key=lambda e: (e.at, e.id))
    got_sessions, got_events = store.sessions(), store.events()
    assert got_sessions == want_sessions
    assert got_events == want_events
    assert exact(got_sessions) == exact(want_sessions)
    assert exact(got_events) == exact(want_events)


def _refused(*args: object) -> NoReturn:
    raise AssertionError("parsed a file that the index holds")


@pytest.fixture(autouse=True)
def quick_saves(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PMCOACH_NO_FSYNC", "1")


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    saved_sessions=st.lists(sessions(), max_size=3, unique_by=lambda s: s.id),
    saved_events=st.lists(events(), max_size=4, unique_by=lambda e: e.id),
    writer_has_read=st.booleans(),
)
def test_what_the_store_saves_a_new_store_loads_back_exactly(
    saved_sessions: list[Session], saved_events: list[Event], writer_has_read: bool
) -> None:
    """Each `Store` keeps what it has read in memory, so only a new one proves what is
    on disk; and a new one reads it in one of three ways, each of which must give the
    same items. A writer that has read the folder (as the app has, by the time it saves)
    puts what it saves straight into its caches instead of leaving the next store to
    read the files. The index is then used by every store that follows, and when it is
    thrown away the files are read again."""
    with tempfile.TemporaryDirectory() as folder:
        root, cache_root = Path(folder, "data"), Path(folder, "cache")
        writer = open_store(root, cache_root)
        if writer_has_read:
            writer.refresh()
        for session in saved_sessions:
            writer.save_session(session)
        for event in saved_events:
            writer.save_event(event)
        if writer_has_read:
            writer.refresh()  # writes the caches, holding what was saved

        fresh = open_store(root, cache_root)
        check(fresh, saved_sessions, saved_events)
        assert (fresh.cache_dir / INDEX_NAME).is_file()

        warm = open_store(root, cache_root)
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(toml_io, "parse_document", _refused)
            check(warm, saved_sessions, saved_events)

        (warm.cache_dir / INDEX_NAME).unlink()
        check(open_store(root, cache_root), saved_sessions, saved_events)
