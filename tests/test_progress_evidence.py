"""Grades and wins logged between reviews show on the progress screen, private text left out."""

from __future__ import annotations

import datetime as dt

import pytest
from textual.widgets import Static
from tui_support import TODAY, configured, data_dir, finished_session, local, settle

from pmcoach.model import Event, Text
from pmcoach.tui.app import make_app
from pmcoach.tui.screens.progress import ProgressScreen


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PMCOACH_TODAY", TODAY)
    monkeypatch.setenv("PMCOACH_NO_FSYNC", "1")


def logged(kind: str, day: str, text: str, private: bool, suffix: str, **data: object) -> Event:
    when = local(day)
    return Event(
        id=f"{when.astimezone(dt.UTC):%Y%m%dT%H%M%SZ}-{kind}-{suffix}",
        kind=kind,
        at=when,
        device="test-device",
        skill="communicate",
        text=Text(text, private),
        data=dict(data),
    )


async def test_evidence_line_counts_grades_and_wins_in_range() -> None:
    store = configured(track="new")
    finished_session(store, local("2026-11-16"), {"communicate.answer-first": 3})
    store.save_event(logged("grade", "2026-11-17", "Budget email", False, "0001", rating=2))
    store.save_event(logged("grade", "2026-11-18", "Exec sync", False, "0002", rating=4))
    store.save_event(logged("win", "2026-11-19", "Felt unsure [b]x[/]", True, "0003"))
    store.save_event(logged("grade", "2025-01-06", "Long ago", False, "0004", rating=1))
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
