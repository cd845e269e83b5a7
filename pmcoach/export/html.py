"""The one-page report as a single HTML file: to open, to mail, to print.

Self-contained on purpose: inline CSS, an inline SVG chart per skill, no
script, no font or image from the network, so it looks the same offline, in a
mail client's preview and on paper (A4 or Letter; `@page` leaves the size to
the printer). User and rubric text is escaped with `html.escape` after control
characters are removed; the charts are drawn from numbers only.
"""

from __future__ import annotations

import html

from pmcoach.export import ExportData
from pmcoach.export.report import build_report
from pmcoach.export.report_model import Counted, Report, SkillLine
from pmcoach.export.report_words import (
    NO_TOPICS,
    SCALE_NOTE,
    day_label,
    headline,
    left_out_line,
    manager_heading,
    manager_line,
    meta_line,
    more_line,
    say_do_line,
)
from pmcoach.text import figures
from pmcoach.text.sanitize import one_line

CHART_WIDTH = 150
CHART_HEIGHT = 20
CHART_PAD = 3

STYLE = """
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; background: #f4f4f1; color: #1d1d1b;
  font: 10.5pt/1.4 -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 800px; margin: 24px auto; padding: 28px 32px; background: #fff;
  border: 1px solid #ddd; }
h1 { font-size: 17pt; margin: 0 0 2px; }
h2 { font-size: 11.5pt; margin: 14px 0 4px; padding-bottom: 2px; border-bottom: 1px solid #ccc; }
p, ul { margin: 3px 0; }
ul { padding-left: 18px; }
li { margin: 1px 0; overflow-wrap: anywhere; }
.meta, .note { color: #555; font-size: 9pt; }
table { width: 100%; border-collapse: collapse; font-variant-numeric: tabular-nums; }
th, td { padding: 2px 6px; border-bottom: 1px solid #e4e4e0; text-align: right;
  vertical-align: middle; }
th { font-size: 8.5pt; color: #555; font-weight: 600; }
th:first-child, td:first-child { text-align: left; overflow-wrap: anywhere; }
td.chart { padding: 0 4px; width: 158px; }
svg { display: block; }
.up { color: #1a7f37; } .down { color: #b42318; }
.grid { display: grid; grid-template-columns: 1fr 1fr; gap: 0 24px; }
section { break-inside: avoid; }
.when { color: #555; white-space: nowrap; }
@page { margin: 12mm; }
@media print {
  body { background: #fff; font-size: 8.8pt; line-height: 1.28; }
  main { margin: 0; padding: 0; border: 0; max-width: none; }
  h1 { font-size: 15pt; }
  h2 { margin-top: 9px; }
  th, td { padding: 1px 6px; }
  a { color: inherit; text-decoration: none; }
}
"""


def esc(text: str) -> str:
    return html.escape(one_line(text), quote=True)


def _y(score: float) -> float:
    span = CHART_HEIGHT - 2 * CHART_PAD
    return round(CHART_PAD + (5.0 - min(max(score, 1.0), 5.0)) / 4.0 * span, 1)


def chart(line: SkillLine) -> str:
    """The trend as a line on the fixed 1–5 scale with the target dashed across it."""
    points = line.trend
    step = (CHART_WIDTH - 2 * CHART_PAD) / max(len(points) - 1, 1)
    runs: list[list[str]] = [[]]
    last: tuple[float, float] | None = None
    for index, value in enumerate(points):
        if value is None:
            runs.append([])
            continue
        x, y = round(CHART_PAD + index * step, 1), _y(value)
        runs[-1].append(f"{x},{y}")
        last = (x, y)
    start, now = figures.score(line.start), figures.score(line.now)
    label = f"{line.title}: {start} to {now}, target {line.target}"
    parts = [
        f'<svg width="{CHART_WIDTH}" height="{CHART_HEIGHT}" '
        f'viewBox="0 0 {CHART_WIDTH} {CHART_HEIGHT}" role="img" aria-label="{esc(label)}">',
        f"<title>{esc(label)}</title>",
        f'<line x1="0" x2="{CHART_WIDTH}" y1="{_y(line.target)}" y2="{_y(line.target)}" '
        'stroke="#999" stroke-width="1" stroke-dasharray="3 3"/>',
    ]
    for run in runs:
        if len(run) > 1:
            parts.append(
                f'<polyline points="{" ".join(run)}" fill="none" stroke="#2f5aa8" '
                'stroke-width="1.6" stroke-linejoin="round"/>'
            )
    if last is not None:
        parts.append(f'<circle cx="{last[0]}" cy="{last[1]}" r="2.4" fill="#2f5aa8"/>')
    parts.append("</svg>")
    return "".join(parts)


def _skills(report: Report) -> list[str]:
    with_manager = report.manager_day is not None
    head = ["Skill", "Start", "Now", "Change", "Trend", "Target", "Gap"]
    if with_manager:
        head.append(manager_heading(report))
    out = ["<table>", "<thead><tr>" + "".join(f"<th>{h}</th>" for h in head) + "</tr></thead>"]
    out.append("<tbody>")
    for line in report.skills:
        cells = [
            f"<td>{esc(line.title)}</td>",
            f"<td>{figures.score(line.start)}</td>",
            f"<td>{figures.score(line.now)}</td>",
            f'<td class="{figures.direction(line.change)}">{figures.change(line.change)}</td>',
            f'<td class="chart">{chart(line)}</td>',
            f"<td>{line.target}</td>",
            f"<td>{figures.gap(line.gap)}</td>",
        ]
        if with_manager:
            manager = figures.NO_VALUE if line.manager is None else str(line.manager)
            cells.append(f"<td>{manager}</td>")
        out.append("<tr>" + "".join(cells) + "</tr>")
    out += ["</tbody>", "</table>"]
    return out


def _list(counted: Counted, what: str, empty: str) -> list[str]:
    if not counted.items:
        return [f"<p>{esc(empty)}</p>"]
    out = ["<ul>"]
    for item in counted.items:
        where = f" · {esc(item.skill)}" if item.skill else ""
        said = f": {esc(item.text)}" if item.text else ""
        out.append(
            f'<li><span class="when">{day_label(item.day)}{where}</span> · '
            f"{esc(item.label)}{said}</li>"
        )
    more = more_line(counted.more, what)
    if more:
        out.append(f'<li class="note">{esc(more)}</li>')
    out.append("</ul>")
    return out


def section(title: str, body: list[str]) -> list[str]:
    return ["<section>", f"<h2>{esc(title)}</h2>", *body, "</section>"]


def _standing(report: Report) -> list[str]:
    body: list[str] = []
    if report.strengths:
        body += ["<p><strong>Strengths</strong></p>", "<ul>"]
        body += [f"<li>{esc(s)}</li>" for s in report.strengths] + ["</ul>"]
    if report.growth:
        body += ["<p><strong>Growth areas</strong></p>", "<ul>"]
        body += [f"<li>{esc(g)}</li>" for g in report.growth] + ["</ul>"]
    if report.focus:
        body.append(f"<p><strong>Focus now:</strong> {esc(report.focus)}</p>")
    return body


def _commitments(report: Report) -> list[str]:
    body = [f"<p>{esc(say_do_line(report))}</p>"]
    if report.commitments:
        body.append("<ul>")
        for c in report.commitments:
            to = f" (to {esc(c.to)})" if c.to.strip() else ""
            body.append(
                f'<li><span class="when">due {day_label(c.due)}</span> · '
                f"{esc(c.text)}{to} · {esc(c.outcome)}</li>"
            )
        more = more_line(report.more_commitments, "commitments")
        if more:
            body.append(f'<li class="note">{esc(more)}</li>')
        body.append("</ul>")
    return body


def page_start(title: str, meta: str, style: str) -> list[str]:
    """The head of a page pmcoach writes, its title and the line under it: no script and
    no network, so that a page never fetches or runs anything when it is opened."""
    return [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; img-src data:\">",
        f"<title>{esc(title)}</title>",
        f"<style>{style}</style>",
        "</head>",
        "<body>",
        "<main>",
        f"<h1>{esc(title)}</h1>",
        f'<p class="meta">{esc(meta)}</p>',
    ]


def render_report(report: Report) -> str:
    out = page_start(headline(report), meta_line(report), STYLE)
    out += section("Skills", [*_skills(report), f'<p class="note">{esc(SCALE_NOTE)}</p>'])
    out.append('<div class="grid">')
    out += section("Where I stand", _standing(report))
    out += section("Commitments", _commitments(report))
    out += section(
        "Practice", _list(report.exercises, "exercises", "No exercises done in this period.")
    )
    out += section(
        "Evidence",
        _list(report.evidence, "items of evidence", "No notes, wins or grades shared."),
    )
    out.append("</div>")
    manager = manager_line(report)
    if manager:
        out += section("Self and manager", [f"<p>{esc(manager)}</p>"])
    out += section(
        "What I want to discuss",
        _list(report.discuss, "topics", NO_TOPICS),
    )
    left_out = left_out_line(report)
    if left_out:
        out.append(f'<p class="note">{esc(left_out)}</p>')
    out += ["</main>", "</body>", "</html>", ""]
    return "\n".join(out)


def render(data: ExportData) -> str:
    return render_report(build_report(data))
