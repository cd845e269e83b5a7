"""Practice drills: answer-first replies and working-backwards drafts.

The rules are pure functions of the text (no Textual, no files), so the same
text always gets the same feedback and every rule has its own tests:

* `answer_first.answer_first_feedback(card, reply, word_lists)`,
* `working_backwards.working_backwards_feedback(draft, word_lists)`.

`drafts` keeps working-backwards drafts as Markdown files, `attempts` turns an
attempt into a `drill` event and sums attempts up into a trend. docs/drills.md
describes every rule and how the score is counted.
"""

from __future__ import annotations

from pmcoach.drills.answer_first import answer_first_feedback
from pmcoach.drills.feedback import DraftFeedback, Feedback, RuleResult, Span
from pmcoach.drills.working_backwards import Draft, working_backwards_feedback

__all__ = [
    "Draft",
    "DraftFeedback",
    "Feedback",
    "RuleResult",
    "Span",
    "answer_first_feedback",
    "working_backwards_feedback",
]
