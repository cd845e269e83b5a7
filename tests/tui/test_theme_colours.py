"""Colours come from the theme: the dashboard and the progress screen in a dark theme, a
light theme and NO_COLOR, pinned as snapshots; and a decline drawn in the theme's error
colour (with NO_COLOR: no colour, not a dim grey)."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.tui import TODAY, data_dir, settle

from pmcoach.app import themes
from pmcoach.cli import main
from pmcoach.tui.app import make_app
from pmcoach.tui.screens.progress import ProgressScreen
from pmcoach.tui.widgets.skill_table import SkillTable

LOOKS = {
    "dark": {themes.ENV_THEME: "textual-dark"},
    "light": {themes.ENV_THEME: "textual-light"},
    "no-color": {"NO_COLOR": "1"},
}


@pytest.fixture(autouse=True)
def demo(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A demo history: rises and declines on the dashboard, a manager on the chart."""
    monkeypatch.setenv("PMCOACH_TODAY", TODAY)
    monkeypatch.setenv("PMCOACH_NO_FSYNC", "1")
    monkeypatch.delenv(themes.ENV_THEME, raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    args = ["demo", "--data-dir", str(data_dir())]  # as in the README, on its day
    assert main.main(args) == 0


def look(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    for variable, value in LOOKS[name].items():
        monkeypatch.setenv(variable, value)


async def open_progress(pilot) -> None:  # type: ignore[no-untyped-def]
    await settle(pilot)
    pilot.app.push_screen(ProgressScreen())
    await pilot.pause()
    await settle(pilot)


@pytest.mark.parametrize("name", list(LOOKS))
def test_dashboard_looks(snap_compare, monkeypatch: pytest.MonkeyPatch, name: str) -> None:  # type: ignore[no-untyped-def]
    look(monkeypatch, name)
    assert snap_compare(make_app(data_dir()), terminal_size=(80, 24), run_before=settle)


@pytest.mark.parametrize("name", list(LOOKS))
def test_progress_looks(snap_compare, monkeypatch: pytest.MonkeyPatch, name: str) -> None:  # type: ignore[no-untyped-def]
    look(monkeypatch, name)
    assert snap_compare(make_app(data_dir()), terminal_size=(100, 30), run_before=open_progress)


def _change_styles(app) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """The style of each change cell of the dashboard's table, by its arrow."""
    table = app.screen.query_one(SkillTable)
    found: dict[str, str] = {}
    for cells in table._cells():
        change = cells[2]
        found.setdefault(change.plain[:1], str(change.style))
    return found


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light", "nord"])
async def test_a_change_has_the_theme_s_colour(monkeypatch: pytest.MonkeyPatch, theme: str) -> None:
    monkeypatch.setenv(themes.ENV_THEME, theme)
    app = make_app(data_dir())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        styles = _change_styles(app)
        assert styles["▼"] == app.theme_variables["error"]
        assert styles["▲"] == app.theme_variables["success"]


async def test_a_new_theme_recolours_the_table() -> None:
    app = make_app(data_dir())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        dark = _change_styles(app)["▼"]
        app.theme = "nord"
        await settle(pilot)
        assert _change_styles(app)["▼"] == app.theme_variables["error"] != dark


async def test_no_color_draws_a_decline_plainly(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(data_dir())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert _change_styles(app) == {"▲": "", "▼": "", "=": ""}
