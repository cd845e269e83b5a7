"""The answer choices of one question, the chosen one marked by `▶` and not only by colour."""

from __future__ import annotations

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from pmcoach.domain.model import Question
from pmcoach.text.sanitize import printable

CHOSEN = "▶"


def choices(question: Question) -> list[tuple[int, str]]:
    """(key, label) pairs: five anchors, or the counts 0..N of a frequency question."""
    if question.kind == "frequency":
        out_of = question.out_of or 0
        return [(n, f"{n} of {out_of}") for n in range(out_of + 1)]
    return [(n, anchor) for n, anchor in enumerate(question.anchors, start=1)]


class AnchorList(Static):
    """Rich Text cells, never markup: anchors may come from a company's rubric file."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.question: Question | None = None
        self.chosen: int | None = None

    def show(self, question: Question, chosen: int | None) -> None:
        self.question = question
        self.choose(chosen)

    def choose(self, chosen: int | None) -> None:
        self.chosen = chosen
        self.update(self._render_choices())

    def _render_choices(self) -> RenderableType:
        grid = Table.grid(padding=(0, 1), expand=True)
        if self.question is None:
            return grid
        grid.add_column(width=4, no_wrap=True)
        grid.add_column(ratio=1)
        for key, label in choices(self.question):
            picked = key == self.chosen
            style = "bold reverse" if picked else ""
            marker = f"{CHOSEN} {key}" if picked else f"  {key}"
            grid.add_row(Text(marker, style=style), Text(printable(label), style=style))
        return grid
