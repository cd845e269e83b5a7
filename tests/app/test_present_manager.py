"""The manager's figures are built by app.present.manager, not by the screen: a rating
beside the PM's own score, and the comparison table, from the same rule."""

from __future__ import annotations

import datetime as dt

import pytest
from support import exports
from support.tui import TODAY, configured, data_dir, finished_session, local

from pmcoach.app.present.manager import FLAG, OLD_SCALE_NOTE, comparison, rating_beside
from pmcoach.app.workspace import Workspace
from pmcoach.domain.model import LEVELS_SCALE, Session
from pmcoach.storage.store import Store


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PMCOACH_TODAY", TODAY)
    monkeypatch.setenv("PMCOACH_NO_FSYNC", "1")


def manager_session(
    store: Store, when: dt.datetime, ratings: dict[str, int], scale: str | None = LEVELS_SCALE
) -> Session:
    session = exports.manager(when, "0000", scale=scale, ratings=ratings)
    store.save_session(session)
    return session


def opened_with_one_rating() -> tuple[Workspace, str, str]:
    """A folder where one question of a skill was rated 2 last week; returns the
    workspace, that skill and a skill nobody rated."""
    store = configured()
    workspace = Workspace.open(data_dir())
    skills = workspace.rubric.track_skills(workspace.track)
    rated, unrated = skills[0], skills[1]
    question = next(q for q in workspace.rubric.questions if q.skill == rated.id)
    finished_session(store, local("2026-11-16"), {question.id: 2})
    workspace.reload()
    return workspace, rated.id, unrated.id


def test_a_rating_stands_beside_the_own_score_and_is_flagged_two_apart() -> None:
    workspace, skill, _ = opened_with_one_rating()
    try:
        at = workspace.now()
        title = workspace.rubric.skill(skill)
        assert title is not None
        session = manager_session(workspace.store, at, {})
        line = rating_beside(workspace, session, skill, 4, at)
        assert line.startswith(title.title[:30])
        assert line.endswith(f"you 2.0 · manager 4 · difference +2.0  {FLAG}")
        assert rating_beside(workspace, session, skill, 3, at).endswith("difference +1.0")
    finally:
        workspace.close()


def test_the_comparison_reads_as_the_rating_line_does() -> None:
    workspace, skill, unrated = opened_with_one_rating()
    try:
        manager_session(workspace.store, local("2026-11-20"), {skill: 4})
        workspace.reload()
        rows = {row.skill: row for row in comparison(workspace, workspace.now())}
        row = rows[skill]
        assert (row.you, row.manager, row.difference, row.flagged) == ("2.0", "4", "+2.0", True)
        empty = rows[unrated]
        assert (empty.you, empty.manager, empty.flagged) == ("–", "–", False)
    finally:
        workspace.close()


def test_an_old_scale_rating_is_shown_as_such_and_makes_no_difference() -> None:
    """A rating from before the levels scale ("far below ... far above the bar") is not on
    the scale of one's own score: subtracting them showed "+2.0 ⚑" where nothing differs."""
    workspace, skill, _ = opened_with_one_rating()
    try:
        old = manager_session(workspace.store, local("2026-11-20"), {skill: 4}, scale=None)
        workspace.reload()
        row = {row.skill: row for row in comparison(workspace, workspace.now())}[skill]
        assert (row.you, row.manager, row.difference, row.flagged) == ("2.0", "4", "–", False)
        assert row.old_scale and row.note == OLD_SCALE_NOTE
        line = rating_beside(workspace, old, skill, 4, workspace.now())
        assert line.endswith("manager 4 (old scale) · difference –")
    finally:
        workspace.close()


def test_a_past_manager_session_on_the_old_scale_says_so() -> None:
    from pmcoach.app.present.results import MANAGER_PROMPT, results

    workspace, skill, _ = opened_with_one_rating()
    try:
        old = manager_session(workspace.store, local("2026-11-19"), {skill: 4}, scale=None)
        new = manager_session(workspace.store, local("2026-11-20"), {skill: 4})
        workspace.reload()
        (line,) = results(workspace, old).answers
        assert "old scale" in line.prompt and line.rating_text == "4"
        assert results(workspace, new).answers[0].prompt == MANAGER_PROMPT
    finally:
        workspace.close()
