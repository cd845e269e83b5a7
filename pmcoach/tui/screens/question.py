"""One question at a time: one key to rate, saved before the next question appears."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Static

from pmcoach.checkin import CheckIn
from pmcoach.model import Question
from pmcoach.sanitize import one_line, printable
from pmcoach.tui.widgets.anchors import AnchorList
from pmcoach.tui.widgets.key_bar import KeyBar
from pmcoach.tui.widgets.note_box import NoteBox, NoteKeys

if TYPE_CHECKING:
    from pmcoach.tui.app import PMCoachApp

HELP = """\
Question

  1-5      rate and go on (0-N on a "how many of your last N" question)
  n        write a note: evidence for your rating (esc leaves it, kept)
  v        mark the note private (left out of exports unless you ask)
  ← bksp   back to the previous question
  → tab    skip this question (skipped questions come up again soon)
  enter    go on after a rating
  esc      leave; the session is kept and you can resume it

Each rating is a described behaviour, not good or bad: pick the line that
matches what you actually did. Your previous rating stays hidden until you
have rated. High ratings and big jumps ask for evidence; a note is enough.
Every answer is saved the moment you give it.
"""

KIND_LABEL = {"weekly": "Weekly check-in", "full": "Full assessment", "manager": "Manager"}


class QuestionScreen(NoteKeys, Screen[None]):
    CSS_PATH = "question.tcss"
    HELP = HELP
    # Keys rate; nothing takes focus until the PM asks for the note with `n`.
    AUTO_FOCUS = ""
    BINDINGS = [
        Binding("1", "rate(1)", "Rate", key_display="1-5"),
        *[Binding(str(n), f"rate({n})", show=False) for n in (0, 2, 3, 4, 5, 6, 7, 8, 9)],
        Binding("n", "note", "Note"),
        Binding("v", "private", "Private"),
        Binding("left", "back", "Back", key_display="←"),
        Binding("backspace", "back", show=False),
        Binding("right", "skip", "Skip", key_display="→"),
        Binding("tab", "skip", show=False),
        Binding("enter", "next", show=False),
        Binding("escape", "leave", "Leave"),
        Binding("ctrl+s", "save_note", show=False),
        Binding("question_mark", "app.help", "Help", key_display="?"),
    ]

    def __init__(self, checkin: CheckIn) -> None:
        super().__init__()
        self.checkin = checkin
        self.saved_line = ""
        self.waiting = False  # rated, and asked for evidence before going on

    @property
    def coach_app(self) -> PMCoachApp:
        return cast("PMCoachApp", self.app)

    def compose(self) -> ComposeResult:
        yield Static("", id="question-header", markup=False)
        yield Static("", id="prompt", markup=False)
        yield AnchorList(id="anchors")
        yield Static("", id="after", markup=False)
        yield NoteBox()
        yield KeyBar()

    def on_mount(self) -> None:
        self.show_question()

    # ------------------------------------------------------------------ view

    @property
    def question(self) -> Question | None:
        return self.checkin.current

    def show_question(self) -> None:
        question = self.question
        if question is None:
            self._finish()
            return
        workspace = self.coach_app.workspace
        skill = workspace.rubric.skill(question.skill)
        skill_title = skill.title if skill else question.skill
        kind = KIND_LABEL.get(self.checkin.session.kind, "")
        position = f"{self.checkin.position + 1}/{self.checkin.total}"
        header = f"{one_line(skill_title, 40)} · {kind}"
        width = max(self.size.width - 2, 40)
        self.query_one("#question-header", Static).update(
            header + " " * max(width - len(header) - len(position), 1) + position
        )
        self.query_one("#prompt", Static).update(printable(question.prompt))
        answer = self.checkin.answer_for(question.id)
        chosen = None
        if answer is not None and not answer.skipped:
            chosen = answer.count if question.kind == "frequency" else answer.rating
        self.query_one(AnchorList).show(question, chosen)
        self.query_one(NoteBox).load(answer.note if answer else None)
        self.waiting = False
        self._update_after(chosen)

    def _update_after(self, chosen: int | None) -> None:
        question = self.question
        if question is None:
            return
        lines = []
        if self.saved_line:
            lines.append(self.saved_line)
        if chosen is None:
            lines.append("Last time: hidden until you rate.")
            if question.evidence:
                lines.append(f"Evidence: {printable(question.evidence)}")
            workspace = self.coach_app.workspace
            for line in workspace.evidence_since_last(question.skill, self.checkin.session):
                lines.append(f"Since your last check-in: {line}")
        self.query_one("#after", Static).update("\n".join(lines))

    # ------------------------------------------------------------------ actions

    def _note_text(self) -> str:
        return self.query_one(NoteBox).text

    def _store_note(self) -> None:
        self.query_one(NoteBox).store(self.checkin, self.coach_app.workspace.now())

    def action_rate(self, value: int) -> None:
        question = self.question
        if question is None:
            return
        if question.kind == "reflection":
            return
        top = question.out_of if question.kind == "frequency" else 5
        low = 0 if question.kind == "frequency" else 1
        if top is None or not low <= value <= top:
            return
        workspace = self.coach_app.workspace
        previous = workspace.previous_rating(question.id, self.checkin.session)
        answer = self.checkin.rate(value, workspace.now())
        self._store_note()
        self.query_one(AnchorList).choose(value)
        rating = answer.rating or 0
        last = "none yet" if previous is None else str(previous)
        shown = f"{value} of {question.out_of}" if question.kind == "frequency" else str(value)
        self.saved_line = f"✓ Previous answer saved: {shown} (last time: {last})"
        needs_evidence = rating >= 4 or (previous is not None and abs(rating - previous) >= 2)
        has_note = bool(self._note_text().strip())
        if needs_evidence and not has_note:
            why = (
                "a big change"
                if previous is not None and abs(rating - previous) >= 2
                else (f"a {rating}")
            )
            self.query_one("#after", Static).update(
                f"✓ Saved: {shown} (last time: {last})\n"
                f"That is {why}: add evidence? n writes a note, → or enter goes on."
            )
            self.waiting = True
            return
        self._go_next()

    def _go_next(self) -> None:
        self.checkin.advance()
        self.show_question()

    def action_next(self) -> None:
        question = self.question
        if question is None:
            return
        answer = self.checkin.answer_for(question.id)
        if answer is not None and not answer.skipped:
            self._store_note()
            self._go_next()

    def action_skip(self) -> None:
        question = self.question
        if question is None:
            return
        self._store_note()
        answer = self.checkin.answer_for(question.id)
        if answer is not None and not answer.skipped:
            self._go_next()
            return
        self.checkin.skip(self.coach_app.workspace.now())
        self.saved_line = "Skipped: it will come up again soon."
        self.show_question()

    def action_back(self) -> None:
        self._store_note()
        if self.checkin.position == 0:
            return
        self.checkin.back()
        self.saved_line = ""
        self.show_question()

    def action_leave(self) -> None:
        self._store_note()
        self.coach_app.workspace.reload()
        self.app.pop_screen()
        self.notify("Kept. Resume it from the dashboard with w or a.", markup=False)

    def _finish(self) -> None:
        from pmcoach.tui.screens.reflection import ReflectionScreen
        from pmcoach.tui.screens.results import ResultsScreen

        if self.checkin.session.kind == "weekly":
            self.app.switch_screen(ReflectionScreen(self.checkin))
            return
        session = self.coach_app.workspace.finish(self.checkin)
        self.app.switch_screen(ResultsScreen(session, fresh=True))
