"""Choose a drill, and the working-backwards drafts written so far."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from pmcoach.drills import attempts, drafts
from pmcoach.drills.drafts import DraftFile
from pmcoach.drills.working_backwards import working_backwards_feedback
from pmcoach.text.sanitize import one_line, printable
from pmcoach.tui import keys
from pmcoach.tui.screens.base import CoachScreen
from pmcoach.tui.screens.drill import AnswerFirstScreen
from pmcoach.tui.screens.working_backwards import WorkingBackwardsScreen

HELP = """\
Drills

  a        answer-first: reply to a message so the first sentence answers it
  w        working backwards: a new press release and FAQ, problem first
  ↑ ↓      choose a draft
  enter    open the chosen draft to go on writing it
  esc      back to the dashboard

A draft is a Markdown file in drafts/ of the data folder, readable by you
only. The file is the export: attach it or paste it as it is. Finishing a
draft records a drill event with its score.
"""


class DrillsScreen(CoachScreen[None]):
    CSS_PATH = "drill.tcss"
    HELP = HELP
    BINDINGS = [
        Binding("a", "answer_first", "Answer-first"),
        Binding("w", "working_backwards", "Working backwards"),
        Binding("enter", "open", "Open draft"),
        Binding("escape", "back", "Back", key_display="esc"),
        Binding("q", "back", show=False),
        keys.HELP,
    ]

    def __init__(self) -> None:
        super().__init__()
        self.files: list[DraftFile] = []

    def compose_body(self) -> ComposeResult:
        yield Static("Drills", id="title", classes="title", markup=False)
        yield Static("", id="choices", markup=False)
        yield Static("Your drafts", classes="section", markup=False)
        yield DataTable(id="drafts", cursor_type="row")
        yield Static("", id="draft-detail", classes="muted", markup=False)

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column(Text("Started"), key="started")
        table.add_column(Text("Draft"), key="title")
        table.add_column(Text("Score", justify="right"), key="score")
        self.refresh_view()
        table.focus()

    def on_screen_resume(self) -> None:
        self.refresh_view()

    def refresh_view(self) -> None:
        workspace = self.workspace
        trend = attempts.trend(workspace.drill_events())
        cards = sum(1 for c in workspace.rubric.drill_cards if not c.retired)
        choices = Text()
        choices.append("a", style="bold")
        choices.append(f"  Answer-first: reply so the first sentence answers ({cards} cards)\n")
        choices.append("   " + trend.line("Your replies") + "\n", style="dim")
        choices.append("w", style="bold")
        choices.append("  Working backwards: a press release and FAQ, problem first")
        self.query_one("#choices", Static).update(choices)
        self.files = workspace.drafts()
        zone = workspace.zone
        table = self.query_one(DataTable)
        table.clear()
        for index, item in enumerate(self.files):
            when = drafts.started(item.path.stem)
            shown = f"{when.astimezone(zone):%Y-%m-%d %H:%M}" if when else "–"
            if item.draft is None:
                title, score = f"cannot be read: {item.problem}", "–"
            else:
                title = item.draft.title
                feedback = working_backwards_feedback(item.draft, workspace.rubric.word_lists)
                score = str(feedback.score) if feedback.checked else "–"
            table.add_row(
                Text(shown),
                Text(one_line(title, 50)),
                Text(score, justify="right"),
                key=str(index),
            )
        self._show_detail(table.cursor_row)

    def _show_detail(self, row: int) -> None:
        detail = self.query_one("#draft-detail", Static)
        if not self.files:
            detail.update("No drafts yet. Press w to write one, problem first.")
        elif 0 <= row < len(self.files):
            # A file named by hand may carry anything in its name.
            detail.update(f"File (the export): {printable(str(self.files[row].path))}")

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_detail(event.cursor_row)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self._open(event.cursor_row)

    def action_open(self) -> None:
        self._open(self.query_one(DataTable).cursor_row)

    def _open(self, row: int) -> None:
        if not 0 <= row < len(self.files):
            return
        draft = self.files[row].draft
        if draft is None:
            problem = self.files[row].problem
            self.notify(f"Cannot open: {one_line(problem or '')}", severity="warning", markup=False)
            return
        self.app.push_screen(WorkingBackwardsScreen(draft))

    def action_answer_first(self) -> None:
        self.app.push_screen(AnswerFirstScreen())

    def action_working_backwards(self) -> None:
        self.app.push_screen(WorkingBackwardsScreen())

    def action_back(self) -> None:
        self.app.pop_screen()
