"""Skills with score, change and target: the dashboard's and the results' table."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import DataTable

from pmcoach import fmt
from pmcoach.sanitize import one_line
from pmcoach.views import SkillRow

FOCUS = "◆ focus"
_CHANGE_STYLE = {"up": "green", "down": "red", "flat": ""}


class SkillTable(DataTable[Text]):
    """Every cell is a Text, so a skill title from a user's rubric is never markup."""

    def __init__(self, rows: list[SkillRow] | None = None, **kwargs: object) -> None:
        super().__init__(cursor_type="row", zebra_stripes=False, **kwargs)  # type: ignore[arg-type]
        self._initial = rows or []

    def on_mount(self) -> None:
        self.add_column(Text("Skill"), key="skill")
        self.add_column(Text("Score", justify="right"), key="score")
        self.add_column(Text("Change", justify="right"), key="change")
        self.add_column(Text("Target", justify="right"), key="target")
        self.add_column(Text(""), key="focus")
        if self._initial:
            self.show(self._initial)

    def show(self, rows: list[SkillRow]) -> None:
        self.clear()
        for row in rows:
            self.add_row(
                Text(one_line(row.title, 28)),
                Text(fmt.score(row.score), justify="right"),
                Text(
                    fmt.change(row.change),
                    style=_CHANGE_STYLE[fmt.direction(row.change)],
                    justify="right",
                ),
                Text(str(row.target), justify="right"),
                Text(FOCUS if row.focus else "", style="bold"),
                key=row.skill,
            )

    def rows_text(self) -> list[list[str]]:
        """The cells as plain strings, in order: what a reader sees, for tests and exports."""
        return [[str(cell) for cell in self.get_row_at(i)] for i in range(self.row_count)]
