"""The last step of a weekly check-in: one honest sentence about the week."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from pmcoach.domain.model import Text
from pmcoach.tui import keys
from pmcoach.tui.screens.base import CoachScreen
from pmcoach.tui.screens.commitments import CommitmentsScreen
from pmcoach.tui.widgets.text_field import TextField

if TYPE_CHECKING:
    from pmcoach.domain.checkin import CheckIn

PROMPT = "What could I have said or done better this week?"

HELP = """\
Reflection

  type     your answer; it is optional
  ctrl+s   save it and go on to your commitments for next week
  esc      leave the text box (the text is kept); esc again leaves the
           check-in unfinished, to resume later
  v        (outside the text box) mark the reflection private

The reflection is kept with the check-in (and in exports, unless private).
What you want to raise at your next 1:1 goes on your agenda: the 1:1 topic
on the next screen, or t on the dashboard.
"""


class ReflectionScreen(CoachScreen[None]):
    CSS_PATH = "question.tcss"
    HELP = HELP
    BINDINGS = [
        Binding("ctrl+s", "finish", "Save", priority=True),
        Binding("v", "private", "Private"),
        Binding("escape", "leave", "Leave"),
        keys.HELP,
    ]

    def __init__(self, checkin: CheckIn) -> None:
        super().__init__()
        self.checkin = checkin
        self.private = False

    def compose_body(self) -> ComposeResult:
        yield Static("Reflection · Weekly check-in", classes="title", markup=False)
        yield Static(PROMPT, id="prompt", markup=False)
        yield TextField(id="reflection")
        yield Static("", id="privacy", classes="muted", markup=False)

    def on_mount(self) -> None:
        self._show_privacy()
        self.query_one(TextField).focus()

    def _show_privacy(self) -> None:
        text = "Private: left out of exports." if self.private else "Shared in exports."
        self.query_one("#privacy", Static).update(f"{text} ctrl+s saves and finishes.")

    def action_private(self) -> None:
        self.private = not self.private
        self._show_privacy()

    def action_leave(self) -> None:
        kept = self.workspace.leave(self.checkin)
        self.app.pop_screen()
        if kept:
            self.notify("Kept. Resume it from the dashboard with w.", markup=False)
        else:
            self.notify("Nothing answered, so nothing was kept.", markup=False)

    def action_finish(self) -> None:
        text = self.query_one(TextField).text.strip()
        reflection = Text(text, self.private) if text else None
        self.checkin.set_reflection(reflection, self.workspace.now())
        self.app.switch_screen(CommitmentsScreen(self.checkin, reflection))
