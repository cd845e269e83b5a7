"""Radio buttons and checkboxes whose state is a character, not a colour.

Textual draws both as `▐●▌` / `▐X▌` whether chosen or not and tells the states
apart by colour only, so without colour (NO_COLOR, a monochrome terminal, some
light themes) every option looks chosen, and the highlighted one looks like the
choice. Here the state is the character (`●`/`○`, `[x]`/`[ ]`) and where the
keys act is a separate mark in front (`▸`), so both read the same in any theme.
"""

from __future__ import annotations

from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget
from textual.widgets import Checkbox, RadioButton

FOCUS_MARK = "▸ "
NO_MARK = "  "


def _marked(mark: bool, state: str, label: Content) -> Content:
    return Content.assemble((FOCUS_MARK if mark else NO_MARK, "bold"), (state, "bold"), " ", label)


def _width(state: str, label: Content) -> int:
    return len(FOCUS_MARK) + len(state) + 1 + label.cell_length


class MarkedRadioButton(RadioButton):
    """An option of a RadioSet: `●` chosen, `○` not; `▸` where the arrows are."""

    CHOSEN = "●"
    NOT_CHOSEN = "○"

    @property
    def has_cursor(self) -> bool:
        # The set has the focus and moves a highlight over its options.
        parent = self.parent
        return self.has_class("-selected") and isinstance(parent, Widget) and parent.has_focus

    def render(self) -> Content:
        state = self.CHOSEN if self.value else self.NOT_CHOSEN
        return _marked(self.has_cursor, state, self.label)

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return _width(self.CHOSEN, self.label)


class MarkedCheckbox(Checkbox):
    """A checkbox: `[x]` on, `[ ]` off; `▸` when it has the focus."""

    ON = "[x]"
    OFF = "[ ]"

    def render(self) -> Content:
        return _marked(self.has_focus, self.ON if self.value else self.OFF, self.label)

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return _width(self.ON, self.label)
