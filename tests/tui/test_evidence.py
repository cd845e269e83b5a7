"""Grades and wins captured between reviews appear beside the rating they inform."""

from __future__ import annotations

import pytest
from support.tui import TODAY, configured, data_dir, finished_session, local, logged
from textual.widgets import Static

from pmcoach.tui.app import make_app
from pmcoach.tui.screens.question import QuestionScreen


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PMCOACH_TODAY", TODAY)
    monkeypatch.setenv("PMCOACH_NO_FSYNC", "1")


async def test_grades_and_wins_since_the_last_check_in_are_shown() -> None:
    store = configured(track="new")
    finished_session(store, local("2026-11-16"), {"prioritize.said-no": 3})
    store.save_event(logged("grade", local("2026-11-10"), "Too old to show", "0001", rating=5))
    store.save_event(
        logged("grade", local("2026-11-18"), "Budget email [b]ask late[/]", "0002", rating=2)
    )
    store.save_event(logged("win", local("2026-11-19"), "Launch note opened with the date", "0003"))
    app = make_app(data_dir())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        assert app.screen.question is not None
        assert app.screen.question.skill == "communicate"
        after = str(app.screen.query_one("#after", Static).render())
        assert "Since your last check-in: graded 2: Budget email [b]ask late[/]" in after
        assert "win: Launch note opened with the date" in after
        assert "Too old" not in after
