"""First run: choose a track and a review slot; everything has a sensible default."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Static

from pmcoach.domain.model import Config
from pmcoach.tui import keys
from pmcoach.tui.widgets.key_bar import KeyBar
from pmcoach.tui.widgets.settings_form import SettingsForm

if TYPE_CHECKING:
    from pmcoach.tui.app import PMCoachApp

HELP = """\
Welcome

  tab / shift+tab   move between fields
  ↑ ↓ space enter   choose within a field
  ctrl+s            save and open the dashboard
  ctrl+q            quit without saving

Everything has a default: press ctrl+s to start with a weekly review on
Monday at 09:00 in your system's time zone and the targets your track sets
for each skill (the senior track expects more of the core skills).
Change any of it later with s on the dashboard.
"""


class OnboardingScreen(Screen[None]):
    CSS_PATH = "forms.tcss"
    HELP = HELP
    BINDINGS = [
        Binding("ctrl+s", "save", "Save and start", priority=True),
        keys.HELP,
        Binding("ctrl+q", "app.quit", "Quit"),
    ]

    @property
    def coach_app(self) -> PMCoachApp:
        return cast("PMCoachApp", self.app)

    def compose(self) -> ComposeResult:
        workspace = self.coach_app.workspace
        yield Static("Welcome to pmcoach", classes="title", markup=False)
        yield Static(
            "Ten minutes a week against described behaviours, kept as files on this machine. "
            "Choose your track and when you review; ctrl+s saves.",
            classes="subtitle",
            markup=False,
        )
        yield Static("", id="form-error", markup=False)
        yield SettingsForm(workspace.rubric, workspace.default_config(), id="form")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#track").focus()

    def action_save(self) -> None:
        from pmcoach.tui.screens.dashboard import DashboardScreen

        value = self.query_one(SettingsForm).value()
        if not isinstance(value, Config):
            self.query_one("#form-error", Static).update(value)
            return
        self.coach_app.workspace.onboard(value)
        self.app.switch_screen(DashboardScreen())
