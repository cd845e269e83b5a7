"""Change track, review slot, time zone or targets at any time; history keeps its track."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Static

from pmcoach.domain.model import Config
from pmcoach.tui import keys
from pmcoach.tui.screens.base import CoachScreen
from pmcoach.tui.widgets.settings_form import SettingsForm

HELP = """\
Settings

  tab / shift+tab   move between fields
  ctrl+s            save
  esc               back without saving

Past sessions keep the track they were taken under; a new track applies from
the next check-in.

Peers: with the box ticked, a peer's name shows on the progress screen, the
dashboard and the session list; unticked (the default), a reply is "a peer's
view" and only the count of peers shows. A name kept private shows only on
the page of its own reply.
"""


class SettingsScreen(CoachScreen[None]):
    CSS_PATH = "forms.tcss"
    HELP = HELP
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("escape", "back", "Back"),
        keys.HELP,
    ]

    def compose_body(self) -> ComposeResult:
        workspace = self.workspace
        config = workspace.config or workspace.default_config()
        self._opened_with = config
        yield Static("Settings", classes="title", markup=False)
        yield Static("", id="form-error", markup=False)
        yield SettingsForm(workspace.rubric, config, id="form", peer_names=True)

    def action_save(self) -> None:
        value = self.query_one(SettingsForm).value()
        if not isinstance(value, Config):
            self.query_one("#form-error", Static).update(value)
            return
        self.workspace.save_config_changes(self._opened_with, value)
        self.app.pop_screen()
        self.app.notify("Settings saved.")

    def action_back(self) -> None:
        self.app.pop_screen()
