"""The Textual app: presents what the workspace knows and collects answers.

All reading, writing and computing happens in `pmcoach.workspace` and below;
screens only turn keys into calls and results into widgets. `make_app` is the
one factory used by the command line and by the tests.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import partial
from pathlib import Path

from textual.actions import ActionParseResult
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.dom import DOMNode
from textual.screen import Screen

from pmcoach.model import Session
from pmcoach.sanitize import one_line
from pmcoach.store import StoreError
from pmcoach.workspace import Workspace


class PMCoachApp(App[int]):
    CSS_PATH = "app.tcss"
    TITLE = "pmcoach"
    ENABLE_COMMAND_PALETTE = True
    BINDINGS = [
        Binding("question_mark", "help", "Help", key_display="?"),
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True),
    ]

    def __init__(self, workspace: Workspace, start: str | None = None) -> None:
        super().__init__()
        self.workspace = workspace
        # "manager": open on the manager's ratings, above the dashboard;
        # "answer-first" or "working-backwards": open on that drill, likewise.
        self.start = start

    def on_mount(self) -> None:
        from pmcoach.tui.screens.dashboard import DashboardScreen

        if self.workspace.config is None:
            # Only now: the form's widgets cost a start that opens on the dashboard.
            from pmcoach.tui.screens.onboarding import OnboardingScreen

            self.push_screen(OnboardingScreen())
            return
        # The dashboard offers to resume an unfinished session once it has read the files.
        self.push_screen(DashboardScreen())
        if self.start == "manager":
            from pmcoach.tui.screens.manager import ManagerScreen

            self.push_screen(ManagerScreen())
        elif self.start == "answer-first":
            from pmcoach.tui.screens.drill import AnswerFirstScreen

            self.push_screen(AnswerFirstScreen())
        elif self.start == "working-backwards":
            from pmcoach.tui.screens.working_backwards import WorkingBackwardsScreen

            self.push_screen(WorkingBackwardsScreen())

    def offer_resume(self) -> None:
        from pmcoach.tui.screens.dashboard import DashboardScreen
        from pmcoach.tui.screens.resume import ResumeScreen

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

        self.push_screen(ResumeScreen(session), chosen)

    def resume(self, session: Session) -> None:
        from pmcoach.tui.screens.question import QuestionScreen

        if session.kind == "manager":
            from pmcoach.tui.screens.manager import ManagerScreen

            self.push_screen(ManagerScreen(session))
            return
        self.push_screen(QuestionScreen(self.workspace.resume(session)))

    def refresh_dashboard(self) -> None:
        from pmcoach.tui.screens.dashboard import DashboardScreen

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
        try:
            return await super().run_action(action, default_namespace, namespaces)
        except StoreError as exc:
            self.notify(
                f"Not saved: {one_line(str(exc), 300)}", severity="error", markup=False, timeout=30
            )
            return True

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
        from pmcoach.tui.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            self.pop_screen()
            return
        text = getattr(self.screen, "HELP", "")
        self.push_screen(HelpScreen(text, self.workspace.root))


def make_app(data_dir: Path, start: str | None = None) -> PMCoachApp:
    return PMCoachApp(Workspace.open(data_dir), start)


def run_app(data_dir: Path, start: str | None = None) -> int:
    app = make_app(data_dir, start)
    try:
        result = app.run()
    finally:
        app.workspace.close()
    return result or 0
