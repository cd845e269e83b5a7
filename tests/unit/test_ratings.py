"""A single rating: what a frequency answer rates, and the rating given last time."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st
from support.coaching import (
    MONDAY,
    make_session,
)

from pmcoach.domain import ratings


@pytest.mark.parametrize(
    ("out_of", "expected"),
    [
        (2, [1, 3, 5]),
        (3, [1, 2, 4, 5]),  # 1.33 → 1, 2.67 → 3
        (4, [1, 2, 3, 4, 5]),
        (5, [1, 2, 3, 3, 4, 5]),  # 0.8 → 1, 1.6 → 2, 2.4 → 2, 3.2 → 3
        (8, [1, 2, 2, 3, 3, 4, 4, 5, 5]),  # halves (0.5, 1.5, 2.5, 3.5) round up
        (9, [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]),
    ],
)
def test_frequency_rating_table(out_of: int, expected: list[int]) -> None:
    assert [ratings.frequency_rating(c, out_of) for c in range(out_of + 1)] == expected


def test_frequency_rating_rounds_half_up_not_to_even() -> None:
    # round(0.5) == 0 and round(2.5) == 2 in Python; the rule is half up.
    assert ratings.frequency_rating(1, 8) == 2
    assert ratings.frequency_rating(5, 8) == 4


@given(st.integers(1, 50).flatmap(lambda o: st.tuples(st.integers(0, o), st.just(o))))
def test_frequency_rating_matches_the_formula(pair: tuple[int, int]) -> None:
    count, out_of = pair
    exact = Fraction(4 * count, out_of) + Fraction(1, 2)
    rating = ratings.frequency_rating(count, out_of)
    assert rating == 1 + exact.numerator // exact.denominator
    assert 1 <= rating <= 5
    assert ratings.frequency_rating(0, out_of) == 1
    assert ratings.frequency_rating(out_of, out_of) == 5
    if count < out_of:
        assert ratings.frequency_rating(count + 1, out_of) >= rating


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
