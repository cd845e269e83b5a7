"""A self-review draft for a performance-review cycle, decided once for Markdown and HTML.

Review season asks for months at once, written in the person's own words: where each
skill started and where it stands (with the rubric's words for those levels), the
evidence with dates, what changed and why, and what comes next. Everything here comes
from what was recorded, so the draft is no longer written from memory the night before.
Figures follow docs/definitions.md and the report's (`report_skills.start_week`); private
texts are left out unless asked for, and `ExportData.left_out` says how many, the same
count `pmcoach export` gives for the period.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from zoneinfo import ZoneInfo

from pmcoach.domain import clock, evidence, ledger, rotation, scores, weeks
from pmcoach.domain.model import (
    DRILL_KINDS,
    MAX_RATING,
    MIN_RATING,
    NO_OCCASION_WORDS,
    Session,
    Skill,
    Text,
    Track,
)
from pmcoach.domain.rules import REVIEW_MONTHS
from pmcoach.drills.attempts import attempts, score_of
from pmcoach.export import ExportData, ExportError, Period
from pmcoach.export.period import parse_last, parse_since
from pmcoach.export.report_skills import start_week
from pmcoach.export.review_model import MOVED, OVERDUE, Dated, Level, Review, SkillReview
from pmcoach.text import figures
from pmcoach.text.sanitize import one_line

# What fits three printed pages: the latest few of each list, and the count of the rest.
MAX_EVIDENCE = 3  # per skill
MAX_WHY = 2  # per skill that moved
MAX_EXERCISES = 6
MAX_KEPT = 6
MAX_MISSED = 6
MAX_OPEN = 5
# A note as long as an essay would push the draft past three pages; JSON keeps every word.
MAX_TEXT = 200


def review_period(today: dt.date, since: str | None = None, last: str | None = None) -> Period:
    """The period asked for in the export's words, else the last REVIEW_MONTHS months."""
    if since is not None and last is not None:
        raise ExportError("give --since or --last, not both")
    if since is not None:
        return parse_since(since, today)
    return parse_last(last if last is not None else f"{REVIEW_MONTHS}m", today)


def _level(skill: Skill, track: Track, score: float | None) -> Level | None:
    """The score and the rubric's words for the level nearest to it as it is shown (2.5 is
    nearer 3), so the level never disagrees with the figure beside it."""
    if score is None:
        return None
    shown = float(figures.format_score(score))
    level = min(max(int(shown + 0.5), MIN_RATING), MAX_RATING)
    return Level(score, level, _words(skill.level(track.id, level)))


def _words(text: str | None) -> str | None:
    return None if text is None or not text.strip() else one_line(text)


def _text(data: ExportData, text: Text | None) -> str | None:
    shown = data.shown(text)
    return None if shown is None or not shown.strip() else one_line(shown, MAX_TEXT)


def _latest(items: list[Dated], limit: int) -> tuple[tuple[Dated, ...], int]:
    latest = sorted(items, key=lambda i: i.day, reverse=True)
    return tuple(latest[:limit]), max(0, len(latest) - limit)


def _evidence(data: ExportData, zone: ZoneInfo) -> dict[str, list[Dated]]:
    """Wins, grades and notes of the period by skill, in the person's words."""
    found: dict[str, list[Dated]] = {}
    items = evidence.collect(data.sessions, data.events, data.rubric, zone, data.period.covers)
    for item in items:
        text = _text(data, item.text)
        if text is None or item.skill is None:
            continue
        if item.kind == "note":
            if item.no_occasion:
                label = f"note, {NO_OCCASION_WORDS}"
            elif item.rating is not None:
                label = f"note, rated {figures.rating(item.rating)}"
            else:
                label = "note"
        elif item.kind == "grade":
            data_of = item.event.data if item.event is not None else {}
            note = data_of.get("note")
            if isinstance(note, dict):
                extra = _text(data, Text(str(note.get("text", "")), note.get("private") is True))
                text = f"{text}: {extra}" if extra else text
            # The rating `evidence` checked, never the file's value as it stands.
            label = f"graded {'?' if item.rating is None else figures.rating(item.rating)}/5"
        else:
            kind = item.event.data.get("win_kind", "self") if item.event is not None else "self"
            label = f"win ({one_line(str(kind), 20)})"
        found.setdefault(item.skill, []).append(Dated(item.day, label, text))
    return found


def _why(
    data: ExportData, selfs: list[Session], done: list[tuple[ledger.Mark, dt.date]], zone: ZoneInfo
) -> dict[str, list[Dated]]:
    """The person's own explanations by skill: reflection answers and exercise notes."""
    found: dict[str, list[Dated]] = {}
    for session in selfs:
        day = weeks.local_date(session.started, zone)
        for answer in session.answers:
            question = data.rubric.question(answer.question or "")
            text = _text(data, answer.text)
            if question is not None and text is not None:
                found.setdefault(question.skill, []).append(Dated(day, "reflection", text))
    for mark, day in done:
        exercise = data.rubric.exercise(mark.exercise)
        text = _text(data, mark.note)
        if exercise is not None and exercise.skills and text is not None:
            label = f"exercise: {one_line(exercise.title, 80)}"
            found.setdefault(exercise.skills[0], []).append(Dated(day, label, text))
    return found


def _skills(
    data: ExportData,
    track: Track,
    history: list[Session],
    selfs: list[Session],
    zone: ZoneInfo,
    done: list[tuple[ledger.Mark, dt.date]],
) -> tuple[SkillReview, ...]:
    skills = data.rubric.track_skills(track)
    ids = [s.id for s in skills]
    series = scores.scores_over_time(
        [s for s in history if s.by_self],
        data.rubric,
        zone,
        data.now,
        ids,
        since=data.period.start,
    )
    asked = Counter(q.skill for q in rotation.full_questions(data.rubric, track))
    found = _evidence(data, zone)
    why = _why(data, selfs, done, zone)
    lines = []
    for skill in skills:
        points = series.get(skill.id, ())
        first = start_week(points, asked.get(skill.id, 0))
        start = None if first is None else points[first].score
        target = data.config.target(skill.id, track)
        # The person's reflections explain a move best; without any, their notes on it.
        notes = [d for d in found.get(skill.id, []) if d.label.startswith("note")]
        now = points[-1].score if points else None
        moved = start is not None and now is not None and abs(now - start) >= MOVED
        # Only a move is explained: a skill that stayed keeps its notes as evidence.
        explained = _latest(why.get(skill.id) or notes, MAX_WHY)[0] if moved else ()
        shown = [d for d in found.get(skill.id, []) if d not in explained]
        items, more = _latest(shown, MAX_EVIDENCE)
        lines.append(
            SkillReview(
                skill=skill.id,
                title=one_line(skill.title, 60),
                target=target,
                start=_level(skill, track, start),
                now=_level(skill, track, now),
                target_words=_words(skill.level(track.id, target)),
                evidence=items,
                more_evidence=more,
                why=explained,
            )
        )
    return tuple(lines)


def _drills(data: ExportData) -> tuple[str, ...]:
    """One sentence per drill practised in the period: its scores, never the replies."""
    lines = []
    inside = data.events_in()
    for kind in DRILL_KINDS:
        found = [s for s in (score_of(e) for e in attempts(inside, kind)) if s is not None]
        if not found:
            continue
        count = f"{len(found)} attempt{'s' * (len(found) != 1)}"
        lines.append(
            f"The {kind} drill: {count}, scored {found[0]} first and {found[-1]} "
            f"last, best {max(found)} (out of 100)."
        )
    return tuple(lines)


def _commitment(data: ExportData, entry: ledger.Entry, label: str) -> Dated | None:
    if entry.private and not data.include_private:
        return None
    to = f" (to {one_line(entry.to, 40)})" if entry.to.strip() else ""
    return Dated(entry.due, label, one_line(entry.text, MAX_TEXT) + to)


def _closed(
    data: ExportData, record: ledger.Ledger, selfs: list[Session]
) -> tuple[list[Dated], list[Dated], Counter[str]]:
    """Commitments made in the period: kept (met, or renegotiated and kept) and missed,
    as shown, and how many of each state there are (private ones counted, not shown)."""
    made = {s.id for s in selfs}
    kept: list[Dated] = []
    missed: list[Dated] = []
    states: Counter[str] = Counter()
    for entry in record.commitments:
        if entry.made_in not in made:
            continue
        states["kept" if entry.state in ("met", "renegotiated") else entry.state] += 1
        if entry.state == "missed":
            line = _commitment(data, entry, "missed")
            missed += [line] if line else []
        elif entry.state in ("met", "renegotiated"):
            line = _commitment(data, entry, "kept")
            kept += [line] if line else []
    return kept, missed, states


def _next(
    data: ExportData, record: ledger.Ledger, selfs: Iterable[Session]
) -> tuple[tuple[Dated, ...], tuple[str, ...]]:
    """Open commitments, soonest due first, and the last check-in's exercises not done."""
    today = data.period.end
    open_lines = [
        line
        for entry in sorted(record.open(), key=lambda e: (e.due, e.id))
        if (line := _commitment(data, entry, OVERDUE if entry.due < today else "open")) is not None
    ]
    current: list[str] = []
    finished = [s for s in selfs if s.finished is not None]
    if finished:
        latest = max(finished, key=lambda s: (s.started, s.id))
        for exercise_id in latest.assigned:
            exercise = data.rubric.exercise(exercise_id)
            mark = record.mark(latest.id, exercise_id)
            if exercise is not None and (mark is None or mark.outcome != "done"):
                current.append(one_line(exercise.title, 100))
    return tuple(open_lines[:MAX_OPEN]), tuple(current)


def build_review(data: ExportData) -> Review:
    zone = clock.zone(data.config.time_zone)
    period = data.period
    finished = sorted(
        (s for s in data.sessions if s.finished is not None), key=lambda s: (s.started, s.id)
    )
    # Scores need the weeks before the period too; the lists show the period only.
    history = [
        s
        for s in finished
        if period.start is None or weeks.local_date(s.started, zone) <= period.end
    ]
    selfs = [s for s in history if s.by_self and period.covers(weeks.local_date(s.started, zone))]
    record = ledger.build(data.sessions, data.events, data.rubric.exercises)
    done = [
        (mark, day)
        for mark in record.done()
        if period.covers(day := weeks.local_date(mark.at, zone))
    ]
    track = data.rubric.track(data.config.track)
    skills = _skills(data, track, history, selfs, zone, done) if track else ()
    exercises = [
        Dated(
            day,
            one_line(
                ex.title if (ex := data.rubric.exercise(mark.exercise)) else mark.exercise, 100
            )
            + (" (partly)" if mark.outcome == "partly" else ""),
            _text(data, mark.note) or "",
        )
        for mark, day in done
    ]
    exercise_items, more_exercises = _latest(exercises, MAX_EXERCISES)
    kept, missed, states = _closed(data, record, selfs)
    kept_items, more_kept = _latest(kept, MAX_KEPT)
    missed_items, more_missed = _latest(missed, MAX_MISSED)
    first = period.start
    if first is None:
        first = min((weeks.local_date(s.started, zone) for s in selfs), default=None)
    focus = None
    if track is not None:
        chosen = scores.focus(data.rubric, track, data.config, history, data.now)
        focus = chosen.reason if chosen is not None else None
    open_commitments, current = _next(data, record, selfs)
    return Review(
        name=data.config.name,
        track=one_line(track.title, 60) if track else one_line(data.config.track, 60),
        track_id=track.id if track else data.config.track,
        period_label=period.label,
        first_day=first,
        last_day=period.end,
        generated=data.now,
        checkins=sum(1 for s in selfs if s.kind == "weekly"),
        full=sum(1 for s in selfs if s.kind == "full"),
        skills=skills,
        moved=tuple(s for s in skills if s.change is not None and abs(s.change) >= MOVED),
        exercises=exercise_items,
        more_exercises=more_exercises,
        drills=_drills(data),
        missed=missed_items,
        kept=kept_items,
        more_missed=more_missed,
        more_kept=more_kept,
        commitment_states=(states["kept"], states["missed"], states["open"]),
        focus=one_line(focus) if focus else None,
        open_commitments=open_commitments,
        current_exercises=current,
        left_out=data.left_out,
    )
