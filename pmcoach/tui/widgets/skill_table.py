"""Skills with score, change and target: the dashboard's and the results' table.

One Text in one widget, its columns aligned here. The rows are there to be read, not
moved through: a DataTable cost a seventh of the dashboard's first frame, and a Rich
Table, measured and laid out again on each of the first frame's passes, a quarter of
what the dashboard adds to a bare app's start. A Peers column joins once any peer rated
a skill in the window (`SkillRow.peer_cell`), so a person who never asked for feedback
sees the table as it always was.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.widgets import Static

from pmcoach.app.present.views import SkillRow
from pmcoach.text import figures
from pmcoach.text.sanitize import one_line
from pmcoach.tui.widgets.theme_styles import change_styles

FOCUS = "◆ focus"
PEERS = "Peers"
GUTTER = "  "  # after every column, the last one too


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
                Text(figures.score(row.score)),
                Text(figures.change(row.change), style=styles[figures.direction(row.change)]),
                Text(figures.target(row.target)),
                *([Text(row.peer_cell)] if peers else []),
                Text(FOCUS if row.focus else "", style="bold"),
            ]
            for row in self._rows
        ]

    def _table(self) -> Text:
        """The header in bold, then a line a skill; each column as wide as its widest
        cell, the figures right-aligned, the skill and the focus mark left-aligned."""
        names = ("Skill", "Score", "Change", "Target", *[PEERS] * self.has_peers, "")
        lines = [[Text(name) for name in names], *self._cells()]
        widths = [max(line[column].cell_len for line in lines) for column in range(len(names))]
        table = Text(no_wrap=True, overflow="crop")
        for number, line in enumerate(lines):
            if number:
                table.append("\n")
            start = len(table)
            for column, (cell, width) in enumerate(zip(line, widths, strict=True)):
                cell.align("right" if 0 < column < len(names) - 1 else "left", width)
                table.append(cell)
                table.append(GUTTER)
            if not number:
                table.stylize("bold", start, len(table))
        return table

    def rows_text(self) -> list[list[str]]:
        """The cells as plain strings, in order: what a reader sees, for tests and exports."""
        return [[str(cell) for cell in cells] for cells in self._cells()]
