"""Drill feedback as text: the score, each named rule with its reason, and the
writing with the words a rule flagged marked where they stand.

Everything the person wrote goes in as plain `Text` (never markup) after
`printable`, and every mark has a word in the legend, so the feedback reads the
same with NO_COLOR: reverse marks hedges and solution-first phrases, underline
marks weasel words and proposals, bold the answer sentence, bold italic an answer
buried in a later sentence.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text

from pmcoach.drills.feedback import RuleResult, Span
from pmcoach.text.sanitize import printable

STYLES = {
    "answer": "bold",
    "buried": "bold italic",
    "hedge": "reverse",
    "solution-first": "reverse",
    "weasel": "underline",
    "proposal": "underline",
}
LEGEND = "bold: your answer sentence · reverse: hedge · underline: weasel word"
BURIED_LEGEND = "bold italic: your answer, buried in a later sentence"
DRAFT_LEGEND = "reverse: what we have (pieces in the pantry) · underline: a solution or weasel word"


def marked(text: str, spans: Iterable[Span]) -> Text:
    """`text` (already printable: the spans index it) with each span styled in place."""
    out = Text(text)
    for span in spans:
        if 0 <= span.start < span.end <= len(text):
            out.stylize(STYLES.get(span.kind, "reverse"), span.start, span.end)
    return out


def legend(spans: Iterable[Span]) -> str:
    """The legend for a reply's marks: a buried answer's mark is named only when shown."""
    if any(span.kind == "buried" for span in spans):
        return f"{LEGEND}\n{BURIED_LEGEND}"
    return LEGEND


def score_line(score: int) -> Text:
    return Text.assemble(("Score ", "bold"), (f"{score}/100", "bold"))


def rule_lines(rules: Iterable[RuleResult]) -> Text:
    """One line a rule: ✓ or ✗, its name, its points, and what it found."""
    out = Text()
    for index, rule in enumerate(rules):
        if index:
            out.append("\n")
        mark = "✓" if rule.passed else "✗"
        out.append(f"{mark} {rule.title} {rule.points}/{rule.max_points}", style="bold")
        out.append(f"  {printable(rule.explanation)}")
    return out


def problem_text(message: str) -> Text:
    return Text(f"Not checked: {printable(message)}", style="bold")
