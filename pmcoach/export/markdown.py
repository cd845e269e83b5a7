"""The one-page report as Markdown, for pasting into a 1:1 doc.

Every piece of user or rubric text goes through `inline`: flattened to one line
and with each Markdown punctuation character backslash-escaped, so a note like
`| [click](javascript:…) # heading` stays a note and cannot add a table cell, a
link or a heading. The report's own structure is written only by this module.
"""

from __future__ import annotations

import re

from pmcoach.export import ExportData
from pmcoach.export.report import build_report
from pmcoach.export.report_model import Counted, Report
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

# CommonMark lets any ASCII punctuation be backslash-escaped; these are the ones that
# can start or end an inline construct (emphasis, code, link, autolink, HTML, entity,
# table cell, strikethrough) anywhere in a line.
_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&!#])")


def inline(text: str) -> str:
    return _SPECIAL.sub(r"\\\1", one_line(text))


def _items(counted: Counted, what: str) -> list[str]:
    lines = []
    for item in counted.items:
        where = f" · {inline(item.skill)}" if item.skill else ""
        said = f": {inline(item.text)}" if item.text else ""
        lines.append(f"- {day_label(item.day)}{where} · {inline(item.label)}{said}")
    more = more_line(counted.more, what)
    if more:
        lines.append(f"- {more}")
    return lines


def _skills_table(report: Report) -> list[str]:
    with_manager = report.manager_day is not None
    header = "| Skill | Start | Now | Change | Trend | Target | Gap |"
    rule = "|---|---:|---:|---:|---|---:|---:|"
    if with_manager:
        header += f" {manager_heading(report)} |"
        rule += "---:|"
    lines = [header, rule]
    for line in report.skills:
        row = (
            f"| {inline(line.title)} | {figures.score(line.start)} | {figures.score(line.now)} "
            f"| {figures.change(line.change)} | {line.blocks} | {line.target} "
            f"| {figures.gap(line.gap)} |"
        )
        if with_manager:
            row += f" {line.manager if line.manager is not None else figures.NO_VALUE} |"
        lines.append(row)
    return lines


def render_report(report: Report) -> str:
    out = [f"# {headline(report)}", "", inline(meta_line(report)), ""]
    out += ["## Skills", "", *_skills_table(report), "", f"_{inline(SCALE_NOTE)}_", ""]
    out += ["## Where I stand", ""]
    if report.strengths:
        out += ["**Strengths**", "", *(f"- {inline(s)}" for s in report.strengths), ""]
    if report.growth:
        out += ["**Growth areas**", "", *(f"- {inline(g)}" for g in report.growth), ""]
    if report.focus:
        out += [f"**Focus now:** {inline(report.focus)}", ""]
    out += ["## Practice", ""]
    out += _items(report.exercises, "exercises") or ["- No exercises done in this period."]
    out += ["", "## Commitments", "", inline(say_do_line(report)), ""]
    for commitment in report.commitments:
        to = f" (to {inline(commitment.to)})" if commitment.to.strip() else ""
        out.append(
            f"- due {day_label(commitment.due)} · {inline(commitment.text)}{to} · "
            f"{commitment.outcome}"
        )
    more = more_line(report.more_commitments, "commitments")
    if more:
        out.append(f"- {more}")
    if report.commitments:
        out.append("")
    out += ["## Evidence", ""]
    out += _items(report.evidence, "items of evidence") or ["- No notes, wins or grades shared."]
    out.append("")
    manager = manager_line(report)
    if manager:
        out += ["## Self and manager", "", inline(manager), ""]
    out += ["## What I want to discuss", ""]
    out += _items(report.discuss, "topics") or [f"- {NO_TOPICS}"]
    out.append("")
    left_out = left_out_line(report)
    if left_out:
        out += [f"_{inline(left_out)}_", ""]
    return "\n".join(out)


def render(data: ExportData) -> str:
    return render_report(build_report(data))
