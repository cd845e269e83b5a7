"""A peer's filled-in reply to a request for feedback, read as answers and a note.

A reply comes back through chat or email, and people do things to text: they fill the
reply block (`1: 4`), write bare numbers one a line, put a number after a question's text
or its number (`2) 3`, `Q3 - 5`), reply inline under the quoted request, forward the
whole mail, or paste it with Windows line ends. This module reads all of that as one
rating (or none) per question asked, and everything else the peer wrote as their note.
The rules are in docs/definitions.md ("Peers"); in short:

* a quoted line (`>`) is the request, never an answer (the request code may be read
  from it, and a quoted question tells which question a number below it answers);
* the request's own lines (a question's text, its anchors, the greeting, the labels of
  the reply block), wherever they stand, are never an answer and never the note, unless
  a number follows a question's text: then it answers that question;
* a bare number answers the question whose text stands just above it, else the first
  question not answered yet;
* a number out of 1-5, more numbers than questions, or two answers to one question is a
  `ReplyError` naming the line: nothing is guessed.

Pure: text in, answers out; what the request asked is given (`Asked`), so this module
knows no rubric, no file and no wording of the request.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from pmcoach.domain.model import MAX_RATING, MIN_RATING
from pmcoach.domain.peer_request import CODE_LABEL
from pmcoach.domain.request_words import Asked, RequestWords
from pmcoach.text.sanitize import one_line

MAX_LINE = 2000
"""A longer line is a comment, never an answer: nobody types a rating at its end."""
QUOTED_EXCERPT = 40
"""How much of a line an error shows."""

SIGNATURE = "--"
"""The line a mail signature starts after ("-- "): what follows is not the peer's note."""
NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5}
_NUMBER = r"(?<![\d.,])(\d{1,2}(?:[.,]\d+)?|one|two|three|four|five)(?![\d])"
_OUT_OF = r"(?:\s*/\s*5|\s+out\s+of\s+(?:5|five))?"
# A whole answer: "4", "4/5", "(4)", "**4**", "four.", "4 out of 5".
_RATING_ONLY = re.compile(rf"^[\[(*_]*{_NUMBER}{_OUT_OF}[\])*_]*\s*[.!]?$", re.I)
# A rating at the end of a line, after a question's text: "...how did they reply? 4".
_RATING_AT_END = re.compile(
    rf"(?:^|(?<=[\s:?!=(\[*\-–—]))[\[(*_]*{_NUMBER}{_OUT_OF}[\])*_]*\s*[.!]?$", re.I
)
# After a question's number, a rating, then the peer's words: "1: 4 - always a date".
_RATING_FIRST = re.compile(
    rf"^[\[(*_]*{_NUMBER}{_OUT_OF}[\])*_]*(?:\s*[-–—:,;]\s*|\s+)(?P<rest>\S.*)$", re.I
)
# Two levels for one answer, "4-5", "3 or 4": a peer torn between them, never one picked.
_LEVEL = r"([1-5]|one|two|three|four|five)"
_RANGE = rf"{_LEVEL}\s*(?:[-–—~]|\b(?:to|or)\b)\s*{_LEVEL}"
_RANGE_FIRST = re.compile(rf"^[\[(*_]*{_RANGE}(?![\d.]|\s*/)", re.I)
_RANGE_AT_END = re.compile(rf"(?:^|(?<=[\s:?!=(\[*]))[\[(*_]*{_RANGE}[\])*_]*\s*[.!]?$", re.I)
# "1: 4", "2) 3", "3. ...? 5", "Q3 - 5", "Question 2: 4", "#2 = 3".
_LABELLED = re.compile(
    r"^(?:(?:q|question)\s*#?\s*|#\s*)?(?P<n>\d{1,2})\s*[.):=\-–—]\s*(?P<rest>.*)$",
    re.I,
)
_LABELLED_Q = re.compile(r"^(?:q|question)\s*#?\s*(?P<n>\d{1,2})\s+(?P<rest>\S.*)$", re.I)
# Several answers on one line: "1: 4, 2: 3; 3: 5".
_PAIRS = re.compile(r"^(?:\s*(?:q\s*)?\d{1,2}\s*[:=)]\s*\d{1,2}\s*[,;]?)+\s*$", re.I)
_PAIR = re.compile(r"(?:q\s*)?(\d{1,2})\s*[:=)]\s*(\d{1,2})", re.I)
# Bare numbers on one line: "4 3 5 4", "4, 3, 5".
_NUMBERS = re.compile(r"^\d{1,2}(?:\s*[,;]\s*\d{1,2}|\s+\d{1,2})+\s*[.!]?$")
# An anchor line as a request prints it: indented, a level, its words.
_ANCHOR_LIKE = re.compile(r"^\s{2,}[1-5]\s+\S+\s+\S")
_QUOTE = re.compile(r"^(?:\s*>\s?)+")
_BULLET = re.compile(r"^[-*•]\s+(?=\S)")
_CODE = re.compile(rf"{re.escape(CODE_LABEL)}\s*[:#=]\s*(?P<code>[A-Za-z0-9-]+)", re.I)
_FORWARD = re.compile(
    r"^(?:-{2,}\s*(?:forwarded message|original message)\s*-*|begin forwarded message:?)$", re.I
)
_HEADER = re.compile(r"^(?:from|to|cc|bcc|date|sent|subject|reply-to)\s*:", re.I)
_WROTE = re.compile(r"^on\b.{0,200}\bwrote:$", re.I)
_SENT_FROM = re.compile(r"^sent from my\b", re.I)


@dataclass(frozen=True)
class Reply:
    """What a reply says: one rating or None per question asked, in the asked order."""

    ratings: tuple[int | None, ...]
    note: str | None  # the peer's own words, in the order written; None when there are none
    code: str | None  # the request code the reply carries (upper case), if any
    code_line: int | None  # where it stands, counted from 1
    lines: tuple[int | None, ...]  # the line each rating was read from, counted from 1

    @property
    def rated(self) -> int:
        return sum(1 for r in self.ratings if r is not None)


class ReplyError(ValueError):
    """A line that cannot be read as the peer meant it; nothing is guessed."""

    def __init__(self, line: int | None, text: str, message: str) -> None:
        self.line = line
        self.message = message
        shown = one_line(text, QUOTED_EXCERPT)
        where = f'line {line} ("{shown}"): ' if line is not None else ""
        super().__init__(where + message)


def _value(token: str, line: int, text: str) -> int:
    word = NUMBER_WORDS.get(token.casefold())
    if word is not None:
        return word
    if not token.isdigit():
        raise ReplyError(line, text, f"{token} is not a whole number from 1 to 5")
    value = int(token)
    if not MIN_RATING <= value <= MAX_RATING:
        raise ReplyError(line, text, f"{value} is not a rating from 1 to 5")
    return value


class _Reading:
    """The state of reading a reply, line by line."""

    def __init__(self, count: int) -> None:
        self.ratings: list[int | None] = [None] * count
        self.lines: list[int | None] = [None] * count
        self.note: list[str] = []
        self.code: str | None = None
        self.code_line: int | None = None
        self.current: int | None = None  # the question whose text stands just above
        self.other: frozenset[int] = frozenset()  # the request's other lines just above
        self.slot: int | None = None  # the reply block's empty slot just above ("2:")
        self.gap = False  # a blank line just above: no wrapped line continues across one

    def put(self, index: int, value: int, line: int, text: str) -> None:
        count = len(self.ratings)
        if not 0 <= index < count:
            raise ReplyError(
                line, text, f"question {index + 1}: the request asked {count} questions"
            )
        if self.ratings[index] is not None:
            raise ReplyError(
                line,
                text,
                f"a second answer to question {index + 1} (line {self.lines[index]} "
                "answered it already)",
            )
        self.ratings[index] = value
        self.lines[index] = line
        if self.current == index:
            self.current = None

    def put_bare(self, value: int, line: int, text: str) -> None:
        """A number on its own: the question just above it, else the first one open."""
        if self.current is not None and self.ratings[self.current] is None:
            self.put(self.current, value, line, text)
            return
        open_ = [i for i, r in enumerate(self.ratings) if r is None]
        if not open_:
            raise ReplyError(
                line, text, f"more numbers than questions (the request asked {len(self.ratings)})"
            )
        self.put(open_[0], value, line, text)


def parse(text: str, asked: Sequence[Asked], boilerplate: Sequence[str] = ()) -> Reply:
    """The answers and note of a reply to a request that asked `asked`, in order.

    `boilerplate` is the request's other lines (greeting, instructions, the labels of the
    reply block): they are never the note, and what follows a label ending in ":" is.
    Raises ReplyError naming the first line that cannot be read.
    """
    request = RequestWords(asked, boilerplate)
    reading = _Reading(len(asked))
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    in_headers = True  # a mail pasted whole starts with its headers
    in_signature = False  # after "-- ", up to the quoted mail or a forwarded one
    for number, raw in enumerate(text.split("\n"), start=1):
        stripped = raw.strip()
        if not stripped or stripped == ">":
            in_headers = False
            reading.gap = True
            continue
        if stripped == SIGNATURE:
            in_signature = True
            continue
        if in_signature and not (
            stripped.startswith(">") or _FORWARD.match(stripped) or _WROTE.match(stripped)
        ):
            continue
        in_signature = False
        code = _CODE.search(stripped) if len(stripped) <= MAX_LINE else None
        if code is not None:
            _take_code(reading, code.group("code"), number, stripped)
            reading.current = None
            continue
        if stripped.startswith(">"):
            gap = reading.gap
            reading.gap = False
            _quoted(reading, request, stripped, gap)
            continue
        if _FORWARD.match(stripped):
            in_headers = True
            reading.current = None
            continue
        if in_headers and _HEADER.match(stripped):
            continue
        in_headers = False
        if _WROTE.match(stripped) or _SENT_FROM.match(stripped):
            reading.current = None
            continue
        if len(stripped) > MAX_LINE:
            reading.note.append(stripped)
            reading.current = None
            continue
        _line(reading, request, raw, _BULLET.sub("", stripped), number)
        reading.gap = False
    note = "\n".join(reading.note).strip()
    return Reply(
        tuple(reading.ratings), note or None, reading.code, reading.code_line, tuple(reading.lines)
    )


def code_in(text: str) -> tuple[str | None, int | None]:
    """The first request code the reply names (upper case) and its line, or None, None:
    read before the reply itself, as its request says what the numbers answer."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    for number, line in enumerate(text.split("\n"), start=1):
        found = _CODE.search(line) if len(line) <= MAX_LINE else None
        if found is not None:
            return found.group("code").strip("-").upper(), number
    return None, None


def _take_code(reading: _Reading, code: str, line: int, text: str) -> None:
    code = code.strip("-").upper()
    if reading.code is not None and reading.code != code:
        raise ReplyError(
            line, text, f"a second request code ({code}; the reply named {reading.code} before)"
        )
    if reading.code is None:
        reading.code, reading.code_line = code, line


def _quoted(reading: _Reading, request: RequestWords, text: str, gap: bool) -> None:
    """A quoted line is never an answer; a quoted question says which one is next."""
    body = _QUOTE.sub("", text)
    inner = body.strip()
    if not inner:
        reading.gap = True  # "> >": a blank line of the quoted mail
        return
    if len(inner) > MAX_LINE:
        return
    labelled = _LABELLED.match(inner)
    indented = _indented(body)
    started = request.question_of(labelled["rest"]) if labelled else None
    if started is not None:
        reading.current = started  # "> 2. In their last status update..."
    elif not gap and reading.current is not None and request.continues(inner, reading.current):
        pass  # the rest of the question above, or of one of its anchors
    elif (question := request.question_of(inner, indented=indented)) is not None:
        reading.current = question
    elif request.anchor_of(inner, indented=indented) is None:
        reading.current = None


def _joined(reading: _Reading) -> int | None:
    """The question whose text (or anchor) the line above was, with no blank line
    between: a short line here may be the rest of it, wrapped. None otherwise."""
    return None if reading.gap else reading.current


def _indented(raw: str) -> bool:
    """Indented as a request's wrapped lines are (a peer's words rarely are)."""
    return len(raw) - len(raw.lstrip(" \t")) >= 3


def _line(reading: _Reading, request: RequestWords, raw: str, text: str, line: int) -> None:
    """One line of the peer's own text (not quoted, not a header)."""
    after, reading.other = reading.other, frozenset()
    slot, reading.slot = reading.slot, None
    rest_of_label = request.label_rest(text)
    if rest_of_label is not None:
        reading.current = None
        if rest_of_label:
            reading.note.append(rest_of_label)
        return
    only = _RATING_ONLY.match(text)
    if only is not None:
        value = _value(only.group(1), line, text)
        if slot is not None and reading.ratings[slot] is None:
            reading.put(slot, value, line, text)
        else:
            reading.put_bare(value, line, text)
        return
    if _NUMBERS.match(text):
        for token in re.findall(r"\d{1,2}", text):
            reading.put_bare(_value(token, line, text), line, text)
        return
    if _PAIRS.match(text) and len(_PAIR.findall(text)) > 1:
        for label, token in _PAIR.findall(text):
            reading.put(int(label) - 1, _value(token, line, text), line, text)
        return
    indented = _indented(raw)
    # An anchor as the request prints it ("   3 They gave a date") is never a rating.
    if _ANCHOR_LIKE.match(raw):
        if request.anchor_of(text, indented=True) is None:
            reading.current = None
            reading.note.append(text)  # indented like an anchor, but the peer's words
        return
    labelled = _LABELLED.match(text) or _LABELLED_Q.match(text)
    if labelled is not None:
        _labelled(reading, request, text, line, int(labelled["n"]) - 1, labelled["rest"])
        return
    current = reading.current
    if request.question_exact(text, indented=indented) is None:
        end = _RATING_AT_END.search(text)
        before = text[: end.start()].strip() if end is not None else ""
        question = None
        above = _joined(reading)
        if before and above is not None and request.continues(before, above):
            question = current  # "   reply? 4": the question above, wrapped
        elif before:
            question = request.question_of(before, indented=indented)
        if end is not None and question is not None:
            reading.put(question, _value(end.group(1), line, text), line, text)
            return
    if (above := _joined(reading)) is not None and request.continues(text, above):
        return  # the rest of the question above, or of one of its anchors
    question = request.question_of(text, indented=indented)
    if question is not None:
        reading.current = question  # a question's text, not answered on this line
        return
    if request.anchor_of(text, indented=indented) is not None:
        return
    reading.current = None
    reading.other = request.other_of(text, after)
    if not reading.other:
        reading.note.append(text)


def _labelled(
    reading: _Reading, request: RequestWords, text: str, line: int, index: int, rest: str
) -> None:
    """`N: ...`, `N. ...`, `N) ...`, `QN - ...`: question N, answered or not."""
    rest = rest.strip()
    if not rest:
        if 0 <= index < len(reading.ratings):
            reading.slot = index  # an empty slot: a number on the next line fills it
        return
    only = _RATING_ONLY.match(rest)
    if only is not None:
        reading.put(index, _value(only.group(1), line, text), line, text)
        return
    exact = request.question_exact(rest)
    if exact is not None:
        reading.current = exact  # the question as the request printed it, not answered
        return
    if request.anchor_of(rest) is not None:
        return
    end = _RATING_AT_END.search(rest)
    if end is not None:
        _one_level(_RANGE_AT_END.search(rest), index, line, text)
        reading.put(index, _value(end.group(1), line, text), line, text)
        before = rest[: end.start()].strip()
        if before and request.question_of(before) is None:
            reading.note.append(text)  # "1: mostly, 4": the words are the peer's
        return
    loose = request.question_of(rest)
    if loose is not None:
        reading.current = loose
        return
    first = _RATING_FIRST.match(rest)
    if first is not None:
        _one_level(_RANGE_FIRST.match(rest), index, line, text)
        reading.put(index, _value(first.group(1), line, text), line, text)
        reading.note.append(text)
        return
    reading.current = None
    reading.note.append(text)  # words about question N, without a number


def _one_level(two: re.Match[str] | None, index: int, line: int, text: str) -> None:
    """Refuse "4-5" or "3 or 4" as question N's answer: which one the peer meant is
    theirs to say, and reading the last number would quietly round them up."""
    if two is not None:
        raise ReplyError(
            line,
            text,
            f"two ratings for question {index + 1} ({two.group(1)} and {two.group(2)}): "
            "one number from 1 to 5, please",
        )
