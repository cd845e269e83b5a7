"""What a person records outside a check-in: commitments made, edited, withdrawn or given
an outcome, and exercises marked done. Each is an event file; the session that made a
commitment is never rewritten, so the history keeps what was first promised
(docs/data-format.md, "Event files").
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from pmcoach.domain.model import (
    COMMITMENT_EDIT,
    COMMITMENT_REVIEW,
    COMMITMENT_WITHDRAWN,
    Commitment,
    CommitmentOutcome,
    Event,
    Exercise,
    Session,
    Text,
)

if TYPE_CHECKING:
    from pmcoach.app.workspace import Workspace
    from pmcoach.domain.ledger import Entry


def new_commitment(
    workspace: Workspace, text: str, to: str, due: dt.date, private: bool
) -> Commitment:
    """Refuses what could not be kept honestly: no text, or a date already past."""
    from pmcoach.domain.ids import suffix

    if not text.strip():
        raise ValueError("Say what you commit to.")
    if due < workspace.now().date():
        raise ValueError(f"{due:%a %d %b} is in the past; pick today or later.")
    return Commitment(
        id=f"c-{suffix()}", text=text.strip(), to=to.strip(), due=due, private=private
    )


def _commitment_event(
    workspace: Workspace, kind: str, entry: Entry, text: Text | None, **data: object
) -> Event:
    from pmcoach.domain.ids import new_id

    now = workspace.now()
    event = Event(
        id=new_id(kind, now.astimezone(dt.UTC)),
        kind=kind,
        at=now.replace(microsecond=0),
        device=workspace.device,
        text=text,
        data={"commitment": entry.id, **{k: v for k, v in data.items() if v is not None}},
    )
    event, _path = workspace.store.add_event(event)
    workspace.store.refresh()
    return event


def edit_commitment(
    workspace: Workspace, entry: Entry, text: str, to: str, due: dt.date
) -> Event | None:
    """Record an edit (only what changed) as an event; the session that made the
    commitment is never rewritten, so the history keeps what was first promised.
    None when nothing changed."""
    text, to = text.strip(), to.strip()
    if not text:
        raise ValueError("Say what you commit to.")
    if due != entry.due and due < workspace.now().date():
        raise ValueError(f"{due:%a %d %b} is in the past; pick today or later.")
    private = entry.private
    changes: dict[str, object] = {}
    if to != entry.to:
        changes["to"] = {"text": to, "private": private}
    if due != entry.due:
        changes["due"] = due
    new_text = Text(text, private) if text != entry.text else None
    if new_text is None and not changes:
        return None
    return _commitment_event(workspace, COMMITMENT_EDIT, entry, new_text, **changes)


def withdraw_commitment(workspace: Workspace, entry: Entry, reason: str = "") -> Event:
    """Withdrawn: kept in the history, out of say/do and of every review."""
    note = Text(reason.strip(), entry.private) if reason.strip() else None
    return _commitment_event(workspace, COMMITMENT_WITHDRAWN, entry, note)


def commitment_outcome(
    workspace: Workspace, entry: Entry, outcome: CommitmentOutcome, due: dt.date | None = None
) -> Event:
    """An outcome given outside a check-in (from the commitments list)."""
    if outcome == "renegotiated":
        due = check_new_date(workspace, due)
    return _commitment_event(workspace, COMMITMENT_REVIEW, entry, None, outcome=outcome, due=due)


def check_new_date(workspace: Workspace, due: dt.date | None) -> dt.date:
    """A renegotiation's new date: given, and not in the past."""
    if due is None:
        raise ValueError("Renegotiating means agreeing a new date: give it.")
    if due < workspace.now().date():
        raise ValueError(f"{due:%a %d %b} is in the past; pick today or later.")
    return due


def next_review_date(workspace: Workspace) -> dt.date:
    config = workspace.config or workspace.default_config()
    today = workspace.now().date()
    ahead = (config.review_day - today.weekday()) % 7 or 7
    return today + dt.timedelta(days=ahead)


def this_weeks_exercises(workspace: Workspace) -> tuple[Session | None, list[Exercise]]:
    """The exercises proposed by the latest finished check-in, with that session."""
    finished = [s for s in workspace.sessions() if s.finished and s.by_self]
    if not finished:
        return None, []
    latest = max(finished, key=lambda s: (s.started, s.id))
    found = [workspace.rubric.exercise(e) for e in latest.assigned]
    return latest, [e for e in found if e is not None]


def mark_exercise_done(workspace: Workspace, exercise: Exercise, reflection: Text | None) -> Event:
    from pmcoach.domain.ids import new_id

    now = workspace.now()
    event = Event(
        id=new_id("exercise-done", now.astimezone(dt.UTC)),
        kind="exercise-done",
        at=now.replace(microsecond=0),
        device=workspace.device,
        skill=exercise.skills[0],
        text=reflection,
        data={"exercise": exercise.id},
    )
    event, _path = workspace.store.add_event(event)
    return event
