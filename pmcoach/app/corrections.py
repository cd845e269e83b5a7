"""Past answers corrected from the session list: one answer changed, saved at once.

Apart from the workspace because a correction is a rule about answers (what a new
value means for a count, a rating, a manager's rating or "no occasion"), while the
workspace only opens the folder and saves.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pmcoach.domain.checkin import correct_answer, mark_no_occasion
from pmcoach.domain.manager import correct_rating
from pmcoach.domain.model import MAX_RATING, MIN_RATING, NO_OCCASION_WORDS, Answer, Question

if TYPE_CHECKING:
    from pmcoach.app.workspace import Workspace
    from pmcoach.domain.model import Session


def _was(before: Answer | None, question: Question) -> str:
    """The answer before the correction, in the words the results screen uses."""
    if before is None or before.skipped:
        return "skipped"
    if before.no_occasion:
        return NO_OCCASION_WORDS
    return str(before.count if question.kind == "frequency" else before.rating)


def correct(
    workspace: Workspace, session: Session, question_id: str, value: int
) -> tuple[Session, str]:
    """A past answer set to `value`; for a manager's session `question_id` is the
    skill rated. Saved at once; returns the session and what changed, in words."""
    if session.kind == "peer":
        raise ValueError("A peer's ratings are kept as they were given.")
    if session.kind == "manager":
        return _correct_manager(workspace, session, question_id, value)
    question = workspace.rubric.question(question_id)
    if question is None:
        raise ValueError("That question is no longer in the rubric; it cannot be corrected.")
    if question.kind == "frequency":
        if question.out_of is None or not 0 <= value <= question.out_of:
            raise ValueError(f"Give a count from 0 to {question.out_of}.")
    elif not MIN_RATING <= value <= MAX_RATING:
        raise ValueError(f"Give a rating from {MIN_RATING} to {MAX_RATING}.")
    before = next((a for a in session.answers if a.question == question_id), None)
    fixed = correct_answer(session, question, value, workspace.now())
    workspace.save_session(fixed)
    workspace.reload()
    return fixed, f"Corrected: was {_was(before, question)}, now {value}."


def correct_no_occasion(
    workspace: Workspace, session: Session, question_id: str
) -> tuple[Session, str]:
    """A past self answer set to "no occasion" (docs/definitions.md); saved at once."""
    if not session.by_self:
        raise ValueError("Only your own answers can be 'no occasion'.")
    before = next((a for a in session.answers if a.question == question_id), None)
    question = workspace.rubric.question(question_id)
    if before is None or question is None or not question.scored:
        raise ValueError("Only a rated question can be 'no occasion'.")
    fixed = mark_no_occasion(session, question_id, workspace.now())
    workspace.save_session(fixed)
    workspace.reload()
    return fixed, f"Corrected: was {_was(before, question)}, now {NO_OCCASION_WORDS}."


def _correct_manager(
    workspace: Workspace, session: Session, skill: str, value: int
) -> tuple[Session, str]:
    if not MIN_RATING <= value <= MAX_RATING:
        raise ValueError(f"Give a rating from {MIN_RATING} to {MAX_RATING}.")
    before = next((a for a in session.answers if a.skill == skill), None)
    if before is None:
        raise ValueError("That skill has no rating in this session.")
    fixed = correct_rating(session, skill, value, workspace.now())
    workspace.save_session(fixed)
    workspace.reload()
    was = "skipped" if before.skipped or before.rating is None else str(before.rating)
    return fixed, f"Corrected: was {was}, now {value}."
