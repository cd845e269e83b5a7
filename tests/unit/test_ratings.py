"""A single rating: what a frequency answer rates, and the rating given last time."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st
from support.coaching import (
    MONDAY,
    make_rubric,
    make_session,
)

from pmcoach.domain import ratings, scores
from pmcoach.domain.model import Answer
from pmcoach.text import figures

F = Fraction


@pytest.mark.parametrize(
    ("out_of", "expected"),
    [
        (2, [1, 3, 5]),
        (3, [1, F(7, 3), F(11, 3), 5]),
        (4, [1, 2, 3, 4, 5]),  # the built-in questions: rating 1 + count
        (5, [1, F(9, 5), F(13, 5), F(17, 5), F(21, 5), 5]),  # 2 and 3 of 5 no longer merge
        (8, [1, F(3, 2), 2, F(5, 2), 3, F(7, 2), 4, F(9, 2), 5]),
    ],
)
def test_frequency_rating_table(out_of: int, expected: list[Fraction]) -> None:
    assert [ratings.frequency_rating(c, out_of) for c in range(out_of + 1)] == expected


def test_of_four_every_count_is_a_whole_rating_of_its_own() -> None:
    assert [ratings.frequency_rating(c, 4) for c in range(5)] == [1, 2, 3, 4, 5]
    assert all(ratings.frequency_rating(c, 4).denominator == 1 for c in range(5))


@given(st.integers(1, 50).flatmap(lambda o: st.tuples(st.integers(0, o), st.just(o))))
def test_frequency_rating_is_the_exact_fraction(pair: tuple[int, int]) -> None:
    count, out_of = pair
    rating = ratings.frequency_rating(count, out_of)
    assert rating == 1 + Fraction(4 * count, out_of)
    assert 1 <= rating <= 5
    assert ratings.frequency_rating(0, out_of) == 1
    assert ratings.frequency_rating(out_of, out_of) == 5
    if count < out_of:
        assert ratings.frequency_rating(count + 1, out_of) > rating, "every count its own rating"


def test_the_stored_whole_rating_rounds_half_up_not_to_even() -> None:
    """The `rating` a file keeps beside a count, for readers that know no better."""
    assert [ratings.stored_rating(c, 5) for c in range(6)] == [1, 2, 3, 3, 4, 5]
    assert ratings.stored_rating(1, 8) == 2
    assert ratings.stored_rating(5, 8) == 4
    assert [ratings.stored_rating(c, 4) for c in range(5)] == [1, 2, 3, 4, 5]


def test_an_old_count_is_rescored_from_the_count_not_the_stored_rating() -> None:
    """History saved under 1 + round(4 × count / 5): the file says 3 for both 2 and 3 of 5."""
    two = Answer(question="execute.q", count=2, out_of=5, rating=3)
    three = Answer(question="execute.q", count=3, out_of=5, rating=3)
    assert ratings.answer_rating(two) == Fraction(13, 5)
    assert ratings.answer_rating(three) == Fraction(17, 5)
    assert ratings.answer_rating(Answer(question="x.q", rating=4)) == 4
    assert ratings.answer_rating(Answer(question="x.q", skipped=True)) is None
    assert ratings.answer_rating(Answer(question="x.q", no_occasion=True)) is None


def test_a_rescored_count_moves_the_score_and_shows_one_decimal() -> None:
    old = make_session(MONDAY, {"communicate.q0": 5})
    answers = (
        Answer(question="communicate.q0", count=2, out_of=5, rating=3),
        Answer(question="communicate.q1", count=3, out_of=5, rating=3),
    )
    session = replace(old, answers=answers)
    rubric = make_rubric({"communicate": 2})
    # (2.6 + 3.4) / 2 = 3.0, and each answer reads as its own rating.
    assert scores.skill_score([session], rubric, "communicate", MONDAY) == 3.0
    one = replace(old, answers=answers[:1])
    assert scores.skill_score([one], rubric, "communicate", MONDAY) == pytest.approx(2.6)
    assert figures.rating(ratings.frequency_rating(2, 5)) == "2.6"
    assert figures.rating(ratings.frequency_rating(3, 4)) == "4"


@pytest.mark.parametrize(("count", "out_of"), [(-1, 5), (6, 5), (0, 0), (1, -2)])
def test_frequency_rating_rejects_out_of_range(count: int, out_of: int) -> None:
    with pytest.raises(ValueError):
        ratings.frequency_rating(count, out_of)


def test_frequency_rating_rejects_booleans() -> None:
    with pytest.raises(TypeError):
        ratings.frequency_rating(True, 5)


def test_previous_rating_is_the_latest_before_the_session() -> None:
    first = make_session(MONDAY - dt.timedelta(weeks=2), {"communicate.q0": 2, "communicate.q1": 4})
    second = make_session(
        MONDAY - dt.timedelta(weeks=1), {"communicate.q0": 3, "communicate.q1": None}
    )
    manager = make_session(
        MONDAY - dt.timedelta(days=1), kind="manager", manager={"communicate": 5}
    )
    current = make_session(MONDAY, {"communicate.q0": 5})
    later = make_session(MONDAY + dt.timedelta(weeks=1), {"communicate.q2": 1})
    sessions = [later, current, manager, second, first]
    assert ratings.previous_rating(sessions, "communicate.q0", current) == 3
    assert (
        ratings.previous_rating(sessions, "communicate.q1", current) == 4
    )  # the skip is not a rating
    assert ratings.previous_rating(sessions, "communicate.q2", current) is None
    assert ratings.previous_rating(sessions, "communicate.q0", first) is None
    assert ratings.previous_ratings(sessions, current) == {"communicate.q0": 3, "communicate.q1": 4}
