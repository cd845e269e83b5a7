"""End of a weekly check-in: what you commit to, to whom, by when (next week asks), and,
optionally, a topic to raise at the next 1:1 (saved on the agenda)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from rich.text import Text as RichText
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Checkbox, DataTable, Input, Static

from pmcoach.app.agenda import CHECKIN_PROMPT, AgendaError, add_topic
from pmcoach.app.records import new_commitment, next_review_date
from pmcoach.domain.model import Text
from pmcoach.text.sanitize import one_line
from pmcoach.tui import keys
from pmcoach.tui.screens.base import CoachScreen
from pmcoach.tui.screens.results import ResultsScreen
from pmcoach.tui.widgets.marked import MarkedCheckbox
from pmcoach.tui.widgets.typed import PlainInput

if TYPE_CHECKING:
    from pmcoach.domain.checkin import CheckIn

HELP = """\
Commitments

  tab        move between what, to whom, by when, private, 1:1 topic,
             and the topic's private
  space      (on private) tick it: [x] leaves it out of exports
  ctrl+s     add the commitment and the topic typed (each saved at once)
  ctrl+f     finish the check-in (commitments and topic are optional;
             what is typed is added first)
  esc        leave the check-in unfinished, to resume later

Write what someone can check: "Send the Q1 plan to finance", not "be better
at planning". Next week's check-in asks whether each was met, missed or
renegotiated; the share you keep is your say/do ratio.

1:1 topic: anything to raise at your next 1:1. It goes on your agenda (t on
the dashboard, pmcoach discuss) and into your report's "What I want to
discuss".
"""


class CommitmentsScreen(CoachScreen[None]):
    CSS_PATH = "forms.tcss"
    HELP = HELP
    BINDINGS = [
        Binding("ctrl+s", "add", "Add", priority=True),
        Binding("ctrl+f", "finish", "Finish", priority=True),
        Binding("escape", "leave", "Leave"),
        keys.HELP,
    ]

    def __init__(self, checkin: CheckIn, reflection: Text | None) -> None:
        super().__init__()
        self.checkin = checkin
        self.reflection = reflection

    def compose_body(self) -> ComposeResult:
        due = next_review_date(self.workspace)
        yield Static("Commitments · by your next review", classes="title", markup=False)
        yield Static("", id="form-error", markup=False)
        with Horizontal(classes="row"):
            yield Static("I will", classes="label", markup=False)
            yield PlainInput(placeholder="send the Q1 plan to finance", id="what")
        with Horizontal(classes="row"):
            yield Static("To whom", classes="label", markup=False)
            yield PlainInput(placeholder="Dana (finance)", id="to")
        with Horizontal(classes="row"):
            yield Static("By", classes="label", markup=False)
            yield PlainInput(due.isoformat(), placeholder="YYYY-MM-DD", id="due")
            yield MarkedCheckbox("private", id="private")
        with Horizontal(classes="row"):
            yield Static("1:1 topic", classes="label", markup=False)
            yield PlainInput(placeholder=CHECKIN_PROMPT, id="topic")
            yield MarkedCheckbox("private", id="topic-private")
        yield DataTable(id="commitments", cursor_type="none")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column(RichText("Commitment"), key="what", width=44)
        table.add_column(RichText("To"), key="to", width=16)
        table.add_column(RichText("Due"), key="due", width=10)
        self._fill()
        self.query_one("#what", Input).focus()

    def _fill(self) -> None:
        table = self.query_one(DataTable)
        table.clear()
        for commitment in self.checkin.session.commitments:
            table.add_row(
                RichText(
                    ("(private) " if commitment.private else "") + one_line(commitment.text, 50)
                ),
                RichText(one_line(commitment.to, 24)),
                RichText(f"{commitment.due:%a %d %b}"),
            )

    def _add_topic(self) -> bool:
        """The topic typed, saved on the agenda; False when it was refused."""
        field = self.query_one("#topic", Input)
        if not field.value.strip():
            return True
        private = self.query_one("#topic-private", Checkbox).value
        try:
            add_topic(self.workspace, field.value, private)
        except AgendaError as exc:
            self.query_one("#form-error", Static).update(str(exc))
            return False
        self.notify(f"On your agenda: {one_line(field.value, 50)}", markup=False)
        field.value = ""
        return True

    def action_add(self) -> None:
        if not self.query_one("#what", Input).value.strip() and (
            self.query_one("#topic", Input).value.strip()
        ):
            # Only a topic typed: ctrl+s adds what was typed, and that is all.
            if self._add_topic():
                self.query_one("#form-error", Static).update("")
            return
        self._add_commitment()
        if not self.query_one("#what", Input).value.strip():
            self._add_topic()

    def _add_commitment(self) -> None:
        workspace = self.workspace
        error = self.query_one("#form-error", Static)
        due_text = self.query_one("#due", Input).value.strip()
        try:
            due = dt.date.fromisoformat(due_text)
        except ValueError:
            error.update(f"'{one_line(due_text, 20)}' is not a date (YYYY-MM-DD).")
            return
        try:
            commitment = new_commitment(
                workspace,
                self.query_one("#what", Input).value,
                self.query_one("#to", Input).value,
                due,
                self.query_one("#private", Checkbox).value,
            )
        except ValueError as exc:
            error.update(str(exc))
            return
        self.checkin.add_commitment(commitment, workspace.now())
        error.update("")
        self.query_one("#what", Input).value = ""
        self.query_one("#to", Input).value = ""
        self.query_one("#what", Input).focus()
        self._fill()

    def action_finish(self) -> None:
        if self.query_one("#what", Input).value.strip():
            self._add_commitment()
            if self.query_one("#what", Input).value.strip():
                return  # refused: the message says why
        if not self._add_topic():
            return
        session = self.workspace.finish(self.checkin, self.reflection)
        self.app.switch_screen(ResultsScreen(session, fresh=True))

    def action_leave(self) -> None:
        self.workspace.reload()
        self.app.pop_screen()
        self.notify("Kept. Resume it from the dashboard with w.", markup=False)
