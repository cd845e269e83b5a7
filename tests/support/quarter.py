"""What a track switch in the scripted quarter must lead to, worked out from the rules in
docs/definitions.md ("Focus skill", "Weekly check-in", "Score"), not from pmcoach's code:
the quarter tests (plain and in the terminal) compare what the app did with these.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import Counter
from collections.abc import Iterable
from fractions import Fraction

from pmcoach.domain.model import Config, Rubric, Session, Track

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
        return (config.target(skill) - now[skill]) * weight

    largest = max(weighted_gap(s) for s in now)
    tied = rubric_order(rubric, (s for s in now if weighted_gap(s) == largest))
    if len(tied) > 1:
        earlier = scores(sessions, track, at - dt.timedelta(weeks=4))
        assert not any(s in earlier for s in tied), f"a tie with a decline: {tied}"
    return tied[0]
