"""The words of a request for feedback, to tell them from a peer's own in a reply.

A reply often carries the request back: quoted, forwarded, pasted whole, rewrapped by a
mail program, its indents lost. A line of it is the request's when its words are a run
of a question's text, an anchor's or another of the request's lines; a short run counts
only where the request's layout puts one (an indented, wrapped line; right under the
line it continues). Words are compared without case or punctuation.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

MIN_MATCH_WORDS = 3
"""A line is taken for part of the request's text from this many words on (or when it
is a whole line of it): "yes" alone is the peer's word, not a fragment of a question."""
LOOSE_MATCH = 0.8
"""A line of at least four different words, this share of them in a question's words, is the
question reworded by the mail program or with the person's name put in."""

_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Asked:
    """A question as the request worded it, to tell its lines from the peer's words."""

    text: str
    anchors: tuple[str, ...] = ()


def _words(text: str) -> str:
    return " ".join(_WORD.findall(text.casefold()))


class RequestWords:
    """The request's own words: each question's text and anchors, and its other lines."""

    def __init__(self, asked: Sequence[Asked], boilerplate: Sequence[str]) -> None:
        self.questions = [_words(a.text) for a in asked]
        self.anchors = [[_words(x) for x in a.anchors] for a in asked]
        self.labels = [b.strip() for b in boilerplate if b.strip().endswith(":")]
        self.other = [_words(b) for b in boilerplate if _words(b)]

    @staticmethod
    def _part(words: str, whole: str, *, least: int = MIN_MATCH_WORDS) -> bool:
        """`words` is `whole`, or a run of at least `least` of its words."""
        if not words or not whole:
            return False
        if words == whole:
            return True
        return len(words.split()) >= least and f" {words} " in f" {whole} "

    @staticmethod
    def _loose(words: str, whole: str) -> bool:
        """Most words of a long line are the question's: reworded, or a name put in."""
        found = set(words.split())  # "Kim Kim Kim Kim" is one word, not four
        if len(found) < MIN_MATCH_WORDS + 1 or not whole:
            return False
        known = set(whole.split())
        return len(found & known) >= LOOSE_MATCH * len(found)

    def question_exact(self, text: str, *, indented: bool = False) -> int | None:
        """The question `text` is a run of words of, exactly as printed, or None."""
        words = _words(text)
        least = 1 if indented else MIN_MATCH_WORDS
        for index, whole in enumerate(self.questions):
            if self._part(words, whole, least=least):
                return index
        return None

    def question_of(
        self, text: str, *, indented: bool = False, prefer: int | None = None
    ) -> int | None:
        """The question whose text `text` is part of, or None; `prefer`, the question
        just above, when it is one of those that fit."""
        words = _words(text)
        least = 1 if indented else MIN_MATCH_WORDS
        found = [
            index
            for index, whole in enumerate(self.questions)
            if self._part(words, whole, least=least) or self._loose(words, whole)
        ]
        if prefer in found:
            return prefer
        return found[0] if found else None

    def continues(self, text: str, question: int) -> bool:
        """A short line under a question, a run of its text or of an anchor's: the rest
        of a line wrapped after its indent was lost."""
        words = _words(text)
        wholes = [self.questions[question], *self.anchors[question]]
        return any(self._part(words, whole, least=1) for whole in wholes)

    def anchor_of(self, text: str, *, indented: bool = False) -> int | None:
        """The question one of whose anchors `text` is (or is part of), or None; with its
        level in front ("3 They gave a date...") too. Never loosely: a peer's comment
        naturally borrows an anchor's words."""
        words = _words(text)
        least = 1 if indented else MIN_MATCH_WORDS
        level = re.match(r"\s*([1-5])\s+(?=\S)", text)
        bare = _words(text[level.end() :]) if level else ""
        for index, anchors in enumerate(self.anchors):
            if any(self._part(words, whole, least=least) for whole in anchors):
                return index
            if level and len(anchors) >= int(level.group(1)):
                whole = anchors[int(level.group(1)) - 1]
                if self._part(bare, whole):
                    return index
        return None

    def other_of(self, text: str, after: frozenset[int]) -> frozenset[int]:
        """The request's other lines (and paragraphs) `text` is part of; a short run of
        words counts right under a line of the same one (`after`: those of the line
        above)."""
        words = _words(text)
        return frozenset(
            index
            for index, whole in enumerate(self.other)
            if self._part(words, whole, least=1 if index in after else MIN_MATCH_WORDS)
        )

    def label_rest(self, text: str) -> str | None:
        """What follows a reply-block label ("Anything else: thanks" -> "thanks")."""
        folded = text.casefold()
        for label in self.labels:
            if folded.startswith(label.casefold()):
                return text[len(label) :].strip()
        return None


_QUESTION_LINE = re.compile(r"^(\d{1,2})\. (\S.*)$")
_LEVEL_LINE = re.compile(r"^ {3}([1-9]) (\S.*)$")
_REPLY_SLOT = re.compile(r"^\d{1,2}:\s*$")


def layout(request: str, code_label: str) -> tuple[tuple[Asked, ...], tuple[str, ...]]:
    """A request's questions (as printed, wrapped lines joined) and its other lines, read
    from its text as a request lays it out: `N. text`, continued by lines indented three
    spaces; levels `   1 text`, continued by lines indented five. The other lines come
    one by one and joined into their paragraphs, so a reply rewrapped by a mail program is
    still known. The code's line and the reply block's `N:` slots are left out."""
    asked: list[tuple[str, list[str]]] = []
    other: list[str] = []
    paragraph: list[str] = []
    where = ""  # "question", "level" or "": what a continuation line continues
    for line in request.split("\n"):
        question = _QUESTION_LINE.match(line)
        level = _LEVEL_LINE.match(line)
        if question is not None:
            asked.append((question.group(2), []))
            where = "question"
        elif level is not None and asked and where:
            asked[-1][1].append(level.group(2))
            where = "level"
        elif line.startswith("   ") and line.strip() and asked and where:
            text, levels = asked[-1]
            if where == "level":
                levels[-1] += " " + line.strip()
            else:
                asked[-1] = (text + " " + line.strip(), levels)
        elif not line.strip() or _REPLY_SLOT.match(line) or line.startswith(code_label):
            where = ""
            if len(paragraph) > 1:
                other.append(" ".join(paragraph))
            paragraph = []
        else:
            where = ""
            other.append(line.strip())
            paragraph.append(line.strip())
    if len(paragraph) > 1:
        other.append(" ".join(paragraph))
    return tuple(Asked(text, tuple(levels)) for text, levels in asked), tuple(other)
