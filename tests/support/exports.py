"""Small hand-built history for the CSV and JSON export and import tests.

Every kind of text sits in it twice, once public and once private, so privacy tests
can count exactly what must be left out. Built by hand, not by the demo generator,
so the tests do not move when the demo does.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from zoneinfo import ZoneInfo

from pmcoach.cache.opener import open_store
from pmcoach.domain.model import (
    Answer,
    Commitment,
    CommitmentReview,
    Config,
    Event,
    ExerciseReview,
    Session,
    Text,
)
from pmcoach.export import ExportData, Period
from pmcoach.storage.store import Store
from support.day import TODAY as DAY
from support.day import ZONE
from support.rubric import builtin

BERLIN = ZoneInfo(ZONE)
TODAY = dt.date.fromisoformat(DAY)
NOW = dt.datetime(2026, 11, 23, 12, tzinfo=BERLIN)
EVERYTHING = Period(None, TODAY, "everything")
CONFIG = Config(
    track="senior",
    review_day=0,
    review_time=dt.time(9),
    time_zone=ZONE,
    targets={"think-big": 3, "communicate": 5},
)


RUBRIC = builtin()

# Every private text in `history()`, for "absent" and "present" checks.
PRIVATE_TEXTS = (
    "PRIVATE reflection",
    "PRIVATE note on answer-first",
    "PRIVATE open answer",
    "PRIVATE commitment",
    "PRIVATE commitment to",
    "PRIVATE review note",
    "PRIVATE manager note",
    "PRIVATE in-progress note",
    "PRIVATE graded meeting",
    "PRIVATE grade note",
    "PRIVATE win",
    "PRIVATE drill answer",
)
# How many private items `history()` holds: the first check-in 5 (reflection, note, open
# answer, commitment with its `to`, review note), the second 4 (its reflection is public),
# the manager's note, the unfinished check-in's note, a grade's text and note, a win, and
# the drill's answer.
PRIVATE_COUNT = 5 + 4 + 1 + 1 + 2 + 1 + 1


def at(day: str, hour: int = 9, minute: int = 0) -> dt.datetime:
    return dt.datetime.fromisoformat(f"{day}T{hour:02d}:{minute:02d}:00").replace(tzinfo=BERLIN)


def session_id(when: dt.datetime, kind: str, suffix: str) -> str:
    return f"{when.astimezone(dt.UTC):%Y%m%dT%H%M%SZ}-{kind}-{suffix}"


def weekly(when: dt.datetime, suffix: str = "a001", **changes: object) -> Session:
    """A finished weekly check-in with every part a session can have."""
    fields: dict[str, object] = {
        "id": session_id(when, "weekly", suffix),
        "kind": "weekly",
        "track": "senior",
        "rubric": "builtin@2026.11",
        "device": "laptop",
        "started": when,
        "updated": when + dt.timedelta(minutes=8),
        "finished": when + dt.timedelta(minutes=8),
        "reflection": Text("PRIVATE reflection", True),
        "answers": (
            Answer(
                question="communicate.answer-first",
                rating=3,
                note=Text("PRIVATE note on answer-first", True),
            ),
            Answer(
                question="communicate.updates-with-numbers",
                count=3,
                out_of=5,
                rating=3,
                note=Text("Launch update, with numbers", False),
            ),
            Answer(question="communicate.gave-the-date", skipped=True),
            Answer(question="communicate.say-better", text=Text("PRIVATE open answer", True)),
            Answer(question="think-big.retired-question", rating=4),
        ),
        "commitments": (
            Commitment("c-0001", "Send the Q1 plan", "Dana (finance)", dt.date(2026, 11, 27)),
            Commitment(
                "c-0002", "PRIVATE commitment", "PRIVATE commitment to", dt.date(2026, 11, 28), True
            ),
        ),
        "commitment_reviews": (
            CommitmentReview("c-0000", "met", Text("Done on Tuesday", False)),
            CommitmentReview("c-0009", "missed", Text("PRIVATE review note", True)),
        ),
        "exercise_reviews": (
            ExerciseReview("communicate.rewrite-answer-first", "partly", Text("Two of three")),
        ),
        "assigned": ("communicate.hedge-hunt",),
    }
    fields.update(changes)
    return Session(**fields)  # type: ignore[arg-type]


def manager(
    when: dt.datetime,
    suffix: str = "b001",
    *,
    scale: str | None = None,
    ratings: Mapping[str, int] | None = None,
    track: str = "senior",
) -> Session:
    """A manager's ratings; `scale="levels"` for one given on the levels scale (without:
    as written before it, on the old scale). `ratings` (skill: rating, without notes)
    in place of the two noted ones; `track` the track they were given on."""
    answers = (
        (
            Answer(skill="communicate", rating=2, note=Text("PRIVATE manager note", True)),
            Answer(skill="execute", rating=4, note=Text("Ships on time", False)),
        )
        if ratings is None
        else tuple(Answer(skill=skill, rating=rating) for skill, rating in ratings.items())
    )
    return Session(
        id=session_id(when, "manager", suffix),
        kind="manager",
        track=track,
        rubric="builtin@2026.11",
        device="laptop",
        started=when,
        updated=when,
        finished=when,
        answers=answers,
        scale=scale,
    )


def peer(
    when: dt.datetime, suffix: str = "d001", *, name: str = "Sam Lee", rating: int = 1
) -> Session:
    """A peer's reply: one observer question rated, a private comment."""
    return Session(
        id=session_id(when, "peer", suffix),
        kind="peer",
        track="senior",
        rubric="builtin@2026.11",
        device="laptop",
        started=when,
        updated=when,
        finished=when,
        reflection=Text("PRIVATE peer comment", True),
        answers=(
            Answer(question="communicate.answer-first", rating=rating),
            Answer(question="communicate.updates-with-numbers", skipped=True),
        ),
        peer=Text(name, False),
        request="K7QF",
    )


def in_progress(when: dt.datetime, suffix: str = "c001") -> Session:
    return Session(
        id=session_id(when, "weekly", suffix),
        kind="weekly",
        track="senior",
        rubric="builtin@2026.11",
        device="desktop",
        started=when,
        updated=when,
        answers=(
            Answer(
                question="execute.shipped-on-time",
                rating=2,
                note=Text("PRIVATE in-progress note", True),
            ),
        ),
    )


def event(when: dt.datetime, kind: str, suffix: str, **fields: object) -> Event:
    return Event(
        id=session_id(when, kind, suffix),
        kind=kind,
        at=when,
        device="laptop",
        **fields,  # type: ignore[arg-type]
    )


def history() -> tuple[tuple[Session, ...], tuple[Event, ...]]:
    """Two weeks: check-ins, a manager's ratings, one unfinished check-in, and events
    of every kind written today plus one with nested values, as a later kind might."""
    sessions = (
        weekly(at("2026-11-16"), "a001"),
        manager(at("2026-11-18", 15)),
        weekly(
            at("2026-11-23", 8, 30),
            "a002",
            reflection=Text("Answered with a story, not a number", False),
        ),
        in_progress(at("2026-11-23", 20)),
    )
    events = (
        event(
            at("2026-11-17", 11),
            "grade",
            "d001",
            skill="communicate",
            text=Text("Budget email, ask in paragraph three", False),
            data={"rating": 2, "note": {"text": "Lead with the ask", "private": False}},
        ),
        event(
            at("2026-11-19", 16),
            "grade",
            "d002",
            skill="earn-trust",
            text=Text("PRIVATE graded meeting", True),
            data={"rating": 4, "note": {"text": "PRIVATE grade note", "private": True}},
        ),
        event(
            at("2026-11-20", 10),
            "win",
            "d003",
            skill="execute",
            text=Text("Shipped the importer", False),
            data={"win_kind": "artifact"},
        ),
        event(
            at("2026-11-20", 11),
            "win",
            "d004",
            skill="earn-trust",
            text=Text("PRIVATE win", True),
            data={"win_kind": "peer"},
        ),
        event(
            at("2026-11-21", 12),
            "exercise-done",
            "d005",
            skill="communicate",
            text=Text("Rewrote the launch email", False),
            data={"exercise": "communicate.rewrite-answer-first", "minutes": 20},
        ),
        event(
            at("2026-11-22", 9),
            "drill",
            "d006",
            skill="prioritize",
            updated=at("2026-11-22", 10),
            data={
                "card": "prioritize.say-no",
                "answer": {"text": "PRIVATE drill answer", "private": True},
                "feedback": [{"text": "Good: no hedging", "private": False}],
                "score": 1.5,
                "on": dt.date(2026, 11, 22),
                "reviewed": {"when": dt.datetime(2026, 11, 22, 10, tzinfo=dt.UTC), "ok": True},
            },
        ),
    )
    return sessions, events


def export_data(
    sessions: tuple[Session, ...],
    events: tuple[Event, ...],
    *,
    period: Period = EVERYTHING,
    include_private: bool = True,
    config: Config = CONFIG,
) -> ExportData:
    return ExportData(
        config=config,
        rubric=RUBRIC,
        sessions=sessions,
        events=events,
        period=period,
        include_private=include_private,
        now=NOW,
    )


def fill(root: Path, sessions: tuple[Session, ...], events: tuple[Event, ...]) -> Store:
    """A data folder holding exactly this history and the sample settings."""
    store = open_store(root)
    store.save_config(CONFIG)
    for session in sessions:
        store.save_session(session)
    for item in events:
        store.save_event(item)
    return store


def from_store(store: Store, **options: object) -> ExportData:
    """What `pmcoach export` reads from a folder."""
    store.refresh()
    config = store.load_config()
    assert config is not None
    return export_data(tuple(store.sessions()), tuple(store.events()), config=config, **options)  # type: ignore[arg-type]


def snapshot(root: Path) -> dict[str, tuple[bytes, int]]:
    """Every file and folder under `root` with its bytes and mode: "not changed" exactly."""
    found: dict[str, tuple[bytes, int]] = {}
    if not root.exists():
        return found
    for path in sorted(root.rglob("*")):
        rel = str(path.relative_to(root))
        if path.is_dir():
            found[rel + "/"] = (b"", path.stat().st_mode)
        else:
            found[rel] = (path.read_bytes(), path.stat().st_mode)
    return found
