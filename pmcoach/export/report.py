"""What the one-page report says, decided once for Markdown and HTML.

The two report formats differ only in how they write things down; every figure,
every judgement and every privacy decision is made here (the sentences both print are
in `report_words`), so a manager reading the HTML and one reading the Markdown see the
same report.
Figures follow docs/definitions.md: a skill's score is the coach's score, the
change is "now" minus "at the start of the period", say/do is the coach's ratio.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import replace
from zoneinfo import ZoneInfo

from pmcoach.domain import agenda, clock, evidence, ledger, rotation, scores, streak, weeks
from pmcoach.domain.manager import comparable, difference
from pmcoach.domain.manager import flagged as flagged_difference
from pmcoach.domain.model import NO_OCCASION_WORDS, Rubric, Session, Text, Track
from pmcoach.export import ExportData, Period
from pmcoach.export.report_model import (
    TREND_POINTS,
    CommitmentLine,
    Counted,
    Item,
    Report,
    SkillLine,
)
from pmcoach.text import figures
from pmcoach.text.sanitize import one_line

# A one-page report: the latest few of each list, and the count of the rest.
MAX_EVIDENCE = 6
MAX_EXERCISES = 4
MAX_COMMITMENTS = 5
MAX_DISCUSS = 5  # the agenda: what the person chose to raise, kept whole where it can
# A note as long as an essay would push the report onto a second page; the CSV and
# JSON exports keep every word.
MAX_TEXT = 240
# A skill's start is its first weekly score in the period that rests on at least this
# many answers (or on every question of a skill that has fewer): a first week of one
# answer says little, and "rose +2.0" from it would claim a rise one answer cannot show.
START_ANSWERS = 2


def _sample(points: list[float | None], limit: int) -> tuple[float | None, ...]:
    """At most `limit` points, evenly spaced, always keeping the first and the last."""
    if len(points) <= limit:
        return tuple(points)
    step = (len(points) - 1) / (limit - 1)
    return tuple(points[round(i * step)] for i in range(limit))


class _Privacy:
    """Counts what is held back, so the report can say so instead of hiding that it did."""

    def __init__(self, include_private: bool) -> None:
        self.include_private = include_private
        self.left_out = 0

    def text(self, text: Text | None) -> str | None:
        if text is None or not text.text.strip():
            return None
        if text.private and not self.include_private:
            self.left_out += 1
            return None
        return one_line(text.text, MAX_TEXT)

    def flag(self, private: bool) -> bool:
        """Whether an item with a private flag of its own may be shown."""
        if private and not self.include_private:
            self.left_out += 1
            return False
        return True


def _title(rubric: Rubric, skill: str | None) -> str:
    if skill is None:
        return ""
    found = rubric.skill(skill)
    return found.title if found else skill


def _cut(items: list[Item], limit: int) -> Counted:
    latest = sorted(items, key=lambda i: i.day, reverse=True)
    return Counted(tuple(latest[:limit]), max(0, len(latest) - limit))


def _track(data: ExportData) -> Track | None:
    return data.rubric.track(data.config.track)


def _skill_lines(
    data: ExportData, track: Track | None, selfs: list[Session], zone: ZoneInfo
) -> tuple[SkillLine, ...]:
    ids = [s.id for s in data.rubric.track_skills(track)] if track else []
    series = scores.scores_over_time(
        selfs, data.rubric, zone, data.now, ids, since=data.period.start
    )
    asked = Counter(q.skill for q in rotation.full_questions(data.rubric, track)) if track else {}
    lines = []
    for skill_id in ids:
        weeks = series.get(skill_id, ())
        points = [p.score for p in weeks]
        # A skill with a single question can rest on no more than that one.
        enough = max(min(START_ANSWERS, asked.get(skill_id, 0)), 1)
        start = next((p.score for p in weeks if p.score is not None and p.answers >= enough), None)
        lines.append(
            SkillLine(
                skill=skill_id,
                title=_title(data.rubric, skill_id),
                start=start,
                now=points[-1] if points else None,
                target=data.config.target(skill_id, track),
                trend=_sample(points, TREND_POINTS),
            )
        )
    return tuple(lines)


def _judgement(lines: tuple[SkillLine, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Strengths and growth areas in plain words, from the same figures as the table."""
    scored = [line for line in lines if line.now is not None]
    strengths: list[str] = []
    growth: list[str] = []
    at_target = [line for line in scored if (line.gap or 0) <= 0]
    for line in sorted(at_target, key=lambda x: -(x.now or 0))[:3]:
        strengths.append(
            f"{line.title} is at {figures.score(line.now)}, "
            f"at or above its target of {line.target}."
        )
    rising = [line for line in scored if (line.change or 0) >= 0.25 and line not in at_target]
    for line in sorted(rising, key=lambda x: -(x.change or 0))[:2]:
        strengths.append(
            f"{line.title} rose {figures.format_change(line.change)} to {figures.score(line.now)} "
            "in this period."
        )
    below = [line for line in scored if (line.gap or 0) > 0]
    for line in sorted(below, key=lambda x: -(x.gap or 0))[:3]:
        growth.append(
            f"{line.title} is at {figures.score(line.now)}, {figures.gap(line.gap)} below "
            f"its target of {line.target}."
        )
    falling = [line for line in scored if (line.change or 0) <= -0.25]
    for line in sorted(falling, key=lambda x: x.change or 0)[:2]:
        growth.append(f"{line.title} fell {figures.format_change(line.change)} in this period.")
    if not strengths and scored:
        best = max(scored, key=lambda x: x.now or 0)
        strengths.append(
            f"{best.title} is the strongest skill at {figures.score(best.now)} "
            f"(target {best.target})."
        )
    unscored = [line.title for line in lines if line.now is None]
    if unscored:
        growth.append(f"No recent ratings for {', '.join(unscored)}.")
    return tuple(strengths), tuple(growth)


def _evidence(data: ExportData, privacy: _Privacy, zone: ZoneInfo) -> Counted:
    """The period's evidence (`pmcoach.domain.evidence`, the progress screen's too), private
    text held back unless asked for."""
    items: list[Item] = []
    logged: list[Item] = []
    found = evidence.collect(data.sessions, data.events, data.rubric, zone, data.period.covers)
    for item in found:
        text = privacy.text(item.text)
        skill = _title(data.rubric, item.skill)
        if item.kind == "note":
            if text is not None:
                if item.no_occasion:
                    rated = f"note, {NO_OCCASION_WORDS}"
                elif item.rating is not None:
                    rated = f"note, rated {figures.rating(item.rating)}"
                else:
                    rated = "note"
                items.append(Item(item.day, skill, rated, text))
            continue
        if item.kind == "grade":
            note = item.event.data.get("note") if item.event is not None else None
            if isinstance(note, dict):
                extra = privacy.text(
                    Text(str(note.get("text", "")), bool(note.get("private", False)))
                )
                if text is not None and extra is not None:
                    text = f"{text}: {extra}"
            rating = item.event.data.get("rating", "?") if item.event is not None else "?"
            label = f"graded {rating}/5"
        else:
            kind = item.event.data.get("win_kind", "self") if item.event is not None else "self"
            label = f"win ({kind})"
        if text is not None:
            logged.append(Item(item.day, skill, label, text))
    # Wins and grades were written down when they happened: they go first, notes fill up.
    first = _cut(logged, MAX_EVIDENCE)
    rest = _cut(items, MAX_EVIDENCE - len(first.items))
    return Counted(first.items + rest.items, first.more + rest.more)


def _exercises(
    data: ExportData, history: ledger.Ledger, period: Period, privacy: _Privacy, zone: ZoneInfo
) -> Counted:
    """Exercises done or partly done in the period, each proposal once, wherever it was
    marked (the exercises screen or a review)."""
    items: list[Item] = []
    for mark in reversed(history.done()):
        day = weeks.local_date(mark.at, zone)
        if not period.covers(day):
            continue
        exercise = data.rubric.exercise(mark.exercise)
        title = exercise.title if exercise else mark.exercise
        if mark.outcome == "partly":
            title += " (partly)"
        skill = _title(data.rubric, exercise.skills[0] if exercise else None)
        items.append(Item(day, skill, title, privacy.text(mark.note) or ""))
    return _cut(items, MAX_EXERCISES)


def _commitments(
    history: ledger.Ledger, selfs: list[Session], privacy: _Privacy
) -> tuple[tuple[CommitmentLine, ...], int]:
    """The commitments made in the period as they stand now (edits applied)."""
    made = {s.id for s in selfs}
    lines = []
    for entry in history.commitments:
        if entry.made_in not in made or not privacy.flag(entry.private):
            continue
        lines.append(
            CommitmentLine(
                entry.due,
                one_line(entry.text, MAX_TEXT),
                one_line(entry.to, MAX_TEXT // 4),
                entry.state,
            )
        )
    lines.sort(key=lambda c: c.due, reverse=True)
    return tuple(lines[:MAX_COMMITMENTS]), max(0, len(lines) - MAX_COMMITMENTS)


def _discuss(data: ExportData, track: Track | None, privacy: _Privacy, zone: ZoneInfo) -> Counted:
    """The agenda as it stands (`domain.agenda`): the topics the person chose to raise,
    oldest first, then the differences suggested as topics; private topics counted and
    left out unless asked for. Not the reflections: those say how a week went, not what
    the person wants to talk about."""
    items: list[Item] = []
    for topic in agenda.open_topics(data.sessions, data.events, data.rubric, track, data.now):
        if not privacy.flag(topic.private):
            continue
        label = "suggested" if topic.suggested else "topic"
        skill = "" if topic.suggested else _title(data.rubric, topic.skill)
        day = weeks.local_date(topic.at, zone)
        items.append(Item(day, skill, label, one_line(topic.text.text, MAX_TEXT)))
    return Counted(tuple(items[:MAX_DISCUSS]), max(0, len(items) - MAX_DISCUSS))


def _weeks(first: dt.date | None, last: dt.date) -> int:
    if first is None:
        return 1
    return (last - first).days // 7 + 1


def build_report(data: ExportData) -> Report:
    zone = clock.zone(data.config.time_zone)
    track = _track(data)
    period = data.period
    finished = sorted(
        (s for s in data.sessions if s.finished is not None), key=lambda s: (s.started, s.id)
    )
    # Scores need the 8 weeks before the period too; lists show the period only.
    history = [
        s
        for s in finished
        if period.start is None or weeks.local_date(s.started, zone) <= period.end
    ]
    shown = [s for s in history if period.covers(weeks.local_date(s.started, zone))]
    selfs = [s for s in shown if s.by_self]
    managers = [s for s in shown if s.kind == "manager"]
    events = sorted(
        (e for e in data.events if period.covers(weeks.local_date(e.at, zone))),
        key=lambda e: (e.at, e.id),
    )
    privacy = _Privacy(data.include_private)
    lines = _skill_lines(data, track, [s for s in history if s.by_self], zone)
    manager_day = None
    flagged: list[str] = []
    if managers and track is not None:
        latest = managers[-1]
        manager_day = weeks.local_date(latest.started, zone)
        ratings = {a.skill: a.rating for a in latest.answers if a.skill and a.rating}
        lines = tuple(replace(line, manager=ratings.get(line.skill)) for line in lines)
        for line in lines:
            if flagged_difference(difference(line.now, line.manager, on_levels=comparable(latest))):
                flagged.append(line.title)
    strengths, growth = _judgement(lines)
    focus = None
    if track is not None:
        chosen = scores.focus(data.rubric, track, data.config, history, data.now)
        if chosen is not None:
            focus = chosen.reason
    record = ledger.build(data.sessions, data.events, data.rubric.exercises)
    commitments, more_commitments = _commitments(record, selfs, privacy)
    first = period.start
    if first is None:
        days = [weeks.local_date(s.started, zone) for s in shown]
        days += [weeks.local_date(e.at, zone) for e in events]
        first = min(days, default=None)
    say_do = streak.say_do(record, zone, data.now, weeks=_weeks(first, period.end))
    return Report(
        generated=data.now,
        period_label=period.label,
        first_day=first,
        last_day=period.end,
        track=track.title if track else data.config.track,
        checkins=sum(1 for s in selfs if s.kind == "weekly"),
        full=sum(1 for s in selfs if s.kind == "full"),
        manager_sessions=len(managers),
        skills=lines,
        strengths=strengths,
        growth=growth,
        focus=focus,
        exercises=_exercises(data, record, period, privacy, zone),
        commitments=commitments,
        more_commitments=more_commitments,
        say_do=say_do,
        evidence=_evidence(data, privacy, zone),
        manager_day=manager_day,
        flagged=tuple(flagged),
        manager_old_scale=bool(managers) and track is not None and not comparable(managers[-1]),
        discuss=_discuss(data, track, privacy, zone),
        left_out=privacy.left_out,
    )
