"""The scripted quarter both quarter tests play (plain, and in a terminal), and what its
track switch must lead to.

The script: the quarter's rubric, tracks and calendar, and what each check-in will ask, so
a test can send one answer per question and one mark per exercise, each its own way
(typed lines, keys in a terminal). What the switch must lead to is worked out from the
rules in docs/definitions.md ("Focus skill", "Weekly check-in", "Score"), not from
pmcoach's code: the tests compare what the app did with these.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import Counter
from collections.abc import Iterable, Sequence
from fractions import Fraction

from pmcoach.cache.opener import open_store
from pmcoach.domain import rotation
from pmcoach.domain.model import Config, Question, Rubric, Session, Track
from support.cli import home
from support.rubric import builtin

# --------------------------------------------------------------------------- the script

RUBRIC = builtin()
_new, _senior = RUBRIC.track("new"), RUBRIC.track("senior")
assert _new is not None and _senior is not None
TRACK: Track = _new  # the quarter starts on the new track
SENIOR: Track = _senior  # and switches to the senior track
FIRST_MONDAY = dt.date(2026, 9, 7)  # 2026-W37; the quarter runs to W49


def day(week: int, weekday: int = 0) -> dt.date:
    """The date of a weekday (0 Monday) in week 1–13 of the quarter."""
    return FIRST_MONDAY + dt.timedelta(weeks=week - 1, days=weekday)


SWITCHED = day(6, 1)  # Tuesday of week 6: new → senior


def title(skill: str) -> str:
    found = RUBRIC.skill(skill)
    assert found is not None
    return found.title


def sessions() -> list[Session]:
    return open_store(home(), write=False).sessions()


def questions(track: Track, history: Sequence[Session], *, full: bool = False) -> list[Question]:
    """The questions the next check-in asks, in order, as the app plans them: the script
    answers each; the tests check the session saved answered exactly these."""
    if full:
        return list(rotation.full_questions(RUBRIC, track))
    return list(rotation.weekly_questions(RUBRIC, track, history))


def exercise_marks(history: Sequence[Session], exercises: list[str], leave: str) -> list[str]:
    """One mark per exercise the last finished self check-in proposed: `exercises` cut to
    that many, padded with `leave` (what leaves an exercise's line as it was)."""
    previous = max(
        (s for s in history if s.finished and s.kind != "manager"),
        key=lambda s: s.started,
        default=None,
    )
    proposed = len(previous.assigned) if previous else 0
    return (exercises + [leave] * proposed)[:proposed]


# --------------------------------------------------------------------------- the switch

MAX_QUESTIONS = 12  # a weekly check-in's places
EMPHASIS = Fraction(3, 2)  # the weight of an emphasised skill
SCORE_WINDOW = dt.timedelta(weeks=8)


def rubric_order(rubric: Rubric, skills: Iterable[str]) -> list[str]:
    order = [s.id for s in rubric.skills]
    return sorted(skills, key=order.index)


def never_rated(rubric: Rubric, old: Track, new: Track) -> list[str]:
    """The new track's emphasised skills the old track never asked about, in rubric order:
    after the switch they have no score."""
    return rubric_order(rubric, (s for s in new.emphasis if s not in old.skills))


def first_checkin_after_switch(rubric: Rubric, old: Track, new: Track) -> Counter[str]:
    """Questions per skill in the first weekly check-in on the new track: every skill once,
    then the never-rated emphasised skills' questions before all others, taken in turn
    from each of those skills. (This quarter's history leaves no question of the other
    skills at risk of missing its turn, so no place is kept for one.)"""
    counts = Counter({s: 1 for s in new.skills})
    turn = itertools.cycle(never_rated(rubric, old, new))
    for _ in range(MAX_QUESTIONS - len(new.skills)):
        counts[next(turn)] += 1
    return counts


def scores(sessions: Iterable[Session], track: Track, at: dt.datetime) -> dict[str, Fraction]:
    """Each skill's score at `at`: the mean of the latest rating of each of its questions
    answered in the 8 weeks before (self sessions only, skipped answers left out)."""
    latest: dict[str, tuple[dt.datetime, int]] = {}
    for session in sessions:
        if session.kind not in ("weekly", "full") or not at - SCORE_WINDOW <= session.started <= at:
            continue
        for answer in session.answers:
            if answer.question is None or answer.rating is None or answer.skipped:
                continue
            seen = latest.get(answer.question)
            if seen is None or seen[0] < session.started:
                latest[answer.question] = (session.started, answer.rating)
    by_skill: dict[str, list[int]] = {}
    for question, (_, rating) in latest.items():
        by_skill.setdefault(question.split(".", 1)[0], []).append(rating)
    return {s: Fraction(sum(r), len(r)) for s, r in by_skill.items() if s in track.skills}


def focus_once_rated(
    rubric: Rubric, config: Config, track: Track, sessions: Iterable[Session], at: dt.datetime
) -> str:
    """The focus skill's id when every skill has a score: the largest weighted gap,
    (target − score) × weight. On a tie the 4-week decline decides and then rubric order;
    the quarter only meets ties between skills rated for the first time within 4 weeks
    (no decline), which this checks, so rubric order decides."""
    now = scores(sessions, track, at)
    assert set(now) == set(track.skills), f"unscored: {set(track.skills) - set(now)}"

    def weighted_gap(skill: str) -> Fraction:
        weight = EMPHASIS if skill in track.emphasis else Fraction(1)
        return (config.target(skill, track) - now[skill]) * weight

    largest = max(weighted_gap(s) for s in now)
    tied = rubric_order(rubric, (s for s in now if weighted_gap(s) == largest))
    if len(tied) > 1:
        earlier = scores(sessions, track, at - dt.timedelta(weeks=4))
        assert not any(s in earlier for s in tied), f"a tie with a decline: {tied}"
    return tied[0]
