"""The footer: the screen's keys on one line.

Textual's Footer builds a widget per key and restyles them all when the screen
changes, which cost more than the rest of the dashboard's first frame together.
One line of text says the same and paints at once.
"""

from __future__ import annotations

from rich.text import Text
from textual.actions import parse
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

    def on_resize(self) -> None:
        self.refresh_keys()

    def refresh_keys(self) -> None:
        """Items wrap as wholes onto a second line on a narrow terminal.

        The wrapping is done here rather than by Rich, which treats a no-break
        space as a place to break and would leave a key at the end of one line
        and its name at the start of the next.
        """
        bindings = [
            b
            for b in getattr(self.screen, "BINDINGS", [])
            if isinstance(b, Binding) and b.show and self._works(b)
        ]
        width = self.content_size.width or self.app.size.width
        text = Text(overflow="ellipsis", no_wrap=True)
        used = 0
        for binding in bindings:
            key = binding.key_display or _SHORT.get(binding.key, binding.key)
            item = Text.assemble((key, "bold"), " " + binding.description)
            if used and used + 2 + item.cell_len > width:
                text.append("\n")
                used = 0
            elif used:
                text.append("  ")
                used += 2
            text.append_text(item)
            used += item.cell_len
        self.update(text)

    def _works(self, binding: Binding) -> bool:
        """Whether the key does something where the focus is now: a screen says so by
        Textual's `check_action` (False hides it, None marks it not available here)."""
        _, name, parameters = parse(binding.action)
        return bool(self.screen.check_action(name, parameters))
