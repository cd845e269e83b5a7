"""Grades and wins logged between reviews show on the progress screen, private text left out."""

from __future__ import annotations

import pytest
from textual.widgets import Static
from tui_support import TODAY, configured, data_dir, finished_session, local, logged, settle

from pmcoach.tui.app import make_app
from pmcoach.tui.screens.progress import ProgressScreen


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PMCOACH_TODAY", TODAY)
    monkeypatch.setenv("PMCOACH_NO_FSYNC", "1")


async def test_evidence_line_counts_grades_and_wins_in_range() -> None:
    store = configured(track="new")
    finished_session(store, local("2026-11-16"), {"communicate.answer-first": 3})
    store.save_event(logged("grade", local("2026-11-17"), "Budget email", "0001", rating=2))
    store.save_event(logged("grade", local("2026-11-18"), "Exec sync", "0002", rating=4))
    store.save_event(
        logged("win", local("2026-11-19"), "Felt unsure [b]x[/]", "0003", private=True)
    )
    store.save_event(logged("grade", local("2025-01-06"), "Long ago", "0004", rating=1))
    app = make_app(data_dir())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, ProgressScreen)
        line = str(app.screen.query_one("#evidence", Static).render())
        assert line.startswith("Evidence (12 weeks): 2 grades, mean 3.0 · 1 win")
        assert "Felt unsure" not in line  # the latest is private
        await pilot.press("right")  # another skill: nothing logged
        await pilot.pause()
        line = str(app.screen.query_one("#evidence", Static).render())
        assert "none yet" in line
