"""After a session, or opened from the session list: scores, focus, and corrections."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Static

from pmcoach.model import Session
from pmcoach.sanitize import one_line
from pmcoach.tui import keys
from pmcoach.tui.widgets.key_bar import KeyBar
from pmcoach.tui.widgets.skill_table import SkillTable
from pmcoach.workspace import session_name

if TYPE_CHECKING:
    from pmcoach.tui.app import PMCoachApp

HELP = """\
Results

  ↑ ↓      choose an answer
  1-5      correct the chosen answer (0-N on a "how many" question);
           the session file is rewritten and its time of change moves
  delete   move this session to trash/ (restorable from the list)
  esc      back

Scores are as of the end of this session, for the skills of the track it was
taken on: the mean of the latest rating of each question of the skill
answered in the 8 weeks before. A manager's session lists the manager's
rating of each skill; 1-5 corrects the chosen one.
"""


class ResultsScreen(Screen[None]):
    CSS_PATH = "lists.tcss"
    HELP = HELP
    BINDINGS = [
        Binding("1", "correct(1)", "Correct", key_display="1-5"),
        *[Binding(str(n), f"correct({n})", show=False) for n in (0, 2, 3, 4, 5, 6, 7, 8, 9)],
        Binding("delete", "delete", "Delete"),
        Binding("escape", "back", "Back"),
        Binding("q", "back", show=False),
        keys.HELP,
    ]

    def __init__(self, session: Session, fresh: bool = False) -> None:
        super().__init__()
        self.session = session
        self.fresh = fresh

    @property
    def coach_app(self) -> PMCoachApp:
        return cast("PMCoachApp", self.app)

    def compose(self) -> ComposeResult:
        yield Static("", id="title", classes="title", markup=False)
        yield SkillTable(id="skills")
        yield Static("", id="focus", markup=False)
        yield DataTable(id="answers", cursor_type="row")
        yield KeyBar()

    def on_mount(self) -> None:
        table = self.query_one("#answers", DataTable)
        table.add_column(Text("Skill"), key="skill")
        table.add_column(Text("Question"), key="question")
        table.add_column(Text("Rating", justify="right"), key="rating")
        table.add_column(Text("Note"), key="note")
        self.refresh_view()
        table.focus()

    def refresh_view(self) -> None:
        workspace = self.coach_app.workspace
        view = workspace.results(self.session)
        done = "finished" if self.session.finished else "in progress"
        heading = "Done. " if self.fresh else ""
        self.query_one("#title", Static).update(
            f"{heading}{view.title} · {self.session.started:%a %d %b %Y %H:%M} · {done}"
        )
        self.query_one(SkillTable).show(list(view.rows))
        focus = view.focus_text
        if view.exercises:
            titles = "; ".join(one_line(t, 60) for t in view.exercises)
            focus += f"\nExercises for this week (e on the dashboard): {titles}"
        self.query_one("#focus", Static).update(focus)
        table = self.query_one("#answers", DataTable)
        row = table.cursor_row
        table.clear()
        for line in view.answers:
            table.add_row(
                Text(one_line(line.skill_title, 16)),
                Text(one_line(line.prompt, 36)),
                Text(line.rating_text, justify="right"),
                Text(line.note_text),
                key=line.question_id,
            )
        if view.answers:
            table.move_cursor(row=min(row, len(view.answers) - 1))

    def action_correct(self, value: int) -> None:
        if self.coach_app.workspace.read_only:
            self.notify(self.coach_app.workspace.read_only, severity="warning", markup=False)
            return
        table = self.query_one("#answers", DataTable)
        if table.row_count == 0:
            return
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        if key is None:
            return
        try:
            self.session, message = self.coach_app.workspace.correct(self.session, key, value)
        except ValueError as exc:
            self.notify(str(exc), severity="warning", markup=False)
            return
        self.notify(message, markup=False)
        self.refresh_view()

    def action_delete(self) -> None:
        from pmcoach.tui.screens.confirm import ConfirmScreen

        workspace = self.coach_app.workspace
        if workspace.read_only:
            self.notify(workspace.read_only, severity="warning", markup=False)
            return

        def answered(yes: bool | None) -> None:
            if yes:
                workspace.delete(self.session)
                self.app.pop_screen()
                self.app.notify("Moved to trash/. Restore it from the session list (t).")

        self.app.push_screen(
            ConfirmScreen(
                f"Move {session_name(self.session)} to trash/? "
                "It can be restored from the session list (t)."
            ),
            self.coach_app.guarded(answered),
        )

    def action_back(self) -> None:
        self.app.pop_screen()
