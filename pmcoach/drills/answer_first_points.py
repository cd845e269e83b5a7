"""What the answer-first drill's rules are called and worth, and the limits they judge by.

docs/drills.md ("Answer-first") quotes every number here; the rules, the drill screen and
the tests read them from this one place. The helpers build a rule's result in the same
words whichever rule gives it.
"""

from __future__ import annotations

from collections.abc import Sequence

from pmcoach.domain.model import Expects, WordList
from pmcoach.drills.feedback import RuleResult
from pmcoach.text.sanitize import one_line

MAX_REPLY_CHARS = 5000
ANSWER_WINDOW = 25  # the answer must come within the first sentence's first 25 words
EXPLANATION_WORDS = 60
EXPLANATION_WORDS_HALF = 120
MIN_OPEN_WORDS = 3
PER_LISTED_WORD = 5
APPROXIMATE_POINTS = 20
BURIED_POINTS = 10

POINTS = {
    "answer-first": 40,
    "numbers": 30,
    "hedges": 10,
    "weasel-words": 10,
    "short-explanation": 10,
}
TITLES = {
    "answer-first": "Answer first",
    "numbers": "What was asked",
    "hedges": "Hedges",
    "weasel-words": "Weasel words",
    "short-explanation": "Short explanation",
}
# What each rule is for, in one line: shown in help and docs/drills.md.
WHY = {
    "answer-first": "The reader decides from the first sentence; the true answer belongs there.",
    "numbers": "The specifics the asker needs make an answer checkable: the day, the figure, "
    "how likely and why.",
    "hedges": "Hedges hide what you committed to; say how sure you are instead.",
    "weasel-words": "Weasel words sound like facts but give no size, time or source.",
    "short-explanation": "After the answer, the reason and the next step; the rest can wait.",
}
EXPECTS_WORDS: dict[Expects, str] = {
    "yes-no": "a yes or a no",
    "date": "a date",
    "number": "a number",
    "open": "a direct answer",
}


def quote(text: str, limit: int = 40) -> str:
    return f"“{one_line(text, limit)}”"


def list_words(lists: Sequence[WordList], kind: str) -> tuple[str, ...]:
    """Every word of the lists of one kind: the built-in list and the user's."""
    return tuple(word for w in lists if w.kind == kind for word in w.words)


def rule(name: str, points: int, explanation: str) -> RuleResult:
    most = POINTS[name]
    return RuleResult(name, TITLES[name], points == most, points, most, explanation)
