"""A skill's score over time: a dot per week, the manager's and peers' ratings, the target.

Written here rather than taken from textual-plotext, because what the chart must
do is narrow and the details decide whether it can be trusted:

* every series has its own character (`⠶` you, `x` manager, `⊗` both, `o` a manager's
  rating on the old scale, `◇` a peer's reply, `◆` a peer's on the same row as yours or
  the manager's, `┄` the target), so it reads the same with NO_COLOR and in light and
  dark themes;
  plotext tells series apart mainly by colour and draws a target as a solid line;
* your score is a mean, so it moves by tenths: its mark sits low, in the middle or high
  in its row (`⣤ ⠶ ⠛`, the same two-by-two dots at three heights), so a row holds three
  heights and a move of 0.4 is never drawn flat even when a full screen leaves the chart
  one row a level; the ratings (the manager's whole levels, each peer's reply) keep whole rows;
* the x axis labels are our own week dates, placed so they never overlap, and
  ten years of weeks fold into the columns there are (one column per N weeks,
  said in the legend) instead of being drawn over each other;
* the output is a function of the data and the size only, so snapshots are
  stable, and nothing the user wrote ever reaches a markup parser;
* it costs no import and no dependency: the dashboard's start is untouched.

`chart_lines` is pure (plain data in, Rich `Text` out) so tests can read it.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence

from rich.text import Text
from textual.widget import Widget

from pmcoach.app.present.progress import WeekValue
from pmcoach.domain.model import OLD_SCALE_WORDS
from pmcoach.tui.widgets.theme_styles import colour

SELF_MARKS = ("⣤", "⠶", "⠛")  # your score low, in the middle or high in its row
SELF = SELF_MARKS[1]  # on the row's own value: the legend's mark
MANAGER = "x"
BOTH = "⊗"
OLD_SCALE = "o"  # a manager's rating on the old scale: drawn, never read as a level
PEER = "◇"
PEER_WITH = "◆"  # a peer's reply on the row of your score or the manager's rating
TARGET = "┄"
SELF_STYLE = "bold"
MANAGER_STYLE = "bold"  # and the theme's accent colour, when the widget draws it
PEER_STYLE = "bold"  # and the theme's primary text colour, when the widget draws it
MUTED = "dim"

_GUTTER = 3  # "5 ┤"
_MAX_STEP = 10  # columns per week at most, so 4 weeks do not spread over the whole screen
_BELOW_PLOT = 2  # the x axis with its dates, and the legend
LEVELS = 5  # the scale runs 1 to 5, each whole level labelled at the left edge
_FINE_ROWS = 2 * (LEVELS - 1) + 1  # two rows a level: a legend line is taken only above it
MIN_HEIGHT = LEVELS + _BELOW_PLOT
"""The least height that shows every level on its own row: the layout must give this."""


def _rows_for(height: int) -> int:
    """Plot rows for a widget `height`: the most that fit with a whole number of rows per level.

    Rows are 4k + 1 (k rows per level), so every level has its own labelled row
    and a row is always 1/k of a level: a value is drawn at most half a row, so
    at most half a level, from where it belongs. A taller chart draws finer, and
    never fewer than the five levels however little room there is.
    """
    per_level = max((height - _BELOW_PLOT - 1) // (LEVELS - 1), 1)
    return per_level * (LEVELS - 1) + 1


def _row_of(score: float, rows: int) -> int:
    """Row index from the bottom for a score of 1–5: the nearest row, halves up."""
    return _height_of(score, rows)[0]


def _height_of(score: float, rows: int) -> tuple[int, int]:
    """(row from the bottom, third of that row from its bottom) for a score of 1–5.

    A row stands for its value ± half a row; its thirds split that span evenly, so the
    middle third holds the row's own value (a 3.0 is drawn mid-row on the row labelled 3)
    and a third is a third of a row: a level over 3 heights at one row a level, over 6 at two.
    """
    clamped = min(max(score, 1.0), 5.0)
    per_level = (rows - 1) // (LEVELS - 1)
    position = (clamped - 1.0) * per_level + 0.5
    row = math.floor(position)
    third = min(math.floor((position - row) * len(SELF_MARKS)), len(SELF_MARKS) - 1)
    return row, third


Column = tuple[int, dt.date, float | None, int | None, bool, tuple[float, ...]]


def _columns(points: Sequence[WeekValue], width: int) -> tuple[list[Column], int]:
    """(column, first day, self score, manager rating, on the old scale, peer ratings) per
    drawn column,
    and weeks per column.

    With more weeks than columns, each column stands for `per` consecutive weeks and
    shows the latest value in them: the score is a rolling 8-week mean already, so
    the latest is the truest summary of those weeks. Every peer reply in those weeks
    keeps its mark: each is one person's view, not a point of a series.
    """
    count = len(points)
    if count == 0 or width < 1:
        return [], 1
    if count <= width:
        step = min(width // count, _MAX_STEP)
        return [
            (i * step + step // 2, p.start, p.score, p.manager, p.manager_old, p.peers)
            for i, p in enumerate(points)
        ], 1
    per = math.ceil(count / width)
    columns: list[Column] = []
    for column, begin in enumerate(range(0, count, per)):
        bucket = points[begin : begin + per]
        score = next((p.score for p in reversed(bucket) if p.score is not None), None)
        rated = next((p for p in reversed(bucket) if p.manager is not None), None)
        manager = rated.manager if rated else None
        old = bool(rated and rated.manager_old)
        said = tuple(rating for p in bucket for rating in p.peers)
        columns.append((column, bucket[0].start, score, manager, old, said))
    return columns, per


def chart_lines(
    points: Sequence[WeekValue],
    target: int | None,
    width: int,
    height: int,
    manager_style: str = MANAGER_STYLE,
    peer_style: str = PEER_STYLE,
    legend_lines: int = 1,
) -> list[Text]:
    """The chart as lines of at most `width` cells: plot, x axis, dates, legend."""
    plot_width = max(width - _GUTTER - 1, 1)
    rows = _rows_for(height - (legend_lines - 1))
    columns, per = _columns(points, plot_width)
    grid = [[" "] * plot_width for _ in range(rows)]
    styles = [[""] * plot_width for _ in range(rows)]
    target_row = _row_of(target, rows) if target is not None else None
    if target_row is not None:
        for x in range(plot_width):
            grid[target_row][x] = TARGET
            styles[target_row][x] = MUTED
    peers_drawn = shared = False
    for x, _, score, manager, old, said in columns:
        if x >= plot_width:
            continue
        self_row, third = _height_of(score, rows) if score is not None else (None, 1)
        self_mark = SELF_MARKS[third]
        manager_row = _row_of(manager, rows) if manager is not None else None
        if old and manager_row is not None:
            # Not on the levels scale: never merged with one's own dot as if equal.
            if self_row is not None:
                grid[self_row][x], styles[self_row][x] = self_mark, SELF_STYLE
            if manager_row != self_row:
                grid[manager_row][x], styles[manager_row][x] = OLD_SCALE, MUTED
        elif self_row is not None and self_row == manager_row:
            grid[self_row][x], styles[self_row][x] = BOTH, manager_style
        else:
            if self_row is not None:
                grid[self_row][x], styles[self_row][x] = self_mark, SELF_STYLE
            if manager_row is not None:
                grid[manager_row][x], styles[manager_row][x] = MANAGER, manager_style
        for rating in said:
            row = _row_of(rating, rows)
            peers_drawn = True
            if row in (self_row, manager_row):
                grid[row][x], styles[row][x] = PEER_WITH, peer_style
                shared = True
            else:
                grid[row][x], styles[row][x] = PEER, peer_style

    labels = {_row_of(v, rows): str(v) for v in range(1, LEVELS + 1)}
    lines: list[Text] = []
    for row in range(rows - 1, -1, -1):
        line = Text(no_wrap=True, overflow="crop")
        label = labels.get(row)
        line.append(f"{label} ┤" if label else "  │", style=MUTED)
        for x in range(plot_width):
            line.append(grid[row][x], style=styles[row][x] or None)
        lines.append(line)

    lines.append(_date_axis(points, columns, plot_width))

    entries: list[tuple[str, str, str]] = [("".join(SELF_MARKS), SELF_STYLE, " you")]
    if any(p.manager is not None and not p.manager_old for p in points):
        entries.append((MANAGER, manager_style, " manager"))
        entries.append((BOTH, manager_style, " both"))
    if any(p.manager is not None and p.manager_old for p in points):
        entries.append((OLD_SCALE, MUTED, f" manager, {OLD_SCALE_WORDS}"))
    if peers_drawn:
        replies = sum(len(p.peers) for p in points)
        entries.append((PEER, peer_style, f" peer ({replies})" if replies > 1 else " peer"))
    if target is not None:
        entries.append((TARGET * 2, MUTED, f" target {target}"))
    if shared:
        entries.append((PEER_WITH, peer_style, f" peer on {SELF}/{MANAGER}"))
    if per > 1:
        entries.append(("", "", f"{per} wk/col"))
    single, wrapped = _legend(entries, width)
    if len(wrapped) <= legend_lines:
        lines.extend(wrapped)
    elif legend_lines == 1 and _rows_for(height - len(wrapped) + 1) >= _FINE_ROWS:
        # Lines the legend needs, taken from the plot while it keeps two rows a level.
        return chart_lines(points, target, width, height, manager_style, peer_style, len(wrapped))
    else:
        lines.append(single)
    for line in lines:
        line.truncate(max(width, 1), overflow="ellipsis")
    return lines


def _date_axis(points: Sequence[WeekValue], columns: list[Column], plot_width: int) -> Text:
    """The x axis with the dates written into it, each starting under its week's marks.

    One line rather than an axis with ticks over a line of dates: at 80×24 that line is
    a row of the plot, and a row more is what takes a chart to two rows a level. A date
    that would not fit from its own column is left out rather than moved under another.
    """
    axis = Text("  └", style=MUTED, no_wrap=True, overflow="crop")
    form = "%d %b" if len(points) <= 26 else "%b '%y"
    drawn = 0  # cells of the axis written so far
    for x, start, *_ in columns:
        label = start.strftime(form)
        if (drawn and x < drawn + 2) or x + len(label) > plot_width:
            continue
        axis.append("─" * (x - drawn), style=MUTED)
        axis.append(label)
        drawn = x + len(label)
    axis.append("─" * (plot_width - drawn), style=MUTED)
    return axis


def _legend(entries: Sequence[tuple[str, str, str]], width: int) -> tuple[Text, list[Text]]:
    """The legend on one line (cut with an ellipsis when drawn), and wrapped to `width`."""

    def start() -> Text:
        return Text("   ", no_wrap=True, overflow="ellipsis")

    single, line = start(), start()
    wrapped: list[Text] = []
    for glyph, style, words in entries:
        for out in (single, line):
            if out is line and out.cell_len > 3 and out.cell_len + 2 + len(glyph + words) > width:
                wrapped.append(line)
                line = out = start()
            if out.cell_len > 3:
                out.append("  ")
            out.append(glyph, style=style or None)
            out.append(words)
    wrapped.append(line)
    return single, wrapped


class ProgressChart(Widget):
    """Draws `chart_lines` at whatever size the layout gives it."""

    # The one style kept in Python: the least height is the drawing's own number (its
    # levels and the lines below them), so the stylesheet reads it rather than copying it.
    DEFAULT_CSS = f"""
    ProgressChart {{
        height: 1fr;
        min-height: {MIN_HEIGHT};
    }}
    """

    def __init__(self, **kwargs: str | None) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self._points: tuple[WeekValue, ...] = ()
        self._target: int | None = None

    def on_mount(self) -> None:
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self.refresh())

    def show(self, points: Sequence[WeekValue], target: int | None) -> None:
        self._points = tuple(points)
        self._target = target
        self.refresh()

    def render(self) -> Text:
        manager = f"{MANAGER_STYLE} {colour(self.app, 'accent')}".strip()
        peer = f"{PEER_STYLE} {colour(self.app, 'text-primary')}".strip()
        lines = chart_lines(
            self._points, self._target, self.size.width, self.size.height, manager, peer
        )
        return Text("\n", no_wrap=True).join(lines)
