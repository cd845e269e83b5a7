"""How the ledger's commitments and exercise marks read, once, for the review screen,
the commitments list and the plain check-in (docs/definitions.md, the ledger)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from pmcoach.domain.model import CommitmentOutcome

if TYPE_CHECKING:
    from pmcoach.domain.exercise_drills import DrillTally
    from pmcoach.domain.ledger import Entry, Ledger, Mark

# The closed commitments the list (`c`) shows under the open ones.
CLOSED_SHOWN = 40

RENEGOTIATE_RULE = (
    "Renegotiated means you told them in time and agreed a new date: it is never "
    "counted as missed. The commitment stays open until the new date and is reviewed "
    "again then; what happens by that date counts as met or missed."
)


def review_words(outcome: CommitmentOutcome, due: dt.date | None) -> str:
    """An outcome as a review shows it: "met", "renegotiated → Mon 14 Dec"."""
    if outcome == "renegotiated" and due is not None:
        return f"renegotiated → {due:%a %d %b}"
    return outcome


def state_words(entry: Entry, today: dt.date) -> str:
    """A commitment's state as a list shows it; an open one past its date is overdue."""
    if entry.state == "open" and entry.due < today:
        return "overdue"
    if entry.state == "open" and entry.renegotiations:
        return "open, new date"
    return entry.state


def mark_words(mark: Mark) -> str:
    """What was already said about an exercise, as a review shows it before its own; a
    done that the exercise's last drill attempt gave says so, since no one said it."""
    return f"{mark.outcome} {mark.at:%d %b}" + (", all drills" if mark.by_drills else "")


def exercise_state(mark: Mark | None, drills: DrillTally | None, unknown: str) -> str:
    """An assigned exercise's state where exercises are listed: the latest word on it,
    else how far its drills have come ("2 of 3 drills"), else `unknown`."""
    if mark is not None:
        return mark_words(mark)
    return drills.words if drills is not None else unknown


def listed(history: Ledger) -> list[Entry]:
    """The commitments list's rows: every open one, soonest due first (the same day keeps
    the order they were made in), then the latest CLOSED_SHOWN closed ones, newest first."""
    opened = sorted(history.open(), key=lambda e: e.due)
    closed = [c for c in history.commitments if not c.is_open]
    closed.sort(key=lambda e: e.closed_at or e.made_at, reverse=True)
    return [*opened, *closed[:CLOSED_SHOWN]]
