"""Every session, newest first: open one to look back, correct or delete it."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Static

from pmcoach.app.present.sessions import session_name, session_rows, trashed_sessions
from pmcoach.storage.errors import StoreError
from pmcoach.text.sanitize import one_line
from pmcoach.tui import keys
from pmcoach.tui.screens.base import CoachScreen
from pmcoach.tui.screens.confirm import ConfirmScreen
from pmcoach.tui.screens.results import ResultsScreen

HELP = """\
Sessions

  ↑ ↓      choose a session
  enter    open it: scores, answers, corrections
  delete   move it to trash/ (restorable)
  t        show the trash instead; there, r restores the chosen session
  esc      back
"""


class SessionListScreen(CoachScreen[None]):
    CSS_PATH = "lists.tcss"
    HELP = HELP
    BINDINGS = [
        Binding("enter", "open", "Open"),
        Binding("delete", "delete", "Delete"),
        Binding("t", "toggle_trash", "Trash"),
        Binding("r", "restore", "Restore"),
        Binding("escape", "back", "Back"),
        Binding("q", "back", show=False),
        keys.HELP,
    ]

    def __init__(self) -> None:
        super().__init__()
        self.trash = False

    def compose_body(self) -> ComposeResult:
        yield Static("Sessions", id="title", classes="title", markup=False)
        yield DataTable(id="sessions", cursor_type="row")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column(Text("Date"), key="date")
        table.add_column(Text("Kind"), key="kind")
        table.add_column(Text("Answered", justify="right"), key="answered")
        table.add_column(Text("State"), key="state")
        self.refresh_view()
        table.focus()

    def on_screen_resume(self) -> None:
        self.refresh_view(keep_cursor=True)

    def refresh_view(self, keep_cursor: bool = False) -> None:
        """Fill the table again; with `keep_cursor`, on the row that was chosen (or the
        one now in its place), so coming back from a session finds the list as it was."""
        workspace = self.workspace
        rows = trashed_sessions(workspace) if self.trash else session_rows(workspace)
        title = "Trash (r restores)" if self.trash else "Sessions"
        self.query_one("#title", Static).update(title)
        table = self.query_one(DataTable)
        chosen, at = (self._chosen(), table.cursor_row) if keep_cursor else (None, 0)
        table.clear()
        for row in rows:
            table.add_row(
                Text(one_line(row.date)),  # in the trash: part of a file name, maybe by hand
                Text(row.kind),
                Text(row.answered, justify="right"),
                Text(row.state),
                key=row.key,
            )
        if not rows:
            self.notify("Nothing here yet." if not self.trash else "The trash is empty.")
            return
        keys = [row.key for row in rows]
        table.move_cursor(row=keys.index(chosen) if chosen in keys else min(at, len(rows) - 1))

    def _chosen(self) -> str | None:
        table = self.query_one(DataTable)
        if table.row_count == 0:
            return None
        value = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return value

    def on_data_table_row_selected(self, _event: DataTable.RowSelected) -> None:
        self.action_open()

    def action_open(self) -> None:
        key = self._chosen()
        if key is None or self.trash:
            return
        session = self.workspace.session(key)
        if session is not None:
            self.app.push_screen(ResultsScreen(session))

    def action_delete(self) -> None:
        workspace = self.workspace
        key = self._chosen()
        if key is None or self.trash:
            return
        if workspace.read_only:
            self.notify(workspace.read_only, severity="warning", markup=False)
            return
        session = workspace.session(key)
        if session is None:
            return

        def answered(yes: bool | None) -> None:
            if yes:
                workspace.delete(session)
                self.refresh_view(keep_cursor=True)
                self.notify("Moved to trash/. Press t to see it, r there to restore.")

        self.app.push_screen(
            ConfirmScreen(f"Move {session_name(session, workspace.config)} to trash/?"),
            self.coach_app.guarded(answered),
        )

    def action_toggle_trash(self) -> None:
        self.trash = not self.trash
        self.refresh_view()

    def action_restore(self) -> None:
        workspace = self.workspace
        key = self._chosen()
        if key is None or not self.trash:
            return
        if workspace.read_only:
            self.notify(workspace.read_only, severity="warning", markup=False)
            return
        try:
            workspace.restore(key)
        except (ValueError, StoreError) as exc:
            # The message names the file, and a file put in the trash by hand can be
            # named anything.
            self.notify(one_line(str(exc)), severity="warning", markup=False)
            return
        self.notify("Restored.")
        self.refresh_view(keep_cursor=True)

    def action_back(self) -> None:
        self.app.pop_screen()
