"""The forms' choices without colour: what is chosen is a character, where the keys act a mark.

The onboarding's track options and the commitments' private box are pinned with colour
and under NO_COLOR, and their drawn text is checked as text: the two must read the same.
Regenerate after an intended change with
`pytest tests/tui/test_form_snapshots.py --snapshot-update` and look at the report.
"""

from __future__ import annotations

import pytest
from support.tui import TODAY, configured, data_dir, settle, typed

from pmcoach.tui.app import make_app
from pmcoach.tui.widgets.marked import MarkedCheckbox, MarkedRadioButton

COLOURS = ["colour", "no-colour"]


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PMCOACH_TODAY", TODAY)
    monkeypatch.setenv("PMCOACH_NO_FSYNC", "1")


def colour(monkeypatch: pytest.MonkeyPatch, mode: str) -> None:
    if mode == "no-colour":
        monkeypatch.setenv("NO_COLOR", "1")
    else:
        monkeypatch.delenv("NO_COLOR", raising=False)


async def highlight_second_track(pilot) -> None:  # type: ignore[no-untyped-def]
    await settle(pilot)
    await typed(pilot, "down")  # the highlight moves; the choice stays on the first


@pytest.mark.parametrize("mode", COLOURS)
def test_onboarding_tracks(snap_compare, monkeypatch: pytest.MonkeyPatch, mode: str) -> None:  # type: ignore[no-untyped-def]
    colour(monkeypatch, mode)
    monkeypatch.setenv("TZ", "Europe/Berlin")  # the default offered is the system's zone
    app = make_app(data_dir())
    assert snap_compare(app, run_before=highlight_second_track, terminal_size=(80, 24))


async def open_settings_on_the_time(pilot) -> None:  # type: ignore[no-untyped-def]
    await settle(pilot)
    await typed(pilot, "s", "down", "enter", "tab", "tab")


@pytest.mark.parametrize("mode", COLOURS)
def test_settings_track_chosen_focus_elsewhere(  # type: ignore[no-untyped-def]
    snap_compare, monkeypatch: pytest.MonkeyPatch, mode: str
) -> None:
    colour(monkeypatch, mode)
    configured(track="new")
    app = make_app(data_dir())
    assert snap_compare(app, run_before=open_settings_on_the_time, terminal_size=(80, 24))


def options(app) -> list[str]:  # type: ignore[no-untyped-def]
    return [str(button.render()) for button in app.screen.query(MarkedRadioButton)]


async def test_track_options_say_chosen_and_highlighted_apart() -> None:
    """`▐●▌` on both options told nothing without colour; now ●/○ and ▸ do."""
    app = make_app(data_dir())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert options(app) == ["▸ ● New PM", "  ○ Senior PM"]
        await typed(pilot, "down")
        assert options(app) == ["  ● New PM", "▸ ○ Senior PM"]
        await typed(pilot, "enter")
        assert options(app) == ["  ○ New PM", "▸ ● Senior PM"]
        await typed(pilot, "tab")  # the focus leaves the set: no mark, the choice stays
        assert options(app) == ["  ○ New PM", "  ● Senior PM"]


async def test_private_box_says_its_state_in_characters() -> None:
    """It read `▐X▌ private: no`: the X was there either way."""
    from pmcoach.tui.screens.commitments import CommitmentsScreen

    configured()
    app = make_app(data_dir())
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.push_screen(CommitmentsScreen(app.workspace.start("weekly"), None))
        await settle(pilot)
        box = app.screen.query_one(MarkedCheckbox)
        assert str(box.render()) == "  [ ] private"
        await typed(pilot, "tab", "tab", "tab")
        assert str(box.render()) == "▸ [ ] private"
        await typed(pilot, "space")
        assert str(box.render()) == "▸ [x] private"
        await typed(pilot, "shift+tab")
        assert str(box.render()) == "  [x] private"
