"""The footer: the screen's keys on one line.

Textual's Footer builds a widget per key and restyles them all when the screen
changes, which cost more than the rest of the dashboard's first frame together.
One line of text says the same and paints at once.

It lists only the keys that work where the focus is: in a text field a
letter, `?` or enter types (or submits) there, so the screen's keys on those are
left out until the focus leaves the field, and the field's own keys (`esc`
leaves the text) are listed instead. It is redrawn whenever the focus moves.

A click on an item presses its key, as a click on Textual's Footer does: the bar
remembers where each item stands on its one Text, so the mouse costs the first
frame nothing.
"""

from __future__ import annotations

from rich.text import Text
from textual.actions import parse
from textual.binding import Binding
from textual.events import Click, Leave, MouseMove
from textual.keys import key_to_character
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Static

# Keys a focused text field takes for itself besides typed characters: TextArea
# inserts a line or an indent without a binding for them.
_FIELD_KEYS = frozenset({"enter", "tab"})

_SHORT = {"escape": "esc", "question_mark": "?", "left": "←", "right": "→", "delete": "del"}


class KeyBar(Static):
    def __init__(self) -> None:
        super().__init__()
        # (line, first cell, cell after the last, key) of each item, as last drawn.
        self._spots: list[tuple[int, int, int, str]] = []
        self._hover: str | None = None  # the key of the item under the mouse, shown reversed
        # What the bar was last drawn from: a start asks it to refresh five times (mount,
        # resize, each focus change) with the same keys, and a redraw costs a layout pass.
        self._drawn_from: tuple[object, ...] = ()

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._focus_moved)
        self.refresh_keys()

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _focus_moved(self, _screen: Screen[object]) -> None:
        self.refresh_keys()

    def on_resize(self) -> None:
        self.refresh_keys()

    def refresh_keys(self) -> None:
        """Items wrap as wholes onto a second line on a narrow terminal.

        The wrapping is done here rather than by Rich, which treats a no-break
        space as a place to break and would leave a key at the end of one line
        and its name at the start of the next.
        """
        bindings = keys_that_work(self.screen)
        typing = takes_text(self.screen.focused)
        width = self.content_size.width or self.app.size.width
        drawn_from = (bindings, typing, width, self._hover)
        if drawn_from == self._drawn_from:
            return
        self._drawn_from = drawn_from
        text = Text(overflow="ellipsis", no_wrap=True)
        spots: list[tuple[int, int, int, str]] = []
        used = line = 0
        for binding in bindings:
            key = shown_key(binding, typing)
            item = Text.assemble((key, "bold"), " " + binding.description)
            pressed = _pressed(binding, typing)
            if pressed == self._hover:
                item.stylize("reverse")
            if used and used + 2 + item.cell_len > width:
                text.append("\n")
                used = 0
                line += 1
            elif used:
                text.append("  ")
                used += 2
            text.append_text(item)
            spots.append((line, used, used + item.cell_len, pressed))
            used += item.cell_len
        self._spots = spots
        self.update(text)

    def key_at(self, x: int, y: int) -> str | None:
        """The key of the item drawn at cell (x, y) of the bar's text, if any."""
        for line, start, end, key in self._spots:
            if line == y and start <= x < end:
                return key
        return None

    def on_mouse_move(self, event: MouseMove) -> None:
        where = event.get_content_offset(self)
        self._set_hover(None if where is None else self.key_at(where.x, where.y))

    def on_leave(self, _event: Leave) -> None:
        self._set_hover(None)

    def _set_hover(self, key: str | None) -> None:
        if key != self._hover:
            self._hover = key
            self.refresh_keys()

    def on_click(self, event: Click) -> None:
        where = event.get_content_offset(self)
        key = None if where is None else self.key_at(where.x, where.y)
        if key is not None:
            event.stop()
            self.app.simulate_key(key)


def keys_that_work(screen: Screen[object]) -> list[Binding]:
    """The screen's shown keys that reach it with the focus where it is, then the
    shown keys of the focused widget and its containers."""
    focused = screen.focused
    active = screen.active_bindings
    typing = takes_text(focused)
    taken = {key for key, found in active.items() if found.node is focused} | _FIELD_KEYS

    def works(binding: Binding) -> bool:
        # A screen says which of its keys work where it stands now by Textual's
        # check_action (the question screen: a rating or a count, evidence only
        # after an answer that invites it).
        _, name, parameters = parse(binding.action)
        if not screen.check_action(name, parameters):
            return False
        if binding.priority or not typing:
            return True
        return any(key not in taken and not _types(key) for key in binding.key.split(","))

    keys = [
        binding
        for binding in getattr(screen, "BINDINGS", [])
        if isinstance(binding, Binding) and binding.show and works(binding)
    ]
    keys += [
        found.binding
        for found in active.values()
        if found.binding.show and found.node is not screen and found.node is not screen.app
    ]
    return keys


def _pressed(binding: Binding, typing: bool) -> str:
    """The key a click on the binding's item presses: its first, or where that one would
    type into the focused field, the first of its keys that does not ("f1" for help)."""
    keys = [key.strip() for key in binding.key.split(",")]
    if typing:
        return next((key for key in keys if not _types(key)), keys[0])
    return keys[0]


# Textual's text widgets, known by their public names: importing them here would cost the
# dashboard's first frame several milliseconds (TextArea above all) for a check only a
# form needs.
_TEXT_WIDGETS = frozenset({"Input", "TextArea"})


def takes_text(widget: Widget | None) -> bool:
    """Whether the widget types what is pressed in it (a text field that can be edited)."""
    if widget is None:
        return False
    for cls in type(widget).__mro__:
        if cls.__module__.startswith("textual.") and cls.__name__ in _TEXT_WIDGETS:
            return not getattr(widget, "read_only", False)
    return False


def shown_key(binding: Binding, typing: bool) -> str:
    """How the bar names a binding's key: the key a click presses, by its display name."""
    key = _pressed(binding, typing)
    if key == binding.key.split(",")[0].strip() and binding.key_display:
        return binding.key_display
    return _SHORT.get(key, key)


def _types(key: str) -> bool:
    """Whether the key types a character into a text field."""
    character = key_to_character(key.strip())
    return character is not None and character.isprintable()
