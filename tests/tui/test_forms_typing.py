"""Forms typed at any speed: every key sequence goes in one burst, then the files are read.

`burst` queues every key before the app handles the first, as a terminal read of
one chunk delivers them to a fast typist, a script or a busy machine. Each test
names where the text was meant to go and reads the saved file, not the screen.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import replace

import pytest
from support.tui import (
    TODAY,
    burst,
    configured,
    data_dir,
    finished_session,
    local,
    settle,
    typed,
)
from textual import events
from textual.widgets import Input

from pmcoach.tui.app import make_app
from pmcoach.tui.screens.commitments import CommitmentsScreen
from pmcoach.tui.screens.dashboard import DashboardScreen
from pmcoach.tui.screens.drill import AnswerFirstScreen
from pmcoach.tui.screens.exercises import ExercisesScreen
from pmcoach.tui.screens.question import QuestionScreen
from pmcoach.tui.screens.reflection import ReflectionScreen
from pmcoach.tui.screens.results import ResultsScreen


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PMCOACH_TODAY", TODAY)
    monkeypatch.setenv("PMCOACH_NO_FSYNC", "1")


def saved_config() -> dict[str, object]:
    return tomllib.loads((data_dir() / "config.toml").read_text())


def session_docs() -> list[dict[str, object]]:
    files = sorted((data_dir() / "sessions").rglob("*.toml"))
    return [tomllib.loads(p.read_text()) for p in files]


def event_docs() -> list[dict[str, object]]:
    files = sorted((data_dir() / "events").rglob("*.toml"))
    return [tomllib.loads(p.read_text()) for p in files]


# --------------------------------------------------------------------------- onboarding


async def test_onboarding_down_enter_tab_chooses_the_track_before_moving_on() -> None:
    """Keys just before a tab still reach the field being left (a priority tab lost them)."""
    app = make_app(data_dir())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await typed(pilot, "down", "enter", "tab", "ctrl+s")
        assert isinstance(app.screen, DashboardScreen)
    assert saved_config()["track"] == "senior"


async def test_onboarding_in_one_burst_fills_each_field_it_moved_to() -> None:
    app = make_app(data_dir())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        # track: senior; day: kept; time: 07:30; zone: UTC; then save.
        await typed(pilot, "down", "enter", "tab", "tab", *"07:30", "tab", *"UTC", "ctrl+s")
        assert isinstance(app.screen, DashboardScreen)
    config = saved_config()
    assert config["track"] == "senior"
    assert config["review_day"] == "monday"
    assert config["review_time"] == dt.time(7, 30)
    assert config["time_zone"] == "UTC"


# --------------------------------------------------------------------------- settings


async def test_settings_opened_and_filled_in_the_same_burst() -> None:
    """The key that opens the screen and the keys for its fields come together."""
    configured(track="new")
    app = make_app(data_dir())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        # track: senior; day: the list opened, one down, chosen; time: 18:45; then save.
        await typed(
            pilot, "s", "down", "enter", "tab", "enter", "down", "enter", "tab", *"18:45", "ctrl+s"
        )
        assert isinstance(app.screen, DashboardScreen)
    config = saved_config()
    assert config["track"] == "senior"
    assert config["review_day"] == "tuesday"
    assert config["review_time"] == dt.time(18, 45)
    assert config["time_zone"] == "Europe/Berlin"


# --------------------------------------------------------------------------- commitments


async def reach_reflection(pilot, app) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("w")
    await pilot.pause()
    for _ in range(100):
        if not isinstance(app.screen, QuestionScreen):
            break
        screen, question = app.screen, app.screen.question
        await pilot.press("3")
        await pilot.pause()
        if app.screen is screen and screen.question is question:
            await pilot.press("enter")  # evidence was asked for; go on without it
            await pilot.pause()
    assert isinstance(app.screen, ReflectionScreen)


async def test_tab_then_text_goes_to_the_next_field() -> None:
    """A scripted 'tab Dana' typed 'Dana' into the field being left."""
    configured()
    app = make_app(data_dir())
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await reach_reflection(pilot, app)
        await pilot.press("ctrl+s")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CommitmentsScreen)
        await typed(pilot, *"send the plan", "tab", *"Dana")
        assert screen.query_one("#what", Input).value == "send the plan"
        assert screen.query_one("#to", Input).value == "Dana"


async def test_a_paste_after_tab_goes_to_the_next_field() -> None:
    configured()
    app = make_app(data_dir())
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await reach_reflection(pilot, app)
        await pilot.press("ctrl+s")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CommitmentsScreen)
        burst(app, *"send the plan", "tab")
        app.post_message(events.Paste("Dana (finance)"))
        await typed(pilot, "tab")
        assert screen.query_one("#what", Input).value == "send the plan"
        assert screen.query_one("#to", Input).value == "Dana (finance)"


async def test_reflection_and_commitments_in_one_burst_are_saved_as_meant() -> None:
    """Text typed right after ctrl+s goes to the field the form moved to."""
    configured()
    app = make_app(data_dir())
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await reach_reflection(pilot, app)
        await typed(
            pilot,
            *"Spoke in stories",
            "ctrl+s",
            *"review churn dashboard with data team",
            "tab",
            *"Lee (data)",
            "ctrl+s",
            *"send the Q1 plan",
            "tab",
            *"Dana",
            "tab",
            *"2026-12-04",
            "tab",
            "space",
            "ctrl+s",
            "ctrl+f",
        )
        assert isinstance(app.screen, ResultsScreen)
    (doc,) = session_docs()
    assert doc["reflection"] == {"text": "Spoke in stories", "private": False}
    commitments = [
        (c["text"], c["to"], c["due"], c["private"])
        for c in doc["commitments"]  # type: ignore[attr-defined]
    ]
    assert commitments == [
        ("review churn dashboard with data team", "Lee (data)", dt.date(2026, 11, 30), False),
        ("send the Q1 plan", "Dana", dt.date(2026, 12, 4), True),
    ]
    assert "finished" in doc


# --------------------------------------------------------------------------- drills


async def test_answer_first_replies_in_one_burst_are_saved_on_their_cards() -> None:
    configured()
    app = make_app(data_dir(), start="answer-first")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, AnswerFirstScreen)
        await typed(
            pilot,
            *"Yes, on 12 March.",
            "escape",
            "v",
            "ctrl+s",
            "n",
            *"No: 3 of 40 teams use it.",
            "ctrl+s",
        )
    saved = {e["text"]["text"]: e for e in event_docs()}  # type: ignore[index]
    assert sorted(saved) == ["No: 3 of 40 teams use it.", "Yes, on 12 March."]
    assert all(e["text"]["private"] for e in saved.values())  # type: ignore[index]
    assert saved["Yes, on 12 March."]["card"] != saved["No: 3 of 40 teams use it."]["card"]


async def test_working_backwards_steps_in_one_burst_land_under_their_headings() -> None:
    configured()
    app = make_app(data_dir(), start="working-backwards")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await typed(
            pilot,
            *"Sellers wait 9 days for payouts.",
            "ctrl+s",
            *"Payouts the next morning.",
            "ctrl+s",
            "escape",
            "escape",
        )
        assert isinstance(app.screen, DashboardScreen)
    (path,) = (data_dir() / "drafts").iterdir()
    markdown = path.read_text()
    assert "## The problem\n\nSellers wait 9 days for payouts.\n" in markdown
    assert "\n\nPayouts the next morning.\n" in markdown
    problem = markdown.split("## The problem", 1)[1].split("##", 1)[0]
    assert "Payouts" not in problem


# --------------------------------------------------------------------------- exercise done


async def test_exercise_done_opened_and_written_in_one_burst() -> None:
    store = configured(track="new")
    session = finished_session(store, local("2026-11-16"), {"communicate.answer-first": 2})
    store.save_session(replace(session, assigned=("communicate.rewrite-answer-first",)))
    app = make_app(data_dir())
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await typed(pilot, "e", "d", *"Two of three emails", "escape", "v", "ctrl+s")
        assert isinstance(app.screen, ExercisesScreen)
    (event,) = event_docs()
    assert event["kind"] == "exercise-done"
    assert event["text"] == {"text": "Two of three emails", "private": True}
