"""What a check-in shows beside its questions: the review of last week, and the evidence
logged since the last check-in for the skill being rated."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from pmcoach.domain.model import Exercise, Session
from pmcoach.text.sanitize import one_line

if TYPE_CHECKING:
    from pmcoach.app.workspace import Workspace
    from pmcoach.domain.exercise_drills import DrillTally
    from pmcoach.domain.ledger import Entry, Mark


@dataclass(frozen=True)
class ToReview:
    """What the review at the start of a check-in or full assessment goes through."""

    commitments: tuple[Entry, ...]
    exercises: tuple[Exercise, ...]
    # The latest word on each exercise before this review (done on the exercises screen);
    # the review's own outcomes are in its session.
    marks: dict[str, Mark]
    # How far each exercise that includes a drill has come ("2 of 3 drills").
    drills: dict[str, DrillTally] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.commitments or self.exercises)


def to_review(workspace: Workspace, session: Session) -> ToReview:
    """What a review opening `session` (a weekly check-in or a full assessment)
    offers: every commitment due by then that has no outcome yet, and the
    exercises the last check-in or assessment proposed, with what was already
    said about them (an exercise marked done on the exercises screen shows so)."""
    history = workspace.ledger()
    earlier = [
        s for s in workspace.sessions() if s.finished and s.by_self and s.started < session.started
    ]
    commitments = history.to_review(session)
    if not earlier:
        return ToReview(commitments, (), {})
    last = max(earlier, key=lambda s: (s.started, s.id))
    exercises = tuple(e for e in map(workspace.rubric.exercise, last.assigned) if e is not None)
    marks = {e.id: m for e in exercises if (m := history.mark(last.id, e.id)) is not None}
    drills = {}
    for exercise in exercises:
        proposal = history.proposal(last.id, exercise.id)
        if proposal is not None and proposal.drills is not None:
            drills[exercise.id] = proposal.drills
    return ToReview(commitments, exercises, marks, drills)


def evidence_since_last(workspace: Workspace, skill: str, session: Session) -> list[str]:
    """Grades and wins logged for a skill since the last check-in, to rate against.

    Evidence captured right after the meeting is more honest than memory, so
    the question screen puts it beside the rating it informs.
    """
    earlier = [
        s.started
        for s in workspace.sessions()
        if s.finished and s.by_self and s.started < session.started
    ]
    events = workspace.store.events()
    since = max(earlier, default=None)
    lines = []
    for event in events:
        if event.skill != skill or event.kind not in ("grade", "win"):
            continue
        if since is not None and event.at < since:
            continue
        text = one_line(event.text.text, 60) if event.text else ""
        if event.kind == "grade":
            lines.append(f"graded {event.data.get('rating', '?')}: {text}")
        else:
            lines.append(f"win: {text}")
    return lines[-3:]
