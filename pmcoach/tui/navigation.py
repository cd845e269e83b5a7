"""Where the first screen's keys and the command line's start lead, by name.

The app and the dashboard draw the first frame. The screens they lead to bring
the store and the rules with them and cost about 120 ms to import together, which
the first frame does without (tests/tui/test_first_frame.py); the app's own dialogs
(help, resume) are opened here too, as the first frame shows neither. So this is the one
module that imports screens when they are opened rather than at its top; the app
opens them by `PMCoachApp.open`, and every other screen imports the screens it
opens at its top. No screen imports this module, so importing a screen here never
closes a cycle.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Literal, TypeGuard, get_args

if TYPE_CHECKING:
    from textual.screen import Screen

    from pmcoach.app.present.review import ToReview
    from pmcoach.domain.checkin import CheckIn
    from pmcoach.domain.model import Session

# A screen that opens with nothing given: the dashboard's keys, the first start's
# form, and the screens `pmcoach manager` and `pmcoach drill` open on.
Place = Literal[
    "onboarding",
    "commitments",
    "agenda",
    "progress",
    "manager",
    "exercises",
    "drills",
    "sessions",
    "export",
    "settings",
    "answer-first",
    "working-backwards",
]
PLACES: frozenset[str] = frozenset(get_args(Place))


def is_place(name: str) -> TypeGuard[Place]:
    return name in PLACES


def screen_for(place: Place) -> Screen[None]:
    """A new screen for `place`, its module imported now."""
    if place == "onboarding":
        from pmcoach.tui.screens.onboarding import OnboardingScreen

        return OnboardingScreen()
    if place == "commitments":
        from pmcoach.tui.screens.commitment_list import CommitmentListScreen

        return CommitmentListScreen()
    if place == "agenda":
        from pmcoach.tui.screens.agenda import AgendaScreen

        return AgendaScreen()
    if place == "progress":
        from pmcoach.tui.screens.progress import ProgressScreen

        return ProgressScreen()
    if place == "manager":
        return manager_screen(None)
    if place == "exercises":
        from pmcoach.tui.screens.exercises import ExercisesScreen

        return ExercisesScreen()
    if place == "drills":
        from pmcoach.tui.screens.drills import DrillsScreen

        return DrillsScreen()
    if place == "sessions":
        from pmcoach.tui.screens.sessions import SessionListScreen

        return SessionListScreen()
    if place == "export":
        from pmcoach.tui.screens.export import ExportScreen

        return ExportScreen()
    if place == "settings":
        from pmcoach.tui.screens.settings import SettingsScreen

        return SettingsScreen()
    if place == "answer-first":
        from pmcoach.tui.screens.drill import AnswerFirstScreen

        return AnswerFirstScreen()
    from pmcoach.tui.screens.working_backwards import WorkingBackwardsScreen

    return WorkingBackwardsScreen()


def manager_screen(session: Session | None) -> Screen[None]:
    """The manager's ratings: `session` resumed, or with None this device's unfinished
    one, else a new one."""
    from pmcoach.tui.screens.manager import ManagerScreen

    return ManagerScreen(session)


def checkin_screen(checkin: CheckIn, review: ToReview | None = None) -> Screen[None]:
    """A check-in's first screen: the review of what is due, if anything is, else its
    questions."""
    if review:
        from pmcoach.tui.screens.week_review import WeekReviewScreen

        return WeekReviewScreen(checkin, review)
    from pmcoach.tui.screens.question import QuestionScreen

    return QuestionScreen(checkin)


def resume_screen(session: Session) -> Screen[str | None]:
    """The offer to resume or discard an unfinished session."""
    from pmcoach.tui.screens.resume import ResumeScreen

    return ResumeScreen(session)


def help_screen(text: str, data_dir: Path) -> Screen[None]:
    """`text` (a screen's HELP) and where the data lives."""
    from pmcoach.tui.screens.help import HelpScreen

    return HelpScreen(text, data_dir)


def is_help(screen: Screen[object]) -> bool:
    from pmcoach.tui.screens.help import HelpScreen

    return isinstance(screen, HelpScreen)
