"""The evidence note under a rating: its text, its private flag, and saving it.

The question screen and the manager's ratings both offer a note per answer with
the same keys (`n` to write, `v` private, `esc` to leave it kept), so the note
lives here once.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from pmcoach.model import Text
from pmcoach.steps import Steps
from pmcoach.tui.widgets.text_field import TextField


class NoteBox(Vertical):
    DEFAULT_CSS = """
    NoteBox {
        height: auto;
    }
    """

    def __init__(self) -> None:
        super().__init__()
        self.private = False

    def compose(self) -> ComposeResult:
        yield Static("", id="note-label", markup=False)
        yield TextField(id="note", classes="hidden")

    @property
    def field(self) -> TextField:
        return self.query_one("#note", TextField)

    @property
    def text(self) -> str:
        return self.field.text

    def load(self, note: Text | None) -> None:
        """Show the note of the answer on screen; none means the box stays closed."""
        self.private = bool(note and note.private)
        self.field.load_text(note.text if note else "")
        self.field.set_class(note is None, "hidden")
        self._label()

    def open(self) -> None:
        self.field.remove_class("hidden")
        self._label()
        self.field.focus()

    def toggle_private(self) -> None:
        self.field.remove_class("hidden")
        self.private = not self.private
        self._label()

    def _label(self) -> None:
        label = self.query_one("#note-label", Static)
        if self.field.has_class("hidden"):
            label.update("")
            return
        privacy = "private: left out of exports" if self.private else "shared in exports"
        label.update(f"Note ({privacy}; v toggles, esc leaves the note)")

    def store(self, steps: Steps[Any], now: dt.datetime) -> None:
        """Save the note onto the current answer, only when it changed."""
        item = steps.current
        if item is None:
            return
        answer = steps.answer_for(steps.item_id(item))
        current = answer.note if answer else None
        text = self.text.strip()
        if current is None and not text:
            return
        if current is not None and current.text == text and current.private == self.private:
            return
        steps.set_note(text, self.private, now)


class NoteKeys:
    """The note's keys on a screen that has a NoteBox and knows how to save it.

    Mixed into the question screen and the manager's ratings, which bind `n`,
    `v` and `ctrl+s` to these actions and implement `_store_note`.
    """

    def _store_note(self) -> None:
        raise NotImplementedError

    def _note_box(self) -> NoteBox:
        return self.query_one(NoteBox)  # type: ignore[attr-defined, no-any-return]

    def action_note(self) -> None:
        self._note_box().open()

    def action_private(self) -> None:
        self._note_box().toggle_private()
        self._store_note()

    def action_save_note(self) -> None:
        self._store_note()
        self.set_focus(None)  # type: ignore[attr-defined]
        self.notify("Note saved.")  # type: ignore[attr-defined]

    def on_text_field_left(self, _message: TextField.Left) -> None:
        self._store_note()
