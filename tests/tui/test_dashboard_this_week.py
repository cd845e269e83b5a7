"""The dashboard says what the last check-in set for this week: exercises and commitments."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from support.tui import TODAY, configured, data_dir, finished_session, local, logged, settle
from textual.widgets import Static

from pmcoach.app.present import dashboard
from pmcoach.app.present.views import Overview
from pmcoach.app.workspace import Workspace
from pmcoach.domain.model import Commitment
from pmcoach.tui.app import make_app


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PMCOACH_TODAY", TODAY)
    monkeypatch.setenv("PMCOACH_NO_FSYNC", "1")


def last_week() -> None:
    store = configured("new")
    session = finished_session(store, local("2026-11-16"), {"communicate.answer-first": 2})
    store.save_session(
        replace(
            session,
            assigned=("communicate.rewrite-answer-first",),
            commitments=(
                Commitment("c-0001", "Send the [b]Q1[/b] plan", "Dana", dt.date(2026, 11, 20)),
            ),
        )
    )


def overview() -> Overview:
    workspace = Workspace.open(data_dir())
    try:
        return dashboard.overview(workspace)
    finally:
        workspace.close()


def test_exercises_and_commitments_of_the_last_check_in() -> None:
    last_week()
    lines = overview().this_week
    assert lines[0] == "From the check-in of Mon 16 Nov:"
    assert lines[1].startswith("○ Exercise: ") and lines[1].endswith(" · to do")
    # Due last Friday and not reviewed yet: said so, since a 1:1 may ask about it.
    assert lines[2] == "○ Send the [b]Q1[/b] plan → Dana · due Fri 20 Nov (overdue)"


def test_an_exercise_marked_done_says_so() -> None:
    last_week()
    store = configured("new")
    event = logged("exercise-done", local("2026-11-18"), "Did it", "e001")
    store.save_event(replace(event, data={"exercise": "communicate.rewrite-answer-first"}))
    assert overview().this_week[1].startswith("✓ Exercise: ")


def test_nothing_to_say_before_the_first_check_in() -> None:
    configured("new")
    assert overview().this_week == ()


def test_the_saved_overview_keeps_the_lines() -> None:
    last_week()
    view = overview()
    assert Overview.from_json(view.to_json()) == view


async def test_the_dashboard_shows_them_literally() -> None:
    last_week()
    app = make_app(data_dir())
    async with app.run_test(size=(80, 30)) as pilot:
        await settle(pilot)
        shown = str(app.screen.query_one("#this-week", Static).render())
        assert "Send the [b]Q1[/b] plan → Dana" in shown
