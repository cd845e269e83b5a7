"""The footer: the screen's keys on one line.

Textual's Footer builds a widget per key and restyles them all when the screen
changes, which cost more than the rest of the dashboard's first frame together.
One line of text says the same and paints at once.
"""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.widgets import Static

_SHORT = {"escape": "esc", "question_mark": "?", "left": "←", "right": "→", "delete": "del"}


class KeyBar(Static):
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: auto;
        max-height: 2;
        width: 1fr;
        background: $panel;
        color: $text-muted;
        padding: 0 1;
    }
    """

    def on_mount(self) -> None:
        self.refresh_keys()

    def refresh_keys(self) -> None:
        # Items wrap as wholes onto a second line on a narrow terminal: the space
        # inside an item is a no-break space.
        line = Text(overflow="ellipsis")
        bindings = [
            b for b in getattr(self.screen, "BINDINGS", []) if isinstance(b, Binding) and b.show
        ]
        for index, binding in enumerate(bindings):
            if index:
                line.append("  ")
            key = binding.key_display or _SHORT.get(binding.key, binding.key)
            line.append(key, style="bold")
            line.append("\u00a0" + binding.description.replace(" ", "\u00a0"))
        self.update(line)
