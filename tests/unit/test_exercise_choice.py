"""Which exercises a check-in proposes for the focus skill (domain.exercises)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from support.coaching import (
    MONDAY,
    make_rubric,
    make_session,
    track_of,
)

from pmcoach.domain import exercises
from pmcoach.domain.model import (
    Exercise,
)


def exercise(eid: str, skills: Sequence[str], **kw: object) -> Exercise:
    return Exercise(eid, tuple(skills), eid, "why", ("step",), "1 hour", "done", "reflect", **kw)  # type: ignore[arg-type]


EXERCISES = (
    exercise("communicate.a", ["communicate"]),
    exercise("communicate.b", ["communicate", "prioritize"]),
    exercise("communicate.retired", ["communicate"], retired=True),
    exercise("communicate.senior", ["communicate"], tracks=("senior",)),
    exercise("communicate.c", ["communicate"], tracks=("new",)),
    exercise("prioritize.a", ["prioritize"]),
)
WITH_EXERCISES = make_rubric({"communicate": 1, "prioritize": 1}, exercises=EXERCISES)


def test_exercises_for_the_skill_and_track_in_rubric_order() -> None:
    chosen = exercises.choose_exercises(WITH_EXERCISES, track_of(WITH_EXERCISES), "communicate", [])
    assert [e.id for e in chosen] == ["communicate.a", "communicate.b"]
    every = exercises.choose_exercises(
        WITH_EXERCISES, track_of(WITH_EXERCISES), "communicate", [], count=9
    )
    assert [e.id for e in every] == ["communicate.a", "communicate.b", "communicate.c"]
    other = exercises.choose_exercises(
        WITH_EXERCISES, track_of(WITH_EXERCISES), "prioritize", [], count=9
    )
    assert [e.id for e in other] == ["communicate.b", "prioritize.a"]


def test_recently_assigned_exercises_wait_while_others_remain() -> None:
    sessions = [
        make_session(MONDAY - dt.timedelta(weeks=3), assigned=["communicate.c"]),
        make_session(MONDAY - dt.timedelta(weeks=1), assigned=["communicate.a"]),
    ]
    track = track_of(WITH_EXERCISES)
    chosen = exercises.choose_exercises(WITH_EXERCISES, track, "communicate", sessions)
    assert [e.id for e in chosen] == ["communicate.b", "communicate.c"]  # never, then longest ago
    one = exercises.choose_exercises(WITH_EXERCISES, track, "communicate", sessions, count=1)
    assert [e.id for e in one] == ["communicate.b"]
    assert exercises.recently_assigned(sessions, MONDAY) == {"communicate.a", "communicate.c"}
    assert exercises.recently_assigned(sessions, MONDAY + dt.timedelta(weeks=6)) == {
        "communicate.a"
    }


def test_no_exercise_for_a_skill_without_any() -> None:
    rubric = make_rubric({"communicate": 1, "execute": 1}, exercises=EXERCISES)
    assert exercises.choose_exercises(rubric, track_of(rubric), "execute", []) == ()
