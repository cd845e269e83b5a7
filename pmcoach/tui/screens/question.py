"""One question at a time: one key to rate, saved before the next question appears."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from pmcoach.app.present.review import evidence_since_last
from pmcoach.domain.model import KIND_WORDS, Question
from pmcoach.text.sanitize import one_line, printable
from pmcoach.tui import keys
from pmcoach.tui.screens.base import CoachScreen
from pmcoach.tui.screens.reflection import ReflectionScreen
from pmcoach.tui.screens.results import ResultsScreen
from pmcoach.tui.widgets.anchors import AnchorList
from pmcoach.tui.widgets.note_box import NOTE_BINDINGS, NoteBox, NoteKeys

if TYPE_CHECKING:
    from pmcoach.domain.checkin import CheckIn

HELP = """\
Question

  1-5      rate and go on (0-N on a "how many of your last N" question)
  n        write a note on this question: evidence for your rating
  v        write a private note (left out of exports unless you ask)
  e        add evidence to the answer you just gave, after a 4, a 5 or a
           big change (the next question stays on screen)
  ← bksp   back to the previous question, to change its answer
  → tab    skip this question (skipped questions come up again soon)
  enter    go on, on a question you went back to
  esc      leave; what you answered is kept and you can resume it

In the note: what you type is the note. esc leaves it (kept), ctrl+s
saves it, ctrl+t makes it private or shared again.

One key per question, at any speed: a digit rates the question on screen
when it is pressed, and a digit that is not an answer there is refused
and does not move on. Nothing changes an answer already given unless you
go back to it; a digit there changes it and goes on to the next question
still open, past the ones already answered.

Each rating is a described behaviour, not good or bad: pick the line that
matches what you actually did. Your previous rating stays hidden until you
have rated. High ratings and big jumps invite evidence; a note is enough.
Every answer is saved the moment you give it.
"""


class QuestionScreen(NoteKeys, CoachScreen[None]):
    CSS_PATH = "question.tcss"
    HELP = HELP
    # Keys rate; nothing takes focus until the PM asks for the note with `n` or `v`.
    AUTO_FOCUS = ""
    BINDINGS = [
        # Every digit is bound twice, as a rating and as a count: check_action lets the
        # one that fits the question on screen work, and the footer name only that one.
        Binding("1", "rate(1)", "Rate", key_display="1-5"),
        *[Binding(str(n), f"rate({n})", show=False) for n in (0, 2, 3, 4, 5, 6, 7, 8, 9)],
        Binding("0", "count(0)", "Count", key_display="0-N"),
        *[Binding(str(n), f"count({n})", show=False) for n in range(1, 10)],
        Binding("n", "note", "Note"),
        Binding("v", "private_note", "Private note"),
        Binding("e", "evidence", "Evidence"),
        Binding("left", "back", "Back", key_display="←"),
        Binding("backspace", "back", show=False),
        Binding("right", "skip", "Skip", key_display="→"),
        Binding("tab", "skip", show=False),
        Binding("enter", "next", show=False),
        Binding("escape", "leave", "Leave"),
        *NOTE_BINDINGS,
        keys.HELP,
    ]

    def __init__(self, checkin: CheckIn) -> None:
        super().__init__()
        self.checkin = checkin
        self.saved_line = ""
        # The answer just given that invites evidence (its question's id and how it is
        # named), for `e`: the screen has moved on, so the note must know where it goes.
        self.invited: tuple[str, str] | None = None

    def compose_body(self) -> ComposeResult:
        yield Static("", id="question-header", markup=False)
        yield Static("", id="prompt", markup=False)
        yield AnchorList(id="anchors")
        yield Static("", id="after", markup=False)
        yield NoteBox()

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
        workspace = self.workspace
        skill = workspace.rubric.skill(question.skill)
        skill_title = skill.title if skill else question.skill
        kind = KIND_WORDS.get(self.checkin.session.kind, "")
        position = f"{self.checkin.position + 1}/{self.checkin.total}"
        header = f"{one_line(skill_title, 40)} · {kind}"
        width = max(self.size.width - 2, 40)
        self.query_one("#question-header", Static).update(
            header + " " * max(width - len(header) - len(position), 1) + position
        )
        self.query_one("#prompt", Static).update(printable(question.prompt))
        answer = self.checkin.answer_for(question.id)
        self.query_one(AnchorList).show(question, self._chosen(question))
        self.query_one(NoteBox).load(answer.note if answer else None)
        self._update_after()
        self._keys_changed()

    def _chosen(self, question: Question) -> int | None:
        answer = self.checkin.answer_for(question.id)
        if answer is None or answer.skipped:
            return None
        return answer.count if question.kind == "frequency" else answer.rating

    def _update_after(self, refusal: str = "") -> None:
        question = self.question
        if question is None:
            return
        lines = [refusal] if refusal else []
        if self.saved_line:
            lines.append(self.saved_line)
        if self._chosen(question) is None:
            lines.append("Last time: hidden until you rate.")
            if question.evidence:
                lines.append(f"Evidence: {printable(question.evidence)}")
            workspace = self.workspace
            for line in evidence_since_last(workspace, question.skill, self.checkin.session):
                lines.append(f"Since your last check-in: {line}")
        self.query_one("#after", Static).update("\n".join(lines))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        allowed = super().check_action(action, parameters)
        if not allowed:
            return allowed
        if action == "evidence":
            return self.invited is not None
        if action in ("rate", "count"):
            question = self.question
            counted = question is not None and question.kind == "frequency"
            return counted == (action == "count")
        return True

    # ------------------------------------------------------------------ actions

    def _store_note(self) -> None:
        self.query_one(NoteBox).store(self.checkin, self.workspace.now())

    def _note_left(self) -> None:
        box = self.query_one(NoteBox)
        if box.target is not None:
            # Evidence for the answer before: kept there, and the box is this question's again.
            answer = self.checkin.answer_for(box.target)
            if answer is not None and answer.note is not None:
                self.saved_line = f"✓ Evidence saved on {box.about}."
            self.invited = None
            question = self.question
            current = self.checkin.answer_for(question.id) if question else None
            box.load(current.note if current else None)
            self._update_after()
        self._keys_changed()

    def _refuse(self, message: str) -> None:
        """Said where the eyes are, above the saved line; the screen stays put."""
        self._update_after(f"✗ {message}")

    def action_rate(self, value: int) -> None:
        question = self.question
        if question is None:
            return
        if question.kind == "reflection":
            self._refuse("This question is not rated: → goes on.")
            return
        counted = question.kind == "frequency"
        low, top = (0, question.out_of or 0) if counted else (1, 5)
        if not low <= value <= top:
            of = f" (how many of your last {top})" if counted else ""
            self._refuse(f"{value} is not an answer here: type {low}-{top}{of}.")
            return
        workspace = self.workspace
        previous = workspace.previous_rating(question.id, self.checkin.session)
        self._store_note()
        answer = self.checkin.rate(value, workspace.now())
        rating = answer.rating or 0
        last = "none yet" if previous is None else str(previous)
        shown = f"{value} of {question.out_of}" if counted else str(value)
        self.saved_line = f"✓ Previous answer saved: {shown} (last time: {last})"
        self.invited = None
        big_change = previous is not None and abs(rating - previous) >= 2
        if (rating >= 4 or big_change) and answer.note is None:
            # Invited, never held: the next key is the next question's, and `e` adds
            # the evidence to this answer whenever it comes.
            why = "a big change" if big_change else f"a {rating}"
            about = f"your {shown} on “{one_line(question.prompt, 40)}”"
            self.invited = (question.id, about)
            self.saved_line += f"\nThat is {why}: e adds evidence to it (a note is enough)."
        self.checkin.advance_to_open()
        self.show_question()

    def action_count(self, value: int) -> None:
        self.action_rate(value)

    def action_evidence(self) -> None:
        if self.invited is None:
            self._refuse("e adds evidence to an answer just given that asks for it.")
            return
        target, about = self.invited
        answer = self.checkin.answer_for(target)
        note = answer.note if answer else None
        self.query_one(NoteBox).open(target=target, about=about, note=note)

    def _go_next(self) -> None:
        self.checkin.advance()
        self.show_question()

    def action_next(self) -> None:
        question = self.question
        if question is None:
            return
        if self._chosen(question) is None:
            self._refuse("Rate this question first, or → to skip it.")
            return
        self._store_note()
        self.saved_line = ""
        self.invited = None
        self._go_next()

    def action_skip(self) -> None:
        question = self.question
        if question is None:
            return
        self._store_note()
        self.invited = None
        if self._chosen(question) is not None:
            self.saved_line = ""
            self._go_next()
            return
        self.checkin.skip(self.workspace.now())
        self.saved_line = "Skipped: it will come up again soon."
        self.show_question()

    def action_back(self) -> None:
        self._store_note()
        if self.checkin.position == 0:
            self._refuse("This is the first question.")
            return
        self.checkin.back()
        self.saved_line = ""
        self.invited = None
        self.show_question()

    def action_leave(self) -> None:
        self._store_note()
        kept = self.workspace.leave(self.checkin)
        self.app.pop_screen()
        if kept:
            self.notify("Kept. Resume it from the dashboard with w or a.", markup=False)
        else:
            self.notify("Nothing answered, so nothing was kept.", markup=False)

    def _finish(self) -> None:
        if self.checkin.session.kind == "weekly":
            self.app.switch_screen(ReflectionScreen(self.checkin))
            return
        session = self.workspace.finish(self.checkin)
        self.app.switch_screen(ResultsScreen(session, fresh=True))
