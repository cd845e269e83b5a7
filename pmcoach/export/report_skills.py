"""The report's skills: each one's figures and chart, and what they say in plain words.

Split from `report` because the judgement (strengths, growth areas, the rubric's level
words) is a concern of its own, read from the same figures as the table so the words
and the numbers cannot disagree. Figures follow docs/definitions.md ("In the report").
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from zoneinfo import ZoneInfo

from pmcoach.domain import peers, rotation, rules, scores, weeks
from pmcoach.domain.manager import comparable
from pmcoach.domain.model import Rubric, Session, Track
from pmcoach.export import ExportData
from pmcoach.export.report_model import (
    TREND_POINTS,
    Levels,
    Mark,
    SkillLine,
    Standing,
    level_of,
    shown,
)
from pmcoach.text import figures

# A skill's start is its first weekly score in the period that rests on at least this
# many answers (or on every question of a skill that has fewer): a first week of one
# answer says little, and "rose +2.0" from it would claim a rise one answer cannot show.
START_ANSWERS = 2
# The most weekly scores a chart draws: ten years of weeks on 320 pixels would be a smear.
CHART_POINTS = 80
# A change this large, either way, is named a rise or a fall.
NOTED_CHANGE = 0.25
MAX_STRENGTHS = 3
# A skill below its target is named a strength when it is within this of it (as printed):
# one level short is close; two levels short is not a strength however it compares.
NEAR_TARGET = 1
# Growth areas by weighted gap, with their level words; a skill that fell is added after
# them, one line each.
MAX_GROWTH = 3


def sample(points: Sequence[object], limit: int, keep: int = 0) -> tuple[int, ...]:
    """The indexes of at most `limit` points, evenly spaced, the first and last kept; and
    `keep` (the start's week): the first index at or after it becomes it, so the first
    point drawn from the start on is the start itself, whatever the spacing. The last
    (now) is never the one given up: a start in the last stretch of a long period takes
    the place before it."""
    if len(points) <= limit:
        return tuple(range(len(points)))
    step = (len(points) - 1) / (limit - 1)
    indexes = [round(i * step) for i in range(limit)]
    slot = next(n for n, index in enumerate(indexes) if index >= keep)
    if slot == limit - 1 and keep < indexes[slot]:
        slot -= 1
    indexes[slot] = keep
    return tuple(indexes)


def start_week(points: Sequence[scores.WeekPoint], questions: int) -> int | None:
    """The index of the week a skill's start is taken from: its first score resting on
    `START_ANSWERS` answers (or on every question of a skill that has fewer); None when no
    week does. The report's chart and trend begin there and the review's start is taken
    there, so the line drawn and the "start → now" written above it tell one story."""
    enough = max(min(START_ANSWERS, questions), 1)
    return next(
        (i for i, p in enumerate(points) if p.score is not None and p.answers >= enough), None
    )


def _title(rubric: Rubric, skill: str) -> str:
    found = rubric.skill(skill)
    return found.title if found else skill


def _week_day(start: dt.date, last: dt.date) -> dt.date:
    """The day a week's score stands for: its Sunday, or today for the current week."""
    return min(start + dt.timedelta(days=6), last)


def skill_lines(
    data: ExportData,
    track: Track | None,
    selfs: list[Session],
    others: Sequence[Session],
    zone: ZoneInfo,
    focus: str | None,
) -> tuple[SkillLine, ...]:
    """Each skill of the track: start, now, target, the trend, and the chart's marks.

    `others` are the period's manager and peer sessions, finished."""
    ids = [s.id for s in data.rubric.track_skills(track)] if track else []
    series = scores.scores_over_time(
        selfs, data.rubric, zone, data.now, ids, since=data.period.start
    )
    asked = Counter(q.skill for q in rotation.full_questions(data.rubric, track)) if track else {}
    # Ratings on the old scale ("against the bar") are not on the chart's levels: not drawn.
    managers = [s for s in others if s.kind == "manager" and comparable(s)]
    replies = [s for s in others if s.kind == "peer"]
    last = data.period.end
    lines = []
    for skill_id in ids:
        points = series.get(skill_id, ())
        first = start_week(points, asked.get(skill_id, 0))
        # Drawn from the start on: a week before it rests on too few answers to be the
        # start, and a line falling from it would contradict the change written above.
        # Its place stays (no point), so every skill's weeks line up; with no start no
        # change is claimed, and every week is drawn.
        scored = [None if i < (first or 0) else p.score for i, p in enumerate(points)]
        start = None if first is None else scored[first]
        chart = tuple(
            None if value is None else Mark(_week_day(points[i].start, last), value)
            for i, value in ((i, scored[i]) for i in sample(points, CHART_POINTS, first or 0))
        )
        rated = [
            Mark(weeks.local_date(s.started, zone), float(a.rating))
            for s in managers
            for a in s.answers
            if a.skill == skill_id and a.rating is not None and not a.skipped
        ]
        view = peers.view(replies, data.rubric, skill_id)
        # One peer's reply drawn alone would be that peer's rating, named by elimination:
        # the marks show with the mean, once rules.PEERS_SHOWN peers rated the skill.
        seen = (
            tuple(
                Mark(weeks.local_date(p.at, zone), p.rating)
                for p in peers.points(replies, data.rubric, skill_id)
            )
            if view.shown
            else ()
        )
        lines.append(
            SkillLine(
                skill=skill_id,
                title=_title(data.rubric, skill_id),
                start=start,
                now=scored[-1] if scored else None,
                target=data.config.target(skill_id, track),
                trend=tuple(scored[i] for i in sample(scored, TREND_POINTS, first or 0)),
                series=chart,
                managers=tuple(rated),
                peers=seen,
                peer_mean=view.mean,
                peer_count=view.peers,
                weight=rules.EMPHASIS_WEIGHT if track and skill_id in track.emphasis else 1.0,
                focus=skill_id == focus,
            )
        )
    return tuple(lines)


def levels(rubric: Rubric, track: Track | None, line: SkillLine) -> Levels | None:
    """The rubric's summaries of the level the score stands at and of the target level;
    None when the bank gives none for the skill."""
    skill = rubric.skill(line.skill)
    if skill is None or track is None:
        return None
    now = None if line.now is None else level_of(line.now)
    now_words = None if now is None else skill.level(track.id, now)
    target_words = skill.level(track.id, line.target)
    if now_words is None and target_words is None:
        return None
    return Levels(now, now_words, line.target, target_words)


def _rise(line: SkillLine) -> str:
    change = line.change or 0.0
    return f"rose {figures.format_change(change)}" if change >= NOTED_CHANGE else ""


def _fall(line: SkillLine) -> str:
    change = line.change or 0.0
    return f"fell {figures.format_change(change)}" if change <= -NOTED_CHANGE else ""


def strengths(lines: Sequence[SkillLine], growth: set[str]) -> tuple[str, ...]:
    """At or above target first (widest margin first), then the smallest gaps (within
    `NEAR_TARGET`), then the rises: a skill 1.2 below its target is never named before
    one at target. A growth area is not called a strength for being near its target, but
    its rise is still one. With none of these, the skill closest to its target, said so."""
    scored = [line for line in lines if line.now is not None]
    at_target = sorted(
        (line for line in scored if line.at_target), key=lambda x: (x.gap or 0.0, -(x.now or 0))
    )
    below = [line for line in scored if not line.at_target and line.skill not in growth]
    closest = sorted(
        (line for line in below if shown(line.gap or 0.0) <= NEAR_TARGET),
        key=lambda x: x.gap or 0.0,
    )
    # A rise is a strength wherever the skill stands, after those nearer their target.
    rising = sorted(
        (line for line in scored if not line.at_target and _rise(line)),
        key=lambda x: -(x.change or 0.0),
    )
    out: list[str] = []
    named: set[str] = set()
    for line in [*at_target, *closest, *rising]:
        if line.skill in named or len(out) == MAX_STRENGTHS:
            continue
        named.add(line.skill)
        now, rise = figures.score(line.now), _rise(line)
        if line.at_target:
            text = (
                f"{line.title} is at {now}, at or above its target of {figures.target(line.target)}"
            )
        elif line in closest:
            text = f"{line.title} is at {now}, {figures.gap(line.gap)} short of its target of "
            text += figures.target(line.target)
        else:
            out.append(f"{line.title} {rise} to {now} in this period.")
            continue
        out.append(f"{text}, and {rise} in this period." if rise else f"{text}.")
    if not out and scored:
        best = max(scored, key=lambda x: (x.now or 0.0) - x.target)
        out.append(
            f"{best.title} is the closest to its target: {figures.score(best.now)} "
            f"against {figures.target(best.target)}."
        )
    return tuple(out)


def growth(rubric: Rubric, track: Track | None, lines: Sequence[SkillLine]) -> tuple[Standing, ...]:
    """One line per skill: the largest weighted gaps first (the focus's order), each with
    its fall and its level words; then any other skill that fell, on one line (page one
    has room for the level words of `MAX_GROWTH` areas, not of every skill)."""
    scored = [line for line in lines if line.now is not None]
    order = {line.skill: i for i, line in enumerate(lines)}
    gapped = sorted(
        (line for line in scored if not line.at_target),
        key=lambda x: (-(x.weighted_gap or 0.0), order[x.skill]),
    )[:MAX_GROWTH]
    chosen = {line.skill for line in gapped}
    falling = sorted(
        (line for line in scored if _fall(line) and line.skill not in chosen),
        key=lambda x: (x.change or 0.0, order[x.skill]),
    )
    out = []
    for line in [*gapped, *falling]:
        now, target = figures.score(line.now), figures.target(line.target)
        title = f"{line.title} (◆ focus)" if line.focus else line.title
        if line.at_target:
            text = f"{title} is at {now}, at or above its target of {target}"
        else:
            text = f"{title} is at {now}, {figures.gap(line.gap)} below its target of {target}"
            if line.weight != 1:
                text += f" (weighted {figures.weight(line.weight)}: the track emphasises it)"
        fall = _fall(line)
        text = f"{text}, and {fall} in this period." if fall else f"{text}."
        words = levels(rubric, track, line) if line.skill in chosen else None
        out.append(Standing(line.skill, text, words))
    unscored = [line.title for line in lines if line.now is None]
    if unscored:
        out.append(Standing("", f"No recent ratings for {', '.join(unscored)}."))
    return tuple(out)
