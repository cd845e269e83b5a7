"""The footer: the screen's keys on one line.

Textual's Footer builds a widget per key and restyles them all when the screen
changes, which cost more than the rest of the dashboard's first frame together.
One line of text says the same and paints at once.
"""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.widgets import Static


class KeyBar(Static):
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        width: 1fr;
        background: $panel;
        color: $text-muted;
        padding: 0 1;
    }
    """

    def on_mount(self) -> None:
        self.refresh_keys()

    def refresh_keys(self) -> None:
        line = Text(no_wrap=True, overflow="ellipsis")
        bindings = [
            b for b in getattr(self.screen, "BINDINGS", []) if isinstance(b, Binding) and b.show
        ]
        for index, binding in enumerate(bindings):
            if index:
                line.append("  ")
            line.append(binding.key_display or binding.key, style="bold")
            line.append(f" {binding.description}")
        self.update(line)
