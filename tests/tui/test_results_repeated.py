"""A session that answers one question (or rates one skill) twice, as a hand edit, a merge
by a sync tool or an older version may leave it: the loader takes it, so its results
open and show every answer, as the file holds them."""

from __future__ import annotations

import dataclasses

import pytest
from support import exports
from support.tui import TODAY, configured, data_dir, finished_session, local, settle
from textual.widgets import DataTable

from pmcoach.domain.model import LEVELS_SCALE, Answer
from pmcoach.tui.app import make_app
from pmcoach.tui.screens.results import ResultsScreen
from pmcoach.tui.screens.sessions import SessionListScreen


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PMCOACH_TODAY", TODAY)
    monkeypatch.setenv("PMCOACH_NO_FSYNC", "1")


@pytest.mark.parametrize("kind", ["manager", "weekly"])
async def test_a_session_with_a_question_answered_twice_opens(kind: str) -> None:
    store = configured(track="senior")
    if kind == "manager":
        rated = exports.manager(local("2026-11-19", 15), "e001", scale=LEVELS_SCALE)
        twice = (Answer(skill="communicate", rating=3), Answer(skill="communicate", rating=5))
        store.save_session(dataclasses.replace(rated, answers=twice))
    else:
        session = finished_session(store, local("2026-11-19"), {"communicate.answer-first": 3})
        (answer,) = session.answers
        twice = (answer, dataclasses.replace(answer, rating=5))
        store.save_session(dataclasses.replace(session, answers=twice))
    app = make_app(data_dir())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.screen, SessionListScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        table = app.screen.query_one("#answers", DataTable)
        shown = [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]
        assert [row[2] for row in shown] == ["3", "5"]
