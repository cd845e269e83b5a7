"""The key bar lists only the keys that work where the focus is."""

from __future__ import annotations

import pytest
from tui_support import TODAY, configured, data_dir, settle, typed

from pmcoach.tui.app import make_app
from pmcoach.tui.screens.help import HelpScreen
from pmcoach.tui.screens.reflection import ReflectionScreen
from pmcoach.tui.widgets.key_bar import KeyBar
from pmcoach.tui.widgets.text_field import TextField


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PMCOACH_TODAY", TODAY)
    monkeypatch.setenv("PMCOACH_NO_FSYNC", "1")


def bar(app) -> str:  # type: ignore[no-untyped-def]
    return str(app.screen.query_one(KeyBar).render())


async def test_in_a_text_field_keys_that_type_are_not_listed() -> None:
    """`?` and `v` typed into the reflection while the bar offered them as Help and Private."""
    configured()
    app = make_app(data_dir())
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.push_screen(ReflectionScreen(app.workspace.start("weekly")))
        await typed(pilot, *"Why?v")
        assert app.screen.query_one(TextField).text == "Why?v"
        shown = bar(app)
        assert "? Help" not in shown and "v Private" not in shown
        assert "ctrl+s Save" in shown and "esc Leave the text" in shown
        await typed(pilot, "escape")
        shown = bar(app)
        assert "? Help" in shown and "v Private" in shown and "esc Leave" in shown
        assert "Leave the text" not in shown


async def test_in_a_form_field_the_screen_keys_on_letters_are_not_listed() -> None:
    configured()
    app = make_app(data_dir())
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await typed(pilot, "s")
        assert "? Help" in bar(app)  # the track choice has the focus: ? works there
        await typed(pilot, "tab", "tab")  # the review time: a text field
        shown = bar(app)
        assert "? Help" not in shown
        assert "ctrl+s Save" in shown and "esc Back" in shown


async def test_in_a_text_field_help_is_f1() -> None:
    """`?` types into a text field, so the field's screen had no way to its help."""
    configured()
    app = make_app(data_dir())
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.push_screen(ReflectionScreen(app.workspace.start("weekly")))
        await typed(pilot, "?")
        assert app.screen.query_one(TextField).text == "?"
        assert "f1 Help" in bar(app)
        await typed(pilot, "f1")
        assert isinstance(app.screen, HelpScreen)
        await typed(pilot, "f1")
        assert isinstance(app.screen, ReflectionScreen)
        assert app.screen.query_one(TextField).text == "?"
        await typed(pilot, "escape")
        assert "? Help" in bar(app) and "f1" not in bar(app)
        # The help says "esc, ? or f1 closes": a modal screen takes no app keys.
        await typed(pilot, "question_mark")
        assert isinstance(app.screen, HelpScreen)
        await typed(pilot, "question_mark")
        assert isinstance(app.screen, ReflectionScreen)
