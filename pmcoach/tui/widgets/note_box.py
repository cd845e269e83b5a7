"""The evidence note under a rating: its text, its private flag, and saving it.

The question screen and the manager's ratings both offer a note per answer with
the same keys (`n` to write, `v` to write a private one, `esc` to leave it kept),
so the note lives here once, and so do the keys of a screen that has one.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static

from pmcoach.domain.model import Text
from pmcoach.tui.widgets.text_field import TextField

if TYPE_CHECKING:
    from pmcoach.domain.steps import Steps

# The screen's keys that work while the cursor is in the note (the rest type there;
# esc, the field's own key, leaves it), for the footer and help: defined once here.
NOTE_ACTIONS = frozenset({"save_note", "toggle_private"})
NOTE_BINDINGS = [
    Binding("ctrl+s", "save_note", "Save note", key_display="ctrl+s"),
    Binding("ctrl+t", "toggle_private", "Private/shared", key_display="ctrl+t"),
]


class NoteBox(Vertical):
    def __init__(self) -> None:
        super().__init__()
        self.private = False
        # The item the note belongs to: None for the one on screen, else the id of
        # an answer given before (evidence for it, asked for after the screen moved on).
        self.target: str | None = None
        self.about = "this answer"

    def compose(self) -> ComposeResult:
        yield Static("", id="note-label", markup=False)
        yield TextField(id="note", classes="hidden")

    @property
    def field(self) -> TextField:
        return self.query_one("#note", TextField)

    @property
    def text(self) -> str:
        return self.field.text

    @property
    def editing(self) -> bool:
        """The cursor is in the note: asked of the screen, which knows at once (the
        field's own `has_focus` follows a message later)."""
        focused = self.screen.focused
        return isinstance(focused, TextField) and focused.parent is self

    def load(self, note: Text | None) -> None:
        """Show the note of the answer on screen; none means the box stays closed."""
        self.target = None
        self.about = "this answer"
        self.private = bool(note and note.private)
        self.field.load_text(note.text if note else "")
        self.field.set_class(note is None, "hidden")
        self._label()

    def open(
        self,
        *,
        private: bool | None = None,
        target: str | None = None,
        about: str = "this answer",
        note: Text | None = None,
    ) -> None:
        """Open the box with the cursor at the end of its text, ready for typing.

        With a `target`, the box holds that answer's note instead of the one on screen."""
        if target is not None:
            self.target = target
            self.about = about
            self.private = bool(note and note.private)
            self.field.load_text(note.text if note else "")
        if private is not None:
            self.private = private
        self.field.remove_class("hidden")
        self._label()
        # At once, not after the keys already on their way: they are the note's.
        self.screen.set_focus(self.field)
        self.field.move_cursor(self.field.document.end)

    def toggle_private(self) -> None:
        self.private = not self.private
        self._label()

    def _label(self) -> None:
        label = self.query_one("#note-label", Static)
        if self.field.has_class("hidden"):
            label.update("")
            return
        privacy = "private: left out of exports" if self.private else "shared in exports"
        label.update(
            f"Note on {self.about} ({privacy}; ctrl+t private/shared, esc leaves the note)"
        )

    def store(self, steps: Steps[Any], now: dt.datetime) -> None:
        """Save the note onto its answer, only when it changed."""
        item_id = self.target
        if item_id is None:
            item = steps.current
            if item is None:
                return
            item_id = steps.item_id(item)
        answer = steps.answer_for(item_id)
        current = answer.note if answer else None
        text = self.text.strip()
        if current is None and not text:
            return
        if current is not None and current.text == text and current.private == self.private:
            return
        steps.set_note(text, self.private, now, item_id)


class NoteKeys:
    """The note's keys on a screen that has a NoteBox and knows how to save it.

    Mixed into the question screen and the manager's ratings, which bind `n`, `v`
    and NOTE_BINDINGS to these actions and implement `_store_note`. While the cursor
    is in the note only the note's keys work there (every other key types), which
    check_action says, so the footer and the bindings both follow it.
    """

    def _store_note(self) -> None:
        raise NotImplementedError

    def _note_left(self) -> None:
        """The cursor has left the note (esc or ctrl+s); its text is stored."""

    def _note_box(self) -> NoteBox:
        return self.query_one(NoteBox)  # type: ignore[attr-defined, no-any-return]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """While the cursor is in the note only the note's keys work (the rest type
        there); outside it, those keys do nothing. The footer follows this."""
        boxes = self.query(NoteBox)  # type: ignore[attr-defined]
        if boxes and boxes.first().editing:
            return action in NOTE_ACTIONS
        return action not in NOTE_ACTIONS

    def _keys_changed(self) -> None:
        """What check_action says has changed: the footer follows."""
        self.refresh_bindings()  # type: ignore[attr-defined]

    # ------------------------------------------------------------------ the note's actions

    def action_note(self) -> None:
        self._note_box().open()

    def action_private_note(self) -> None:
        """`v`: the note box, private, with the cursor in it."""
        self._note_box().open(private=True)
        self._store_note()

    def action_toggle_private(self) -> None:
        self._note_box().toggle_private()
        self._store_note()

    def action_save_note(self) -> None:
        self._leave_note()
        self.notify("Note saved.")  # type: ignore[attr-defined]

    def on_text_field_left(self, event: TextField.Left) -> None:
        event.stop()
        self._leave_note()

    def _leave_note(self) -> None:
        self._store_note()
        self.set_focus(None)  # type: ignore[attr-defined]
        self._note_left()
