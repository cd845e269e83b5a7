"""Replies to a request for feedback, filled in the ways people fill them.

`request_text` lays a request out as the request text is defined (plain text, lines of at
most 72 columns, questions `N. text`, anchors indented by three spaces and `1 `..`5 `, the
request code, a reply block). Each function of `WAYS` takes that text, the intended
ratings (None: not answered) and the peer's note, and returns the reply as a person would
send it. `feedback add` must read every one back as the intended answers and note.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Sequence

from pmcoach.domain.request_words import Asked

WIDTH = 72
INTRO = (
    "I'm working on how I show up as a product manager and would value your view.",
    "{count} questions about how you have seen me work lately; one number each.",
)
INSTRUCTIONS = "Reply with one number per question (1-5), in order. Add a line if you like."
REPLY_LABEL = "Your reply:"
COUNT_WORDS = {3: "Three", 4: "Four", 5: "Five", 6: "Six"}
ELSE_LABEL = "Anything else:"

ASKED = (
    Asked(
        'The last time you asked them "when?" about something they owned, how did they reply?',
        (
            "They described the work and gave no date.",
            "They gave a date only after you pressed them for one.",
            "They gave a date, or said by when they would have one.",
            "They gave a date with how sure they were, and kept you posted.",
            "They answered with the date first, how sure they were, and what could move it, "
            "before you had to ask.",
        ),
    ),
    Asked(
        "In their last status update you read, where did the news stand?",
        (
            "There was no news to find, only activity.",
            "The news was there, buried under the activity.",
            "The news was in the middle, after the background.",
            "The news came first, with the numbers behind it.",
            "The news came first, with numbers, and the one decision needed from readers.",
        ),
    ),
    Asked(
        "When a plan of theirs slipped, how did you hear about it?",
        (
            "From someone else, after the date had passed.",
            "From them, after the date had passed.",
            "From them, on the day it slipped.",
            "From them, as soon as they saw it would slip, with a new date.",
            "From them, early, with a new date and what they were doing to hold it.",
        ),
    ),
    Asked(
        "How often did they say no to work that did not serve the goal?",
        (
            "Never; they took on whatever came.",
            "Rarely, and only when pushed.",
            "Sometimes, when the cost was obvious.",
            "Usually, with a reason tied to the goal.",
            "Always, with the reason and what they would do instead.",
        ),
    ),
)


def boilerplate(to: str = "Sam", count: int = len(ASKED)) -> tuple[str, ...]:
    """The request's lines that are neither a question nor an anchor."""
    return (
        f"Hi {to},",
        *(line.format(count=COUNT_WORDS[count]) for line in INTRO),
        INSTRUCTIONS,
        REPLY_LABEL,
        ELSE_LABEL,
    )


def request_text(asked: Sequence[Asked] = ASKED, code: str = "K7QF", to: str = "Sam") -> str:
    lines = [f"Hi {to},", ""]
    for line in INTRO:
        lines += textwrap.wrap(line.format(count=COUNT_WORDS[len(asked)]), WIDTH)
    lines.append("")
    for number, question in enumerate(asked, start=1):
        lines += textwrap.wrap(
            question.text, WIDTH, initial_indent=f"{number}. ", subsequent_indent="   "
        )
        for level, anchor in enumerate(question.anchors, start=1):
            lines += textwrap.wrap(
                anchor, WIDTH, initial_indent=f"   {level} ", subsequent_indent="     "
            )
        lines.append("")
    lines += textwrap.wrap(INSTRUCTIONS, WIDTH)
    lines += ["", f"Request code: {code}", "", REPLY_LABEL]
    lines += [f"{n}:" for n in range(1, len(asked) + 1)]
    lines.append(ELSE_LABEL)
    assert all(len(line) <= WIDTH for line in lines)
    return "\n".join(lines) + "\n"


Ratings = Sequence[int | None]
Way = Callable[[str, Ratings, str | None], str]


def _note_lines(note: str | None) -> list[str]:
    return note.split("\n") if note else []


def _question_blocks(request: str) -> list[list[str]]:
    """The request's question blocks (question and anchor lines), in order."""
    blocks: list[list[str]] = []
    for line in request.split("\n"):
        head = line.split(". ", 1)[0]
        if head.isdigit() and not line.startswith(" "):
            blocks.append([line])
        elif blocks and line.startswith("   ") and blocks[-1]:
            blocks[-1].append(line)
        elif blocks and not line.strip() and blocks[-1]:
            blocks[-1].append("")
    return [[x for x in block if x] for block in blocks]


def reply_block(request: str, ratings: Ratings, note: str | None) -> str:
    """The request pasted back with the reply block filled in."""
    head, _, _ = request.partition(REPLY_LABEL)
    lines = [head + REPLY_LABEL]
    lines += [f"{n}: {r}" if r is not None else f"{n}:" for n, r in enumerate(ratings, 1)]
    note_lines = _note_lines(note)
    lines.append(f"{ELSE_LABEL} {note_lines[0]}" if note_lines else ELSE_LABEL)
    lines += note_lines[1:]
    return "\n".join(lines) + "\n"


def bare_numbers(request: str, ratings: Ratings, note: str | None) -> str:
    """One number a line (only the first questions answered), the note below."""
    given = _prefix(ratings)
    return "\n".join([*(str(r) for r in given), "", *_note_lines(note)]) + "\n"


def after_each_question(request: str, ratings: Ratings, note: str | None) -> str:
    """The request pasted back, a number after each question's text."""
    out: list[str] = []
    blocks = _question_blocks(request)
    for number, block in enumerate(blocks):
        text = [x for x in block if not x.startswith("   ") or not x[3:4].isdigit()]
        question_lines = text[: _question_length(block)]
        rating = ratings[number]
        for index, line in enumerate(question_lines):
            last = index == len(question_lines) - 1
            out.append(f"{line} {rating}" if last and rating is not None else line)
        out.append("")
    return "\n".join([*out, *_note_lines(note)]) + "\n"


def _question_length(block: list[str]) -> int:
    """How many lines of a block are the question's text (before its first anchor)."""
    for index, line in enumerate(block):
        if index and line.startswith("   ") and line[3:4].isdigit():
            return index
    return len(block)


def partial_labelled(request: str, ratings: Ratings, note: str | None) -> str:
    """`N) rating` and `QN - rating` lines, unanswered questions left out."""
    lines = [
        f"{n}) {r}" if n % 2 else f"Q{n} - {r}" for n, r in enumerate(ratings, 1) if r is not None
    ]
    return "\n".join([*_note_lines(note), *lines]) + "\n"


def comments_between(request: str, ratings: Ratings, note: str | None) -> str:
    """The reply block, with the note's lines between the answers."""
    note_lines = _note_lines(note)
    lines: list[str] = []
    for n, r in enumerate(ratings, 1):
        lines.append(f"{n}: {r}" if r is not None else f"{n}:")
        if note_lines:
            lines.append(note_lines.pop(0))
    return "\n".join([*lines, *note_lines]) + "\n"


def windows_line_ends(request: str, ratings: Ratings, note: str | None) -> str:
    return reply_block(request, ratings, note).replace("\n", "\r\n")


def forwarded_quoted(request: str, ratings: Ratings, note: str | None) -> str:
    """A forwarded mail: headers, the reply on top, the request quoted below it."""
    top = [
        "---------- Forwarded message ---------",
        "From: Sam Lee <sam@example.com>",
        "Date: Mon, 7 Dec 2026 at 10:02",
        "Subject: Re: How do I come across?",
        "To: Alex <alex@example.com>",
        "",
        *(f"{n}: {r}" for n, r in enumerate(ratings, 1) if r is not None),
        "",
        *_note_lines(note),
        "",
        "On Fri, 4 Dec 2026 at 17:40, Alex <alex@example.com> wrote:",
    ]
    quoted = [f"> {line}" if line else ">" for line in request.rstrip("\n").split("\n")]
    return "\n".join(top + quoted) + "\n"


def inline_under_quotes(request: str, ratings: Ratings, note: str | None) -> str:
    """Replied inline: each quoted question, the number under it (or nothing)."""
    out = ["> Hi Sam,", ">"]
    for number, block in enumerate(_question_blocks(request)):
        out += [f"> {line}" for line in block]
        if ratings[number] is not None:
            out.append(str(ratings[number]))
        out.append("")
    return "\n".join([*out, *_note_lines(note)]) + "\n"


def whole_request_filled(request: str, ratings: Ratings, note: str | None) -> str:
    """The request pasted back unquoted with its anchors' indent lost, the block filled."""
    filled = reply_block(request, ratings, note)
    return "\n".join(line.lstrip(" ") for line in filled.split("\n"))


def one_line_pairs(request: str, ratings: Ratings, note: str | None) -> str:
    """`1: 4, 2: 3` on one line, the note first."""
    pairs = ", ".join(f"{n}: {r}" for n, r in enumerate(ratings, 1) if r is not None)
    return "\n".join([*_note_lines(note), pairs]) + "\n"


def _prefix(ratings: Ratings) -> list[int]:
    given: list[int] = []
    for r in ratings:
        if r is None:
            break
        given.append(r)
    return given


WAYS: dict[str, Way] = {
    "reply block": reply_block,
    "bare numbers": bare_numbers,
    "after each question": after_each_question,
    "labelled, partial": partial_labelled,
    "comments between answers": comments_between,
    "Windows line ends": windows_line_ends,
    "forwarded, request quoted": forwarded_quoted,
    "inline under quotes": inline_under_quotes,
    "whole request, indent lost": whole_request_filled,
    "pairs on one line": one_line_pairs,
}
# The ways that can leave a question in the middle unanswered (bare numbers answer the
# first questions, in order).
ANY_GAPS = frozenset(WAYS) - {"bare numbers"}


def intended(way: str, ratings: Ratings) -> tuple[int | None, ...]:
    """What the reply made this way says."""
    if way in ANY_GAPS:
        return tuple(ratings)
    given = _prefix(ratings)
    return tuple(given) + (None,) * (len(ratings) - len(given))
