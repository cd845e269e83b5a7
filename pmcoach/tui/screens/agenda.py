"""The agenda for the next 1:1: add a topic, see the open ones, mark one discussed.

Opened from the dashboard (`t`) with the new topic's field focused, so a thought is
written down the moment it comes: type it, enter, and it is saved (one event file). The
list below numbers the open topics as `pmcoach discuss` does, suggested differences
last; `tab` goes to it, where `d` marks the chosen topic discussed.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Input, Static

from pmcoach.app import agenda
from pmcoach.app.agenda import Topic
from pmcoach.domain.rules import FLAG_DIFFERENCE, PEERS_SHOWN
from pmcoach.storage.errors import StoreError
from pmcoach.text.sanitize import one_line
from pmcoach.tui import keys
from pmcoach.tui.screens.base import CoachScreen
from pmcoach.tui.screens.confirm import ConfirmScreen
from pmcoach.tui.widgets.typed import PlainInput

HELP = f"""\
Agenda for your next 1:1

  type     a topic to raise; enter saves it
  ctrl+t   the next topic is private (left out of exports) or shared
  tab      between the new topic and the list
  ↑ ↓      (in the list) choose a topic
  d        (in the list) mark it discussed
  esc      back to the dashboard

Your topics come first, oldest first; then the suggested ones: a skill
where your manager's rating (on the levels scale) or the mean of at
least {PEERS_SHOWN} peers is {FLAG_DIFFERENCE} or more from your own score. A suggestion marked
discussed comes back only with a new rating or reply. The same list, with
the same numbers: pmcoach discuss. Your report's "What I want to discuss"
is this agenda; private topics are left out unless you ask.
"""


class AgendaScreen(CoachScreen[None]):
    CSS_PATH = "lists.tcss"
    HELP = HELP
    BINDINGS = [
        Binding("ctrl+t", "private", "Private", priority=True),
        Binding("d", "done", "Discussed"),
        Binding("escape", "back", "Back"),
        keys.HELP,
    ]

    def __init__(self) -> None:
        super().__init__()
        self.private = False
        self.topics: tuple[Topic, ...] = ()

    def compose_body(self) -> ComposeResult:
        yield Static("Agenda for your next 1:1", classes="title", markup=False)
        yield PlainInput(placeholder=agenda.CHECKIN_PROMPT, id="new-topic")
        yield Static("", id="topic-privacy", classes="muted", markup=False)
        yield DataTable(id="agenda", cursor_type="row")
        yield Static("", id="agenda-empty", classes="muted", markup=False)

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column(Text("#", justify="right"), key="number")
        table.add_column(Text("Topic"), key="topic")
        self._show_privacy()
        self.refresh_view()
        self.query_one(Input).focus()

    def _show_privacy(self) -> None:
        where = "private: left out of exports" if self.private else "shared in exports"
        self.query_one("#topic-privacy", Static).update(
            f"New topic {where} · ctrl+t changes · enter saves · tab: the list"
        )

    def refresh_view(self) -> None:
        self.topics = agenda.current(self.workspace)
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear()
        rubric = self.workspace.rubric
        # The number column and the table's margins and cell padding take about 10.
        width = max(self.size.width - 10, 30)
        for number, topic in enumerate(self.topics, start=1):
            table.add_row(
                Text(str(number), justify="right"),
                Text(agenda.line(topic, rubric, width)),
                key=topic.key,
            )
        if table.row_count:
            table.move_cursor(row=min(max(row, 0), table.row_count - 1))
        self.query_one("#agenda-empty", Static).update("" if self.topics else agenda.EMPTY)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value
        if not text.strip():
            return
        if self.workspace.read_only:
            self.notify(self.workspace.read_only, severity="warning", markup=False)
            return
        try:
            agenda.add_topic(self.workspace, text, self.private)
        except agenda.AgendaError as exc:
            self.notify(str(exc), severity="warning", markup=False)
            return
        except StoreError as exc:
            self.coach_app.not_saved(exc)
            return
        event.input.value = ""
        where = " (private)" if self.private else ""
        self.notify(f"On your agenda{where}: {one_line(text, 50)}", markup=False)
        self.private = False
        self._show_privacy()
        self.refresh_view()

    def action_private(self) -> None:
        self.private = not self.private
        self._show_privacy()

    def action_done(self) -> None:
        table = self.query_one(DataTable)
        if not self.topics or not 0 <= table.cursor_row < len(self.topics):
            return
        if self.workspace.read_only:
            self.notify(self.workspace.read_only, severity="warning", markup=False)
            return
        topic = self.topics[table.cursor_row]

        def chosen(yes: bool | None) -> None:
            if not yes:
                return
            try:
                agenda.mark_discussed(self.workspace, topic)
            except StoreError as exc:
                self.coach_app.not_saved(exc)
                return
            self.notify(f"Discussed: {one_line(topic.text.text, 50)}", markup=False)
            self.refresh_view()

        self.app.push_screen(
            ConfirmScreen(f"Mark discussed: {one_line(topic.text.text, 120)}?"),
            self.coach_app.guarded(chosen),
        )

    def action_back(self) -> None:
        self.app.pop_screen()
