"""What the 1:1 report says, decided once for Markdown and HTML.

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

from pmcoach.domain import agenda, clock, evidence, ledger, peers, scores, streak, weeks
from pmcoach.domain.manager import comparable, difference
from pmcoach.domain.manager import flagged as flagged_difference
from pmcoach.domain.model import NO_OCCASION_WORDS, Rubric, Session, Text, Track
from pmcoach.export import ExportData, Period, report_skills
from pmcoach.export.report_model import (
    CommitmentLine,
    Counted,
    Evidence,
    EvidenceGroup,
    Item,
    Report,
    SkillLine,
)
from pmcoach.text import figures
from pmcoach.text.sanitize import one_line

# A two-page report: the latest few of each list, and the count of the rest.
EVIDENCE_PER_SKILL = 3
MAX_EXERCISES = 4
# Commitments shown at most: missed and renegotiated ones are never cut, met ones first.
MAX_COMMITMENTS = 8
MAX_DISCUSS = 5  # the agenda: what the person chose to raise, kept whole where it can
# A note as long as an essay would push the report onto a third page; the CSV and
# JSON exports keep every word.
MAX_TEXT = 240
# The order commitments are listed in: what needs a word first, what went to plan after.
OUTCOME_ORDER = ("missed", "renegotiated", "open", "met", "withdrawn")
# The order they are cut in when there are too many: what went to plan first.
CUT_ORDER = ("withdrawn", "met", "open")


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


def _peer_names(data: ExportData, shown: list[Session], privacy: _Privacy) -> tuple[str, ...]:
    """Who replied in the period, latest first, once each: only when the person chose to
    show peers' names (`show_peer_names`), a private one only when private texts are in."""
    if not data.config.show_peer_names:
        return ()
    names: dict[str, str] = {}
    replies = [s for s in shown if s.kind == "peer" and s.finished is not None]
    for session in sorted(replies, key=lambda s: s.started, reverse=True):
        key = peers.peer_key(session)
        if key in names:
            continue
        name = privacy.text(session.peer)
        if name is not None:
            names[key] = one_line(name, peers.NAME_WIDTH)
    return tuple(names.values())


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


def _evidence(
    data: ExportData, lines: tuple[SkillLine, ...], privacy: _Privacy, zone: ZoneInfo
) -> Evidence:
    """The period's evidence (`pmcoach.domain.evidence`, the progress screen's too), private
    text held back unless asked for, grouped by skill in the table's order: each skill's
    latest few, and how many more it has."""
    items: list[Item] = []
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
            items.append(Item(item.day, skill, label, text))
    order = {line.title: i for i, line in enumerate(lines)}
    by_skill: dict[str, list[Item]] = {}
    for entry in items:
        group = by_skill.setdefault(entry.skill, [])
        if entry not in group:  # the same words on two answers of one day: said once
            group.append(entry)
    groups = []
    # The track's skills in the table's order, then any other skill, then no skill.
    for skill in sorted(by_skill, key=lambda t: (t == "", order.get(t, len(order)), t)):
        cut = _cut(by_skill[skill], EVIDENCE_PER_SKILL)
        groups.append(EvidenceGroup(skill, cut.items, cut.more))
    return Evidence(tuple(groups))


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


def _outcome(entry: ledger.Entry) -> str:
    """The word a commitment's line ends with: an open one with a new date agreed is
    renegotiated (and comes back on that date)."""
    if entry.state == "open" and entry.renegotiations:
        return "renegotiated"
    return entry.state


def _commitments(
    history: ledger.Ledger, selfs: list[Session], privacy: _Privacy
) -> tuple[tuple[CommitmentLine, ...], int, str]:
    """The commitments made in the period as they stand now (edits applied): missed first,
    then renegotiated, open, met, withdrawn, latest due first in each. When they do not
    fit, the ones that went to plan are left out (withdrawn, then met, oldest first); a
    missed or renegotiated one never is. Also how many were left out, and their outcome."""
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
                _outcome(entry),
                entry.renegotiations,
            )
        )
    lines.sort(key=lambda c: c.due, reverse=True)
    lines.sort(key=lambda c: OUTCOME_ORDER.index(c.outcome))
    cut: Counter[str] = Counter()
    for outcome in CUT_ORDER:
        while len(lines) > MAX_COMMITMENTS and any(c.outcome == outcome for c in lines):
            oldest = max(i for i, c in enumerate(lines) if c.outcome == outcome)
            del lines[oldest]
            cut[outcome] += 1
    # What the cut ones were, so "…and 6 more" cannot hide a missed one: "all met".
    if len(cut) == 1:
        word = f"all {next(iter(cut))}"
    else:
        word = ", ".join(f"{cut[o]} {o}" for o in CUT_ORDER if cut[o])
    return tuple(lines), sum(cut.values()), word


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
    chosen = None
    if track is not None:
        chosen = scores.focus(data.rubric, track, data.config, history, data.now)
    others = [s for s in shown if s.kind in ("manager", "peer")]
    lines = report_skills.skill_lines(
        data,
        track,
        [s for s in history if s.by_self],
        others,
        zone,
        chosen.skill if chosen else None,
    )
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
    growth = report_skills.growth(data.rubric, track, lines)
    strengths = report_skills.strengths(lines, {g.skill for g in growth})
    focus_levels = None
    growth_skills = {g.skill for g in growth}
    if chosen is not None and chosen.skill not in growth_skills:
        focus_line = next((line for line in lines if line.skill == chosen.skill), None)
        if focus_line is not None:
            focus_levels = report_skills.levels(data.rubric, track, focus_line)
    record = ledger.build(data.sessions, data.events, data.rubric.exercises)
    commitments, more_commitments, cut = _commitments(record, selfs, privacy)
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
        # The focus's own line, unless a growth area already names it (◆ focus) with its
        # level words: page one has no room to say it twice.
        focus=chosen.reason if chosen and chosen.skill not in growth_skills else None,
        exercises=_exercises(data, record, period, privacy, zone),
        commitments=commitments,
        more_commitments=more_commitments,
        say_do=say_do,
        evidence=_evidence(data, lines, privacy, zone),
        manager_day=manager_day,
        flagged=tuple(flagged),
        manager_old_scale=bool(managers) and track is not None and not comparable(managers[-1]),
        discuss=_discuss(data, track, privacy, zone),
        left_out=privacy.left_out,
        name=data.config.name,
        focus_levels=focus_levels,
        peer_replies=sum(1 for s in shown if s.kind == "peer"),
        peer_names=_peer_names(data, shown, privacy),
        cut_commitments=cut,
    )
