"""This week's exercises for the focus skill, with their steps; mark one done."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Static

from pmcoach.app.present.commitments import exercise_state
from pmcoach.app.records import this_weeks_exercises
from pmcoach.domain.model import Exercise
from pmcoach.domain.rules import EXERCISE_REST_WEEKS
from pmcoach.text.sanitize import one_line, printable
from pmcoach.tui import keys
from pmcoach.tui.screens.base import CoachScreen
from pmcoach.tui.screens.exercise_done import ExerciseDoneScreen

HELP = f"""\
Exercises

  ↑ ↓      choose an exercise
  d        mark it done, with a line on how it went
  h        what you have done so far, marked here or in a review
           (again: back to this week)
  esc      back

Each check-in proposes one or two exercises for your focus skill, each doable
within a week, not repeated within {EXERCISE_REST_WEEKS} weeks while others remain. "Done when" is
something you can check; the reflection goes into your report unless private.
"""


class ExercisesScreen(CoachScreen[None]):
    CSS_PATH = "lists.tcss"
    HELP = HELP
    BINDINGS = [
        Binding("d", "done", "Done"),
        Binding("h", "history", "History"),
        Binding("escape", "back", "Back"),
        Binding("q", "back", show=False),
        keys.HELP,
    ]

    def __init__(self) -> None:
        super().__init__()
        self.history = False
        self.exercises: list[Exercise] = []

    def compose_body(self) -> ComposeResult:
        yield Static("Exercises", id="title", classes="title", markup=False)
        yield DataTable(id="exercises", cursor_type="row")
        with VerticalScroll(id="exercise-detail"):
            yield Static("", id="detail", markup=False)

    def on_mount(self) -> None:
        self.refresh_view()
        self.query_one(DataTable).focus()

    def refresh_view(self) -> None:
        workspace = self.workspace
        table = self.query_one(DataTable)
        table.clear(columns=True)
        detail = self.query_one("#detail", Static)
        history = workspace.ledger()
        if self.history:
            self.query_one("#title", Static).update("Exercises · done so far")
            table.add_column(Text("Date"), key="date")
            table.add_column(Text("Exercise"), key="exercise")
            table.add_column(Text("How it went"), key="note")
            marks = history.done()
            for done in marks:
                exercise = workspace.rubric.exercise(done.exercise)
                title = exercise.title if exercise else done.exercise
                if done.outcome == "partly":
                    title += " (partly)"
                note = ""
                if done.note is not None:
                    note = ("(private) " if done.note.private else "") + done.note.text
                table.add_row(
                    Text(f"{done.at:%Y-%m-%d}"),
                    Text(one_line(title, 40)),
                    Text(one_line(note, 50)),
                )
            detail.update("" if marks else "Nothing marked done yet.")
            return
        session, self.exercises = this_weeks_exercises(workspace)
        when = f" · from the check-in of {session.started:%a %d %b}" if session else ""
        self.query_one("#title", Static).update(f"Exercises · this week{when}")
        # The state first: at 80 columns a long title is cut, never whether it is done.
        table.add_column(Text("State"), key="state")
        table.add_column(Text("Exercise"), key="exercise")
        table.add_column(Text("Time"), key="time")
        for exercise in self.exercises:
            proposal = history.proposal(session.id, exercise.id) if session else None
            mark = proposal.mark if proposal else None
            drills = proposal.drills if proposal else None
            state = {"done": "✓ done", "partly": "partly done"}.get(
                mark.outcome if mark else "", exercise_state(None, drills, "to do")
            )
            table.add_row(
                Text(state),
                Text(one_line(exercise.title, 50)),
                Text(one_line(exercise.time, 24)),
                key=exercise.id,
            )
        if not self.exercises:
            detail.update(
                "No exercises yet: they are proposed at the end of each check-in, "
                "for the skill where practice pays most. Press w on the dashboard."
            )
        else:
            self._show_detail(0)

    def _show_detail(self, row: int) -> None:
        if self.history or not 0 <= row < len(self.exercises):
            return
        exercise = self.exercises[row]
        steps = "\n".join(f"  {n}. {printable(step)}" for n, step in enumerate(exercise.steps, 1))
        drill = ""
        if exercise.drill is not None:
            n, kind = exercise.drill.attempts, exercise.drill.kind
            drill = (
                f"\nDrills: {n} {kind} drills (pmcoach drill {kind}); each one saved "
                "while this is assigned counts, and the last one marks it done."
            )
        self.query_one("#detail", Static).update(
            f"{printable(exercise.title)}\n\nWhy: {printable(exercise.why)}\n\n{steps}\n\n"
            f"Time: {printable(exercise.time)}\nDone when: {printable(exercise.done_when)}{drill}"
        )

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_detail(event.cursor_row)

    def action_done(self) -> None:
        workspace = self.workspace
        if self.history or not self.exercises:
            return
        if workspace.read_only:
            self.notify(workspace.read_only, severity="warning", markup=False)
            return
        row = self.query_one(DataTable).cursor_row
        exercise = self.exercises[row]

        def saved(done: bool | None) -> None:
            if done:
                self.notify("Marked done.")
                self.refresh_view()

        self.app.push_screen(ExerciseDoneScreen(exercise), saved)

    def action_history(self) -> None:
        self.history = not self.history
        self.refresh_view()

    def action_back(self) -> None:
        self.app.pop_screen()
