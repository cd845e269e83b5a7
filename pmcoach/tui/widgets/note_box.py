"""The evidence note under a rating: its text, its private flag, and saving it.

The question screen and the manager's ratings both offer a note per answer with
the same keys (`n` to write, `v` to write a private one, `esc` to leave it kept),
so the note lives here once, and so do the keys of a screen that has one.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Static

from pmcoach.model import Text
from pmcoach.steps import Steps
from pmcoach.tui import key_order
from pmcoach.tui.widgets.text_field import TextField

# The actions that work while the cursor is in the note; every other key types there.
NOTE_ACTIONS = frozenset({"leave_note", "save_note", "toggle_private"})

# What the note keys are, once: for the footer (Binding) and the label above the box.
NOTE_BINDINGS = [
    Binding("escape", "leave_note", "Leave note", key_display="esc"),
    Binding("ctrl+s", "save_note", "Save note", key_display="ctrl+s"),
    Binding("ctrl+t", "toggle_private", "Private/shared", key_display="ctrl+t"),
]


class NoteField(TextField):
    """The note's text box, which lets go of keys that came after the cursor left it.

    Keys go to the widget that had focus when they arrived: in a burst ("esc 3")
    the 3 is already on its way to the box when esc takes the cursor out, and would
    be typed into the note instead of rating. So esc and ctrl+s leave at once, here,
    rather than once they have bubbled up to the screen; and a key that reaches the
    box after the cursor has left goes to the screen, in order.
    """

    class Closed(Message):
        """The cursor left the note with esc (`saved` False) or ctrl+s (True)."""

        def __init__(self, saved: bool) -> None:
            super().__init__()
            self.saved = saved

    async def on_key(self, event: events.Key) -> None:
        if self.screen.focused is not self:
            event.stop()
            event.prevent_default()
            self.screen.post_message(events.Key(event.key, event.character))
        elif event.key in ("escape", "ctrl+s"):
            event.stop()
            event.prevent_default()
            self.screen.set_focus(None)
            self.screen.post_message(self.Closed(saved=event.key == "ctrl+s"))
        elif await key_order.run_binding(self, event):
            # An edit (backspace, an arrow) acts now, before the letters typed after it.
            event.stop()
            event.prevent_default()


class NoteBox(Vertical):
    DEFAULT_CSS = """
    NoteBox {
        height: auto;
    }
    """

    def __init__(self) -> None:
        super().__init__()
        self.private = False
        # The item the note belongs to: None for the one on screen, else the id of
        # an answer given before (evidence for it, asked for after the screen moved on).
        self.target: str | None = None
        self.about = "this answer"

    def compose(self) -> ComposeResult:
        yield Static("", id="note-label", markup=False)
        yield NoteField(id="note", classes="hidden")

    @property
    def field(self) -> NoteField:
        return self.query_one("#note", NoteField)

    @property
    def text(self) -> str:
        return self.field.text

    @property
    def editing(self) -> bool:
        """The cursor is in the note: asked of the screen, which knows at once (the
        field's own `has_focus` follows a message later)."""
        focused = self.screen.focused
        return isinstance(focused, NoteField) and focused.parent is self

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
    """The keys of a screen with a NoteBox, handled in the order they were typed.

    Textual sends a key to whatever had focus when the key arrived, but runs a
    screen's bindings later, once the key has come back up from that widget. So
    in a burst ("n", then a note) the note's letters reach the screen before `n`
    has put the cursor in the box: they were lost, and a digit among them rated
    the question. Here the screen runs its own bindings as each key reaches it,
    one after the other, and a key that reaches it while the cursor is in the
    note (sent before the cursor moved, or not taken by the box) is typed into
    the note or edits it, as the box would have done itself.

    Mixed into the question screen and the manager's ratings, which implement
    `_store_note` and `_note_left`, and list NOTE_BINDINGS in their BINDINGS.
    """

    def _store_note(self) -> None:
        raise NotImplementedError

    def _note_left(self) -> None:
        """The cursor has left the note (esc or ctrl+s); its text is stored."""

    def _note_box(self) -> NoteBox:
        return self.query_one(NoteBox)  # type: ignore[attr-defined, no-any-return]

    # ------------------------------------------------------------------ keys in order

    # Keys that reached the screen before it was mounted (passed on by the screen it
    # replaced), kept in order until it can act on them.
    _mounted = False
    _early: list[events.Key] | None = None

    def on_mount(self) -> None:
        """Runs after the screen's own on_mount: from now on keys are acted on."""
        self._mounted = True
        for event in self._early or []:
            self.post_message(event)  # type: ignore[attr-defined]
        self._early = None

    async def on_key(self, event: events.Key) -> None:
        screen: Any = self
        if key_order.pass_on(screen, event):
            return
        if not self._mounted:
            event.stop()
            event.prevent_default()
            if self._early is None:
                self._early = []
            self._early.append(events.Key(event.key, event.character))
            return
        box = self._note_box()
        handled = await (self._key_in_note(box, event) if box.editing else self._key(event))
        if handled:
            event.stop()
            event.prevent_default()

    async def _key(self, event: events.Key) -> bool:
        """Run this screen's binding for the key that works where the focus is."""
        screen: Any = self
        return await key_order.run_binding(screen, event)

    async def _key_in_note(self, box: NoteBox, event: events.Key) -> bool:
        field = box.field
        if event.key in ("escape", "ctrl+s", "ctrl+t"):
            return await self._key(event)
        if event.is_printable and event.character is not None:
            field.insert(event.character)
            return True
        if event.key == "enter":
            field.insert("\n")
            return True
        if event.key == "tab":
            field.insert(" " * field.indent_width)
            return True
        if await key_order.run_binding(field, event):
            return True
        return await self._key(event)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """While the cursor is in the note only the note's keys work (the rest type
        there); outside it, those keys do nothing. The footer follows this."""
        boxes = self.query(NoteBox)  # type: ignore[attr-defined]
        if boxes and boxes.first().editing:
            return action in NOTE_ACTIONS or action == "quit"
        return action not in NOTE_ACTIONS

    def on_descendant_focus(self, _event: events.DescendantFocus) -> None:
        self._keys_changed()

    def on_descendant_blur(self, _event: events.DescendantBlur) -> None:
        self._keys_changed()

    def _keys_changed(self) -> None:
        from pmcoach.tui.widgets.key_bar import KeyBar

        for bar in self.query(KeyBar):  # type: ignore[attr-defined]
            bar.refresh_keys()

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

    def action_leave_note(self) -> None:
        self._leave_note()

    def action_save_note(self) -> None:
        self._leave_note()
        self.notify("Note saved.")  # type: ignore[attr-defined]

    def on_note_field_closed(self, event: NoteField.Closed) -> None:
        event.stop()
        if event.saved:
            self.action_save_note()
        else:
            self._leave_note()

    def _leave_note(self) -> None:
        self._store_note()
        self.set_focus(None)  # type: ignore[attr-defined]
        self._note_left()
