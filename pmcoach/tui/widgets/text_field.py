"""A multi-line text box where `esc` leaves the field and keeps the text.

TextArea's indent mode turns `esc` into "focus the next widget", which on a
screen with one field goes nowhere; the contract is that `esc` leaves the field,
so this says so to the screen, which saves the text.
"""

from __future__ import annotations

from textual import events
from textual.message import Message
from textual.strip import Strip
from textual.widgets import TextArea

from pmcoach.tui.widgets.typed import drawable_strip


class TextField(TextArea):
    class Left(Message):
        """The user left the field with `esc`; the text is kept."""

        def __init__(self, field: TextField) -> None:
            super().__init__()
            self.field = field

    def __init__(self, text: str = "", *, id: str | None = None, classes: str | None = None):
        super().__init__(
            text,
            id=id,
            classes=classes,
            soft_wrap=True,
            show_line_numbers=False,
            tab_behavior="indent",
        )

    def render_line(self, y: int) -> Strip:
        # The text is kept as typed (and saved so); only its drawing loses control bytes.
        return drawable_strip(super().render_line(y))

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "escape":
            event.stop()
            event.prevent_default()
            self.blur()
            self.post_message(self.Left(self))
            return
        await super()._on_key(event)
