"""Fields that show typed text as it is kept, without the characters a terminal obeys.

An Input or a TextArea holds what was typed or pasted exactly, because that is
what gets saved; but their lines go to the terminal as they are, so a pasted
OSC sequence would set the window title or the clipboard, and a bidi override
would reorder what is read. These fields drop control characters from the lines
they draw, never from their value.
"""

from __future__ import annotations

from rich.segment import Segment
from textual.strip import Strip
from textual.widgets import Input

from pmcoach.text.sanitize import drawable


def drawable_strip(strip: Strip) -> Strip:
    """The line without control characters; they take no cell, so its width is kept."""
    if all(drawable(segment.text) == segment.text for segment in strip):
        return strip
    return Strip(
        [Segment(drawable(text), style, control) for text, style, control in strip],
        strip.cell_length,
    )


class PlainInput(Input):
    def render_line(self, y: int) -> Strip:
        return drawable_strip(super().render_line(y))
