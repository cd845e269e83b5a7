"""The team page as Markdown, for a manager's notes or a wiki page.

Every name, file name and rubric text goes through `markdown.inline`, the
report's escaping: a person named `| [x](javascript:…)` stays a name and cannot add
a table cell, a link or a heading. The figures and sentences come from
`pmcoach.export.team`, shared with the HTML page.
"""

from __future__ import annotations

from pmcoach.export.markdown import inline
from pmcoach.export.report_words import say_do_line
from pmcoach.export.team import Team
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


def _table(team: Team) -> list[str]:
    if not team.skills:
        return ["No skill is shared by every export, so there is nothing to set side by side."]
    head = "| Skill | " + " | ".join(inline(p.name) for p in team.people) + " |"
    rule = "|---|" + "---:|" * len(team.people)
    lines = [head, rule]
    for index, (_skill, title) in enumerate(team.skills):
        cells = " | ".join(cell_text(p.cells[index]) for p in team.people)
        lines.append(f"| {inline(title)} | {cells} |")
    return [*lines, "", f"_{inline(SCALE_NOTE)}_"]


def render_team(team: Team) -> str:
    out = [f"# {inline(headline(team))}", "", inline(meta_line(team)), ""]
    out += ["## Skills", "", *_table(team), ""]
    out += ["## People", ""]
    for person in team.people:
        out += [f"### {inline(person.name)}", ""]
        out.append(f"- {inline(exported_line(person))} · file {inline(person.file)}")
        out.append(f"- {inline(focus_line(person))}")
        out.append(f"- {inline(say_do_line(person.report))}")
        out.append(f"- {inline(manager_text(person))}")
        out.append("")
    out += ["## Where the team could grow", "", inline(weakest_line(team)), ""]
    suggestion = exercise_line(team)
    if suggestion:
        out += [inline(suggestion), ""]
    if team.notes:
        out += ["## About this comparison", ""]
        out += [f"- {inline(note)}" for note in team.notes]
        out.append("")
    return "\n".join(out)
