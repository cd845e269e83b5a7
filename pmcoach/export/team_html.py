"""The team page as one HTML file that prints on a single landscape sheet.

Built like the report (pmcoach.export.html): inline CSS, no script, no
font or image from the network, a Content-Security-Policy that forbids both, and
every name, file name and rubric text escaped with its `esc` after control
characters are removed. The skills table is a heat map: each cell's tint follows
its score, and the score and its trend mark are written in the cell, so the page
reads the same in black and white.
"""

from __future__ import annotations

from pmcoach.export.html import esc, page_start, section
from pmcoach.export.report_words import say_do_line
from pmcoach.export.team import Cell, Person, Team
from pmcoach.export.team_text import (
    SCALE_NOTE,
    cell_text,
    exercise_line,
    exported_line,
    focus_line,
    headline,
    manager_text,
    meta_line,
    weakest_line,
)

# Tints for scores rounded down to 1–5: light enough for black text on any of them.
HEAT = ("#f6d5cf", "#f9e3c8", "#f6efc6", "#e1efcd", "#cfe8d2")

STYLE = """
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; background: #f4f4f1; color: #1d1d1b;
  font: 10pt/1.35 -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 1100px; margin: 24px auto; padding: 24px 28px; background: #fff;
  border: 1px solid #ddd; }
h1 { font-size: 16pt; margin: 0 0 2px; }
h2 { font-size: 11pt; margin: 12px 0 4px; padding-bottom: 2px; border-bottom: 1px solid #ccc; }
h3 { font-size: 10pt; margin: 0 0 2px; overflow-wrap: anywhere; }
p, ul { margin: 2px 0; }
ul { padding-left: 16px; }
li { margin: 1px 0; overflow-wrap: anywhere; }
.meta, .note { color: #555; font-size: 8.5pt; }
table { width: 100%; border-collapse: collapse; font-variant-numeric: tabular-nums;
  table-layout: fixed; }
th, td { padding: 2px 6px; border: 1px solid #fff; text-align: right; vertical-align: middle;
  overflow-wrap: anywhere; }
th { font-size: 8.5pt; color: #333; font-weight: 600; background: #eee; }
th:first-child, td:first-child { text-align: left; width: 22%; }
td.none { color: #777; background: #f1f1f1; }
.people { display: grid; grid-template-columns: repeat(auto-fill, minmax(210px, 1fr));
  gap: 6px 18px; }
.person { break-inside: avoid; font-size: 8.8pt; }
.person ul { padding-left: 14px; }
section { break-inside: avoid; }
HEAT
@page { size: A4 landscape; margin: 10mm; }
@media print {
  body { background: #fff; font-size: 8.5pt; line-height: 1.25; }
  main { margin: 0; padding: 0; border: 0; max-width: none; }
  h1 { font-size: 14pt; }
  h2 { margin-top: 7px; }
  th, td { padding: 1px 5px; }
  .people { grid-template-columns: repeat(auto-fill, minmax(165px, 1fr)); gap: 4px 12px; }
  .person { font-size: 7.6pt; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
""".replace(
    "HEAT", " ".join(f"td.s{band} {{ background: {tint}; }}" for band, tint in enumerate(HEAT, 1))
)


def _cell(cell: Cell) -> str:
    if cell.score is None:
        return f'<td class="none">{esc(cell_text(cell))}</td>'
    band = min(max(int(cell.score), 1), 5)
    return f'<td class="s{band}">{esc(cell_text(cell))}</td>'


def _table(team: Team) -> list[str]:
    if not team.skills:
        return [
            "<p>No skill is shared by every export, so there is nothing to set side by side.</p>"
        ]
    head = "".join(f"<th>{esc(p.name)}</th>" for p in team.people)
    out = ["<table>", f"<thead><tr><th>Skill</th>{head}</tr></thead>", "<tbody>"]
    for index, (_skill, title) in enumerate(team.skills):
        cells = "".join(_cell(p.cells[index]) for p in team.people)
        out.append(f"<tr><td>{esc(title)}</td>{cells}</tr>")
    out += ["</tbody>", "</table>", f'<p class="note">{esc(SCALE_NOTE)}</p>']
    return out


def _person(person: Person) -> list[str]:
    lines = [
        focus_line(person),
        say_do_line(person.report),
        manager_text(person),
    ]
    return [
        '<div class="person">',
        f"<h3>{esc(person.name)}</h3>",
        f'<p class="note">{esc(exported_line(person))} · file {esc(person.file)}</p>',
        "<ul>",
        *(f"<li>{esc(line)}</li>" for line in lines),
        "</ul>",
        "</div>",
    ]


def render_team(team: Team) -> str:
    out = page_start(headline(team), meta_line(team), STYLE)
    out += section("Skills", _table(team))
    people = ['<div class="people">']
    for person in team.people:
        people += _person(person)
    people.append("</div>")
    out += section("People", people)
    grow = [f"<p>{esc(weakest_line(team))}</p>"]
    suggestion = exercise_line(team)
    if suggestion:
        grow.append(f"<p>{esc(suggestion)}</p>")
    out += section("Where the team could grow", grow)
    if team.notes:
        notes = ["<ul>", *(f'<li class="note">{esc(n)}</li>' for n in team.notes), "</ul>"]
        out += section("About this comparison", notes)
    out += ["</main>", "</body>", "</html>", ""]
    return "\n".join(out)
