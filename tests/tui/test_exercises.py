"""Exercises: proposed at the end of a check-in for the focus skill, marked done with a note."""

from __future__ import annotations

import tomllib

import pytest
from support.tui import TODAY, configured, data_dir, finished_session, local
from textual.widgets import DataTable, Static

from pmcoach.app.workspace import Workspace
from pmcoach.tui.app import make_app
from pmcoach.tui.screens.dashboard import DashboardScreen
from pmcoach.tui.screens.exercises import ExercisesScreen
from pmcoach.tui.screens.results import ResultsScreen
from pmcoach.tui.widgets.text_field import TextField


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PMCOACH_TODAY", TODAY)
    monkeypatch.setenv("PMCOACH_NO_FSYNC", "1")


def session_docs() -> list[dict[str, object]]:
    return [tomllib.loads(p.read_text()) for p in sorted((data_dir() / "sessions").rglob("*.toml"))]


async def test_a_finished_check_in_proposes_exercises_for_the_focus_skill() -> None:
    configured(track="new")
    app = make_app(data_dir())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("a")
        await pilot.pause()
        for _ in range(100):
            if isinstance(app.screen, ResultsScreen):
                break
            await pilot.press("2")
            await pilot.pause()
        focus_text = str(app.screen.query_one("#focus", Static).render())
        assert "Exercises for this week" in focus_text
    doc = session_docs()[0]
    assigned = [a["exercise"] for a in doc["assigned"]]  # type: ignore[union-attr, index]
    assert 1 <= len(assigned) <= 2
    workspace = Workspace.open(data_dir())
    try:
        rubric = workspace.rubric
        from pmcoach.domain import scores

        focus = scores.focus(
            rubric,
            workspace.track,
            workspace.config,
            workspace.sessions(),
            workspace.now(),  # type: ignore[arg-type]
        )
        assert focus is not None
        for exercise_id in assigned:
            exercise = rubric.exercise(exercise_id)  # type: ignore[arg-type]
            assert exercise is not None and focus.skill in exercise.skills
    finally:
        workspace.close()


async def test_mark_an_exercise_done_with_a_private_reflection() -> None:
    store = configured(track="new")
    session = finished_session(store, local("2026-11-16"), {"communicate.answer-first": 2})
    from dataclasses import replace

    store.save_session(replace(session, assigned=("communicate.rewrite-answer-first",)))
    app = make_app(data_dir())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ExercisesScreen)
        table = app.screen.query_one("#exercises", DataTable)
        assert table.row_count == 1
        detail = str(app.screen.query_one("#detail", Static).render())
        assert "Done when:" in detail
        await pilot.press("d")
        await pilot.pause()
        field = app.screen.query_one(TextField)
        field.insert("Two of three emails [bold]answer-first[/]")
        await pilot.press("escape")  # leaves the text
        await pilot.press("v")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ExercisesScreen)
        assert "done" in str(app.screen.query_one("#exercises", DataTable).get_row_at(0)[0])
        await pilot.press("h")
        await pilot.pause()
        history = app.screen.query_one("#exercises", DataTable)
        assert history.row_count == 1
        assert "(private)" in str(history.get_row_at(0)[2])
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
    events = [tomllib.loads(p.read_text()) for p in (data_dir() / "events").rglob("*.toml")]
    assert len(events) == 1
    assert events[0]["kind"] == "exercise-done"
    assert events[0]["exercise"] == "communicate.rewrite-answer-first"
    assert events[0]["text"] == {
        "text": "Two of three emails [bold]answer-first[/]",
        "private": True,
    }


async def test_no_exercises_yet_says_what_to_do() -> None:
    configured()
    app = make_app(data_dir())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("e")
        await pilot.pause()
        assert "Press w on the dashboard" in str(app.screen.query_one("#detail", Static).render())
