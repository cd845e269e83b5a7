"""Changing a commitment after it was made: a new date agreed, or an edit.

Both are recorded as they are said (a review in the check-in, or an event file of
its own) and never rewrite the session that made the commitment, so the history
keeps what was first promised (pmcoach.domain.ledger)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Static

from pmcoach.app.records import check_new_date, edit_commitment, next_review_date
from pmcoach.storage.errors import StoreError
from pmcoach.text.sanitize import one_line, printable
from pmcoach.tui.screens.base import CoachDialog
from pmcoach.tui.widgets.typed import PlainInput

if TYPE_CHECKING:
    from pmcoach.domain.ledger import Entry


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"'{one_line(text, 20)}' is not a date (YYYY-MM-DD).") from None


class NewDateScreen(CoachDialog[dt.date | None]):
    """Renegotiated: the new date agreed. Enter saves, esc leaves it as it was."""

    CSS_PATH = "dialogs.tcss"
    HELP = (
        "Renegotiated\n\n  type     the new date agreed (YYYY-MM-DD)\n  enter    save\n"
        "  esc      cancel: the commitment stays as it was\n"
    )
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, entry: Entry) -> None:
        super().__init__()
        self.entry = entry

    def compose_body(self) -> ComposeResult:
        default = max(next_review_date(self.workspace), self.entry.due)
        with Vertical(classes="dialog"):
            yield Static(f"Renegotiated: {printable(one_line(self.entry.text, 50))}", markup=False)
            yield Static(f"Was due {self.entry.due:%a %d %b}. The new date agreed:", markup=False)
            yield PlainInput(default.isoformat(), placeholder="YYYY-MM-DD", id="due")
            yield Static("enter save · esc cancel", id="form-error", classes="keys", markup=False)

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        try:
            due = check_new_date(self.workspace, _date(event.value))
        except ValueError as exc:
            self.query_one("#form-error", Static).update(str(exc))
            return
        self.dismiss(due)

    def action_cancel(self) -> None:
        self.dismiss(None)


class EditCommitmentScreen(CoachDialog[bool]):
    """Edit what, to whom and by when. Enter (in any field) or ctrl+s saves."""

    CSS_PATH = "dialogs.tcss"
    HELP = (
        "Edit a commitment\n\n  tab      next field\n  enter    save (ctrl+s too)\n"
        "  esc      cancel\n\nThe first wording stays in the history; the edit is recorded "
        "beside it.\n"
    )
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self, entry: Entry) -> None:
        super().__init__()
        self.entry = entry

    def compose_body(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static("Edit the commitment", markup=False)
            yield Static("I will", classes="keys", markup=False)
            yield PlainInput(self.entry.text, id="what")
            yield Static("To whom", classes="keys", markup=False)
            yield PlainInput(self.entry.to, id="to")
            yield Static("By (YYYY-MM-DD)", classes="keys", markup=False)
            yield PlainInput(self.entry.due.isoformat(), id="due")
            yield Static("enter save · esc cancel", id="form-error", classes="keys", markup=False)

    def on_mount(self) -> None:
        self.query_one("#what", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        try:
            due = _date(self.query_one("#due", Input).value)
            saved = edit_commitment(
                self.workspace,
                self.entry,
                self.query_one("#what", Input).value,
                self.query_one("#to", Input).value,
                due,
            )
        except (ValueError, OSError, StoreError) as exc:
            self.query_one("#form-error", Static).update(one_line(str(exc), 120))
            return
        self.dismiss(saved is not None)

    def action_cancel(self) -> None:
        self.dismiss(False)
