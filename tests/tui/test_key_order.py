"""The app's line of typed keys: in order, after each other's effects, never stuck."""

from __future__ import annotations

import time

import pytest
from support.tui import TODAY, burst, configured, data_dir, settle, typed

from pmcoach.tui import key_order
from pmcoach.tui.app import make_app
from pmcoach.tui.screens.reflection import ReflectionScreen
from pmcoach.tui.screens.settings import SettingsScreen
from pmcoach.tui.widgets.text_field import TextField


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PMCOACH_TODAY", TODAY)
    monkeypatch.setenv("PMCOACH_NO_FSYNC", "1")


async def test_keys_wait_for_a_screen_the_app_opened_itself() -> None:
    """Not only a key's own effects: a screen pushed by the app gets its first key too."""
    configured()
    app = make_app(data_dir())
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.push_screen(ReflectionScreen(app.workspace.start("weekly")))
        burst(app, *"Fast")  # before the screen has composed, let alone focused its field
        await typed(pilot)
        assert app.screen.query_one(TextField).text == "Fast"


async def test_a_key_that_never_settles_stops_holding_the_keys_behind_it() -> None:
    configured()
    app = make_app(data_dir())
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        order = app.key_order
        order.key = order.count = 999  # as if a key's effects had never come back
        order.since = time.monotonic()
        burst(app, "s")
        await pilot.pause()
        assert order.waiting, "held while the key before it might still be settling"
        order.since = time.monotonic() - key_order.STUCK_AFTER - 1
        await typed(pilot, "tab")
        assert order.idle
        assert isinstance(app.screen, SettingsScreen)  # s, then tab in its form
        assert app.screen.focused is app.screen.query_one("#review-day")
