"""Skills with score, change and target: the dashboard's and the results' table.

One Rich table in one widget. The rows are there to be read, not moved through,
and a DataTable cost a seventh of the dashboard's first frame. A Peers column joins
once any peer rated a skill in the window (`SkillRow.peer_cell`), so a person who
never asked for feedback sees the table as it always was.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from pmcoach.app.present.views import SkillRow
from pmcoach.text import figures
from pmcoach.text.sanitize import one_line
from pmcoach.tui.widgets.theme_styles import change_styles

FOCUS = "◆ focus"
PEERS = "Peers"


class SkillTable(Static):
    """Every cell is a Text, so a skill title from a user's rubric is never markup."""

    def __init__(self, rows: Sequence[SkillRow] = (), **kwargs: str) -> None:
        self._rows = list(rows)
        super().__init__(self._table(), **kwargs)  # type: ignore[arg-type]

    def on_mount(self) -> None:
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self.update(self._table()))

    def show(self, rows: Sequence[SkillRow]) -> None:
        self._rows = list(rows)
        self.update(self._table())

    @property
    def has_peers(self) -> bool:
        return any(row.peers for row in self._rows)

    def _cells(self) -> list[list[Text]]:
        styles = change_styles(self.app)  # the theme's colours, read anew on each draw
        peers = self.has_peers
        return [
            [
                Text(one_line(row.title, 28)),
                Text(figures.score(row.score), justify="right"),
                Text(
                    figures.change(row.change),
                    style=styles[figures.direction(row.change)],
                    justify="right",
                ),
                Text(str(row.target), justify="right"),
                *([Text(row.peer_cell, justify="right")] if peers else []),
                Text(FOCUS if row.focus else "", style="bold"),
            ]
            for row in self._rows
        ]

    def _table(self) -> Table:
        table = Table(box=None, padding=(0, 2, 0, 0), header_style="bold", show_edge=False)
        table.add_column(Text("Skill"))
        table.add_column(Text("Score"), justify="right")
        table.add_column(Text("Change"), justify="right")
        table.add_column(Text("Target"), justify="right")
        if self.has_peers:
            table.add_column(Text(PEERS), justify="right")
        table.add_column(Text(""))
        for cells in self._cells():
            table.add_row(*cells)
        return table

    def rows_text(self) -> list[list[str]]:
        """The cells as plain strings, in order: what a reader sees, for tests and exports."""
        return [[str(cell) for cell in cells] for cells in self._cells()]
