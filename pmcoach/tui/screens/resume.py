"""Offered at start when this device left a session unfinished."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static

from pmcoach.app import checkin_flow
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
        text = (
            f"You have an unfinished {KIND.get(self.session.kind, 'session')} "
            f"from {started} ({answered} answered)."
        )
        earlier = self._earlier_week()
        if earlier:
            text += f" {checkin_flow.earlier_week_words(earlier)} To check in for this "
            text += "week, discard it and press w."
        with Vertical(classes="dialog"):
            yield Static(text, markup=False)
            yield Static(
                "r resume · d discard (to trash/) · esc later", classes="keys", markup=False
            )

    def _earlier_week(self) -> str | None:
        workspace = self.workspace
        config = workspace.config
        if config is None:
            return None
        return checkin_flow.earlier_week(self.session, config, workspace.now())

    def action_choose(self, choice: str) -> None:
        self.dismiss(choice)
