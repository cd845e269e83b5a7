"""A start with nothing saved draws the last weeks first and the whole history right after.

Parsing ten years of files takes longer than Textual takes to start; the scores,
the state of the week and say/do need only the last weeks. These tests pin what
the first frame may and may not claim before the rest is read.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from support.tui import TODAY, configured, data_dir, finished_session, local, settle

from pmcoach.app.present import dashboard
from pmcoach.app.workspace import Workspace
from pmcoach.cache import recent
from pmcoach.domain import rules
from pmcoach.tui.app import make_app
from pmcoach.tui.screens.dashboard import DashboardScreen

# The whole weeks the first frame reads.
RECENT_WEEKS = recent.RECENT_SPAN // dt.timedelta(weeks=1)


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PMCOACH_TODAY", TODAY)
    monkeypatch.setenv("PMCOACH_NO_FSYNC", "1")


def weekly_history(weeks: int) -> None:
    """A finished check-in on each of the last `weeks` Mondays before TODAY's."""
    store = configured(track="new")
    monday = dt.date.fromisoformat(TODAY)
    for back in range(1, weeks + 1):
        day = (monday - dt.timedelta(weeks=back)).isoformat()
        finished_session(store, local(day), {"communicate.answer-first": 1 + back % 5}, track="new")


def test_recent_reads_only_the_files_named_from_the_cut_on() -> None:
    weekly_history(30)
    workspace = Workspace.open(data_dir())
    try:
        since = local(TODAY) - dt.timedelta(weeks=10)
        sessions, events = recent.read_since(data_dir(), since)
        assert [s.started >= since for s in sessions] == [True] * 10
        assert events == []
        assert not workspace.store.loaded  # nothing was cached or kept
    finally:
        workspace.close()


def test_a_file_not_named_by_its_time_is_read_too() -> None:
    weekly_history(30)
    old = next((data_dir() / "sessions").rglob("*.toml"))  # the oldest year first
    workspace = Workspace.open(data_dir())
    try:
        everything = {
            s.id for s in recent.read_since(data_dir(), local(TODAY) - dt.timedelta(weeks=1))[0]
        }
        assert old.stem not in everything
        old.rename(old.with_name(f"renamed-{old.name}"))
        sessions, _ = recent.read_since(data_dir(), local(TODAY) - dt.timedelta(weeks=1))
        # Its id no longer matches its name: a problem the full read reports, not a session.
        assert old.stem not in {s.id for s in sessions}
        assert len(workspace.store.problems) == 1
    finally:
        workspace.close()


def test_the_first_frame_agrees_with_the_whole_history_where_it_can() -> None:
    weekly_history(30)
    workspace = Workspace.open(data_dir())
    try:
        first = dashboard.recent_overview(workspace)
        full = dashboard.overview(workspace)
    finally:
        workspace.close()
    assert first.rows == full.rows
    assert first.focus_text == full.focus_text
    assert first.this_week == full.this_week
    assert first.state == full.state
    # The whole weeks after the cut, all with a check-in: the streak is at least that.
    assert f"streak {RECENT_WEEKS - 1}+" in first.status_text
    assert "streak 30" in full.status_text and "+" not in full.status_text


def test_a_streak_broken_within_the_recent_weeks_is_exact() -> None:
    weekly_history(5)
    workspace = Workspace.open(data_dir())
    try:
        first = dashboard.recent_overview(workspace)
    finally:
        workspace.close()
    # Five weeks and a gap before them, all inside the recent weeks: 5 is the streak.
    assert first.status_text.endswith("streak 5")


async def test_the_dashboard_shows_the_recent_weeks_then_everything() -> None:
    weekly_history(30)
    app = make_app(data_dir())
    async with app.run_test() as pilot:
        screen = app.screen
        assert isinstance(screen, DashboardScreen)
        first = str(screen.query_one("#status-line").render())
        assert f"streak {RECENT_WEEKS - 1}+" in first
        await settle(pilot)
        after = str(screen.query_one("#status-line").render())
        assert "streak 30 " in after + " "
    app.workspace.close()


def test_a_streak_broken_just_inside_the_cut_is_exact() -> None:
    """The week the cut falls in may have had its check-in before the cut: a streak that
    runs back to it is a lower bound; one that broke in the first whole week is not."""
    weekly_history(RECENT_WEEKS - 2)  # the first whole week after the cut has none
    workspace = Workspace.open(data_dir())
    try:
        first = dashboard.recent_overview(workspace)
    finally:
        workspace.close()
    assert first.status_text.endswith(f"streak {RECENT_WEEKS - 2}")


def test_the_bound_places_every_window_of_the_rules() -> None:
    """A window added to the rules is either one the first frame reads (and the bound grows
    with it) or named as one the dashboard does not read: never silently left out."""
    windows = {
        name
        for name, value in vars(rules).items()
        if name.isupper()
        and (
            isinstance(value, dt.timedelta) or (name.endswith("_WEEKS") and isinstance(value, int))
        )
    }
    read = {
        "SCORE_WEEKS",
        "SCORE_WINDOW",
        "CHANGE_SPAN",
        "DECLINE_WEEKS",
        "DECLINE_SPAN",
        "SAY_DO_WEEKS",
        "PEER_WEEKS",
    }
    assert windows - recent.NOT_ON_THE_DASHBOARD == read
    assert rules.SCORE_WINDOW + max(rules.CHANGE_SPAN, rules.DECLINE_SPAN) <= recent.RECENT_SPAN
    assert dt.timedelta(weeks=rules.SAY_DO_WEEKS) <= recent.RECENT_SPAN
    assert dt.timedelta(weeks=rules.PEER_WEEKS) <= recent.RECENT_SPAN
    assert all(window <= recent.RECENT_SPAN for window in recent.WINDOWS.values())


def test_the_first_frame_needs_every_week_of_the_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    """A question answered only in the week the change looks back to: the first frame's
    change is the full history's with the bound, and wrong with a window a week short."""
    weekly_history(30)
    store = configured(track="new")
    back = rules.SCORE_WEEKS + 1
    day = (dt.date.fromisoformat(TODAY) - dt.timedelta(weeks=back)).isoformat()
    ratings = {"communicate.answer-first": 3, "communicate.gave-the-date": 5}
    finished_session(store, local(day, hour=15), ratings, track="new", suffix="0001")

    def first_and_full() -> tuple[object, object]:
        workspace = Workspace.open(data_dir())
        try:
            return dashboard.recent_overview(workspace).rows, dashboard.overview(workspace).rows
        finally:
            workspace.close()

    first, full = first_and_full()
    assert first == full
    monkeypatch.setattr(recent, "RECENT_SPAN", rules.SCORE_WINDOW)
    first, full = first_and_full()
    assert first != full


def test_the_definitions_state_the_bound() -> None:
    """docs/definitions.md names the weeks the first frame reads: the same number."""
    text = " ".join((Path(__file__).parents[2] / "docs" / "definitions.md").read_text().split())
    assert f"from the last {RECENT_WEEKS} weeks of files" in text
    assert f'("streak {RECENT_WEEKS - 1}+")' in text
