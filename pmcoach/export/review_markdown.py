"""The self-review draft as plain Markdown sections, ready to paste into a review form.

Every text from the data folder or the rubric goes through `markdown.inline` (one line,
Markdown punctuation escaped), so a note cannot add a heading, a link or a table cell;
the structure is written only here.
"""

from __future__ import annotations

from pmcoach.export import ExportData
from pmcoach.export.markdown import inline
from pmcoach.export.review import build_review
from pmcoach.export.review_model import (
    INTRO,
    NO_MOVE,
    NO_WORDS,
    OVERDUE,
    Dated,
    Review,
    commitments_line,
    left_out_line,
    level_lines,
    meta_line,
    more_line,
    moved_line,
    no_skills_line,
    short_day,
    standing,
    title,
)
from pmcoach.text import figures


def _dated(items: tuple[Dated, ...], indent: str = "", due: bool = False) -> list[str]:
    lines = []
    for item in items:
        said = f": {inline(item.text)}" if item.text else ""
        when = f"due {short_day(item.day)}" if due else short_day(item.day)
        lines.append(f"{indent}- {when} · {inline(item.label)}{said}")
    return lines


def _more(count: int, what: str, indent: str = "") -> list[str]:
    line = more_line(count, what)
    return [f"{indent}- {line}"] if line else []


def _table(review: Review) -> list[str]:
    lines = ["| Skill | Start | Now | Change | Target | Gap |", "|---|---:|---:|---:|---:|---:|"]
    for skill in review.skills:
        start = skill.start.score if skill.start else None
        now = skill.now.score if skill.now else None
        lines.append(
            f"| {inline(skill.title)} | {figures.score(start)} | {figures.score(now)} "
            f"| {figures.change(skill.change)} | {figures.target(skill.target)} "
            f"| {figures.gap(skill.gap)} |"
        )
    return lines


def _standing(review: Review) -> list[str]:
    out = ["## Where I started and where I stand", ""]
    if not review.skills:
        return [*out, inline(no_skills_line(review)), ""]
    out += [*_table(review), ""]
    for skill in review.skills:
        out += [f"### {inline(skill.title)}", "", inline(standing(skill)), ""]
        levels = level_lines(skill)
        out += [f"- {label}: {inline(words)}" for label, words in levels]
        out += [""] if levels else []
    return out


def _evidence(review: Review) -> list[str]:
    out = ["## Evidence", ""]
    for skill in review.skills:
        if skill.evidence or skill.more_evidence:
            out += [f"### {inline(skill.title)}", ""]
            out += _dated(skill.evidence) + _more(skill.more_evidence, "items of evidence")
            out.append("")
    out += ["### Exercises done", ""]
    out += _dated(review.exercises) or ["- No exercises done in this period."]
    out += [*_more(review.more_exercises, "exercises"), ""]
    if review.drills:
        out += ["### Drills", "", *(f"- {inline(d)}" for d in review.drills), ""]
    out += ["### Commitments", "", inline(commitments_line(review))]
    commitments = _dated(review.missed, due=True) + _more(review.more_missed, "missed")
    commitments += _dated(review.kept, due=True) + _more(review.more_kept, "kept")
    out += ["", *commitments] if commitments else []
    return [*out, ""]


def _changes(review: Review) -> list[str]:
    out = ["## What changed and why", ""]
    if not review.moved:
        return [*out, inline(NO_MOVE), ""]
    for skill in review.moved:
        out.append(f"- {inline(moved_line(skill))}")
        out += _dated(skill.why, "  ") or [f"  - {inline(NO_WORDS)}"]
    return [*out, ""]


def _next(review: Review) -> list[str]:
    out = ["## What I will work on next", ""]
    if review.focus:
        out.append(f"- Focus: {inline(review.focus)}")
    for exercise in review.current_exercises:
        out.append(f"- Exercise: {inline(exercise)}")
    for item in review.open_commitments:
        late = f" ({item.label})" if item.label == OVERDUE else ""
        out.append(f"- Commitment, due {short_day(item.day)}{late}: {inline(item.text)}")
    if len(out) == 2:
        out.append("- Nothing set yet: the next check-in picks a focus and exercises.")
    return [*out, ""]


def render_review(review: Review) -> str:
    out = [f"# {inline(title(review))}", "", inline(meta_line(review)), "", f"_{inline(INTRO)}_"]
    out += ["", *_standing(review), *_evidence(review), *_changes(review), *_next(review)]
    left_out = left_out_line(review)
    if left_out:
        out += [f"_{inline(left_out)}_", ""]
    return "\n".join(out)


def render(data: ExportData) -> str:
    return render_review(build_review(data))
