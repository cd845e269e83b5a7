"""The export screen's tests share one history to export and the keys that reach it.

`history` is an autouse fixture: a test module that imports it (and lists it in
`__all__`) runs every test on it: two finished check-ins, one note with Rich markup
and one private note, with the clock fixed and the home folder the test's own.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pmcoach.domain.model import Text
from pmcoach.tui.screens.export import ExportScreen
from support.tui import TODAY, configured, finished_session, local, settle

SECRET = "Felt defensive when the VP pushed on dates"


@pytest.fixture(autouse=True)
def history(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PMCOACH_TODAY", TODAY)
    monkeypatch.setenv("PMCOACH_NO_FSYNC", "1")
    monkeypatch.chdir(tmp_path)
    # The default file goes to the documents folder, else the home folder: here tmp_path.
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / ".config"))
    store = configured(track="new")
    finished_session(
        store,
        local("2026-11-09"),
        {"communicate.answer-first": 2, "prioritize.said-no": 3},
        note=Text("[bold]Launch update[/] opened with the date"),
        suffix="a001",
    )
    finished_session(
        store,
        local("2026-11-16"),
        {"communicate.answer-first": 3, "execute.unblocked": 4},
        note=Text(SECRET, private=True),
        suffix="a002",
    )


async def open_export(pilot) -> ExportScreen:  # type: ignore[no-untyped-def]
    await settle(pilot)
    await pilot.press("x")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, ExportScreen)
    return screen


async def press(pilot, *keys: str) -> None:  # type: ignore[no-untyped-def]
    for key in keys:
        await pilot.press(key)
        await settle(pilot)
