"""The person's name: asked in onboarding, edited in settings, all in one burst of keys.

Each test sends every key at once and reads config.toml afterwards, so a key that
landed in the wrong field shows as a wrong file, not as a screen that looked right.
"""

from __future__ import annotations

import tomllib

import pytest
from support.tui import TODAY, configured, data_dir, settle, typed

from pmcoach.storage.config import NAME_LIMIT
from pmcoach.tui.app import make_app
from pmcoach.tui.screens.dashboard import DashboardScreen
from pmcoach.tui.screens.settings import SettingsScreen


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PMCOACH_TODAY", TODAY)
    monkeypatch.setenv("PMCOACH_NO_FSYNC", "1")


def saved_config() -> dict[str, object]:
    return tomllib.loads((data_dir() / "config.toml").read_text())


async def test_onboarding_asks_the_name_after_the_time_zone() -> None:
    app = make_app(data_dir())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        # track: senior; day kept; time 08:15; zone UTC; name; save: one burst.
        keys = ["down", "enter", "tab", "tab", *"08:15", "tab", *"UTC", "tab"]
        await typed(pilot, *keys, *"  Alex   Doe ", "ctrl+s")
        assert isinstance(app.screen, DashboardScreen)
    config = saved_config()
    assert config["name"] == "Alex Doe"
    assert config["track"] == "senior" and config["time_zone"] == "UTC"


async def test_onboarding_without_a_name_writes_none() -> None:
    app = make_app(data_dir())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await typed(pilot, "ctrl+s")
        assert isinstance(app.screen, DashboardScreen)
    assert "name" not in saved_config()


async def test_settings_edits_and_clears_the_name() -> None:
    configured(track="new")
    app = make_app(data_dir())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        # track, day, time, zone, then the name: four tabs from the track.
        await typed(pilot, "s", "tab", "tab", "tab", "tab", *"Sam Lee", "ctrl+s")
        assert isinstance(app.screen, DashboardScreen)
        assert saved_config()["name"] == "Sam Lee"
        await typed(pilot, "s", "tab", "tab", "tab", "tab", "ctrl+a", "ctrl+k", "ctrl+s")
        assert isinstance(app.screen, DashboardScreen)
    config = saved_config()
    assert "name" not in config
    assert config["track"] == "new"


async def test_a_name_too_long_is_refused_in_the_form_and_nothing_is_saved() -> None:
    configured(track="new")
    app = make_app(data_dir())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await typed(pilot, "s", "tab", "tab", "tab", "tab", *("x" * (NAME_LIMIT + 1)), "ctrl+s")
        assert isinstance(app.screen, SettingsScreen)
        error = str(app.screen.query_one("#form-error").render())
        assert f"at most {NAME_LIMIT}" in error
    assert "name" not in saved_config()
