"""The dashboard's help names every field the settings screen holds.

A user who looks for where their name or the peers' names are set reads the help's
`s` line first; a field it leaves out is a setting they will not find.
"""

from __future__ import annotations

import pytest
from support.tui import TODAY, configured, data_dir, settle, typed
from textual.widgets import Static

from pmcoach.tui.app import make_app
from pmcoach.tui.screens.dashboard import HELP
from pmcoach.tui.screens.settings import SettingsScreen


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PMCOACH_TODAY", TODAY)
    monkeypatch.setenv("PMCOACH_NO_FSYNC", "1")


def settings_line() -> str:
    """The help's `s` entry, with the lines that continue it (indented past the key)."""
    lines = HELP.splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip().startswith("s "))
    entry = [lines[start]]
    for line in lines[start + 1 :]:
        if not line.startswith("      "):
            break
        entry.append(line)
    return " ".join(" ".join(entry).split()).lower()


async def test_the_help_names_every_setting() -> None:
    configured()
    app = make_app(data_dir())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await typed(pilot, "s")
        assert isinstance(app.screen, SettingsScreen)
        labels = [
            str(label.render()).strip().lower()
            for label in app.screen.query(".row > Static.label").results(Static)
            if "target-row" not in (label.parent.classes if label.parent else ())
        ]
    assert "your name" in labels  # the fields were found
    line = settings_line()
    missing = [label for label in labels if label not in line]
    assert not missing, f"the help's settings line {line!r} leaves out {missing}"
