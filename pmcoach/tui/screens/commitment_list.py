"""Every commitment, open ones first: mark, renegotiate, edit or withdraw one.

The list a PM opens before a 1:1 ("what did I promise, to whom, by when?") and
where a promise that changed is put right: an edit or a withdrawal is kept as
history (an event file), and a withdrawn commitment leaves say/do."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Static

from pmcoach.app.present.commitments import RENEGOTIATE_RULE, listed, review_words, state_words
from pmcoach.app.records import commitment_outcome, withdraw_commitment
from pmcoach.domain.model import CommitmentOutcome
from pmcoach.storage.errors import StoreError
from pmcoach.text.sanitize import one_line, printable
from pmcoach.tui import keys
from pmcoach.tui.screens.base import CoachScreen
from pmcoach.tui.screens.commitment_form import EditCommitmentScreen, NewDateScreen
from pmcoach.tui.screens.confirm import ConfirmScreen

if TYPE_CHECKING:
    from pmcoach.domain.ledger import Entry

HELP = f"""\
Commitments

  ↑ ↓      choose a commitment (its history shows below)
  m x      mark it met or missed now
  r        renegotiated: record the new date agreed
  e        edit what, to whom or by when
  w        withdraw it (kept in the history, out of say/do)
  esc      back

Open commitments come first, soonest due first; each is offered at every review
(weekly or full) from its due date on until it has an outcome.
{RENEGOTIATE_RULE}
"""

OUTCOME_KEYS: dict[str, CommitmentOutcome] = {"m": "met", "x": "missed"}


class CommitmentListScreen(CoachScreen[None]):
    CSS_PATH = "lists.tcss"
    HELP = HELP
    BINDINGS = [
        Binding("m", "outcome('m')", "Met"),
        Binding("x", "outcome('x')", "Missed"),
        Binding("r", "renegotiate", "Renegotiated"),
        Binding("e", "edit", "Edit"),
        Binding("w", "withdraw", "Withdraw"),
        Binding("escape", "back", "Back"),
        Binding("q", "back", show=False),
        keys.HELP,
    ]

    def __init__(self) -> None:
        super().__init__()
        self.entries: list[Entry] = []
        self.entries_before: list[Entry] = []

    def compose_body(self) -> ComposeResult:
        yield Static("Commitments", classes="title", markup=False)
        yield DataTable(id="commitment-list", cursor_type="row")
        with VerticalScroll(id="commitment-detail"):
            yield Static("", id="detail", markup=False)

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        # State and date first: at 80 columns a long text is what gets cut.
        table.add_column(Text("State"), key="state")
        table.add_column(Text("Due"), key="due")
        table.add_column(Text("Commitment"), key="what")
        table.add_column(Text("To"), key="to")
        self.refresh_view()
        table.focus()

    def refresh_view(self) -> None:
        workspace = self.workspace
        today = workspace.now().date()
        self.entries_before = self.entries
        self.entries = listed(workspace.ledger())
        table = self.query_one(DataTable)
        row = table.cursor_row
        # The cursor stays on the commitment it was on, wherever its new state sorts it.
        current = self.entries_before[row].id if 0 <= row < len(self.entries_before) else None
        table.clear()
        for entry in self.entries:
            what = ("(private) " if entry.private else "") + entry.text
            if entry.edited:
                what += " (edited)"
            table.add_row(
                Text(state_words(entry, today)),
                Text(f"{entry.due:%d %b %Y}"),
                Text(one_line(what, 34)),
                Text(one_line(entry.to, 14)),
                key=entry.id,
            )
        keys = [e.id for e in self.entries]
        if current in keys:
            row = keys.index(current)
        if table.row_count:
            table.move_cursor(row=min(max(row, 0), table.row_count - 1))
            self._show(table.cursor_row)
        else:
            self.query_one("#detail", Static).update(
                "No commitments yet: they are made at the end of a weekly check-in (w)."
            )

    def _show(self, row: int) -> None:
        if not 0 <= row < len(self.entries):
            return
        entry = self.entries[row]
        first = entry.original
        lines = [
            f"Made {entry.made_at:%a %d %b %Y}: {printable(one_line(first.text, 80))}"
            + (f" → {printable(one_line(first.to, 30))}" if first.to else "")
            + f", due {first.due:%a %d %b}"
        ]
        for step in entry.steps:
            day = f"{step.at:%a %d %b %Y}"
            if step.kind == "edit":
                parts = []
                if step.text is not None:
                    parts.append(f"now: {printable(one_line(step.text, 60))}")
                if step.to is not None:
                    parts.append(f"to {printable(one_line(step.to, 30))}")
                if step.due is not None:
                    parts.append(f"due {step.due:%a %d %b}")
                lines.append(f"{day}: edited, " + ", ".join(parts))
            elif step.kind == "withdrawn":
                lines.append(f"{day}: withdrawn")
            elif step.outcome is not None:
                lines.append(f"{day}: {review_words(step.outcome, step.due)}")
        self.query_one("#detail", Static).update("\n".join(lines))

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show(event.cursor_row)

    def _chosen(self) -> Entry | None:
        workspace = self.workspace
        if workspace.read_only:
            self.notify(workspace.read_only, severity="warning", markup=False)
            return None
        row = self.query_one(DataTable).cursor_row
        if not 0 <= row < len(self.entries):
            return None
        return self.entries[row]

    def _saved(self, message: str) -> None:
        self.notify(message, markup=False)
        self.refresh_view()

    def action_outcome(self, key: str) -> None:
        entry = self._chosen()
        if entry is None:
            return
        outcome = OUTCOME_KEYS[key]
        try:
            commitment_outcome(self.workspace, entry, outcome)
        except (ValueError, OSError, StoreError) as exc:
            self.notify(one_line(str(exc), 120), severity="error", markup=False)
            return
        self._saved(f"Marked {outcome}.")

    def action_renegotiate(self) -> None:
        entry = self._chosen()
        if entry is None:
            return
        workspace = self.workspace

        def agreed(due: dt.date | None) -> None:
            if due is None:
                return
            try:
                commitment_outcome(workspace, entry, "renegotiated", due)
            except (ValueError, OSError, StoreError) as exc:
                self.notify(one_line(str(exc), 120), severity="error", markup=False)
                return
            self._saved(f"Renegotiated: now due {due:%a %d %b}.")

        self.app.push_screen(NewDateScreen(entry), agreed)

    def action_edit(self) -> None:
        entry = self._chosen()
        if entry is None:
            return

        def edited(changed: bool | None) -> None:
            if changed:
                self._saved("Edited; the first wording stays in its history.")

        self.app.push_screen(EditCommitmentScreen(entry), edited)

    def action_withdraw(self) -> None:
        entry = self._chosen()
        if entry is None or entry.state == "withdrawn":
            return
        workspace = self.workspace

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            try:
                withdraw_commitment(workspace, entry)
            except (OSError, StoreError) as exc:
                self.notify(one_line(str(exc), 120), severity="error", markup=False)
                return
            self._saved("Withdrawn: kept in the history, out of say/do.")

        question = (
            f"Withdraw “{printable(one_line(entry.text, 50))}” "
            f"(due {entry.due:%a %d %b})? It stays in the history and leaves say/do."
        )
        self.app.push_screen(ConfirmScreen(question), answered)

    def action_back(self) -> None:
        self.app.pop_screen()
