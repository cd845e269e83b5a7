"""A skill's trend as an inline SVG: the report's chart, drawn from numbers only.

Large enough that a change of half a point is a visible step (about 10 px), on the fixed
1–5 scale so two skills compare; the target dashed across. The manager's ratings and the
peers' replies are marks of their own shape (a square, a triangle), not only a colour, so
the chart reads the same printed in grey. No script, no font or image fetched.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable

from pmcoach.export.report_model import Mark, SkillLine
from pmcoach.text import figures
from pmcoach.text.sanitize import one_line

WIDTH = 330
HEIGHT = 92
LEFT = 16  # room for the axis labels 1–5
RIGHT = 6
TOP = 6
BOTTOM = 6
SELF = "#2f5aa8"
MANAGER = "#9a4d00"
PEER = "#1a7f37"
GRID = "#e4e4e0"
TARGET = "#777"


def esc(text: str) -> str:
    return html.escape(one_line(text), quote=True)


def y(value: float) -> float:
    span = HEIGHT - TOP - BOTTOM
    return round(TOP + (5.0 - min(max(value, 1.0), 5.0)) / 4.0 * span, 1)


def _x(day: dt.date, first: dt.date, last: dt.date) -> float:
    days = max((last - first).days, 1)
    share = min(max((day - first).days / days, 0.0), 1.0)
    return round(LEFT + share * (WIDTH - LEFT - RIGHT), 1)


def square(x: float, top: float) -> str:
    return f'<rect x="{x - 3}" y="{top - 3}" width="6" height="6" fill="{MANAGER}"/>'


def triangle(x: float, top: float) -> str:
    return (
        f'<polygon points="{x},{round(top - 4, 1)} {round(x - 4, 1)},{round(top + 3, 1)} '
        f'{round(x + 4, 1)},{round(top + 3, 1)}" fill="none" stroke="{PEER}" '
        'stroke-width="1.4"/>'
    )


def _label(line: SkillLine) -> str:
    start, now = figures.score(line.start), figures.score(line.now)
    said = f"{line.title}: {start} to {now}, target {figures.target(line.target)}"
    if line.managers:
        said += "; manager " + ", ".join(figures.rating(int(m.value)) for m in line.managers)
    if line.peers:
        said += f"; {len(line.peers)} peer replies, mean {figures.score(line.peer_mean)}"
    return said


def chart(line: SkillLine, first: dt.date | None, last: dt.date) -> str:
    """The weekly scores as a line, each manager's rating a square, each peer's reply a
    triangle, on their days across the period."""
    days = [m.day for m in (*line.series, *line.managers, *line.peers) if m is not None]
    first = first or min(days, default=last)
    label = _label(line)
    parts = [
        f'<svg width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'role="img" aria-label="{esc(label)}">',
        f"<title>{esc(label)}</title>",
    ]
    for level in range(1, 6):
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(level)}" y2="{y(level)}" '
            f'stroke="{GRID}" stroke-width="1"/>'
            f'<text x="{LEFT - 5}" y="{y(level) + 3}" font-size="8" fill="#555" '
            f'text-anchor="end">{level}</text>'
        )
    parts.append(
        f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y(line.target)}" y2="{y(line.target)}" '
        f'stroke="{TARGET}" stroke-width="1.2" stroke-dasharray="4 3"/>'
    )
    runs: list[list[str]] = [[]]
    first_point: tuple[float, float] | None = None
    last_point: tuple[float, float] | None = None
    for mark in line.series:
        if mark is None:
            runs.append([])
            continue
        point = (_x(mark.day, first, last), y(mark.value))
        runs[-1].append(f"{point[0]},{point[1]}")
        first_point = first_point or point
        last_point = point
    for run in runs:
        if len(run) > 1:
            parts.append(
                f'<polyline points="{" ".join(run)}" fill="none" stroke="{SELF}" '
                'stroke-width="1.8" stroke-linejoin="round"/>'
            )
    # The series begins at the start (`report_skills.start_week`): a ring marks it, the
    # dot marks now, the two figures the caption's "start → now" names.
    if first_point is not None and line.start is not None and first_point != last_point:
        parts.append(
            f'<circle cx="{first_point[0]}" cy="{first_point[1]}" r="2.6" fill="#fff" '
            f'stroke="{SELF}" stroke-width="1.4"/>'
        )
    if last_point is not None:
        parts.append(f'<circle cx="{last_point[0]}" cy="{last_point[1]}" r="2.6" fill="{SELF}"/>')
    parts += [_mark(square, m, first, last) for m in line.managers]
    parts += [_mark(triangle, m, first, last) for m in line.peers]
    parts.append("</svg>")
    return "".join(parts)


def _mark(draw: Callable[[float, float], str], mark: Mark, first: dt.date, last: dt.date) -> str:
    return draw(_x(mark.day, first, last), y(mark.value))


def legend(manager: bool, peers: bool) -> str:
    """What each mark is, in the marks' own shapes: only those the charts hold."""
    parts = ['<span class="k-self">○━●</span> my score, week by week, from the start to now']
    if manager:
        parts.append('<span class="k-manager">■</span> my manager\'s rating')
    if peers:
        parts.append('<span class="k-peer">△</span> a peer\'s reply')
    parts.append('<span class="k-target">┅</span> target')
    return " · ".join(parts)


# The legend's marks in the charts' colours, for the page's style sheet.
KEY_STYLE = (
    f".k-self {{ color: {SELF}; }} .k-manager {{ color: {MANAGER}; }} "
    f".k-peer {{ color: {PEER}; }} .k-target {{ color: {TARGET}; }}"
)
