"""The words of a request for feedback: plain text to paste into chat or email.

No markup, lines of at most `WIDTH` columns, and a reply block a peer fills in without
reading instructions. `pmcoach feedback add` reads the reply, so the shape is a contract
(docs/data-format.md, "Event files", `peer-request`): each question a line `N. text`,
its levels indented by three spaces as `1 `..`5 `, the code after `CODE_LABEL`, and the
reply block `N:` lines. Nothing but the names, the questions and the code goes in: the
request leaves the machine, the data folder never does; and each of them goes in as one
line without control characters, whatever the file or the command line held.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Sequence

from pmcoach.domain.model import Question
from pmcoach.domain.peer_request import CODE_LABEL, PERSON
from pmcoach.text.sanitize import one_line

WIDTH = 72
"""A request's longest line: what mail clients and chat windows show without wrapping."""
QUESTION_INDENT = "   "
"""A question's continuation lines and its levels are indented by three spaces."""
LEVEL_INDENT = QUESTION_INDENT + "  "
"""A level's continuation lines, under its text."""
REPLY_HEADING = "Your reply:"
ANYTHING_ELSE = "Anything else:"

_COUNT_WORDS = {1: "One", 2: "Two", 3: "Three", 4: "Four", 5: "Five", 6: "Six"}
# A space before a word that starts with a digit: kept, so no wrapped line starts with
# one and looks like a level or an answer ("   3 months ago").
_BEFORE_DIGIT = re.compile(r" (?=\d)")
_GLUE = "\x00"


def named(prompt: str, who: str | None) -> str:
    """The observer prompt with the person's name at its first "them", "they" or
    "their" ("The last time you asked Alex 'when?'"); as written without a name."""
    if who is None:
        return prompt
    found = PERSON.search(prompt)
    if found is None:
        return prompt
    word = found.group(1).lower()
    name = f"{who}'s" if word == "their" else who
    return prompt[: found.start()] + name + prompt[found.end() :]


def _wrap(text: str, first: str, rest: str) -> list[str]:
    glued = _BEFORE_DIGIT.sub(_GLUE, text)
    lines = textwrap.wrap(
        glued,
        WIDTH,
        initial_indent=first,
        subsequent_indent=rest,
        break_on_hyphens=False,
    )
    return [line.replace(_GLUE, " ") for line in lines]


def _paragraph(text: str) -> list[str]:
    return _wrap(text, "", "")


def render(questions: Sequence[Question], code: str, who: str | None, to: str | None) -> str:
    """The request. `who` is the person asking and `to` the peer, both already one
    printable line each (`app.asking.clean_name`); None where not known."""
    count = _COUNT_WORDS.get(len(questions), str(len(questions)))
    plural = "s" if len(questions) != 1 else ""
    lines = [f"Hi {to}," if to else "Hi,", ""]
    intro = (
        "I'm working on how I show up as a product manager, and the people I work "
        "with see what I can't. I'd value your view: "
        f"{count.lower()} question{plural} about how you have seen me work lately, "
        "one number each. An honest low number helps me more than a kind high one."
    )
    if who is None:
        intro += ' In the questions, "they" is me.'
    lines += [*_paragraph(intro), ""]
    for number, question in enumerate(questions, start=1):
        observer = question.observer
        assert observer is not None  # only observer forms are asked (app.asking.forms)
        # A company's rubric is a file like any other: its words go out as one clean line
        # each, wherever the request is sent.
        prompt = one_line(named(observer.prompt, who))
        lines += _wrap(f"{number}. {prompt}", "", QUESTION_INDENT)
        for level, anchor in enumerate(observer.anchors, start=1):
            lines += _wrap(one_line(anchor), f"{QUESTION_INDENT}{level} ", LEVEL_INDENT)
        lines.append("")
    top = max((len(q.observer.anchors) for q in questions if q.observer), default=5)
    lines += _paragraph(
        f"Reply with one number per question (1-{top}), in order; leave one blank "
        "if you haven't seen it. Add a line if you like."
    )
    lines += ["", "Thank you,", who] if who else ["", "Thank you!"]
    lines += ["", f"{CODE_LABEL}: {code}", "", REPLY_HEADING]
    lines += [f"{number}:" for number in range(1, len(questions) + 1)]
    lines.append(ANYTHING_ELSE)
    return "\n".join(lines) + "\n"
