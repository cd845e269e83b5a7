"""The sentences both team page formats print, so they cannot drift apart."""

from __future__ import annotations

import datetime as dt

from pmcoach.domain import rules
from pmcoach.domain.model import OLD_SCALE_WORDS
from pmcoach.domain.rules import FLAG_DIFFERENCE
from pmcoach.export.team import PERIOD_WEEKS, Cell, Person, Team
from pmcoach.text import figures


def _date(day: dt.date) -> str:
    return f"{day.day} {day:%b %Y}"


def headline(team: Team) -> str:
    count = len(team.people)
    return f"Team page: {count} {'person' if count == 1 else 'people'}"


def meta_line(team: Team) -> str:
    days = sorted(p.exported.date() for p in team.people)
    made = (
        f"exported {_date(days[0])}"
        if days[0] == days[-1]
        else f"exported {_date(days[0])} – {_date(days[-1])}"
    )
    count = len(team.skills)
    return (
        f"{made} · each person's last {PERIOD_WEEKS} weeks up to their export · "
        f"{count} shared skill{'s' * (count != 1)}"
    )


SCALE_NOTE = (
    f"Each cell is the score now (1 to 5, as in each person's own report) and its change "
    f"over their last {PERIOD_WEEKS} weeks: ▲ up, ▼ down, = unchanged, – not rated in the "
    f"{rules.SCORE_WEEKS} weeks before the export."
)


def cell_text(cell: Cell) -> str:
    if cell.score is None:
        return NO_SCORE
    if cell.change is None:
        return figures.score(cell.score)
    return f"{figures.score(cell.score)} {figures.change(cell.change)}"


NO_SCORE = figures.NO_VALUE


def exported_line(person: Person) -> str:
    moment = person.exported
    offset = moment.strftime("%z")
    zone = "UTC" if offset in ("+0000", "") else f"UTC{offset[:3]}:{offset[3:]}"
    line = f"{person.track} track · exported {_date(moment.date())}, {moment:%H:%M} {zone}"
    if person.period_label and person.period_label != "everything":
        line += f" (an export of {person.period_label} only)"
    return line


def focus_line(person: Person) -> str:
    if person.focus is None:
        return "Focus: none (the track has no skills)."
    if person.focus_score is None:
        return (
            f"Focus: {person.focus}, not rated yet (target {figures.target(person.focus_target)})."
        )
    score = figures.score(person.focus_score)
    return f"Focus: {person.focus} at {score}, target {figures.target(person.focus_target)}."


def manager_text(person: Person) -> str:
    if person.manager_day is None:
        return f"Self and manager: no manager ratings in the last {PERIOD_WEEKS} weeks."
    line = f"Self and manager: ratings from {_date(person.manager_day)}"
    if person.report.manager_old_scale:
        return f"{line}, on the {OLD_SCALE_WORDS}: not compared with self scores."
    if not person.differences:
        return f"{line}; less than {FLAG_DIFFERENCE} points apart on every skill."
    apart = ", ".join(
        f"{d.skill} (self {figures.score(d.own)}, manager {d.manager})" for d in person.differences
    )
    return f"{line}; {FLAG_DIFFERENCE} or more apart on {apart}."


def weakest_line(team: Team) -> str:
    weakest = team.weakest
    if weakest is None:
        return "No shared skill has a score yet."
    people = f"{weakest.scored} {'person' if weakest.scored == 1 else 'people'}"
    return (
        f"The team's weakest shared skill is {weakest.skill}: "
        f"{figures.score(weakest.mean)} on average over {people}."
    )


def exercise_line(team: Team) -> str | None:
    exercise = team.weakest.exercise if team.weakest else None
    if exercise is None:
        return None
    return f"Suggestion: {exercise.title} ({exercise.time}). {exercise.why}"
