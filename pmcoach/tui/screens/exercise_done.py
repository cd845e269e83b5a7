"""Marking an exercise done asks its reflection question; the answer is optional."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static

from pmcoach.app.records import mark_exercise_done
from pmcoach.domain.model import Exercise, Text
from pmcoach.text.sanitize import printable
from pmcoach.tui.screens.base import CoachDialog
from pmcoach.tui.widgets.text_field import TextField


class ExerciseDoneScreen(CoachDialog[bool]):
    CSS_PATH = "dialogs.tcss"
    HELP = (
        "Exercise done\n\n  type     how it went (optional)\n  ctrl+s   save\n"
        "  v        (outside the text) mark it private\n  esc      leave the text; again: cancel\n"
    )
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("v", "private", "Private"),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self, exercise: Exercise) -> None:
        super().__init__()
        self.exercise = exercise
        self.private = False

    def compose_body(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(f"Done: {printable(self.exercise.title)}", markup=False)
            yield Static(printable(self.exercise.reflection), classes="keys", markup=False)
            yield TextField(id="reflection")
            yield Static("", id="privacy", classes="keys", markup=False)

    def on_mount(self) -> None:
        self._show_privacy()
        self.query_one(TextField).focus()

    def _show_privacy(self) -> None:
        state = "private: left out of exports" if self.private else "shared in exports"
        self.query_one("#privacy", Static).update(f"{state} · ctrl+s save · esc cancel")

    def on_text_field_left(self, _message: TextField.Left) -> None:
        self.set_focus(None)

    def action_private(self) -> None:
        self.private = not self.private
        self._show_privacy()

    def action_save(self) -> None:
        text = self.query_one(TextField).text.strip()
        mark_exercise_done(
            self.workspace, self.exercise, Text(text, self.private) if text else None
        )
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)
