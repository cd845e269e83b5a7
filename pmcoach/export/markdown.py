"""The 1:1 report as Markdown, for pasting into a 1:1 doc.

Every piece of user or rubric text goes through `inline`: flattened to one line
and with each Markdown punctuation character backslash-escaped, so a note like
`| [click](javascript:…) # heading` stays a note and cannot add a table cell, a
link or a heading. The report's own structure is written only by this module.
"""

from __future__ import annotations

import re

from pmcoach.export import ExportData
from pmcoach.export.report import build_report
from pmcoach.export.report_model import Counted, Evidence, Levels, Report
from pmcoach.export.report_words import (
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


def _evidence(evidence: Evidence) -> list[str]:
    if not evidence.groups:
        return ["- No notes, wins or grades shared."]
    lines = []
    for group in evidence.groups:
        lines += [f"**{inline(group.skill or 'Other')}**", ""]
        for item in group.items:
            said = f": {inline(item.text)}" if item.text else ""
            lines.append(f"- {day_label(item.day)} · {inline(item.label)}{said}")
        more = more_line(group.more, "items", "item")
        if more:
            lines.append(f"- {more}")
        lines.append("")
    return lines[:-1]


def _skills_table(report: Report) -> list[str]:
    with_manager = report.manager_day is not None
    with_peers = report.peer_replies > 0
    header = "| Skill | Start | Now | Change | Trend | Target | Gap |"
    rule = "|---|---:|---:|---:|---|---:|---:|"
    if with_manager:
        header += f" {manager_heading(report)} |"
        rule += "---:|"
    if with_peers:
        header += " Peers |"
        rule += "---:|"
    lines = [header, rule]
    for line in report.skills:
        row = (
            f"| {inline(line.title)} | {figures.score(line.start)} | {figures.score(line.now)} "
            f"| {figures.change(line.change)} | {line.blocks} | {figures.target(line.target)} "
            f"| {figures.gap(line.gap)} |"
        )
        if with_manager:
            row += f" {manager_cell(line.manager)} |"
        if with_peers:
            row += f" {peers_cell(line.peer_mean, line.peer_count)} |"
        lines.append(row)
    return lines


def _levels(levels: Levels | None) -> list[str]:
    return [f"  - {inline(text)}" for text in level_lines(levels)] if levels else []


def _standing(report: Report) -> list[str]:
    out = []
    if report.strengths:
        out += ["**Strengths**", "", *(f"- {inline(s)}" for s in report.strengths), ""]
    if report.growth:
        out += ["**Growth areas**", ""]
        for area in report.growth:
            out += [f"- {inline(area.text)}", *_levels(area.levels)]
        out.append("")
    if report.focus:
        out += [f"**Focus now:** {inline(report.focus)}", *_levels(report.focus_levels), ""]
    return out


def _commitments(report: Report) -> list[str]:
    out = [inline(say_do_line(report)), ""]
    for commitment in report.commitments:
        to = f" (to {inline(commitment.to)})" if commitment.to.strip() else ""
        out.append(
            f"- due {day_label(commitment.due)} · {inline(commitment.text)}{to} · "
            f"{outcome_word(commitment.outcome, commitment.renegotiated)}"
        )
    more = more_commitments_line(report)
    if more:
        out.append(f"- {inline(more)}")
    if report.commitments:
        out.append("")
    return out


def render_report(report: Report) -> str:
    """Page one first (who, the skills, where I stand, the agenda), as in the HTML."""
    who = f"**{inline(report.name)}** · " if report.name else ""
    out = [f"# {inline(headline(report))}", "", who + inline(meta_line(report)), ""]
    out += ["## Skills", "", *_skills_table(report), "", f"_{inline(SCALE_NOTE)}_", ""]
    peers = peers_note(report)
    if peers:
        out += [f"_{inline(peers)}_", ""]
    manager = manager_line(report)
    if manager:
        out += [inline(manager), ""]
    out += ["## Where I stand", "", *_standing(report)]
    out += ["## What I want to discuss", ""]
    out += _items(report.discuss, "topics") or [f"- {NO_TOPICS}"]
    out += ["", "## Practice", ""]
    out += _items(report.exercises, "exercises") or ["- No exercises done in this period."]
    out += ["", "## Commitments", "", *_commitments(report)]
    out += ["## Evidence", "", *_evidence(report.evidence), ""]
    left_out = left_out_line(report)
    if left_out:
        out += [f"_{inline(left_out)}_", ""]
    return "\n".join(out)


def render(data: ExportData) -> str:
    return render_report(build_report(data))
