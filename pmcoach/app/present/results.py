"""A finished session's page: its answers, the skills as they stood then, its exercises.

A past session shows its own track's skills (see `Workspace.session_track`), and a
manager's session lists the skills rated, so a correction can be made where it is read.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pmcoach.app.present.dashboard import focus_text, skill_rows
from pmcoach.app.present.views import AnswerLine, Results
from pmcoach.domain.manager import comparable
from pmcoach.domain.model import (
    KIND_WORDS,
    NO_OCCASION_WORDS,
    OLD_SCALE_WORDS,
    Answer,
    Session,
    Text,
)
from pmcoach.domain.ratings import answer_rating
from pmcoach.text import figures
from pmcoach.text.sanitize import one_line

if TYPE_CHECKING:
    from pmcoach.app.workspace import Workspace

MANAGER_PROMPT = "Your manager's rating of the skill"
OLD_SCALE_PROMPT = (
    f"{MANAGER_PROMPT}, on the {OLD_SCALE_WORDS} (far below to far above the bar): "
    "not compared with your score"
)


def results(workspace: Workspace, session: Session) -> Results:
    sessions = workspace.sessions()
    at = session.finished or session.updated
    track = workspace.session_track(session)
    answers = []
    manager_prompt = MANAGER_PROMPT if comparable(session) else OLD_SCALE_PROMPT
    for answer in session.answers:
        if session.kind == "manager" and answer.skill is not None:
            rated = workspace.rubric.skill(answer.skill)
            answers.append(
                AnswerLine(
                    question_id=answer.skill,
                    skill_title=rated.title if rated else answer.skill,
                    prompt=manager_prompt,
                    rating_text=_rating_text(answer),
                    note_text=_note_text(answer.note),
                )
            )
            continue
        if answer.question is None:
            continue
        question = workspace.rubric.question(answer.question)
        skill = workspace.rubric.skill(question.skill) if question else None
        answers.append(
            AnswerLine(
                question_id=answer.question,
                skill_title=skill.title if skill else "",
                prompt=question.prompt if question else answer.question,
                rating_text=_rating_text(answer),
                note_text=_note_text(answer.note),
            )
        )
    exercises = [workspace.rubric.exercise(e) for e in session.assigned]
    return Results(
        exercises=tuple(e.title for e in exercises if e is not None),
        title=KIND_WORDS.get(session.kind, session.kind),
        rows=skill_rows(workspace, at, sessions, track),
        focus_text=focus_text(workspace, at, sessions, track),
        answers=tuple(answers),
    )


def _rating_text(answer: Answer) -> str:
    if answer.skipped:
        return "skipped"
    if answer.no_occasion:
        return NO_OCCASION_WORDS
    rated = answer_rating(answer)
    if rated is None:
        return "–"
    if answer.count is not None and answer.out_of is not None:
        return f"{answer.count}/{answer.out_of} → {figures.rating(rated)}"
    return figures.rating(rated)


def _note_text(note: Text | None) -> str:
    if note is None:
        return ""
    return ("(private) " if note.private else "") + one_line(note.text, 30)
