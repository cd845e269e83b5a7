"""Which questions a weekly check-in asks, in which order (domain.rotation)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pytest
from support.coaching import (
    MONDAY,
    RUBRIC,
    berlin,
    make_rubric,
    make_session,
    random_history,
    track_of,
)

from pmcoach.domain import rotation
from pmcoach.domain.model import (
    Question,
    Rubric,
    Skill,
    Track,
)


def ids(questions: Sequence[Question]) -> list[str]:
    return [q.id for q in questions]


def test_small_bank_asks_everything_in_rubric_order() -> None:
    rubric = make_rubric({"communicate": 3, "prioritize": 2})
    assert ids(rotation.weekly_questions(rubric, track_of(rubric), [])) == [
        "communicate.q0",
        "communicate.q1",
        "communicate.q2",
        "prioritize.q0",
        "prioritize.q1",
    ]


def test_only_active_scored_questions_of_the_track() -> None:
    extra = [
        Question("communicate.reflect", "communicate", "reflection", "p"),
        Question("communicate.retired", "communicate", "rating", "p", retired=True),
        Question("communicate.senior-only", "communicate", "rating", "p", tracks=("senior",)),
        Question("communicate.often", "communicate", "frequency", "p", out_of=5),
    ]
    rubric = make_rubric({"communicate": 1}, extra_questions=extra)
    assert ids(rotation.full_questions(rubric, track_of(rubric))) == [
        "communicate.q0",
        "communicate.often",
    ]
    assert ids(rotation.weekly_questions(rubric, track_of(rubric), [])) == [
        "communicate.q0",
        "communicate.often",
    ]


def test_order_is_rubric_order_of_skill_then_of_question() -> None:
    skills = (Skill("a", "A", "s"), Skill("b", "B", "s"))
    questions = (
        Question("b.1", "b", "rating", "p"),
        Question("a.2", "a", "rating", "p"),
        Question("b.0", "b", "rating", "p"),
        Question("a.1", "a", "rating", "p"),
    )
    rubric = Rubric((), (Track("t", "T", ("b", "a")),), skills, questions, ())
    expected = ["a.2", "a.1", "b.1", "b.0"]
    assert ids(rotation.full_questions(rubric, rubric.tracks[0])) == expected
    assert ids(rotation.weekly_questions(rubric, rubric.tracks[0], [])) == expected


def test_first_check_in_covers_every_skill_and_asks_twelve() -> None:
    rubric = make_rubric({"communicate": 20, "prioritize": 10, "execute": 1})
    chosen = rotation.weekly_questions(rubric, track_of(rubric), [])
    assert len(chosen) == 12
    assert {q.skill for q in chosen} == {"communicate", "prioritize", "execute"}
    assert ids(chosen) == sorted(ids(chosen), key=ids(rubric.questions).index)


def test_never_asked_come_first_and_skipped_counts_as_not_asked() -> None:
    rubric = make_rubric({"communicate": 14})
    asked: dict[str, int | None] = {f"communicate.q{i}": 3 for i in range(12)}
    asked["communicate.q3"] = None  # skipped
    sessions = [make_session(MONDAY - dt.timedelta(weeks=1), asked)]
    chosen = ids(rotation.weekly_questions(rubric, track_of(rubric), sessions, max_questions=4))
    assert chosen == ["communicate.q0", "communicate.q3", "communicate.q12", "communicate.q13"]


def test_longest_ago_fills_the_rest() -> None:
    rubric = make_rubric({"communicate": 6})
    sessions = [
        make_session(MONDAY - dt.timedelta(weeks=3), {"communicate.q4": 3, "communicate.q5": 3}),
        make_session(MONDAY - dt.timedelta(weeks=2), {"communicate.q2": 3, "communicate.q3": 3}),
        make_session(MONDAY - dt.timedelta(weeks=1), {"communicate.q0": 3, "communicate.q1": 3}),
    ]
    chosen = rotation.weekly_questions(rubric, track_of(rubric), sessions, max_questions=3)
    assert ids(chosen) == ["communicate.q2", "communicate.q4", "communicate.q5"]


def test_manager_sessions_do_not_count_as_asked() -> None:
    rubric = make_rubric({"communicate": 4})
    sessions = [
        make_session(MONDAY - dt.timedelta(weeks=1), {"communicate.q0": 3}),
        make_session(MONDAY, kind="manager", manager={"communicate": 2}),
    ]
    chosen = rotation.weekly_questions(rubric, track_of(rubric), sessions, max_questions=3)
    assert "communicate.q0" not in ids(chosen)


def test_before_ignores_the_session_being_resumed_and_later_ones() -> None:
    rubric = make_rubric({"communicate": 4})
    earlier = make_session(MONDAY - dt.timedelta(weeks=1), {"communicate.q0": 3})
    resumed = make_session(MONDAY, {"communicate.q1": 4}, finished=False)
    history = [earlier, resumed]
    fresh = rotation.weekly_questions(rubric, track_of(rubric), [earlier], max_questions=2)
    again = rotation.weekly_questions(
        rubric, track_of(rubric), history, max_questions=2, before=resumed.started
    )
    assert again == fresh
    assert ids(fresh) == ["communicate.q1", "communicate.q2"]


def test_selection_is_deterministic_and_ignores_input_order() -> None:
    rubric = make_rubric({"communicate": 9, "prioritize": 9, "execute": 9})
    history = random_history(3, 12, berlin(2026, 8, 3, 9, 0), rubric)
    one = rotation.weekly_questions(rubric, track_of(rubric), history)
    two = rotation.weekly_questions(rubric, track_of(rubric), list(reversed(history)))
    assert one == two


def test_more_skills_than_slots_picks_the_longest_ago_skills() -> None:
    rubric = make_rubric({"communicate": 1, "prioritize": 1, "execute": 1})
    sessions = [make_session(MONDAY, {"communicate.q0": 3})]
    chosen = rotation.weekly_questions(rubric, track_of(rubric), sessions, max_questions=2)
    assert ids(chosen) == ["prioritize.q0", "execute.q0"]


def test_max_questions_must_be_positive() -> None:
    with pytest.raises(ValueError):
        rotation.weekly_questions(RUBRIC, track_of(RUBRIC), [], max_questions=0)


@pytest.mark.parametrize(
    ("shape", "fits"),
    [
        ({"a": 12, "b": 12, "c": 12, "d": 12}, True),
        ({"a": 12, "b": 12, "c": 12, "d": 13}, False),
        ({"a": 4, "b": 44}, True),
        ({"a": 1, "b": 44}, True),
        ({"a": 1, "b": 45}, False),  # 46 questions, yet the single one takes a slot each week
        ({"a": 1, "b": 47}, False),
        ({f"s{i}": 1 for i in range(12)}, True),  # everything fits one check-in
        ({f"s{i}": 2 for i in range(13)}, False),  # 13 skills cannot each come up in 12 slots
        ({"a": 30}, True),
    ],
)
def test_rotation_fits(shape: dict[str, int], fits: bool) -> None:
    rubric = make_rubric(shape)
    assert rotation.rotation_fits(rubric, track_of(rubric)) is fits


def test_rotation_slots() -> None:
    rubric = make_rubric({"a": 1, "b": 6, "c": 4})
    assert rotation.rotation_slots(rubric, track_of(rubric)) == 4 + 6 + 4
