"""A yes/no question before anything is moved to trash."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static

from pmcoach.tui.screens.base import CoachDialog


class ConfirmScreen(CoachDialog[bool]):
    CSS_PATH = "dialogs.tcss"
    HELP = "Confirm\n\n  y     yes\n  n     no (esc too)\n"
    BINDINGS = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n", "answer(False)", "No"),
        Binding("escape", "answer(False)", "No"),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose_body(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.question, markup=False)
            yield Static("y yes · n no", classes="keys", markup=False)

    def action_answer(self, value: bool) -> None:
        self.dismiss(value)
