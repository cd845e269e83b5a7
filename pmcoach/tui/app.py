"""The Textual app: presents what the workspace knows and collects answers.

All reading, writing and computing happens in `pmcoach.app.workspace` and below;
screens only turn keys into calls and results into widgets. `run_app` starts it
for the command line, `make_app` for the tests.

It opens the screens the first frame leads to by name (`open`, `open_checkin`):
`pmcoach.tui.navigation` imports each when it is opened, as they bring the store
and the rules, which the first frame does without.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from textual import events
from textual.actions import ActionParseResult
from textual.app import SystemCommand
from textual.binding import Binding
from textual.dom import DOMNode
from textual.screen import Screen
from textual.theme import Theme

from pmcoach.text.sanitize import one_line
from pmcoach.tui import keys, navigation
from pmcoach.tui.key_order import KeyOrder
from pmcoach.tui.screens.dashboard import DashboardScreen
from pmcoach.tui.textual_gaps import QuietCrashApp

if TYPE_CHECKING:
    from pmcoach.app.present.review import ToReview
    from pmcoach.app.present.views import Overview
    from pmcoach.app.workspace import Workspace
    from pmcoach.domain.checkin import CheckIn
    from pmcoach.domain.model import Session

T = TypeVar("T")


class PMCoachApp(QuietCrashApp):
    CSS_PATH = "app.tcss"
    TITLE = "pmcoach"
    ENABLE_COMMAND_PALETTE = True
    BINDINGS = [
        keys.HELP,
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True),
    ]

    def __init__(self, root: Path, start: str | None = None, saved: Overview | None = None) -> None:
        super().__init__()
        self.root = root
        # "manager": open on the manager's ratings, above the dashboard;
        # "answer-first" or "working-backwards": open on that drill, likewise.
        self.start = start
        # The overview saved last time, read before the folder is opened: see run_app.
        self.saved = saved
        self._workspace: Workspace | None = None
        # Why the folder could not be opened after the first frame; run_app says it.
        self.failure: str | None = None
        # Keys and pastes go out one at a time, each after the last one's effects.
        self.key_order = KeyOrder(self, super().on_event)
        self._theme_shown = ""  # the theme on screen, set on mount

    async def on_event(self, event: events.Event) -> None:
        """Typed input joins the line of keys (see key_order); the rest goes on as usual."""
        if isinstance(event, events.Key | events.Paste) and not event.is_forwarded:
            self.key_order.receive(event)
            return
        await super().on_event(event)

    @property
    def workspace(self) -> Workspace:
        """The data folder, opened (and locked) on first use."""
        if self._workspace is None:
            from pmcoach.app.workspace import Workspace

            self._workspace = Workspace.open(self.root)
        return self._workspace

    @property
    def read_only(self) -> str | None:
        """Why this instance cannot write, once the folder is open; None before."""
        return self._workspace.read_only if self._workspace is not None else None

    def close_workspace(self) -> None:
        if self._workspace is not None:
            self._workspace.close()

    def on_mount(self) -> None:
        self._show_theme()

        # A saved overview means a configured folder that has not changed since.
        if self.saved is None and self.workspace.config is None:
            # Only now: the form's widgets cost a start that opens on the dashboard.
            self.open("onboarding")
            return
        # The dashboard offers to resume an unfinished session once it has read the files.
        self.push_screen(DashboardScreen(self.saved))
        if self.start is not None and navigation.is_place(self.start):
            self.open(self.start)

    def open(self, place: navigation.Place) -> None:
        """Open a screen by name: how the first screen's keys lead on (see navigation)."""
        self.push_screen(navigation.screen_for(place))

    def open_checkin(self, checkin: CheckIn, review: ToReview | None = None) -> None:
        """Open a check-in on its review of what is due, if anything is, else its questions."""
        self.push_screen(navigation.checkin_screen(checkin, review))

    def _show_theme(self) -> None:
        """The saved theme, or PMCOACH_THEME's (--theme's), from the first frame on; a
        theme chosen later (ctrl+p) is saved as the user's choice."""
        from pmcoach.app import themes

        # A saved overview is current only while config.toml is unchanged: its theme is
        # the settings' own, with no need to read them before the first frame.
        saved = self.saved.theme if self.saved is not None else themes.saved(self.root)
        self.theme = self._theme_shown = themes.chosen(saved)
        self.theme_changed_signal.subscribe(self, self._theme_chosen)

    def _theme_chosen(self, theme: Theme) -> None:
        from pmcoach.storage.errors import StoreError

        if theme.name == self._theme_shown:
            return  # the one set at the start, arriving late
        self._theme_shown = theme.name
        workspace = self.workspace
        config = workspace.config
        if config is None or workspace.read_only or config.theme == theme.name:
            return
        try:
            workspace.save_config_changes(config, replace(config, theme=theme.name))
        except StoreError as exc:
            self.not_saved(exc)

    def offer_resume(self) -> None:
        session = self.workspace.in_progress()
        if session is None or self.workspace.read_only:
            return
        if not isinstance(self.screen, DashboardScreen):
            return  # never over a screen the user already works in

        def chosen(choice: str | None) -> None:
            if choice == "resume":
                self.resume(session)
            elif choice == "discard":
                self.workspace.discard(session)
                self.notify("Moved the unfinished session to trash/.", markup=False)
                self.refresh_dashboard()

        self.push_screen(navigation.resume_screen(session), self.guarded(chosen))

    def resume(self, session: Session) -> None:
        if session.kind == "manager":
            self.push_screen(navigation.manager_screen(session))
            return
        self.open_checkin(self.workspace.resume(session))

    def refresh_dashboard(self) -> None:
        for screen in self.screen_stack:
            if isinstance(screen, DashboardScreen):
                screen.refresh_view()

    async def run_action(
        self,
        action: str | ActionParseResult,
        default_namespace: DOMNode | None = None,
        namespaces: Mapping[str, DOMNode] | None = None,
    ) -> bool:
        """A save that fails (disk full, read-only) leaves the answer on screen and in
        memory, and says why; every key's action runs through here."""
        from pmcoach.storage.errors import StoreError

        try:
            return await super().run_action(action, default_namespace, namespaces)
        except StoreError as exc:
            self.not_saved(exc)
            return True

    def not_saved(self, exc: Exception) -> None:
        self.notify(
            f"Not saved: {one_line(str(exc), 300)}", severity="error", markup=False, timeout=30
        )

    def guarded(self, callback: Callable[[T], None]) -> Callable[[T], None]:
        """`callback` with a failed save reported as a key's action reports it: for the
        answer to a dialog, which Textual calls outside run_action."""
        from pmcoach.storage.errors import StoreError

        def call(value: T) -> None:
            try:
                callback(value)
            except StoreError as exc:
                self.not_saved(exc)

        return call

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Every key the screen offers is also a command in the palette (ctrl+p)."""
        for binding in getattr(screen, "BINDINGS", []):
            if not isinstance(binding, Binding) or not binding.show:
                continue
            key = binding.key_display or binding.key
            yield SystemCommand(
                binding.description,
                f"key {key}",
                partial(screen.run_action, binding.action),
            )
        yield from super().get_system_commands(screen)

    def action_help(self) -> None:
        if navigation.is_help(self.screen):
            self.pop_screen()
            return
        text = self.screen.HELP or ""
        self.push_screen(navigation.help_screen(text, self.root))


def make_app(data_dir: Path, start: str | None = None) -> PMCoachApp:
    """An app with its folder open, and the overview saved for it if still current:
    a folder that cannot be opened raises here."""
    from pmcoach.app.present import dashboard

    app = PMCoachApp(data_dir, start)
    app.saved = dashboard.saved_overview(app.workspace)
    return app


def run_app(data_dir: Path, start: str | None = None) -> int:
    """Open the app; on a plain start with a saved overview, paint it first.

    Importing the store and the model, reading the settings and taking the lock
    cost about a tenth of the first frame; with the overview saved last time
    still matching the folder, the dashboard draws it and opens the folder
    right after. Without one, or when a screen opens on top (the manager's
    ratings, a drill), the folder is opened first, so that a folder that cannot
    be opened is reported before the terminal is taken.
    """
    from pmcoach.app import snapshot

    saved = snapshot.load_unopened(data_dir)
    app = PMCoachApp(data_dir, start, saved)
    if saved is None or start is not None:
        app.workspace  # noqa: B018 - opening the folder is the point
    try:
        result = app.run()
    finally:
        app.close_workspace()
    if app.crash is not None:
        raise app.crash  # the terminal is restored: the command line reports it
    if app.failure is not None:
        sys.stderr.write(f"pmcoach: {app.failure}\n")
        return 2
    return result or 0
