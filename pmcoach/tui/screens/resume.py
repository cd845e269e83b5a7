"""Offered at start when this device left a session unfinished."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static

from pmcoach.tui.screens.base import CoachDialog

if TYPE_CHECKING:
    from pmcoach.domain.model import Session

KIND = {"weekly": "weekly check-in", "full": "full assessment", "manager": "manager's ratings"}


class ResumeScreen(CoachDialog[str | None]):
    CSS_PATH = "dialogs.tcss"
    HELP = (
        "Resume\n\n  r   resume where you left off\n  d   discard (moved to trash/, restorable)\n"
    )
    BINDINGS = [
        Binding("r", "choose('resume')", "Resume"),
        Binding("d", "choose('discard')", "Discard"),
        Binding("escape", "choose('later')", "Later"),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session

    def compose_body(self) -> ComposeResult:
        answered = sum(1 for a in self.session.answers if not a.skipped)
        started = f"{self.session.started:%a %d %b %H:%M}"
        with Vertical(classes="dialog"):
            yield Static(
                f"You have an unfinished {KIND.get(self.session.kind, 'session')} "
                f"from {started} ({answered} answered).",
                markup=False,
            )
            yield Static(
                "r resume · d discard (to trash/) · esc later", classes="keys", markup=False
            )

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice)
