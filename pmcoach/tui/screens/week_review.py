"""Start of a check-in or full assessment: did you keep your word, how did the exercises go?

Every commitment due by today that has no outcome yet is offered here, whichever
kind of session comes next, until it gets one (pmcoach.domain.ledger)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from pmcoach.app.present.commitments import RENEGOTIATE_RULE, exercise_state
from pmcoach.domain.model import CommitmentOutcome, ExerciseOutcome
from pmcoach.text.sanitize import one_line
from pmcoach.tui import keys
from pmcoach.tui.screens.base import CoachScreen
from pmcoach.tui.screens.commitment_form import NewDateScreen
from pmcoach.tui.screens.question import QuestionScreen

if TYPE_CHECKING:
    from pmcoach.app.present.review import ToReview
    from pmcoach.domain.checkin import CheckIn

HELP = f"""\
Last week

  ↑ ↓      choose a line
  m x      a commitment was met or missed
  r        renegotiated: you agreed a new date (asked next)
  d p n    an exercise was done, partly done, or not done
  enter    go on to the questions (unanswered lines are left open)
  esc      leave; the check-in is kept

Say/do ratio = met ÷ (met + missed). {RENEGOTIATE_RULE}
"""

COMMITMENT_KEYS: dict[str, CommitmentOutcome] = {"m": "met", "x": "missed", "r": "renegotiated"}
EXERCISE_KEYS: dict[str, ExerciseOutcome] = {"d": "done", "p": "partly", "n": "not"}


class WeekReviewScreen(CoachScreen[None]):
    CSS_PATH = "lists.tcss"
    HELP = HELP
    BINDINGS = [
        Binding("m", "commitment('m')", "Met"),
        Binding("x", "commitment('x')", "Missed"),
        Binding("r", "commitment('r')", "Renegotiated"),
        Binding("d", "exercise('d')", "Done"),
        Binding("p", "exercise('p')", "Partly"),
        Binding("n", "exercise('n')", "Not"),
        Binding("enter", "go_on", "Questions", key_display="↵", priority=True),
        Binding("escape", "leave", "Leave"),
        keys.HELP,
    ]

    def __init__(self, checkin: CheckIn, review: ToReview) -> None:
        super().__init__()
        self.checkin = checkin
        self.review = review

    def compose_body(self) -> ComposeResult:
        yield Static("Last week · keep your word", classes="title", markup=False)
        yield Static(
            "Commitments: m met · x missed · r renegotiated (a new date).  "
            "Exercises: d done · p partly · n not.",
            classes="muted",
            markup=False,
        )
        yield DataTable(id="review", cursor_type="row")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column(Text("What"), key="what")
        table.add_column(Text("To / time"), key="detail")
        table.add_column(Text("Outcome"), key="outcome")
        self._fill()
        table.focus()

    def _fill(self) -> None:
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear()
        session = self.checkin.session
        reviewed = {r.commitment: r for r in session.commitment_reviews}
        done = {r.exercise: r.outcome for r in session.exercise_reviews}
        for commitment in self.review.commitments:
            said = reviewed.get(commitment.id)
            # Renegotiated here: the date shown is the new one agreed.
            due = f"by {(said.due if said and said.due else commitment.due):%a %d %b}"
            detail = f"{one_line(commitment.to, 12)} {due}" if commitment.to else due
            table.add_row(
                Text(one_line(commitment.text, 34)),
                Text(one_line(detail, 26)),
                Text(said.outcome if said else "?"),
                key=f"c:{commitment.id}",
            )
        for exercise in self.review.exercises:
            mark = self.review.marks.get(exercise.id)
            earlier = exercise_state(mark, self.review.drills.get(exercise.id), "?")
            table.add_row(
                Text("Exercise: " + one_line(exercise.title, 24)),
                Text(one_line(exercise.time, 26)),
                Text(done.get(exercise.id, earlier)),
                key=f"e:{exercise.id}",
            )
        if table.row_count:
            table.move_cursor(row=min(row, table.row_count - 1))

    def _chosen(self) -> str:
        table = self.query_one(DataTable)
        if table.row_count == 0:
            return ""
        return str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)

    def _next_row(self) -> None:
        table = self.query_one(DataTable)
        if table.cursor_row < table.row_count - 1:
            table.move_cursor(row=table.cursor_row + 1)

    def action_commitment(self, key: str) -> None:
        chosen = self._chosen()
        if not chosen.startswith("c:"):
            self.notify("m, x and r are for commitments; d, p and n for exercises.")
            return
        workspace = self.workspace
        outcome = COMMITMENT_KEYS[key]
        if outcome != "renegotiated":
            self.checkin.review_commitment(chosen[2:], outcome, workspace.now())
            self._fill()
            self._next_row()
            return
        entry = next(c for c in self.review.commitments if c.id == chosen[2:])

        def agreed(due: dt.date | None) -> None:
            if due is None:
                return
            self.checkin.review_commitment(entry.id, "renegotiated", workspace.now(), due)
            self._fill()
            self._next_row()

        self.app.push_screen(NewDateScreen(entry), agreed)

    def action_exercise(self, key: str) -> None:
        chosen = self._chosen()
        if not chosen.startswith("e:"):
            self.notify("d, p and n are for exercises; m, x and r for commitments.")
            return
        now = self.workspace.now()
        self.checkin.review_exercise(chosen[2:], EXERCISE_KEYS[key], now)
        self._fill()
        self._next_row()

    def action_go_on(self) -> None:
        self.app.switch_screen(QuestionScreen(self.checkin))

    def action_leave(self) -> None:
        kept = self.workspace.leave(self.checkin)
        self.app.pop_screen()
        if kept:
            self.notify("Kept. Resume it from the dashboard with w.", markup=False)
        else:
            self.notify("Nothing marked, so nothing was kept.", markup=False)
