"""Scores: what each skill stands at, its change, the chart's weekly points, and the focus.

Every number a screen or an export shows about a skill is computed here once
(docs/definitions.md, "Score", "Change", "Gap" and "Focus skill"), so the dashboard, the
progress chart and the 1:1 report can never disagree. The functions are pure: they take
the rubric, the sessions already loaded, and an explicit moment (from
`pmcoach.domain.clock`), and never read files or the wall clock, so any history can be
replayed in a test. Moments and windows follow `pmcoach.domain.weeks`.

Scores are computed exactly (as fractions) and handed out as floats: ties between skills
are then real ties, and a change of 3.2 − 3.0 is 0.2, not 0.20000000000000018.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction

from pmcoach.domain.model import Config, Rubric, Session, Track
from pmcoach.domain.ratings import answer_rating
from pmcoach.domain.rules import (
    CHANGE_SPAN,
    DECLINE_SPAN,
    DECLINE_WEEKS,
    EMPHASIS_WEIGHT,
    SCORE_WEEKS,
    SCORE_WINDOW,
    SELF_KINDS,
)
from pmcoach.domain.weeks import calendar_minus, iso_week, local_date, monday_of, utc, week_end
from pmcoach.text import figures

_EMPHASIS = Fraction(EMPHASIS_WEIGHT)

# (moment in UTC, skill, question — or the skill for a manager rating, rating). A rating
# is an int unless a count rescored it to a fraction (ratings.frequency_rating): ints
# keep ten years of weekly sums fast.
_Value = int | Fraction
_Rating = tuple[dt.datetime, str, str, _Value]


def _in_order(
    sessions: Iterable[Session], kinds: frozenset[str]
) -> list[tuple[dt.datetime, Session]]:
    """Sessions of these kinds by start, then id: a stable order for equal starts."""
    found = [(utc(s.started), s) for s in sessions if s.kind in kinds]
    found.sort(key=lambda pair: (pair[0], pair[1].id))
    return found


def _self_ratings(rubric: Rubric, sessions: Iterable[Session]) -> list[_Rating]:
    """Every saved self rating, oldest first.

    In-progress sessions count: each answer is saved the moment it is given, and
    an abandoned check-in's answers are still what the user said that day.
    A question that left the rubric still belongs to the skill its id names (ids
    are "<skill>.<slug>" and never reused), so old answers keep counting.
    """
    skill_of = {q.id: q.skill for q in rubric.questions}
    found: list[_Rating] = []
    for at, session in _in_order(sessions, SELF_KINDS):
        for answer in session.answers:
            question, exact = answer.question, answer_rating(answer)
            if question is None or exact is None:
                continue
            rating: _Value = exact.numerator if exact.denominator == 1 else exact
            skill = skill_of.get(question)
            if skill is None:
                skill = skill_of[question] = question.split(".", 1)[0]
            found.append((at, skill, question, rating))
    return found


class _Sweep:
    """Latest rating per question, fed in time order, read at increasing moments.

    One pass over the history serves any number of increasing moments, which is
    what makes ten years of weekly points cost one sort instead of one scan per week.
    """

    def __init__(self, ratings: Sequence[_Rating]) -> None:
        self._ratings = ratings
        self._next = 0
        self._latest: dict[str, dict[str, tuple[dt.datetime, _Value]]] = {}

    def advance(self, until: dt.datetime) -> None:
        ratings, latest, index = self._ratings, self._latest, self._next
        while index < len(ratings) and ratings[index][0] <= until:
            at, skill, question, rating = ratings[index]
            per_skill = latest.get(skill)
            if per_skill is None:
                per_skill = latest[skill] = {}
            per_skill[question] = (at, rating)
            index += 1
        self._next = index

    def total(self, skill: str, after: dt.datetime) -> tuple[_Value, int]:
        """Sum and number of the skill's latest ratings newer than `after`."""
        total: _Value = 0
        count = 0
        for at, rating in self._latest.get(skill, {}).values():
            if at > after:
                total += rating
                count += 1
        return total, count

    def score(self, skill: str, after: dt.datetime) -> Fraction | None:
        total, count = self.total(skill, after)
        return Fraction(total, count) if count else None


def _scores_at(
    ratings: Sequence[_Rating], skills: Sequence[str], at: dt.datetime
) -> dict[str, Fraction | None]:
    sweep = _Sweep(ratings)
    sweep.advance(utc(at))
    after = calendar_minus(at, SCORE_WINDOW)
    return {skill: sweep.score(skill, after) for skill in skills}


def _float(value: Fraction | None) -> float | None:
    return None if value is None else float(value)


def _skill_ids(rubric: Rubric, skills: Sequence[str] | None) -> tuple[str, ...]:
    return tuple(skills) if skills is not None else tuple(s.id for s in rubric.skills)


@dataclass(frozen=True)
class SkillScore:
    """A skill's score at a moment, with the score a week earlier and the change."""

    skill: str
    score: float | None
    previous: float | None
    change: float | None


def skill_score(
    sessions: Iterable[Session], rubric: Rubric, skill: str, at: dt.datetime
) -> float | None:
    """Mean of the latest self rating of each of the skill's questions in the 8 weeks up to `at`.

    Taking each question's latest rating (not every rating) is what lets rotating
    check-ins, which ask different questions each week, be compared like with like.
    """
    return _float(_scores_at(_self_ratings(rubric, sessions), (skill,), at)[skill])


def skill_scores(
    sessions: Iterable[Session],
    rubric: Rubric,
    at: dt.datetime,
    skills: Sequence[str] | None = None,
) -> tuple[SkillScore, ...]:
    """Score and change for each skill (default: every rubric skill, in rubric order)."""
    ids = _skill_ids(rubric, skills)
    ratings = _self_ratings(rubric, sessions)
    now = _scores_at(ratings, ids, at)
    before = _scores_at(ratings, ids, at - CHANGE_SPAN)
    result = []
    for skill in ids:
        score, previous = now[skill], before[skill]
        now_, before_ = _float(score), _float(previous)
        change = None if now_ is None or before_ is None else figures.difference(now_, before_)
        result.append(SkillScore(skill, now_, before_, change))
    return tuple(result)


@dataclass(frozen=True)
class WeekPoint:
    """One point of a skill's chart: its score at the end of an ISO week."""

    week: str
    start: dt.date
    score: float | None
    answers: int = 0  # how many ratings the score is the mean of


def scores_over_time(
    sessions: Iterable[Session],
    rubric: Rubric,
    tz: dt.tzinfo,
    now: dt.datetime,
    skills: Sequence[str] | None = None,
    since: dt.date | None = None,
) -> dict[str, tuple[WeekPoint, ...]]:
    """One point per ISO week per skill, from the first rated week (or `since`) to this week.

    A week's point is the score at the week's last instant in `tz` — the same
    definition as the dashboard's, so the 8-week window is then exactly that week
    and the seven before it — and for the current week the score at `now`, so the
    chart's last point equals the number on the dashboard. A single sweep over the
    history: O(answers + weeks × questions per skill).
    """
    ids = _skill_ids(rubric, skills)
    ratings = _self_ratings(rubric, sessions)
    last = monday_of(local_date(now, tz))
    if since is not None:
        first = monday_of(since)
    elif ratings:
        first = monday_of(ratings[0][0].astimezone(tz).date())
    else:
        return {skill: () for skill in ids}
    sweep = _Sweep(ratings)
    points: dict[str, list[WeekPoint]] = {skill: [] for skill in ids}
    monday = first
    while monday <= last:
        moment = now if monday == last else week_end(monday, tz)
        sweep.advance(utc(moment))
        after = calendar_minus(moment, SCORE_WINDOW)
        week = iso_week(monday)
        for skill in ids:
            total, count = sweep.total(skill, after)
            # int / int is correctly rounded, so this equals float(Fraction(total, count));
            # a Fraction / int is a Fraction, turned to float once.
            score = float(total / count) if count else None
            points[skill].append(WeekPoint(week, monday, score, count))
        monday += dt.timedelta(days=7)
    return {skill: tuple(p) for skill, p in points.items()}


# --------------------------------------------------------------------------- focus


def gap(target: int, score: float | None) -> float | None:
    """How far a skill still has to go: its target minus its score (docs/definitions.md).

    Positive below the target, 0 at it, negative past it; None without a score.
    The one meaning of "gap" on every screen and in every export. A gap times a
    track's weight is a *weighted* gap and is always called so; how far self and
    manager (or peers) are apart is a *difference*, never a gap.
    """
    return None if score is None else figures.difference(target, score)


@dataclass(frozen=True)
class Focus:
    """The skill where practice pays most this week, and why, in one sentence."""

    skill: str
    score: float | None
    target: int
    weight: float
    gap: float | None  # target − score, as everywhere
    decline: float | None  # score 4 weeks ago − score now; positive means it fell
    reason: str
    weighted_gap: float | None = None  # gap × weight: what the focus is chosen by


def focus(
    rubric: Rubric,
    track: Track,
    config: Config,
    sessions: Iterable[Session],
    at: dt.datetime,
) -> Focus | None:
    """The focus skill: largest weighted gap, (target − score) × weight; ties: 4-week
    decline, rubric order.

    A skill the track emphasises that has no score (a new user, a track just
    switched to, or eight silent weeks) comes first, in rubric order, until it is
    rated: its gap is unknown, and the track says it matters most, so ranking only
    the scored skills would leave it out for good. Otherwise only skills with a
    score compete, because a gap against no score means nothing. An unknown
    decline (no score 4 weeks ago) ranks as no decline. None only for a track
    without skills.
    """
    skills = rubric.track_skills(track)
    if not skills:
        return None
    ids = tuple(s.id for s in skills)
    ratings = _self_ratings(rubric, sessions)
    now = _scores_at(ratings, ids, at)
    earlier = _scores_at(ratings, ids, at - DECLINE_SPAN)

    def weight(skill: str) -> Fraction:
        return _EMPHASIS if skill in track.emphasis else Fraction(1)

    def target(skill: str) -> int:
        return config.target(skill, track)

    titles = {s.id: s.title for s in skills}
    best_weight = max(weight(s) for s in ids)
    weighted = best_weight != 1

    scored = [s for s in ids if now[s] is not None]
    unrated = [s for s in ids if now[s] is None and weight(s) == best_weight]
    if not scored or (weighted and unrated):
        skill = unrated[0]
        w = weight(skill)
        if not scored:
            first = (
                "the first skill"
                if w == 1
                else f"the first skill weighted {figures.weight(float(w))}"
            )
            why = (
                f"no skill of the {track.id} track has a rating in the last {SCORE_WEEKS} "
                f"weeks, so the focus starts with {first}"
            )
        else:
            why = (
                f"the {track.id} track emphasises it (weighted {figures.weight(float(w))}) and "
                f"it has no rating in the last {SCORE_WEEKS} weeks, so it is the focus until "
                "your next check-in rates it"
            )
        reason = f"{titles[skill]}: not rated yet (target {figures.target(target(skill))}) — {why}."
        return Focus(skill, None, target(skill), float(w), None, None, reason)

    def gap_of(skill: str) -> Fraction:
        score = now[skill]
        assert score is not None
        return target(skill) - score

    def weighted_gap(skill: str) -> Fraction:
        return gap_of(skill) * weight(skill)

    def decline(skill: str) -> Fraction | None:
        score, before = now[skill], earlier[skill]
        return None if score is None or before is None else before - score

    def rank(skill: str) -> tuple[Fraction, Fraction]:
        return weighted_gap(skill), decline(skill) or Fraction(0)

    order = {s: i for i, s in enumerate(ids)}
    best = min(scored, key=lambda s: (-weighted_gap(s), -rank(s)[1], order[s]))
    score = now[best]
    assert score is not None
    best_gap, best_weighted = gap_of(best), weighted_gap(best)
    tied = [s for s in scored if s != best and weighted_gap(s) == best_weighted]
    head = (
        f"{titles[best]}: {figures.score(float(score))} against a target of "
        f"{figures.target(target(best))}"
    )
    w = weight(best)
    # The figures written add up: the gap of the score as written, times the weight.
    written_gap = figures.difference(target(best), float(score))
    written_weighted = float(Fraction(repr(written_gap)) * w)
    # Past the target the ranking is by margin (−gap); the figure shown is positive.
    sign = 1 if best_gap > 0 else -1
    if not weighted:
        figure = f"({figures.gap(sign * written_gap)})"
    else:
        if best_gap > 0:
            head += f", a gap of {figures.gap(written_gap)}"
        emphasis = (
            f"not emphasised by the {track.id} track"
            if w == 1
            else f"as the {track.id} track emphasises it"
        )
        figure = f"({figures.gap(sign * written_weighted)}: {figures.weight(float(w))}, {emphasis})"
    kind = "weighted " if weighted else ""
    if best_gap <= 0:
        why = (
            f"every rated skill is at or above its target, and this one has the least "
            f"{kind}margin {figure}"
        )
    else:
        why = f"the largest {kind}gap {figure}"
    d = decline(best)
    if tied:
        others = _and([titles[s] for s in tied])
        if any(rank(s)[1] == rank(best)[1] for s in tied):
            why += f", tied with {others}; it comes first in rubric order"
        elif d is not None and d > 0:
            fell = figures.score(float(d))
            why += f", tied with {others}; it fell more over {DECLINE_WEEKS} weeks (by {fell})"
        else:
            why += f", tied with {others}, which improved more over {DECLINE_WEEKS} weeks"
    return Focus(
        skill=best,
        score=float(score),
        target=target(best),
        weight=float(w),
        gap=written_gap,
        decline=_float(d),
        reason=f"{head} — {why}.",
        weighted_gap=float(best_weighted),
    )


def _and(words: Sequence[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]
