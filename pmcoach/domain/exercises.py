"""Which exercises a check-in proposes for the focus skill, and which were proposed lately.

Pure like every rule: the history is handed in, so the same history always gives the
same proposal.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from pmcoach.domain.model import Exercise, Rubric, Session, Track
from pmcoach.domain.rules import EXERCISE_REST, EXERCISES_PROPOSED
from pmcoach.domain.weeks import calendar_minus, utc


def choose_exercises(
    rubric: Rubric,
    track: Track,
    skill: str,
    sessions: Iterable[Session],
    count: int = EXERCISES_PROPOSED,
) -> tuple[Exercise, ...]:
    """Up to `count` exercises for the focus skill, least recently assigned first.

    Candidates train the skill, apply to the track and are not retired. Never
    assigned comes first, then the longest ago, then rubric order; so an exercise
    assigned in the last 8 weeks comes back only when nothing else is left, and
    the same history always gives the same proposal.
    """
    if count < 0:
        raise ValueError(f"count must not be negative, got {count}")
    candidates = [
        e
        for e in rubric.exercises
        if not e.retired and skill in e.skills and (not e.tracks or track.id in e.tracks)
    ]
    last: dict[str, dt.datetime] = {}
    for session in sessions:
        at = utc(session.started)
        for exercise in session.assigned:
            if exercise not in last or last[exercise] < at:
                last[exercise] = at
    never = dt.datetime.min.replace(tzinfo=dt.UTC)
    order = {e.id: i for i, e in enumerate(candidates)}
    candidates.sort(key=lambda e: (last.get(e.id, never), order[e.id]))
    return tuple(candidates[:count])


def recently_assigned(
    sessions: Iterable[Session], at: dt.datetime, span: dt.timedelta = EXERCISE_REST
) -> frozenset[str]:
    """Exercises assigned in the 8 weeks up to `at` (for "assigned recently" hints)."""
    upper, lower = utc(at), calendar_minus(at, span)
    return frozenset(
        exercise
        for session in sessions
        if lower < utc(session.started) <= upper
        for exercise in session.assigned
    )
