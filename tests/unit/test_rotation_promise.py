"""The weekly rotation's promise: each question comes up in any 4 consecutive check-ins.

docs/definitions.md ("Weekly check-in") states it for a track that fits, and why "up to
4 × 12 questions" is not enough: every skill takes a slot in every check-in, so each skill
needs max(its questions, 4) of the 48 slots of 4 check-ins (`rotation.rotation_fits`).
These tests simulate check-ins over every such bank shape hypothesis can think of.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pmcoach.domain import rotation, rules
from pmcoach.domain.model import Answer, Bank, Question, Rubric, Session, Skill, Track

START = dt.datetime(2026, 1, 5, 9, 0, tzinfo=ZoneInfo("Europe/Berlin"))


def bank(counts: Sequence[int]) -> Rubric:
    skills = tuple(Skill(f"s{i}", f"Skill {i}", "summary") for i in range(len(counts)))
    questions = tuple(
        Question(f"s{i}.q{j}", f"s{i}", "rating", "prompt")
        for i, n in enumerate(counts)
        for j in range(n)
    )
    track = Track("new", "New", tuple(s.id for s in skills))
    return Rubric((Bank("builtin", "test"),), (track,), skills, questions, ())


def simulate(rubric: Rubric, checkins: int, max_questions: int) -> list[list[str]]:
    """Run `checkins` weekly check-ins where every asked question is rated."""
    track = rubric.tracks[0]
    sessions: list[Session] = []
    asked: list[list[str]] = []
    for week in range(checkins):
        chosen = rotation.weekly_questions(rubric, track, sessions, max_questions)
        started = START + dt.timedelta(weeks=week)
        sessions.append(
            Session(
                id=f"w{week:03d}",
                kind="weekly",
                track="new",
                rubric="builtin@test",
                device="test",
                started=started,
                updated=started,
                finished=started,
                answers=tuple(Answer(question=q.id, rating=3) for q in chosen),
            )
        )
        asked.append([q.id for q in chosen])
    return asked


def assert_rotation_holds(counts: Sequence[int], max_questions: int, checkins: int = 10) -> None:
    rubric = bank(counts)
    every = {q.id for q in rubric.questions}
    skills = {s.id for s in rubric.skills}
    asked = simulate(rubric, checkins, max_questions)
    for week, questions in enumerate(asked):
        assert len(questions) == min(max_questions, len(every)), week
        assert len(set(questions)) == len(questions)
        assert {q.split(".")[0] for q in questions} == skills, (
            f"a skill was left out in week {week}"
        )
    for first in range(checkins - rules.ROTATION_WEEKS + 1):
        window = asked[first : first + rules.ROTATION_WEEKS]
        seen = set().union(*window)
        assert seen == every, f"check-ins {first}–{first + 3} missed {sorted(every - seen)}"


@st.composite
def fitting_shapes(draw: st.DrawFn, max_questions: int = 12) -> list[int]:
    """Question counts per skill (1–7 skills) that `rotation_fits` accepts."""
    skills = draw(st.integers(1, min(7, max_questions)))
    slots = rules.ROTATION_WEEKS * max_questions
    counts: list[int] = []
    for index in range(skills):
        reserved = rules.ROTATION_WEEKS * (skills - index - 1)
        limit = slots - reserved - sum(max(c, rules.ROTATION_WEEKS) for c in counts)
        counts.append(draw(st.integers(1, limit)))
    return list(draw(st.permutations(counts)))


@settings(max_examples=200, deadline=None)
@given(fitting_shapes())
def test_every_question_comes_up_in_any_four_consecutive_check_ins(counts: list[int]) -> None:
    assert rotation.rotation_fits(bank(counts), bank(counts).tracks[0])
    assert_rotation_holds(counts, 12)


@settings(max_examples=100, deadline=None)
@given(st.integers(1, 12).flatmap(lambda m: st.tuples(st.just(m), fitting_shapes(m))))
def test_rotation_holds_for_smaller_check_ins(case: tuple[int, list[int]]) -> None:
    max_questions, counts = case
    assert_rotation_holds(counts, max_questions)


@pytest.mark.parametrize(
    "counts",
    [
        [12, 12, 12, 12],
        [48],
        [1, 44],
        [4, 44],
        [3, 44],  # the plain longest-ago rule misses questions here
        [5, 41],  # and here
        [6, 40],
        [1, 1, 1, 1, 1, 1, 20],
        [4] * 12,  # twelve skills: every check-in is one question per skill
        [2, 3, 5, 7, 11, 13],
    ],
)
def test_rotation_holds_for_edge_shapes(counts: list[int]) -> None:
    assert rotation.rotation_fits(bank(counts), bank(counts).tracks[0])
    assert_rotation_holds(counts, 12, checkins=14)


def test_shapes_beyond_the_limit_are_reported() -> None:
    # Forty-eight questions, but the lone one takes a slot every week.
    rubric = bank([1, 47])
    assert not rotation.rotation_fits(rubric, rubric.tracks[0])
    assert rotation.rotation_slots(rubric, rubric.tracks[0]) == 51
