"""The self-review draft as one HTML file that prints on at most three A4 or Letter pages.

Self-contained like the report (`html.page_start`): inline CSS, no script, nothing
fetched. Every text from the data folder or the rubric goes through `html.esc`
(control characters removed, then escaped).
"""

from __future__ import annotations

from pmcoach.export import ExportData
from pmcoach.export.html import esc, page_start, section
from pmcoach.export.review import build_review
from pmcoach.export.review_model import (
    INTRO,
    NO_MOVE,
    NO_WORDS,
    OVERDUE,
    Dated,
    Review,
    SkillReview,
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

STYLE = """
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; background: #f4f4f1; color: #1d1d1b;
  font: 10.5pt/1.4 -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 800px; margin: 24px auto; padding: 28px 32px; background: #fff;
  border: 1px solid #ddd; }
h1 { font-size: 17pt; margin: 0 0 2px; }
h2 { font-size: 12pt; margin: 14px 0 4px; padding-bottom: 2px; border-bottom: 1px solid #ccc; }
h3 { font-size: 10.5pt; margin: 8px 0 2px; }
p, ul { margin: 2px 0; }
ul { padding-left: 18px; }
li { margin: 1px 0; overflow-wrap: anywhere; }
.meta, .note { color: #555; font-size: 9pt; }
.levels { color: #333; }
table { width: 100%; border-collapse: collapse; font-variant-numeric: tabular-nums; }
th, td { padding: 2px 6px; border-bottom: 1px solid #e4e4e0; text-align: right; }
th { font-size: 8.5pt; color: #555; font-weight: 600; }
th:first-child, td:first-child { text-align: left; overflow-wrap: anywhere; }
.up { color: #1a7f37; } .down { color: #b42318; }
.skill { break-inside: avoid; }
.when { color: #555; white-space: nowrap; }
@page { margin: 12mm; }
@media print {
  body { background: #fff; font-size: 8.6pt; line-height: 1.25; }
  main { margin: 0; padding: 0; border: 0; max-width: none; }
  h1 { font-size: 14pt; }
  h2 { margin-top: 8px; font-size: 10.5pt; }
  h3 { margin-top: 5px; font-size: 9pt; }
  th, td { padding: 1px 6px; }
}
"""


def _dated(items: tuple[Dated, ...], due: bool = False) -> list[str]:
    out = []
    for item in items:
        when = f"due {short_day(item.day)}" if due else short_day(item.day)
        said = f": {esc(item.text)}" if item.text else ""
        out.append(f'<li><span class="when">{when}</span> · {esc(item.label)}{said}</li>')
    return out


def _more(count: int, what: str) -> list[str]:
    line = more_line(count, what)
    return [f'<li class="note">{esc(line)}</li>'] if line else []


def _list(lines: list[str], empty: str | None = None) -> list[str]:
    if not lines:
        return [f"<p>{esc(empty)}</p>"] if empty else []
    return ["<ul>", *lines, "</ul>"]


def _table(review: Review) -> list[str]:
    head = "".join(f"<th>{h}</th>" for h in ("Skill", "Start", "Now", "Change", "Target", "Gap"))
    out = ["<table>", f"<thead><tr>{head}</tr></thead>", "<tbody>"]
    for skill in review.skills:
        start = skill.start.score if skill.start else None
        now = skill.now.score if skill.now else None
        out.append(
            f"<tr><td>{esc(skill.title)}</td><td>{figures.score(start)}</td>"
            f"<td>{figures.score(now)}</td>"
            f'<td class="{figures.direction(skill.change)}">{figures.change(skill.change)}</td>'
            f"<td>{figures.target(skill.target)}</td><td>{figures.gap(skill.gap)}</td></tr>"
        )
    return [*out, "</tbody>", "</table>"]


def _skill(skill: SkillReview) -> list[str]:
    levels = [
        f"<li><strong>{esc(label)}:</strong> {esc(words)}</li>"
        for label, words in level_lines(skill)
    ]
    body = [f'<div class="skill"><h3>{esc(skill.title)}</h3>', f"<p>{esc(standing(skill))}</p>"]
    return [*body, *(['<ul class="levels">', *levels, "</ul>"] if levels else []), "</div>"]


def _evidence(review: Review) -> list[str]:
    out: list[str] = []
    for skill in review.skills:
        if skill.evidence or skill.more_evidence:
            out.append(f"<h3>{esc(skill.title)}</h3>")
            out += _list(_dated(skill.evidence) + _more(skill.more_evidence, "items of evidence"))
    out.append("<h3>Exercises done</h3>")
    done = _dated(review.exercises) + _more(review.more_exercises, "exercises")
    out += _list(done, "No exercises done in this period.")
    if review.drills:
        out += ["<h3>Drills</h3>", *_list([f"<li>{esc(d)}</li>" for d in review.drills])]
    out += ["<h3>Commitments</h3>", f"<p>{esc(commitments_line(review))}</p>"]
    lines = _dated(review.missed, due=True) + _more(review.more_missed, "missed")
    lines += _dated(review.kept, due=True) + _more(review.more_kept, "kept")
    return out + _list(lines)


def _changes(review: Review) -> list[str]:
    if not review.moved:
        return [f"<p>{esc(NO_MOVE)}</p>"]
    out = ["<ul>"]
    for skill in review.moved:
        words = _dated(skill.why) or [f"<li>{esc(NO_WORDS)}</li>"]
        out += [f"<li>{esc(moved_line(skill))}", "<ul>", *words, "</ul>", "</li>"]
    return [*out, "</ul>"]


def _next(review: Review) -> list[str]:
    lines = []
    if review.focus:
        lines.append(f"<li><strong>Focus:</strong> {esc(review.focus)}</li>")
    lines += [f"<li>Exercise: {esc(e)}</li>" for e in review.current_exercises]
    for item in review.open_commitments:
        late = f" ({item.label})" if item.label == OVERDUE else ""
        when = f'<span class="when">due {short_day(item.day)}{late}</span>'
        lines.append(f"<li>Commitment, {when}: {esc(item.text)}</li>")
    return _list(lines, "Nothing set yet: the next check-in picks a focus and exercises.")


def render_review(review: Review) -> str:
    out = page_start(title(review), meta_line(review), STYLE)
    out.append(f'<p class="note">{esc(INTRO)}</p>')
    standing_body = _table(review) if review.skills else [f"<p>{esc(no_skills_line(review))}</p>"]
    for skill in review.skills:
        standing_body += _skill(skill)
    out += section("Where I started and where I stand", standing_body)
    out += ["<h2>Evidence</h2>", *_evidence(review)]
    out += section("What changed and why", _changes(review))
    out += section("What I will work on next", _next(review))
    left_out = left_out_line(review)
    if left_out:
        out.append(f'<p class="note">{esc(left_out)}</p>')
    out += ["</main>", "</body>", "</html>", ""]
    return "\n".join(out)


def render(data: ExportData) -> str:
    return render_review(build_review(data))
