"""A multi-line text box where `esc` leaves the field and keeps the text.

TextArea's indent mode turns `esc` into "focus the next widget", which on a
screen with one field goes nowhere; the contract is that `esc` leaves the field,
so this says so to the screen, which saves the text. The binding is a priority
one so that it is resolved before TextArea sees the key, and before the
screen's own `esc`; the key bar lists it while the field has the focus.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.message import Message
from textual.strip import Strip
from textual.widgets import TextArea

from pmcoach.tui.widgets.typed import drawable_strip


class TextField(TextArea):
    BINDINGS = [
        Binding("escape", "leave", "Leave the text", key_display="esc", priority=True),
    ]

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

    def action_leave(self) -> None:
        self.blur()
        self.post_message(self.Left(self))
