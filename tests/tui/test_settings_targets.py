"""A track's default targets reach the dashboard, and the settings form keeps them defaults.

A senior PM is held to senior scope by the bar, not by other anchors
(docs/definitions.md, "Senior scope"): the built-in senior track expects 5 on the core
skills. A target the user never set must follow the track when the track changes, not
be pinned to the old track's default by saving the settings.
"""

from __future__ import annotations

import tomllib
from dataclasses import replace

import pytest
from support.tui import TODAY, configured, data_dir

from pmcoach.domain.model import Config
from pmcoach.tui.app import make_app
from pmcoach.tui.screens.dashboard import DashboardScreen
from pmcoach.tui.widgets.skill_table import SkillTable


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PMCOACH_TODAY", TODAY)
    monkeypatch.setenv("PMCOACH_NO_FSYNC", "1")


def _targets(app: object) -> dict[str, str]:
    table = app.screen.query_one(SkillTable)  # type: ignore[attr-defined]
    return {row[0]: row for row in table.rows_text()}  # type: ignore[misc]


async def test_switching_to_senior_raises_the_core_targets_and_saves_none() -> None:
    configured(track="new")
    app = make_app(data_dir())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("s", "down", "enter", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        rows = _targets(app)
        assert "5" in rows["Communicate"][1:], rows["Communicate"]
        assert "4" in rows["Think big"][1:], rows["Think big"]
    config = tomllib.loads((data_dir() / "config.toml").read_text())
    assert config["track"] == "senior"
    assert config.get("targets", {}) == {}


async def test_an_own_target_wins_over_the_track_default() -> None:
    store = configured(track="senior")
    store.update_config(lambda c: replace(c or Config(), targets={"communicate": 3}))
    app = make_app(data_dir())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        rows = _targets(app)
        assert "3" in rows["Communicate"][1:], rows["Communicate"]
        assert "5" in rows["Prioritize"][1:], rows["Prioritize"]
        await pilot.press("s", "ctrl+s")
        await pilot.pause()
    config = tomllib.loads((data_dir() / "config.toml").read_text())
    assert config["targets"] == {"communicate": 3}
