"""A single rating: what a frequency answer rates, and what the user said last time.

`frequency_rating` is docs/definitions.md, "Frequency questions"; `previous_rating` is the
"last time: 3" a check-in shows after the user has rated.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from fractions import Fraction

from pmcoach.domain.model import Answer, Session
from pmcoach.domain.rules import SELF_KINDS
from pmcoach.domain.weeks import utc


def frequency_rating(count: int, out_of: int) -> Fraction:
    """The rating of "of your last `out_of` …, how many": exactly 1 + 4 × count / out_of.

    Exact, not rounded, so every count keeps a rating of its own: rounding merged
    counts 2 and 3 of 5 into one rating, and a habit that improved did not show.
    Answers saved with another `out_of` (5 in old history) are rescored by this
    rule when read, from the count the file keeps. Of 4 (the built-in questions)
    the rating is the whole number 1 + count.
    """
    if isinstance(count, bool) or isinstance(out_of, bool):
        raise TypeError("count and out_of must be integers, not booleans")
    if out_of < 1:
        raise ValueError(f"out_of must be at least 1, got {out_of}")
    if not 0 <= count <= out_of:
        raise ValueError(f"count must be between 0 and {out_of}, got {count}")
    return 1 + Fraction(4 * count, out_of)


def stored_rating(count: int, out_of: int) -> int:
    """The whole-number `rating` a session file keeps beside the count (half up).

    Only for readers that know no better: pmcoach itself rates a counted answer
    from its count (`answer_rating`), so the stored value never moves a score.
    """
    exact = frequency_rating(count, out_of)
    return int(exact + Fraction(1, 2))


def answer_rating(answer: Answer) -> Fraction | None:
    """What one answer rates in every score: None when skipped or "no occasion".

    A counted answer is rated from its count by `frequency_rating`, whatever
    `rating` its file holds, so history saved under an older rule is rescored.
    """
    if answer.skipped or answer.no_occasion:
        return None
    if answer.count is not None and answer.out_of is not None:
        return frequency_rating(answer.count, answer.out_of)
    return None if answer.rating is None else Fraction(answer.rating)


def previous_ratings(sessions: Iterable[Session], before: Session) -> dict[str, Fraction]:
    """The latest self rating of each question before the session `before` ("last time: 3").

    Only sessions that started earlier count, so that correcting an old session
    shows what was known then, not what came later.
    """
    start = utc(before.started)
    found: dict[str, tuple[tuple[dt.datetime, str, int], Fraction]] = {}
    for other in sessions:
        if other.kind not in SELF_KINDS or other.id == before.id:
            continue
        at = utc(other.started)
        if at >= start:
            continue
        for index, answer in enumerate(other.answers):
            rating = answer_rating(answer)
            if answer.question is None or rating is None:
                continue
            key = (at, other.id, index)
            seen = found.get(answer.question)
            if seen is None or seen[0] < key:
                found[answer.question] = (key, rating)
    return {question: rating for question, (_, rating) in found.items()}


def previous_rating(sessions: Iterable[Session], question: str, before: Session) -> Fraction | None:
    """The latest self rating of one question before the session `before`, or None."""
    return previous_ratings(sessions, before).get(question)
