"""The manager's ratings beside the PM's own scores: the line shown after each rating and
the comparison table, both from one rule (`domain.manager.compare`'s window and
difference), so the two can never disagree."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pmcoach.domain.model import OLD_SCALE_WORDS
from pmcoach.text import figures
from pmcoach.text.sanitize import one_line

if TYPE_CHECKING:
    from pmcoach.app.workspace import Workspace
    from pmcoach.domain.model import Session

FLAG_MARK = "⚑"
FLAG = f"{FLAG_MARK} talk about this"
OLD_SCALE_NOTE = f"{OLD_SCALE_WORDS}: not compared"


@dataclass(frozen=True)
class ComparisonRow:
    """One skill seen both ways, in the words the table shows."""

    skill: str
    title: str
    you: str
    manager: str
    difference: str
    flagged: bool
    old_scale: bool = False  # the rating is on the old scale: shown, never subtracted

    @property
    def note(self) -> str:
        """The row's last column: what to do about the difference, or why there is none."""
        if self.flagged:
            return FLAG
        return OLD_SCALE_NOTE if self.old_scale else ""


class Beside:
    """The ratings of one manager's session beside one's own scores at `at`.

    Each skill's own score is worked out once: it reads the whole history, and a session
    may hold any number of ratings (a file edited by hand held 20,000)."""

    def __init__(self, workspace: Workspace, session: Session, at: dt.datetime) -> None:
        self.workspace, self.session, self.at = workspace, session, at
        self._own: dict[str, float | None] = {}

    def __call__(self, skill_id: str, rating: int | None) -> tuple[str, str, bool]:
        """One's own score of the skill, and the difference the rating makes with it (with
        its flag): none for a session from before the levels scale."""
        from pmcoach.domain import manager, scores

        if skill_id not in self._own:
            workspace = self.workspace
            self._own[skill_id] = scores.skill_score(
                workspace.sessions(), workspace.rubric, skill_id, self.at
            )
        own = self._own[skill_id]
        apart = manager.difference(own, rating, on_levels=manager.comparable(self.session))
        return figures.format_score(own), manager.difference_text(apart), manager.flagged(apart)


def beside(
    workspace: Workspace, session: Session, skill_id: str, rating: int | None, at: dt.datetime
) -> tuple[str, str, bool]:
    """One rating of `session` beside one's own score of the skill at `at` (`Beside`)."""
    return Beside(workspace, session, at)(skill_id, rating)


def rating_beside(
    workspace: Workspace, session: Session, skill_id: str, rating: int, at: dt.datetime
) -> str:
    """A rating just given in `session` beside the PM's own score of the skill at `at`;
    a session resumed from before the levels scale gives no difference."""
    from pmcoach.domain import manager

    you, apart, flagged = beside(workspace, session, skill_id, rating, at)
    given = manager.ManagerRating(rating, session.id, manager.comparable(session))
    flag = f"  {FLAG}" if flagged else ""
    skill = workspace.rubric.skill(skill_id)
    title = skill.title if skill else skill_id
    return f"{one_line(title, 30)}: you {you} · manager {given.text} · difference {apart}{flag}"


def comparison(workspace: Workspace, at: dt.datetime) -> tuple[ComparisonRow, ...]:
    """Every skill of the current track: the PM's score and the manager's latest rating,
    both as of `at`."""
    from pmcoach.domain import manager

    found = manager.compare(workspace.sessions(), workspace.rubric, workspace.track, at)
    return tuple(
        ComparisonRow(row.skill, row.title, *row.cells, row.flagged, row.old_scale) for row in found
    )
