"""Reading a short piece of writing the way the drills' rules need it.

Sentences, the answer sentence, dates, numbers and listed words, each found by
a small regular expression that docs/drills.md spells out, so a person can
predict what the rules will see. Every function returns positions in the text
it was given, which is what lets the screens highlight a word where it stands.

Choices worth knowing:

* A sentence ends at `.`, `!`, `?` or `…` followed by a space or the end, and at
  every line break (chat replies often have no full stops). A full stop after a
  common abbreviation (e.g., vs., approx.) does not end one; "3.1%" has no
  space after its point, so it never does.
* The answer sentence is the first sentence once a greeting ("Hi Dana,") and a
  lead-in ("Short answer:", "So,") are set aside; a greeting on its own
  ("Hi Dana!") moves the answer to the next sentence.
* A date is *exact* (a day: 12 March, 2026-03-12, Friday, tomorrow; a time of
  today: by 3 pm, at 15:30, by noon) or
  *approximate* (a range: March, Q3, next week, end of the month, in two weeks).
  "May" is a month only next to a day number or after in/by/until/…, because it
  is also a word of doubt.
* A number is digits with an optional currency sign, thousands separators,
  decimals and a %/k/m/bn/x/pp suffix, standing on their own ("v2", "Q3", "1:1"
  are names, not figures), or a number word from "two" up ("one" is mostly a
  pronoun: "the one risk").
* Listed words (hedges, weasel words, solution-first phrases) match whole words
  in any case; a space in a phrase matches any run of spaces or line breaks,
  and a curly apostrophe matches a straight one.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

Strength = Literal["exact", "approximate"]

# --------------------------------------------------------------------------- words

WORD = re.compile(r"\w+(?:['’-]\w+)*")


def count_words(text: str) -> int:
    return sum(1 for _ in WORD.finditer(text))


def first_words_end(text: str, start: int, end: int, limit: int) -> int:
    """The position after the `limit`-th word of text[start:end] (or `end`)."""
    for index, match in enumerate(WORD.finditer(text, start, end), 1):
        if index == limit:
            return match.end()
    return end


# --------------------------------------------------------------------------- sentences

_ABBREVIATIONS = frozenset(
    {"e.g", "i.e", "eg", "ie", "vs", "etc", "approx", "mr", "mrs", "ms", "dr", "inc", "ltd", "cf"}
)
_END = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s|$)|\n")


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, blanks around it left out, empty ones skipped."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _END.finditer(text):
        if match.group() != "\n":
            before = text[start : match.start()].split()
            last = before[-1].lower().rstrip(".") if before else ""
            if last in _ABBREVIATIONS:
                continue
        _add_sentence(text, start, match.end(), spans)
        start = match.end()
    _add_sentence(text, start, len(text), spans)
    return spans


def _add_sentence(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    chunk = text[start:end]
    stripped = chunk.strip()
    if not stripped:
        return
    left = start + (len(chunk) - len(chunk.lstrip()))
    spans.append((left, left + len(stripped)))


_GREETING = re.compile(
    r"(?:hi|hey|hello|dear|good (?:morning|afternoon|evening))\b(?:[ \t]+[^\s,.!?:;—–-]+){0,3}"
    r"[ \t]*(?:[,.!?:;—–-]+\s*|$)",
    re.IGNORECASE,
)
_LEAD_IN = re.compile(
    r"(?:(?:the )?short answer|tl;?dr|bottom line|in short|answer|so|well|ok|okay|right)"
    r"\s*[:,—–-]+\s*",
    re.IGNORECASE,
)


def skip_opening(text: str, start: int, end: int) -> int:
    """Where a sentence's content begins: after a greeting and a lead-in, if any."""
    match = _GREETING.match(text, start, end)
    if match:
        start = match.end()
    match = _LEAD_IN.match(text, start, end)
    if match:
        start = match.end()
    return start


def answer_sentence(text: str) -> tuple[int, int, int] | None:
    """(start, end, index) of the sentence that should carry the answer.

    `start` is after any greeting and lead-in; `index` is the sentence's place
    in `sentences(text)`. A sentence that is only a greeting is passed over.
    """
    for index, (start, end) in enumerate(sentences(text)):
        content = skip_opening(text, start, end)
        if WORD.search(text, content, end):
            return content, end, index
    return None


# --------------------------------------------------------------------------- dates

_MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
_MONTHS_SHORT = "jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec"
_MONTH_ANY = rf"(?:{_MONTHS}|(?:{_MONTHS_SHORT})\.?)"
_MONTH_ALONE = _MONTHS.replace("may|", "")
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_WEEKDAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?"
_PERIOD = r"(?:week|month|quarter|year|sprint)"
_FEW = r"(?:\d+|a|one|two|three|four|five|six|seven|eight|nine|ten|a few|a couple of)"

_EXACT_DATES = (
    r"\d{4}-\d{2}-\d{2}",
    r"\d{1,2}/\d{1,2}(?:/\d{2,4})?",
    r"\d{1,2}\.\d{1,2}\.\d{2,4}",
    rf"{_DAY}\s+(?:of\s+)?{_MONTH_ANY}(?:,?\s+\d{{4}})?",
    rf"{_MONTH_ANY}\s+{_DAY}(?!\d)(?:,?\s+\d{{4}})?",
    _WEEKDAY,
    r"today|tonight|tomorrow|this (?:morning|afternoon|evening)",
    r"end of (?:the )?day|eod|cob",
    r"(?:by|at|before|until)\s+(?:\d{1,2}(?::\d{2})?\s?(?:am|pm)|\d{1,2}:\d{2}|noon|midday|midnight)",
)
_APPROXIMATE_DATES = (
    rf"(?:{_MONTH_ALONE})(?:\s+\d{{4}})?",
    r"(?:in|by|of|until|till|before|after|from|since|early|mid|late)\s+may(?:\s+\d{4})?",
    r"q[1-4](?:\s+\d{4})?",
    r"h[12](?:\s+\d{4})?",
    rf"(?:this|next|last|the coming|the following)\s+{_PERIOD}",
    rf"end of (?:the |this |next )?{_PERIOD}",
    r"eow|eom|eoq",
    rf"(?:in|within)\s+{_FEW}\s+(?:days?|weeks?|months?|sprints?)",
    r"(?:week|sprint)\s+\d{1,2}",
    r"(?:in|by|before|until|since|of)\s+(?:19|20)\d{2}",
)


def _alternation(patterns: Iterable[str]) -> re.Pattern[str]:
    return re.compile(
        r"(?<![\w/.-])(?:" + "|".join(f"(?:{p})" for p in patterns) + r")(?![\w/])",
        re.IGNORECASE,
    )


_EXACT = _alternation(_EXACT_DATES)
_APPROXIMATE = _alternation(_APPROXIMATE_DATES)


@dataclass(frozen=True)
class Found:
    """One date or number found in a text."""

    start: int
    end: int
    text: str
    strength: Strength = "exact"


def find_dates(text: str, start: int = 0, end: int | None = None) -> list[Found]:
    """Dates in text[start:end], exact ones first claimed; an approximate date inside
    an exact one ("March" in "12 March") is not counted again."""
    stop = len(text) if end is None else end
    found = [Found(m.start(), m.end(), m.group()) for m in _EXACT.finditer(text, start, stop)]
    for match in _APPROXIMATE.finditer(text, start, stop):
        if not any(f.start < match.end() and match.start() < f.end for f in found):
            found.append(Found(match.start(), match.end(), match.group(), "approximate"))
    return sorted(found, key=lambda f: (f.start, f.end))


# --------------------------------------------------------------------------- numbers

_NUMBER_WORDS = (
    "zero|none|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    "fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|"
    "eighty|ninety|hundreds?|thousands?|millions?|billions?|dozens?|half|twice|double|triple"
)
_NUMBER = re.compile(
    r"(?<![\w.,:/])(?:[$€£¥]\s?)?\d+(?:[.,]\d+)*(?:\s?(?:%|percent|per cent|pp|k|m|bn|x)\b|%)?"
    r"(?![\w/:]|[.,]\d)"
    rf"|\b(?:{_NUMBER_WORDS})\b",
    re.IGNORECASE,
)


def find_numbers(text: str, start: int = 0, end: int | None = None) -> list[Found]:
    stop = len(text) if end is None else end
    return [Found(m.start(), m.end(), m.group()) for m in _NUMBER.finditer(text, start, stop)]


def figures(text: str, start: int = 0, end: int | None = None) -> list[Found]:
    """Numbers that are not part of a date: a count, a share, an amount."""
    dates = find_dates(text, start, end)
    return [
        n
        for n in find_numbers(text, start, end)
        if not any(d.start <= n.start and n.end <= d.end for d in dates)
    ]


# --------------------------------------------------------------------------- names

_SENTENCE_START = frozenset(".!?:;\n“\"‘'([{«")
_NOT_NAMES = frozenset({"I", "I'm", "I'll", "I've", "I'd", "OK", "Ok"})


def names(text: str, start: int = 0, end: int | None = None) -> list[str]:
    """Capitalised words inside a sentence ("Maria at Northwind"): names of people,
    customers and products. A capital after a sentence's end, a colon or an opening
    quote is only a sentence's start; all-capital words (AI, CSV) are abbreviations."""
    stop = len(text) if end is None else end
    found: list[str] = []
    for match in WORD.finditer(text, start, stop):
        word = match.group()
        if not word[0].isupper() or word.isupper() or word in _NOT_NAMES:
            continue
        at = match.start() - 1
        while at >= start and text[at].isspace():
            at -= 1
        if at >= start and text[at] not in _SENTENCE_START:
            found.append(word)
    return found


# --------------------------------------------------------------------------- listed words


def straight(text: str) -> str:
    """Curly apostrophes as straight ones, one character for one so positions hold."""
    return text.replace("’", "'").replace("‘", "'")


@functools.lru_cache(maxsize=32)
def _matcher(phrases: tuple[str, ...]) -> re.Pattern[str] | None:
    # Longest first, so "we will try" wins over "we will" at the same place.
    unique = {straight(p.strip()).lower() for p in phrases if p.strip()}
    ordered = sorted(unique, key=lambda p: (-len(p), p))
    if not ordered:
        return None
    body = "|".join(r"\s+".join(re.escape(part) for part in p.split()) for p in ordered)
    return re.compile(rf"(?<![\w'])(?:{body})(?![\w'])", re.IGNORECASE)


@dataclass(frozen=True)
class Listed:
    """A listed word or phrase found in a text, with the list's kind."""

    start: int
    end: int
    text: str
    kind: str


def find_listed(text: str, lists: Sequence[tuple[str, tuple[str, ...]]]) -> list[Listed]:
    """Every occurrence of the listed phrases, leftmost-longest, never overlapping.

    `lists` is (kind, phrases) pairs; a phrase in two lists counts for the first.
    """
    owner: dict[str, str] = {}
    phrases: list[str] = []
    for kind, words in lists:
        for word in words:
            key = " ".join(straight(word).lower().split())
            if key and key not in owner:
                owner[key] = kind
                phrases.append(word)
    matcher = _matcher(tuple(sorted(phrases)))
    if matcher is None:
        return []
    found = []
    for match in matcher.finditer(straight(text)):
        key = " ".join(match.group().lower().split())
        kind = owner.get(key) or _kind_of(match.group(), lists)
        found.append(Listed(match.start(), match.end(), text[match.start() : match.end()], kind))
    return found


def _kind_of(matched: str, lists: Sequence[tuple[str, tuple[str, ...]]]) -> str:
    """The list a match came from when lower-casing the two sides disagrees (a few
    letters, like the Kelvin sign, match without lower-casing to the same text)."""
    for kind, words in lists:
        for word in words:
            pattern = _matcher((word,))
            if pattern is not None and pattern.fullmatch(matched):
                return kind
    return lists[0][0]
