"""What counts as evidence, decided once for the progress screen and the report.

Evidence is what a person wrote down about how they actually did, as opposed to
the rating itself (docs/definitions.md, "Evidence"):

* a note on an answer of a finished weekly check-in or full assessment (written
  with `n`, `v` or `e` on the question screen, or in the plain check-in);
* a grade (`pmcoach grade`) and a win (`pmcoach win`).

Each item is dated by the local day in the configured time zone it was written
on (a note: the day its session started), the same day the report and the chart
use, so a period holds the same items wherever it is shown. Whether a private
text may be shown is not decided here: the screen and the report each apply
their own privacy rule to the same items.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from fractions import Fraction
from typing import Literal
from zoneinfo import ZoneInfo

from pmcoach.domain import rules, weeks
from pmcoach.domain.model import Event, Rubric, Session, Text
from pmcoach.domain.ratings import answer_rating

EvidenceKind = Literal["note", "grade", "win"]
EVENT_KINDS: frozenset[str] = frozenset({"grade", "win"})


@dataclass(frozen=True)
class Evidence:
    at: dt.datetime  # when it was written (a note: when its session started)
    day: dt.date  # the local day of `at`
    kind: EvidenceKind
    skill: str | None  # the skill it is about, when known
    text: Text | None
    rating: Fraction | int | None  # a note: the answer's rating; a grade: the grade
    event: Event | None = None  # the grade or win itself, for what only it says
    no_occasion: bool = False  # a note on a "no occasion" answer (it has no rating)


def collect(
    sessions: Iterable[Session],
    events: Iterable[Event],
    rubric: Rubric,
    zone: ZoneInfo,
    covers: Callable[[dt.date], bool] = lambda _day: True,
) -> list[Evidence]:
    """Every item of evidence on a day `covers` accepts, oldest first."""
    found: list[Evidence] = []
    for session in sessions:
        if session.finished is None or session.kind not in rules.SELF_KINDS:
            continue
        day = weeks.local_date(session.started, zone)
        if not covers(day):
            continue
        for answer in session.answers:
            note = answer.note
            if note is None or not note.text.strip():
                continue
            question = rubric.question(answer.question or "")
            skill = question.skill if question is not None else answer.skill
            rated = answer_rating(answer)
            found.append(
                Evidence(
                    session.started,
                    day,
                    "note",
                    skill,
                    note,
                    rated,
                    no_occasion=answer.no_occasion,
                )
            )
    for event in events:
        if event.kind not in EVENT_KINDS:
            continue
        day = weeks.local_date(event.at, zone)
        if not covers(day):
            continue
        rating = event.data.get("rating")
        found.append(
            Evidence(
                event.at,
                day,
                "grade" if event.kind == "grade" else "win",
                event.skill,
                event.text,
                rating if type(rating) is int else None,
                event,
            )
        )
    found.sort(key=lambda e: e.at.astimezone(dt.UTC))
    return found
