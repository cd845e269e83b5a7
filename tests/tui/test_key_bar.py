"""The key bar lists only the keys that work where the focus is."""

from __future__ import annotations

import pytest
from support.tui import TODAY, configured, data_dir, settle, typed

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


# --------------------------------------------------------------------------- the mouse


def _spot(app, words: str) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    """Where an item stands in the bar, as an offset from the bar's corner (its padding
    included), found in the text as drawn."""
    key_bar = app.screen.query_one(KeyBar)
    for y, line in enumerate(str(key_bar.render()).splitlines()):
        x = line.find(words)
        if x >= 0:
            return key_bar.styles.padding.left + x + 1, y
    raise AssertionError(f"{words!r} not in the key bar: {key_bar.render()}")


async def test_a_click_on_an_item_presses_its_key() -> None:
    """As on Textual's Footer: a click on `x Export` opens the export, on `esc` goes back."""
    configured()
    app = make_app(data_dir())
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        dashboard = app.screen
        assert await pilot.click(KeyBar, offset=_spot(app, "x Export"))
        await settle(pilot)
        assert type(app.screen).__name__ == "ExportScreen"
        assert "esc" in bar(app)
        assert await pilot.click(KeyBar, offset=_spot(app, "esc "))
        await settle(pilot)
        assert app.screen is dashboard


async def test_a_click_between_items_presses_nothing() -> None:
    configured()
    app = make_app(data_dir())
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        dashboard = app.screen
        key_bar = app.screen.query_one(KeyBar)
        x, y = _spot(app, "? Help")
        line = str(key_bar.render()).splitlines()[y]
        gap = line.find("  ", x) + key_bar.styles.padding.left  # the two spaces after an item
        assert await pilot.click(KeyBar, offset=(gap, y))
        assert await pilot.click(KeyBar, offset=(key_bar.size.width - 1, y))  # past the last
        await settle(pilot)
        assert app.screen is dashboard


async def test_the_item_under_the_mouse_is_shown() -> None:
    configured()
    app = make_app(data_dir())
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        key_bar = app.screen.query_one(KeyBar)

        def reversed_words() -> list[str]:
            text = key_bar.render()
            assert hasattr(text, "spans")
            return [
                text.plain[span.start : span.end]
                for span in text.spans
                if "reverse" in repr(span.style)
            ]

        assert reversed_words() == []
        await pilot.hover(KeyBar, offset=_spot(app, "p Progress"))
        await pilot.pause()
        assert reversed_words() == ["p Progress"]
        await pilot.hover(KeyBar, offset=_spot(app, "x Export"))
        await pilot.pause()
        assert reversed_words() == ["x Export"]


def test_a_click_never_types_into_the_focused_field() -> None:
    """A binding with a key that types (`?`) and one that does not (`f1`): in a text field
    the click presses the one that does not."""
    from textual.binding import Binding

    from pmcoach.tui.widgets.key_bar import _pressed

    both = Binding("question_mark,f1", "help", "Help")
    assert _pressed(both, typing=False) == "question_mark"
    assert _pressed(both, typing=True) == "f1"
    assert _pressed(Binding("x", "export", "Export"), typing=True) == "x"


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


def test_the_text_widgets_are_known_without_importing_them() -> None:
    """The key bar names Textual's text widgets by module and class, so that the dashboard
    need not import them: a Textual that moves them fails here, not in a form."""
    from textual.widgets import Button, Input, TextArea

    from pmcoach.tui.widgets.key_bar import takes_text
    from pmcoach.tui.widgets.text_field import TextField

    assert takes_text(Input()) and takes_text(TextArea()) and takes_text(TextField())
    assert not takes_text(TextArea(read_only=True))
    assert not takes_text(Button()) and not takes_text(None)
