"""A finished session's page: its answers, the skills as they stood then, its exercises.

A past session shows its own track's skills (see `Workspace.session_track`), and a
manager's session lists the skills rated, so a correction can be made where it is read.
A peer's reply lists each question as the peer was asked it, the rating given and the
peer's note, and is read-only: a colleague's view is kept as they gave it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from pmcoach.app.present.dashboard import focus_text, skill_rows
from pmcoach.app.present.manager import Beside
from pmcoach.app.present.peers import PRIVATE_MARK
from pmcoach.app.present.sessions import kind_words
from pmcoach.app.present.views import SkillRow
from pmcoach.domain.manager import comparable
from pmcoach.domain.model import (
    NO_OCCASION_WORDS,
    OLD_SCALE_WORDS,
    Answer,
    Question,
    Session,
    Text,
)
from pmcoach.domain.ratings import answer_rating
from pmcoach.text import figures
from pmcoach.text.sanitize import one_line

if TYPE_CHECKING:
    from pmcoach.app.workspace import Workspace

MANAGER_PROMPT = "Your manager's rating of the skill"
PEER_NOT_ANSWERED = "not answered"
PEER_READ_ONLY = "A peer's reply is kept as they gave it: it cannot be corrected."
PEER_NOTE = "Their note"
OLD_SCALE_PROMPT = (
    f"{MANAGER_PROMPT}, on the {OLD_SCALE_WORDS} (far below to far above the bar): "
    "not compared with your score"
)


@dataclass(frozen=True)
class AnswerLine:
    question_id: str
    skill_title: str
    prompt: str
    rating_text: str
    note_text: str
    # A manager's rating beside one's own score at the session's end: the score, the
    # difference (signed, "–" without one), and whether it is worth talking about.
    you: str = ""
    difference: str = ""
    flagged: bool = False


@dataclass(frozen=True)
class Results:
    title: str
    rows: tuple[SkillRow, ...]
    focus_text: str
    answers: tuple[AnswerLine, ...]
    exercises: tuple[str, ...] = ()
    # A peer's reply: their note ("" without one), and why its answers stay as given.
    note: str = ""
    read_only: str = ""
    # A manager's session from before the levels scale: its ratings are not compared.
    old_scale: bool = False


def results(workspace: Workspace, session: Session) -> Results:
    sessions = workspace.sessions()
    at = session.finished or session.updated
    track = workspace.session_track(session)
    answers = []
    manager_prompt = MANAGER_PROMPT if comparable(session) else OLD_SCALE_PROMPT
    beside = Beside(workspace, session, at)
    for answer in session.answers:
        if session.kind == "manager" and answer.skill is not None:
            rated = workspace.rubric.skill(answer.skill)
            rating = None if answer.skipped else answer.rating
            you, apart, flagged = beside(answer.skill, rating)
            answers.append(
                AnswerLine(
                    question_id=answer.skill,
                    skill_title=rated.title if rated else answer.skill,
                    prompt=manager_prompt,
                    rating_text=_rating_text(answer),
                    note_text=_note_text(answer.note),
                    you=you,
                    difference=apart,
                    flagged=flagged,
                )
            )
            continue
        if answer.question is None:
            continue
        question = workspace.rubric.question(answer.question)
        skill = workspace.rubric.skill(question.skill) if question else None
        peer = session.kind == "peer"
        answers.append(
            AnswerLine(
                question_id=answer.question,
                skill_title=skill.title if skill else "",
                prompt=_prompt(question, peer) if question else answer.question,
                rating_text=PEER_NOT_ANSWERED if peer and answer.skipped else _rating_text(answer),
                note_text=_note_text(answer.note),
            )
        )
    exercises = [workspace.rubric.exercise(e) for e in session.assigned]
    config = workspace.config or workspace.default_config()
    peer_reply = session.kind == "peer"
    return Results(
        exercises=tuple(e.title for e in exercises if e is not None),
        title=kind_words(session, config, own_page=True),
        rows=skill_rows(workspace, at, sessions, track),
        focus_text=focus_text(workspace, at, sessions, track),
        answers=tuple(answers),
        note=_peer_note(session.reflection) if peer_reply else "",
        read_only=PEER_READ_ONLY if peer_reply else "",
        old_scale=session.kind == "manager" and not comparable(session),
    )


def _prompt(question: Question, peer: bool) -> str:
    """The question as it was put: a peer answered its observer form, when it has one."""
    if peer and question.observer is not None:
        return question.observer.prompt
    return question.prompt


def _peer_note(note: Text | None) -> str:
    if note is None or not note.text.strip():
        return f"{PEER_NOTE}: none."
    private = PRIVATE_MARK if note.private else ""
    return f"{PEER_NOTE}: {private}{one_line(note.text, 600)}"


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
