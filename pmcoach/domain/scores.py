"""The coaching rules: scores, change, focus, rotation, due/streak, say/do, exercises.

Every number a screen or an export shows is defined here once (design.md,
"Definitions"), so the dashboard, the progress chart and the 1:1 report can never
disagree. The functions are pure: they take the rubric, the sessions and events
already loaded, and an explicit moment (from `pmcoach.domain.clock`), and never read files
or the wall clock, so any history can be replayed in a test.

Conventions:

* All datetimes must be time-zone aware; they are compared as instants (in UTC),
  never as wall-clock times, so sessions recorded under different offsets (travel,
  DST) order correctly.
* "8 weeks before T" is the half-open interval (T − 8 weeks, T], with the 8 weeks
  counted on the calendar of T's own time zone: across a DST change the window
  still starts at the same wall-clock time, so a Monday 09:05 check-in is in or out
  of it exactly like in any other week.
* Scores are computed exactly (as fractions) and handed out as floats: ties between
  skills are then real ties, and a change of 3.2 − 3.0 is 0.2, not 0.20000000000000018.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Literal

from pmcoach.domain import clock, ledger
from pmcoach.domain.model import (
    Config,
    Event,
    Exercise,
    Question,
    Rubric,
    Session,
    Track,
)
from pmcoach.text.figures import format_change as format_change
from pmcoach.text.figures import format_score as format_score

SELF_KINDS: frozenset[str] = frozenset({"weekly", "full"})
"""Session kinds that are the user's own ratings (a manager session is not)."""

CHECKIN_KINDS: frozenset[str] = frozenset({"weekly", "full"})
"""Finished sessions of these kinds make a week "done". A full assessment asks every
question, so it is at least as good as a check-in; not counting it would tell a user
who just spent twenty minutes on one that their review is still due."""

SCORE_WINDOW = dt.timedelta(weeks=8)
CHANGE_SPAN = dt.timedelta(weeks=1)
DECLINE_SPAN = dt.timedelta(weeks=4)
EXERCISE_REST = dt.timedelta(weeks=8)

MAX_WEEKLY_QUESTIONS = 12
ROTATION_CHECKINS = 4
"""Every question comes up at least once in any this many consecutive check-ins."""

OVERDUE_AFTER_DAYS = 2
EMPHASIS_WEIGHT = Fraction(3, 2)
SAY_DO_WEEKS = 12

WeekState = Literal["done", "off", "due", "overdue", "upcoming"]

_ISO_WEEK = re.compile(r"(\d{4})-W(\d{2})")


# --------------------------------------------------------------------------- ratings


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


# --------------------------------------------------------------------------- time


def _utc(moment: dt.datetime) -> dt.datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"expected a time-zone aware datetime, got {moment!r}")
    return moment.astimezone(dt.UTC)


def _calendar_minus(moment: dt.datetime, span: dt.timedelta) -> dt.datetime:
    """`moment − span` on the calendar of moment's own zone, as an instant in UTC.

    Python's aware arithmetic keeps the wall-clock time and tzinfo; converting after
    the subtraction picks the offset valid at the earlier date, which is what makes
    "8 weeks ago" mean the same wall-clock time across a DST change.
    """
    _utc(moment)
    return (moment - span).astimezone(dt.UTC)


def iso_week(day: dt.date) -> str:
    """The ISO week of a date as written in files and screens: "2026-W48"."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def week_start(week: str) -> dt.date:
    """The Monday of an ISO week string ("2026-W48"); ValueError if it is not one."""
    match = _ISO_WEEK.fullmatch(week.strip()) if isinstance(week, str) else None
    if match is None:
        raise ValueError(f"not an ISO week: {week!r} (expected e.g. 2026-W48)")
    try:
        return dt.date.fromisocalendar(int(match[1]), int(match[2]), 1)
    except ValueError as exc:
        raise ValueError(f"not an ISO week: {week!r} ({exc})") from exc


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def local_date(moment: dt.datetime, tz: dt.tzinfo) -> dt.date:
    """The calendar date of a moment in the configured zone (what decides its week)."""
    return _utc(moment).astimezone(tz).date()


def week_of(moment: dt.datetime, tz: dt.tzinfo) -> str:
    """The ISO week a moment belongs to in the configured zone.

    A session started at 23:30 on a Sunday in New York belongs to that week even
    though it is already Monday in UTC; a session recorded while travelling is
    placed by the user's home zone, not by the offset it was written with.
    """
    return iso_week(local_date(moment, tz))


def _week_end(monday: dt.date, tz: dt.tzinfo) -> dt.datetime:
    """The last representable instant of the local week starting on `monday`."""
    next_monday = dt.datetime.combine(monday + dt.timedelta(days=7), dt.time(0), tzinfo=tz)
    return next_monday - dt.timedelta(microseconds=1)


# --------------------------------------------------------------------------- scores


# (moment in UTC, skill, question — or the skill for a manager rating, rating)
_Rating = tuple[dt.datetime, str, str, int]


def _in_order(
    sessions: Iterable[Session], kinds: frozenset[str]
) -> list[tuple[dt.datetime, Session]]:
    """Sessions of these kinds by start, then id: a stable order for equal starts."""
    found = [(_utc(s.started), s) for s in sessions if s.kind in kinds]
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
            question, rating = answer.question, answer.rating
            if question is None or rating is None or answer.skipped:
                continue
            skill = skill_of.get(question)
            if skill is None:
                skill = skill_of[question] = question.split(".", 1)[0]
            found.append((at, skill, question, rating))
    return found


def _manager_ratings(sessions: Iterable[Session]) -> list[_Rating]:
    found: list[_Rating] = []
    for at, session in _in_order(sessions, frozenset({"manager"})):
        for answer in session.answers:
            if answer.skill is None or answer.rating is None or answer.skipped:
                continue
            found.append((at, answer.skill, answer.skill, answer.rating))
    return found


class _Sweep:
    """Latest rating per question, fed in time order, read at increasing moments.

    One pass over the history serves any number of increasing moments, which is
    what makes ten years of weekly points cost one sort instead of one scan per week.
    """

    def __init__(self, ratings: Sequence[_Rating]) -> None:
        self._ratings = ratings
        self._next = 0
        self._latest: dict[str, dict[str, tuple[dt.datetime, int]]] = {}

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

    def total(self, skill: str, after: dt.datetime) -> tuple[int, int]:
        """Sum and number of the skill's latest ratings newer than `after`."""
        total = count = 0
        for at, rating in self._latest.get(skill, {}).values():
            if at > after:
                total += rating
                count += 1
        return total, count

    def score(self, skill: str, after: dt.datetime) -> Fraction | None:
        total, count = self.total(skill, after)
        return Fraction(total, count) if count else None

    def latest(self, skill: str, after: dt.datetime) -> int | None:
        """The most recent single rating of a skill (manager ratings: one per skill)."""
        entry = self._latest.get(skill, {}).get(skill)
        if entry is None or entry[0] <= after:
            return None
        return entry[1]


def _scores_at(
    ratings: Sequence[_Rating], skills: Sequence[str], at: dt.datetime
) -> dict[str, Fraction | None]:
    sweep = _Sweep(ratings)
    sweep.advance(_utc(at))
    after = _calendar_minus(at, SCORE_WINDOW)
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
        change = None if score is None or previous is None else score - previous
        result.append(SkillScore(skill, _float(score), _float(previous), _float(change)))
    return tuple(result)


def manager_scores(
    sessions: Iterable[Session],
    rubric: Rubric,
    at: dt.datetime,
    skills: Sequence[str] | None = None,
) -> dict[str, int | None]:
    """The manager's latest rating of each skill within the same 8-week window.

    Kept apart from the self score on purpose: the point is to watch the gap
    between the two, which mixing them would hide.
    """
    ids = _skill_ids(rubric, skills)
    sweep = _Sweep(_manager_ratings(sessions))
    sweep.advance(_utc(at))
    after = _calendar_minus(at, SCORE_WINDOW)
    return {skill: sweep.latest(skill, after) for skill in ids}


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
    last = _monday(local_date(now, tz))
    if since is not None:
        first = _monday(since)
    elif ratings:
        first = _monday(ratings[0][0].astimezone(tz).date())
    else:
        return {skill: () for skill in ids}
    sweep = _Sweep(ratings)
    points: dict[str, list[WeekPoint]] = {skill: [] for skill in ids}
    monday = first
    while monday <= last:
        moment = now if monday == last else _week_end(monday, tz)
        sweep.advance(_utc(moment))
        after = _calendar_minus(moment, SCORE_WINDOW)
        week = iso_week(monday)
        for skill in ids:
            total, count = sweep.total(skill, after)
            # int / int is correctly rounded, so this equals float(Fraction(total, count)).
            score = total / count if count else None
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
    return None if score is None else target - score


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
        return EMPHASIS_WEIGHT if skill in track.emphasis else Fraction(1)

    def target(skill: str) -> int:
        return config.target(skill)

    titles = {s.id: s.title for s in skills}
    best_weight = max(weight(s) for s in ids)
    weighted = best_weight != 1

    scored = [s for s in ids if now[s] is not None]
    unrated = [s for s in ids if now[s] is None and weight(s) == best_weight]
    if not scored or (weighted and unrated):
        skill = unrated[0]
        w = weight(skill)
        if not scored:
            first = "the first skill" if w == 1 else f"the first skill weighted ×{_num(w)}"
            why = (
                f"no skill of the {track.id} track has a rating in the last 8 weeks, so the "
                f"focus starts with {first}"
            )
        else:
            why = (
                f"the {track.id} track emphasises it (weighted ×{_num(w)}) and it has no "
                "rating in the last 8 weeks, so it is the focus until your next check-in "
                "rates it"
            )
        reason = f"{titles[skill]}: not rated yet (target {target(skill)}) — {why}."
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
    head = f"{titles[best]}: {_num(score)} against a target of {target(best)}"
    w = weight(best)
    # Past the target the ranking is by margin (−gap); the figure shown is positive.
    sign = 1 if best_gap > 0 else -1
    if not weighted:
        figure = f"({_num(sign * best_gap)})"
    else:
        if best_gap > 0:
            head += f", a gap of {_num(best_gap)}"
        emphasis = (
            f"not emphasised by the {track.id} track"
            if w == 1
            else f"as the {track.id} track emphasises it"
        )
        figure = f"({_num(sign * best_weighted)}: ×{_num(w)}, {emphasis})"
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
            why += f", tied with {others}; it fell more over 4 weeks (by {_num(d)})"
        else:
            why += f", tied with {others}, which improved more over 4 weeks"
    return Focus(
        skill=best,
        score=float(score),
        target=target(best),
        weight=float(w),
        gap=float(best_gap),
        decline=_float(d),
        reason=f"{head} — {why}.",
        weighted_gap=float(best_weighted),
    )


def _and(words: Sequence[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _num(value: Fraction | float) -> str:
    """Numbers inside sentences: one decimal, but whole numbers stay whole ("×1.5", "4")."""
    if Fraction(value).denominator == 1:
        return str(int(value))
    return format_score(float(value))


# --------------------------------------------------------------------------- questions


def _rubric_order(rubric: Rubric) -> tuple[dict[str, int], dict[str, int]]:
    skill_index = {s.id: i for i, s in enumerate(rubric.skills)}
    question_index = {q.id: i for i, q in enumerate(rubric.questions)}
    return skill_index, question_index


def full_questions(rubric: Rubric, track: Track) -> tuple[Question, ...]:
    """Every active scored question of the track, in rubric order of skill, then question.

    Reflection questions are left out: the check-in flow asks its one reflection
    itself, whatever the selection.
    """
    skill_index, question_index = _rubric_order(rubric)
    found = [q for q in rubric.active_questions(track) if q.scored]
    found.sort(key=lambda q: (skill_index.get(q.skill, len(skill_index)), question_index[q.id]))
    return tuple(found)


def _asked_rounds(sessions: Iterable[Session], before: dt.datetime | None) -> list[set[str]]:
    """The questions rated in each past self session, oldest first.

    Skipped counts as not asked (the point of rotation is that each question gets
    an answer), and a session in which nothing was rated is not a round at all, so
    opening and closing a check-in does not age every question.
    """
    limit = None if before is None else _utc(before)
    rounds: list[tuple[dt.datetime, str, set[str]]] = []
    for session in sessions:
        if session.kind not in SELF_KINDS:
            continue
        at = _utc(session.started)
        if limit is not None and at >= limit:
            continue
        asked = {
            a.question
            for a in session.answers
            if a.question is not None and a.rating is not None and not a.skipped
        }
        if asked:
            rounds.append((at, session.id, asked))
    rounds.sort(key=lambda r: (r[0], r[1]))
    return [asked for _, _, asked in rounds]


def weekly_questions(
    rubric: Rubric,
    track: Track,
    sessions: Iterable[Session],
    max_questions: int = MAX_WEEKLY_QUESTIONS,
    before: dt.datetime | None = None,
) -> tuple[Question, ...]:
    """The questions of the next weekly check-in, in rubric order.

    The rule (design.md, "Weekly check-in"): at most `max_questions`; every skill
    of the track at least once, with its longest-ago question; the questions asked
    longest ago (never asked first, ties in rubric order) fill the rest.

    Taken literally, "longest ago fills the rest" breaks the promise that each
    question comes up in any 4 consecutive check-ins: a skill with 3 questions is
    asked every week anyway, and spending fill slots on its other questions starves
    a large skill. So before the plain longest-ago fill, exactly as many slots as
    the next 4 check-ins cannot do without go to the questions that their own
    skill's one-per-check-in slot would not reach in time (earliest deadline
    first; each such slot is given to that skill's longest-ago question). With
    room to spare the choice is the plain longest-ago rule.

    History is counted in check-ins, not weeks: each past self session with at
    least one rating is one round. Pass `before` (a resumed session's `started`)
    to ignore sessions from then on, so that resuming shows the same questions.
    """
    if max_questions < 1:
        raise ValueError(f"max_questions must be at least 1, got {max_questions}")
    candidates = full_questions(rubric, track)
    if len(candidates) <= max_questions:
        return candidates
    rounds = _asked_rounds(sessions, before)
    last: dict[str, int] = {}
    for index, asked in enumerate(rounds):
        for question in asked:
            last[question] = index
    position = {q.id: i for i, q in enumerate(candidates)}
    # After a track switch: the new track's emphasised skills that were never rated go
    # first, a question from each in turn, so one check-in rates them all (the focus
    # waits on them). A first check-in ever keeps the plain order.
    rated_skills = {q.split(".", 1)[0] for asked in rounds for q in asked}
    fresh = {s for s in track.emphasis if rounds and s not in rated_skills and s in track.skills}
    turn: dict[str, int] = {}
    seen: dict[str, int] = {}
    for q in candidates:
        if q.skill in fresh:
            turn[q.id] = seen.get(q.skill, 0)
            seen[q.skill] = turn[q.id] + 1

    def age(q: Question) -> tuple[int, int, int, int]:
        if q.skill in fresh:
            return -1, 0, turn[q.id], position[q.id]
        return last.get(q.id, -1), 1, 0, position[q.id]

    def deadline(q: Question) -> int:
        # Check-ins from now (0 = this one) by which q must come up again.
        return ROTATION_CHECKINS - (len(rounds) - last.get(q.id, -1))

    oldest_first = sorted(candidates, key=age)
    by_skill: dict[str, list[Question]] = {}
    for q in oldest_first:
        by_skill.setdefault(q.skill, []).append(q)

    firsts = sorted((qs[0] for qs in by_skill.values()), key=age)[:max_questions]
    chosen = {q.id for q in firsts}
    room = max_questions - len(chosen)
    if room > 0:
        # Questions the skill's own slot (one per check-in, longest-ago first) cannot
        # reach before their deadline.
        extra: list[Question] = []
        for qs in by_skill.values():
            planned = 1
            for q in qs[1:]:
                if planned <= deadline(q):
                    planned += 1
                else:
                    extra.append(q)
        extra.sort(key=age)
        deadlines = sorted(deadline(q) for q in extra)
        # Slots this check-in must give them so that later check-ins, each with the
        # same room, can still meet every deadline.
        need = 0
        for ahead in range(ROTATION_CHECKINS):
            due = bisect.bisect_right(deadlines, ahead)
            need = max(need, due - ahead * room)
        for q in extra[: min(need, room)]:
            pick = next((x for x in by_skill[q.skill] if x.id not in chosen), None)
            if pick is not None:
                chosen.add(pick.id)
        for q in oldest_first:
            if len(chosen) >= max_questions:
                break
            chosen.add(q.id)
    return tuple(q for q in candidates if q.id in chosen)


def rotation_slots(rubric: Rubric, track: Track) -> int:
    """Question slots that 4 consecutive check-ins need so every question comes up.

    Each skill needs max(its question count, 4): a skill is asked in every
    check-in even when it has fewer than 4 questions.
    """
    counts: dict[str, int] = {}
    for q in full_questions(rubric, track):
        counts[q.skill] = counts.get(q.skill, 0) + 1
    return sum(max(n, ROTATION_CHECKINS) for n in counts.values())


def rotation_fits(rubric: Rubric, track: Track, max_questions: int = MAX_WEEKLY_QUESTIONS) -> bool:
    """Whether every question of the track can come up in any 4 consecutive check-ins.

    "Up to 4 × 12 questions" is not quite enough: with one skill of 1 question and
    one of 47, the single question takes a slot every week and 47 questions would
    have to share 44 slots. The exact condition is that each skill needs
    max(questions, 4) of the 4 × max_questions slots, and that one check-in can
    hold every skill (or the whole track fits in one check-in).
    """
    questions = full_questions(rubric, track)
    if len(questions) <= max_questions:
        return True
    skills = {q.skill for q in questions}
    return (
        len(skills) <= max_questions
        and rotation_slots(rubric, track) <= ROTATION_CHECKINS * max_questions
    )


def previous_ratings(sessions: Iterable[Session], before: Session) -> dict[str, int]:
    """The latest self rating of each question before the session `before` ("last time: 3").

    Only sessions that started earlier count, so that correcting an old session
    shows what was known then, not what came later.
    """
    start = _utc(before.started)
    found: dict[str, tuple[tuple[dt.datetime, str, int], int]] = {}
    for other in sessions:
        if other.kind not in SELF_KINDS or other.id == before.id:
            continue
        at = _utc(other.started)
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


# --------------------------------------------------------------------------- week


@dataclass(frozen=True)
class WeekStatus:
    """Where the user stands this week, as the dashboard and `pmcoach status` show it."""

    state: WeekState
    streak: int
    week: str  # "2026-W48" in the configured zone
    week_start: dt.date
    review_at: dt.datetime  # this week's review day and time in the configured zone
    overdue_from: dt.date  # the first day the state is "overdue"
    checkin: str | None  # id of the session that made this week done
    # The streak runs back past `known_from`: it may be longer (see week_status).
    open_ended: bool = False


def skip_week(event: Event, tz: dt.tzinfo) -> str | None:
    """The week a skip-week event marks off, or None for other events.

    `data["week"]` when it is a valid ISO week string; otherwise the week the event
    was recorded in, so a hand-edited file still marks some week instead of
    failing the dashboard.
    """
    if event.kind != "skip-week":
        return None
    raw = event.data.get("week")
    if isinstance(raw, str):
        try:
            return iso_week(week_start(raw))
        except ValueError:
            pass
    return week_of(event.at, tz)


def checkin_weeks(sessions: Iterable[Session], tz: dt.tzinfo) -> dict[str, str]:
    """Weeks with a finished check-in (weekly or full), each with its earliest session id."""
    found: dict[str, tuple[dt.datetime, str]] = {}
    for session in sessions:
        if session.kind not in CHECKIN_KINDS or session.finished is None:
            continue
        week = week_of(session.started, tz)
        key = (_utc(session.started), session.id)
        if week not in found or key < found[week]:
            found[week] = key
    return {week: session_id for week, (_, session_id) in found.items()}


def week_status(
    config: Config,
    sessions: Iterable[Session],
    events: Iterable[Event],
    now: dt.datetime,
    tz: dt.tzinfo | None = None,
    known_from: dt.datetime | None = None,
) -> WeekStatus:
    """Done, off, due, overdue or upcoming for the week of `now`, and the streak.

    Everything is judged on calendar dates in the configured zone (`tz`, default
    `config.time_zone`): due from the review day on, overdue from the third day
    after it. The first review is due on the first review day on or after the day
    of set-up (`config.onboarded`): someone who sets up on a Sunday with Monday
    reviews is not told on Sunday that a review they never had is overdue. The
    review time is carried for reminders but does not move the state, so "due"
    never flips in the middle of a day.

    The streak counts weeks with a finished check-in back from this week if it is
    done, else from last week (a week still in progress has not broken anything).
    Weeks marked off are stepped over. With `known_from`, the history given starts
    there (the dashboard's first frame without a cache): a streak that runs back to
    the first whole week after it is a lower bound, marked `open_ended`.
    """
    zone = tz if tz is not None else clock.zone(config.time_zone)
    if not 0 <= config.review_day <= 6:
        raise ValueError(f"review_day must be 0 (Monday) to 6 (Sunday), got {config.review_day}")
    today = local_date(now, zone)
    monday = _monday(today)
    week = iso_week(monday)
    done = checkin_weeks(sessions, zone)
    off = {w for w in (skip_week(e, zone) for e in events) if w is not None}

    review_day = monday + dt.timedelta(days=config.review_day)
    review_at = dt.datetime.combine(review_day, config.review_time, tzinfo=zone)
    overdue_from = review_day + dt.timedelta(days=OVERDUE_AFTER_DAYS + 1)

    state: WeekState
    if week in done:
        state = "done"
    elif week in off:
        state = "off"
    elif config.onboarded is not None and review_day < config.onboarded:
        # Set up after this week's review day: the first review is next week's.
        state = "upcoming"
    elif today >= overdue_from:
        state = "overdue"
    elif today >= review_day:
        state = "due"
    else:
        state = "upcoming"

    streak = 0
    earliest = min((week_start(w) for w in (*done, *off)), default=monday)
    if known_from is not None:
        earliest = _monday(local_date(known_from, zone)) + dt.timedelta(days=7)
    cursor = monday if week in done else monday - dt.timedelta(days=7)
    while cursor >= earliest:
        name = iso_week(cursor)
        if name in done:
            streak += 1
        elif name not in off:
            break
        cursor -= dt.timedelta(days=7)
    open_ended = known_from is not None and cursor < earliest
    return WeekStatus(
        state, streak, week, monday, review_at, overdue_from, done.get(week), open_ended
    )


# --------------------------------------------------------------------------- say/do


@dataclass(frozen=True)
class SayDo:
    """Commitments kept versus not, over some weeks."""

    met: int = 0
    missed: int = 0
    renegotiated_kept: int = 0  # included in `met`: a new date was agreed, then kept
    renegotiated_missed: int = 0  # included in `missed`: a new date agreed, then missed

    @property
    def ratio(self) -> float | None:
        """met ÷ (met + missed); None when nothing was reviewed (not 0%, nor 100%)."""
        total = self.met + self.missed
        return None if total == 0 else self.met / total

    def __add__(self, other: SayDo) -> SayDo:
        return SayDo(
            self.met + other.met,
            self.missed + other.missed,
            self.renegotiated_kept + other.renegotiated_kept,
            self.renegotiated_missed + other.renegotiated_missed,
        )


def _counted(entry: ledger.Entry) -> SayDo:
    """One commitment's outcome as say/do counts it.

    Renegotiating is telling them in time and agreeing a new date: it never counts as
    missed by itself. With a new date the commitment stays open (the ledger moves its
    due date) and counts by what happens by then; a renegotiation recorded without a
    date (older files) closes it as kept.
    """
    if entry.state == "met":
        return SayDo(met=1, renegotiated_kept=int(entry.renegotiations > 0))
    if entry.state == "renegotiated":
        return SayDo(met=1, renegotiated_kept=1)
    if entry.state == "missed":
        return SayDo(missed=1, renegotiated_missed=int(entry.renegotiations > 0))
    return SayDo()


def say_do_by_week(
    history: ledger.Ledger,
    tz: dt.tzinfo,
    now: dt.datetime,
    weeks: int = SAY_DO_WEEKS,
) -> tuple[tuple[str, SayDo], ...]:
    """Say/do per ISO week for the `weeks` weeks ending with the week of `now`, oldest first.

    Each commitment counts once, with the outcome it has now, in the week it got it
    (the week of the reviewing session, or of the event that recorded it). Open and
    withdrawn commitments are not counted.
    """
    if weeks < 1:
        raise ValueError(f"weeks must be at least 1, got {weeks}")
    this_monday = _monday(local_date(now, tz))
    mondays = [this_monday - dt.timedelta(days=7 * i) for i in range(weeks - 1, -1, -1)]
    tally = {iso_week(m): SayDo() for m in mondays}
    upper = _utc(now)
    for entry in history.closed():
        assert entry.closed_at is not None
        if _utc(entry.closed_at) > upper:
            continue
        week = week_of(entry.closed_at, tz)
        if week in tally:
            tally[week] = tally[week] + _counted(entry)
    return tuple(tally.items())


def say_do(
    history: ledger.Ledger,
    tz: dt.tzinfo,
    now: dt.datetime,
    weeks: int = SAY_DO_WEEKS,
) -> SayDo:
    """Say/do over the `weeks` weeks ending with this one (default 12)."""
    total = SayDo()
    for _, week in say_do_by_week(history, tz, now, weeks):
        total = total + week
    return total


# --------------------------------------------------------------------------- exercises


def choose_exercises(
    rubric: Rubric,
    track: Track,
    skill: str,
    sessions: Iterable[Session],
    count: int = 2,
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
        at = _utc(session.started)
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
    upper, lower = _utc(at), _calendar_minus(at, span)
    return frozenset(
        exercise
        for session in sessions
        if lower < _utc(session.started) <= upper
        for exercise in session.assigned
    )
