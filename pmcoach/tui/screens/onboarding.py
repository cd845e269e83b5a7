"""First run: choose a track and a review slot; everything has a sensible default."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from pmcoach.domain.model import Config
from pmcoach.tui import keys
from pmcoach.tui.screens.base import CoachScreen
from pmcoach.tui.screens.dashboard import DashboardScreen
from pmcoach.tui.widgets.settings_form import SettingsForm

HELP = """\
Welcome

  tab / shift+tab   move between fields
  ↑ ↓ space enter   choose within a field
  ctrl+s            save and open the dashboard
  ctrl+q            quit without saving

Everything has a default: press ctrl+s to start with a weekly review on
Monday at 09:00 in your system's time zone and the targets your track sets
for each skill (the senior track expects more of the core skills). Your name
is optional: it heads your reports and their file names; left empty, they
say I and me.
Change any of it later with s on the dashboard.
"""


class OnboardingScreen(CoachScreen[None]):
    CSS_PATH = "forms.tcss"
    HELP = HELP
    BINDINGS = [
        Binding("ctrl+s", "save", "Save and start", priority=True),
        keys.HELP,
        Binding("ctrl+q", "app.quit", "Quit"),
    ]

    def compose_body(self) -> ComposeResult:
        workspace = self.workspace
        yield Static("Welcome to pmcoach", classes="title", markup=False)
        yield Static(
            "Ten minutes a week against described behaviours, kept as files on this machine. "
            "Choose your track, when you review and, if you like, the name your reports "
            "carry; ctrl+s saves.",
            classes="subtitle",
            markup=False,
        )
        yield Static("", id="form-error", markup=False)
        yield SettingsForm(workspace.rubric, workspace.default_config(), id="form")

    def on_mount(self) -> None:
        self.query_one("#track").focus()

    def action_save(self) -> None:
        value = self.query_one(SettingsForm).value()
        if not isinstance(value, Config):
            self.query_one("#form-error", Static).update(value)
            return
        self.workspace.onboard(value)
        self.app.switch_screen(DashboardScreen())
