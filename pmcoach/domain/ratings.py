"""A single rating: what a frequency answer rates, and what the user said last time.

`frequency_rating` is docs/definitions.md, "Frequency questions"; `previous_rating` is the
"last time: 3" a check-in shows after the user has rated.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from pmcoach.domain.model import Session
from pmcoach.domain.rules import SELF_KINDS
from pmcoach.domain.weeks import utc


def frequency_rating(count: int, out_of: int) -> int:
    """The 1–5 rating of "of your last `out_of` …, how many": 1 + round(4 × count / out_of).

    Rounds half up (2.5 → 3), as anyone reading the formula in the rubric README
    would; Python's round() rounds halves to even, which with out_of = 8 would rate
    a count of 1 (0.5) as 1 but a count of 3 (1.5) as 3. Computed in integers, so
    no float ever lands just below a half.
    """
    if isinstance(count, bool) or isinstance(out_of, bool):
        raise TypeError("count and out_of must be integers, not booleans")
    if out_of < 1:
        raise ValueError(f"out_of must be at least 1, got {out_of}")
    if not 0 <= count <= out_of:
        raise ValueError(f"count must be between 0 and {out_of}, got {count}")
    # floor(4c/o + 1/2) == floor((8c + o) / 2o)
    return 1 + (8 * count + out_of) // (2 * out_of)


def previous_ratings(sessions: Iterable[Session], before: Session) -> dict[str, int]:
    """The latest self rating of each question before the session `before` ("last time: 3").

    Only sessions that started earlier count, so that correcting an old session
    shows what was known then, not what came later.
    """
    start = utc(before.started)
    found: dict[str, tuple[tuple[dt.datetime, str, int], int]] = {}
    for other in sessions:
        if other.kind not in SELF_KINDS or other.id == before.id:
            continue
        at = utc(other.started)
        if at >= start:
            continue
        for index, answer in enumerate(other.answers):
            if answer.question is None or answer.rating is None or answer.skipped:
                continue
            key = (at, other.id, index)
            seen = found.get(answer.question)
            if seen is None or seen[0] < key:
                found[answer.question] = (key, answer.rating)
    return {question: rating for question, (_, rating) in found.items()}


def previous_rating(sessions: Iterable[Session], question: str, before: Session) -> int | None:
    """The latest self rating of one question before the session `before`, or None."""
    return previous_ratings(sessions, before).get(question)
