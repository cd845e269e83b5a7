"""The 1:1 report as a single HTML file: to open, to mail, to print.

Self-contained on purpose: inline CSS, an inline SVG chart per skill (`html_chart`), no
script, no font or image from the network, so it looks the same offline, in a
mail client's preview and on paper (A4 or Letter; `@page` leaves the size to
the printer). Two pages: the first holds who, the skills, where I stand and the agenda,
what a manager reads before the 1:1; the second the practice, commitments and evidence.
User and rubric text is escaped with `html.escape` after control characters are
removed; the charts are drawn from numbers only.
"""

from __future__ import annotations

from pmcoach.export import ExportData, html_chart
from pmcoach.export.html_chart import esc as esc  # the page's one escape, the team page's too
from pmcoach.export.report import build_report
from pmcoach.export.report_model import Counted, Evidence, Levels, Report, SkillLine
from pmcoach.export.report_words import (
    CHART_NOTE,
    NO_TOPICS,
    SCALE_NOTE,
    day_label,
    headline,
    left_out_line,
    level_lines,
    manager_cell,
    manager_heading,
    manager_line,
    meta_line,
    more_commitments_line,
    more_line,
    outcome_word,
    peers_cell,
    peers_note,
    say_do_line,
)
from pmcoach.text import figures

STYLE = (
    """
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; background: #f4f4f1; color: #1d1d1b;
  font: 10.5pt/1.4 -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 800px; margin: 24px auto; padding: 28px 32px; background: #fff;
  border: 1px solid #ddd; }
h1 { font-size: 17pt; margin: 0 0 2px; }
h2 { font-size: 11.5pt; margin: 14px 0 4px; padding-bottom: 2px; border-bottom: 1px solid #ccc; }
h3 { font-size: inherit; margin: 4px 0 1px; }
p, ul { margin: 3px 0; }
ul { padding-left: 18px; }
li { margin: 1px 0; overflow-wrap: anywhere; }
.meta, .note { color: #555; font-size: 9pt; }
.who { color: #1d1d1b; font-size: 11pt; }
ul.levels { margin: 0 0 2px; padding-left: 14px; list-style: circle; color: #444;
  font-size: 8pt; line-height: 1.15; }
.focus { color: #555; white-space: nowrap; }
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(330px, 1fr));
  gap: 4px 16px; }
figure { margin: 0; break-inside: avoid; min-width: 0; }
figcaption { font-size: 7.6pt; line-height: 1.25; overflow-wrap: anywhere; }
.figs { color: #444; font-variant-numeric: tabular-nums; }
.fig { white-space: nowrap; }
.key { align-self: center; }
.key p { margin: 2px 0; font-size: 8pt; line-height: 1.25; }
svg { display: block; }
.up { color: #1a7f37; } .down { color: #b42318; }
.groups { display: grid; grid-template-columns: 1fr 1fr; gap: 0 24px; }
.groups > div { break-inside: avoid; min-width: 0; }
section { break-inside: avoid; }
.page-two { break-before: page; }
.when { color: #555; white-space: nowrap; }
@page { margin: 10mm; }
@media print {
  body { background: #fff; font-size: 8.6pt; line-height: 1.24; }
  main { margin: 0; padding: 0; border: 0; max-width: none; }
  h1 { font-size: 15pt; }
  h2 { margin-top: 7px; }
  a { color: inherit; text-decoration: none; }
}
"""
    + html_chart.KEY_STYLE
)


def _figures(report: Report, line: SkillLine) -> str:
    """A chart's caption: the skill's figures where a table would have columns, short
    enough for one line beside the name (`CHART_NOTE` says how it reads): start → now
    (change), target, gap, and the manager's and peers' figures where there are some."""
    change = figures.change(line.change)
    parts = [
        f"{figures.score(line.start)} → {figures.score(line.now)} "
        f'(<span class="{figures.direction(line.change)}">{change}</span>)',
        f"target {figures.target(line.target)}",
        f"gap {figures.gap(line.gap)}",
    ]
    if line.manager is not None:
        parts.append(f"{manager_heading(report).lower()} {manager_cell(line.manager)}")
    if line.peer_mean is not None:
        parts.append(f"peers {peers_cell(line.peer_mean, line.peer_count)}")
    # Each figure whole on its line: "peers 3.5" above a lone "(2)" reads as two numbers.
    return " · ".join(f'<span class="fig">{part}</span>' for part in parts)


def _skills(report: Report) -> list[str]:
    """One figure per skill: its name and figures over its chart, two to a row; the key
    and the manager's line in the cell the last row leaves free (or under the charts)."""
    out = ['<div class="charts">']
    for line in report.skills:
        focus = ' <span class="focus">◆ focus</span>' if line.focus else ""
        out.append(
            f"<figure><figcaption><strong>{esc(line.title)}</strong>{focus} "
            f'<span class="figs">{_figures(report, line)}</span></figcaption>'
            f"{html_chart.chart(line, report.first_day, report.last_day)}</figure>"
        )
    manager = any(line.managers for line in report.skills)
    peers = any(line.peers for line in report.skills)
    out.append('<div class="key">')
    out.append(f'<p class="note">{html_chart.legend(manager, peers)}. {esc(CHART_NOTE)}</p>')
    manager_said = manager_line(report)
    if manager_said:
        out.append(f'<p class="note">{esc(manager_said)}</p>')
    out += ["</div>", "</div>"]
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


def _levels(levels: Levels | None) -> list[str]:
    if levels is None:
        return []
    words = "".join(f"<li>{esc(text)}</li>" for text in level_lines(levels))
    return [f'<ul class="levels">{words}</ul>'] if words else []


def _standing(report: Report) -> list[str]:
    body: list[str] = []
    if report.strengths:
        body += ["<h3>Strengths</h3>", "<ul>"]
        body += [f"<li>{esc(s)}</li>" for s in report.strengths] + ["</ul>"]
    if report.growth:
        body += ["<h3>Growth areas</h3>", "<ul>"]
        for area in report.growth:
            body.append(f"<li>{esc(area.text)}{''.join(_levels(area.levels))}</li>")
        body.append("</ul>")
    if report.focus:
        body.append(f"<p><strong>Focus now:</strong> {esc(report.focus)}</p>")
        body += _levels(report.focus_levels)
    return body


def _commitments(report: Report) -> list[str]:
    body = [f"<p>{esc(say_do_line(report))}</p>"]
    if report.commitments:
        body.append("<ul>")
        for c in report.commitments:
            to = f" (to {esc(c.to)})" if c.to.strip() else ""
            body.append(
                f'<li><span class="when">due {day_label(c.due)}</span> · '
                f"{esc(c.text)}{to} · <strong>{esc(outcome_word(c.outcome, c.renegotiated))}"
                "</strong></li>"
            )
        more = more_commitments_line(report)
        if more:
            body.append(f'<li class="note">{esc(more)}</li>')
        body.append("</ul>")
    return body


def _evidence(evidence: Evidence) -> list[str]:
    if not evidence.groups:
        return [f"<p>{esc('No notes, wins or grades shared.')}</p>"]
    out = ['<div class="groups">']
    for group in evidence.groups:
        out += [f"<div><h3>{esc(group.skill or 'Other')}</h3>", "<ul>"]
        for item in group.items:
            said = f": {esc(item.text)}" if item.text else ""
            when = f'<span class="when">{day_label(item.day)}</span>'
            out.append(f"<li>{when} · {esc(item.label)}{said}</li>")
        more = more_line(group.more, "items", "item")
        if more:
            out.append(f'<li class="note">{esc(more)}</li>')
        out += ["</ul>", "</div>"]
    out.append("</div>")
    return out


def page_start(title: str, meta: str, style: str, who: str | None = None) -> list[str]:
    """The head of a page pmcoach writes, its title and the line under it (after whose
    page it is, in bold): no script and no network, so that a page never fetches or runs
    anything when it is opened."""
    named = f'<strong class="who">{esc(who)}</strong> · ' if who else ""
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
        f'<p class="meta">{named}{esc(meta)}</p>',
    ]


def render_report(report: Report) -> str:
    out = page_start(headline(report), meta_line(report), STYLE, report.name)
    out += section("Skills", _skills(report))
    out += section("Where I stand", _standing(report))
    out += section(
        "What I want to discuss",
        _list(report.discuss, "topics", NO_TOPICS),
    )
    # Page two: what backs the first page up.
    out.append('<div class="page-two">')
    out += section(
        "Practice", _list(report.exercises, "exercises", "No exercises done in this period.")
    )
    out += section("Commitments", _commitments(report))
    out += section("Evidence", _evidence(report.evidence))
    # How the figures are computed: a footnote, so page one keeps its room for them.
    notes = [SCALE_NOTE, peers_note(report), left_out_line(report)]
    out += [f'<p class="note">{esc(note)}</p>' for note in notes if note]
    out += ["</div>", "</main>", "</body>", "</html>", ""]
    return "\n".join(out)


def render(data: ExportData) -> str:
    return render_report(build_report(data))
