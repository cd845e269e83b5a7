"""How the ledger's commitments and exercise marks read, once, for the review screen,
the commitments list and the plain check-in (docs/definitions.md, the ledger)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from pmcoach.domain.model import CommitmentOutcome

if TYPE_CHECKING:
    from pmcoach.domain.ledger import Entry, Mark

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
    """What was already said about an exercise, as a review shows it before its own."""
    return f"{mark.outcome} {mark.at:%d %b}"
