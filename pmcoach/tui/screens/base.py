"""What every pmcoach screen has: the app and the workspace, typed; its help; the key bar.

Screens only turn keys into workspace calls and results into widgets (see `pmcoach.tui.app`),
so each needs the app as pmcoach's own app, not Textual's, and the workspace behind it. Both
are read here, once, instead of a cast in every screen.

`HELP` is the text `?` (or F1) shows for the screen: a class attribute every screen
declares (tests/tui/test_screen_base.py checks each one does). It is the name Textual
itself gives a node's help, so Textual's key panel shows the same text.

A full screen ends with the key bar: its body comes from `compose_body`, and the bar is
added after it, so that no screen can forget it or place it elsewhere. A dialog floats
over the screen below and shows its few keys in its own text, without a bar.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, TypeVar, cast

from textual.app import ComposeResult
from textual.screen import ModalScreen, Screen

from pmcoach.tui.widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from pmcoach.app.workspace import Workspace
    from pmcoach.tui.app import PMCoachApp

ResultType = TypeVar("ResultType")


class CoachScreen(Screen[ResultType]):
    """A full screen: its body, then the key bar."""

    HELP: ClassVar[str]

    @property
    def coach_app(self) -> PMCoachApp:
        """The app as pmcoach's app: screens run in no other (make_app, run_app)."""
        return cast("PMCoachApp", self.app)

    @property
    def workspace(self) -> Workspace:
        """The data folder behind the app, opened on first use."""
        return self.coach_app.workspace

    def compose(self) -> ComposeResult:
        yield from self.compose_body()
        yield KeyBar()

    def compose_body(self) -> ComposeResult:
        """The screen's own widgets, above the key bar."""
        yield from ()


class CoachDialog(ModalScreen[ResultType], CoachScreen[ResultType]):
    """A dialog over the screen below: its body alone, its keys named in its own text."""

    def compose(self) -> ComposeResult:
        yield from self.compose_body()
