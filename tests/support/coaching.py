"""Rubrics and sessions built in a line, for the tests of the coaching rules in `domain`."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Mapping, Sequence
from zoneinfo import ZoneInfo

from pmcoach.domain.model import (
    LEVELS_SCALE,
    Answer,
    Bank,
    Exercise,
    Question,
    Rubric,
    Session,
    Skill,
    Track,
)

BERLIN = ZoneInfo("Europe/Berlin")
UTC = dt.UTC

TITLES = {
    "communicate": "Communicate",
    "prioritize": "Prioritize",
    "execute": "Execute",
    "think-big": "Think big",
    "earn-trust": "Earn trust",
    "drive-impact": "Drive impact",
}


def make_rubric(
    shape: Mapping[str, int],
    *,
    emphasis: Sequence[str] = (),
    track_id: str = "new",
    extra_questions: Sequence[Question] = (),
    exercises: Sequence[Exercise] = (),
) -> Rubric:
    """A rubric with `shape[skill]` rating questions "<skill>.q<i>" per skill, one track."""
    skills = tuple(Skill(s, TITLES.get(s, s.title()), "summary") for s in shape)
    questions = tuple(
        Question(f"{s}.q{i}", s, "rating", f"prompt {s} {i}", anchors=("a", "b", "c", "d", "e"))
        for s, n in shape.items()
        for i in range(n)
    ) + tuple(extra_questions)
    track = Track(track_id, track_id.title(), tuple(shape), emphasis=tuple(emphasis))
    return Rubric((Bank("builtin", "test"),), (track,), skills, questions, tuple(exercises))


def track_of(rubric: Rubric) -> Track:
    return rubric.tracks[0]


_counter = 0


def make_session(
    started: dt.datetime,
    ratings: Mapping[str, int | None] | None = None,
    *,
    kind: str = "weekly",
    finished: bool = True,
    assigned: Sequence[str] = (),
    manager: Mapping[str, int] | None = None,
) -> Session:
    """A session; a rating of None in `ratings` is a skipped answer."""
    global _counter
    _counter += 1
    answers: list[Answer] = []
    for question, rating in (ratings or {}).items():
        if rating is None:
            answers.append(Answer(question=question, skipped=True))
        else:
            answers.append(Answer(question=question, rating=rating))
    for skill, rating in (manager or {}).items():
        answers.append(Answer(skill=skill, rating=rating))
    return Session(
        id=f"{started.astimezone(UTC):%Y%m%dT%H%M%SZ}-{kind}-{_counter:04x}",
        kind=kind,  # type: ignore[arg-type]
        track="new",
        rubric="builtin@test",
        device="test",
        started=started,
        updated=started + dt.timedelta(minutes=8),
        finished=started + dt.timedelta(minutes=8) if finished else None,
        answers=tuple(answers),
        assigned=tuple(assigned),
        scale=LEVELS_SCALE if kind == "manager" else None,
    )


def berlin(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=BERLIN)


def random_history(seed: int, weeks: int, start: dt.datetime, rubric: Rubric) -> list[Session]:
    """About four weeks in five rated: random questions, some skipped, some sessions a manager's."""
    rng = random.Random(seed)
    ids = [q.id for q in rubric.questions]
    sessions = []
    for week in range(weeks):
        if rng.random() < 0.2:
            continue
        started = start + dt.timedelta(
            weeks=week, days=rng.randrange(7), minutes=rng.randrange(24 * 60)
        )
        chosen = rng.sample(ids, rng.randint(1, len(ids)))
        ratings: dict[str, int | None] = {
            q: (None if rng.random() < 0.1 else rng.randint(1, 5)) for q in chosen
        }
        sessions.append(
            make_session(started, ratings, kind=rng.choice(["weekly", "full", "manager"]))
        )
    return sessions


# The small rubric most tests rate, and the Monday morning they are judged at.
RUBRIC = make_rubric({"communicate": 3, "prioritize": 2, "execute": 2})
MONDAY = berlin(2026, 11, 23, 9, 0)


def kept_in(saved: list[Session]) -> Callable[[Session], Session]:
    """A new session's first save into `saved`, as the store's `add_session` is called by
    a check-in or the manager's ratings: the session comes back as saved."""

    def create(session: Session) -> Session:
        saved.append(session)
        return session

    return create
