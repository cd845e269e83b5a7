"""What a reply's words answer: yes, no, how likely, or not known yet; and what backs it.

The answer-first drill used to take a pronoun and a verb ("We're …", "It's …") for a
yes, and any digit for a number, so the form of a reply passed for its answer. Here the
answer is read from what the words say, and docs/drills.md lists every phrase:

* a *stance*: `yes`, `no`, `likely` (probably, likely …), `unlikely` (probably not,
  unlikely, I doubt it …) or `unknown` (don't know yet, not yet known …); the last three
  are calibrated answers, honest ways of saying how sure you are;
* what backs an answer: a probability ("30%", "1 in 3", not 0% or 100%, not "30% of
  the tests"), a reason ("because", "due to", "if", "until" …).

Every pattern is a bounded alternation of words (no nested repetition), so a 100 KB
text is read in linear time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Stance = Literal["yes", "no", "likely", "unlikely", "unknown"]
CALIBRATED: tuple[Stance, ...] = ("likely", "unlikely", "unknown")
# Which way a stance leans, to compare with what the situation makes true.
LEANS: dict[Stance, str | None] = {
    "yes": "yes",
    "likely": "yes",
    "no": "no",
    "unlikely": "no",
    "unknown": None,
}


@dataclass(frozen=True)
class Answer:
    """A stance found in a text, where it stands."""

    start: int
    end: int
    text: str
    stance: Stance

    @property
    def calibrated(self) -> bool:
        return self.stance in CALIBRATED


def _words(*phrases: str) -> str:
    return "|".join(r"\s+".join(p.split()) for p in phrases)


_PRONOUN = r"(?:i|we|it|they|she|he|you|that|this)"
# Verbs after "will" that put the answer off rather than give it: "we'll look into it".
_PUT_OFF = (
    r"(?:try|look|check|see|get|find|keep|update|follow|circle|investigate|ask|think|need"
    r"|let|work|confirm|know|tell|review|have|be\s+(?:looking|checking|working|in\s+touch)"
    r"|probably|not|never|do\s+(?:our|my)\s+best)"
)
_DELIVER = (
    r"(?:ship|launch|release|go\s+live|land|deliver|happen|make\s+it|hit\s+it|be\s+ready"
    r"|be\s+live|be\s+done|be\s+on\s+time)"
)
_NOT_AN_ANSWER = (
    r"(?:sure|certain|clear|known|obvious|decided|likely|yet\s+(?:known|clear|decided))"
)

# Calibrated stances, read first: "probably not" is not a "no", "likely" not a "yes".
_UNLIKELY = (
    _words(
        "probably not",
        "likely not",
        "most likely not",
        "very likely not",
        "almost certainly not",
        "very unlikely",
        "highly unlikely",
        "quite unlikely",
        "unlikely",
        "not likely",
        "doubtful",
        "i doubt it",
        "i doubt we will",
        "i doubt it will",
        "probably won't",
        "likely won't",
    )
    + rf"|(?:will|{_PRONOUN}'ll)\s+probably\s+not|{_PRONOUN}\s+probably\s+won't"
)
_LIKELY = (
    _words(
        "very likely",
        "most likely",
        "quite likely",
        "more likely than not",
        "almost certainly",
        "likely yes",
        "probably yes",
        "likely",
        "probably",
    )
    + rf"|(?:will|{_PRONOUN}'ll)\s+probably"
)
_UNKNOWN = _words(
    "i don't know yet",
    "i do not know yet",
    "we don't know yet",
    "we do not know yet",
    "don't know yet",
    "do not know yet",
    "not yet known",
    "not known yet",
    "unknown until",
    "unknown yet",
    "too early to tell",
    "too early to say",
    "we won't know until",
    "we will not know until",
    "i won't know until",
    "we'll know on",
    "i'll know on",
    "we will know on",
    "i will know on",
)
# A probability that opens the answer: "30% chance", "about 70%".
_PROBABILITY_OPENING = re.compile(
    r"(?:a |an |about |around |roughly |maybe |i'd say |i'd put it at )?(\d{1,2})\s?%",
    re.IGNORECASE,
)

# Words that answer only where the answer starts: "Sure, …", "Never.", "Not this quarter".
_YES_START = (
    _words(
        "yes",
        "yep",
        "yeah",
        "yup",
        "sure",
        "absolutely",
        "definitely",
        "certainly",
        "correct",
        "confirmed",
        "of course",
        "indeed",
        "affirmative",
        "all good",
        "all set",
        "still on",
        "on track",
        "on schedule",
        "on time",
    )
    + r"|still(?=\s+\d)"
)
_NO_START = (
    _words(
        "definitely not",
        "absolutely not",
        "certainly not",
        "of course not",
        "sadly not",
        "nope",
        "nah",
        "never",
        "negative",
    )
    + r"|no(?=\s*(?:[,.!;:—–-]|$)|\s+(?:it|we|they|i|that|this|she|he|you|sorry|but|because"
    + r"|not|way|chance|and)\b)"
    + rf"|not\s+yet|not(?!\s+{_NOT_AN_ANSWER}\b)(?=\s+\w)"
)
# Phrases that answer wherever they stand in the answer's words.
_YES_ANYWHERE = (
    r"yes|yep|yeah|yup|on\s+track|on\s+schedule|on\s+time|as\s+planned|going\s+ahead"
    r"|still\s+on\b|it\s+was\s+(?:my|mine|me|us|our|we)|(?:was|is)\s+(?:mine|ours)"
    r"|(?:my|our)\s+(?:fault|mistake|doing)"
    rf"|{_PRONOUN}(?:\s+will|'ll|\s+shall|\s+can|(?:\s+are|'re|\s+is|'s|\s+am|'m)\s+going\s+to)"
    rf"\s+(?!{_PUT_OFF}\b)\w+"
    rf"|(?:will|shall)\s+(?:still\s+)?{_DELIVER}"
    rf"|{_PRONOUN}\s+(?:still\s+)?(?:ship|launch|release|land|go\s+live)"
    r"|(?:ships|launches|lands|goes\s+live)"
    rf"|{_PRONOUN}\s*(?:'s|'re|'m|\s+is|\s+are|\s+am)\s+(?:still\s+)?(?:launching|shipping"
    r"|releasing|going\s+live|delivering|ready|done|live|set|happening|confirmed|good"
    r"|on(?!\s+it\b))"
    rf"|{_PRONOUN}\s+(?:caused|broke|did)\s+(?:it|that|this)"
    rf"|{_PRONOUN}\s+(?:is|are|was|were|do|does|did|have|has|can|will|am)(?=\s*(?:[,.!;:—–-]|$))"
)
_NO_ANYWHERE = (
    r"(?:no|nope)(?=\s*(?:[,.!;:—–-]|$))"
    r"|won't|will\s+not|wouldn't|can't|cannot|can\s+not|shan't"
    r"|not\s+going\s+to"
    rf"|(?:isn't|aren't|wasn't|weren't|didn't|doesn't|don't|haven't|hasn't"
    rf"|(?:is|are|am|was|were|did|does|do|have|has)\s+not|{_PRONOUN}(?:'s|'re|'m)\s+not)"
    rf"(?!\s+{_NOT_AN_ANSWER}\b)(?!\s+know\b)"
    r"|slips|slipped|slipping|slip\s+(?:by|to)|delayed|postponed|pushed\s+(?:back|out)"
    r"|dropped|cancelled|canceled|descoped|scrapped"
    r"|off\s+track|behind\s+schedule|running\s+late"
    r"|not\s+(?:this|next|on|by|in|until|before|today|yet|ready|for|now|anymore)\b"
)


def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w'])(?:{pattern})(?![\w'])", re.IGNORECASE)


_OPENING_WORDS = re.compile(
    r"(?:(?:honestly|frankly|sadly|unfortunately|so|and|but|then|well|ok|okay)\b[\s,:—–-]*)*",
    re.IGNORECASE,
)
_AT_START: tuple[tuple[Stance, re.Pattern[str]], ...] = (
    ("unknown", _compile(_UNKNOWN)),
    ("unlikely", _compile(_UNLIKELY)),
    ("likely", _compile(_LIKELY)),
    ("no", _compile(_NO_START)),
    ("yes", _compile(_YES_START)),
)
# One alternation for the rest, so the leftmost phrase wins; on a tie, the first group.
_ANYWHERE = re.compile(
    rf"(?<![\w'])(?:(?P<unknown>{_UNKNOWN})|(?P<unlikely>{_UNLIKELY})|(?P<likely>{_LIKELY})"
    rf"|(?P<no>{_NO_ANYWHERE})|(?P<yes>{_YES_ANYWHERE}))(?![\w'])",
    re.IGNORECASE,
)


def stance(text: str, start: int, end: int) -> Answer | None:
    """The stance text[start:end] gives: at its start, else the leftmost phrase in it."""
    begin = _OPENING_WORDS.match(text, start, end)
    at = begin.end() if begin else start
    probability = _PROBABILITY_OPENING.match(text, at, end)
    if probability and _is_probability(text, probability.end(), end):
        value = int(probability.group(1))
        if 0 < value < 100:
            chosen: Stance = "likely" if value > 50 else "unlikely"
            return Answer(probability.start(), probability.end(), probability.group(), chosen)
    for name, pattern in _AT_START:
        match = pattern.match(text, at, end)
        if match:
            return Answer(match.start(), match.end(), match.group(), name)
    found = _ANYWHERE.search(text, start, end)
    if found is None or found.lastgroup is None:
        return None
    kind: Stance = found.lastgroup  # type: ignore[assignment]
    return Answer(found.start(), found.end(), found.group(), kind)


# --------------------------------------------------------------------------- what backs it

_PERCENT = re.compile(r"(?<![\w.,])(\d{1,3}(?:\.\d+)?)\s?(?:%|percent\b|per\s+cent\b)", re.I)
_SHARE_AFTER = re.compile(
    r"\s*(?:of|done|complete|completed|finished|ready|green|through|more|less|fewer|up|down"
    r"|higher|lower)\b",
    re.IGNORECASE,
)
_ODDS = re.compile(
    r"(?<![\w'])(?:\d+\s+in\s+\d+\s+(?:chance|odds)|even\s+odds|50/50|fifty-fifty|coin\s+flip"
    r"|odds\s+are|(?:a\s+)?(?:good|fair|slim|small|high|low)\s+chance)(?![\w'])",
    re.IGNORECASE,
)
_REASON = _compile(
    _words(
        "because",
        "since",
        "due to",
        "caused by",
        "thanks to",
        "as a result",
        "blocked on",
        "blocked by",
        "waiting on",
        "waiting for",
        "the reason",
        "so that",
        "which means",
        "if",
        "unless",
        "once",
        "as soon as",
        "provided",
        "until",
        "after",
    )
)


@dataclass(frozen=True)
class Backing:
    """A probability or a reason found in a text."""

    start: int
    end: int
    text: str
    kind: Literal["probability", "reason"]


def _is_probability(text: str, after: int, end: int) -> bool:
    """A percentage is a probability unless it is a share of something: "30% of the tests"."""
    return _SHARE_AFTER.match(text, after, end) is None


def probabilities(text: str, start: int = 0, end: int | None = None) -> list[Backing]:
    """Probabilities in text[start:end]: 1–99 %, not followed by "of" or "done" and the like;
    odds ("1 in 3 chance", "50/50"). 0 % and 100 % say yes or no, not how likely."""
    stop = len(text) if end is None else end
    found = [
        Backing(m.start(), m.end(), m.group(), "probability")
        for m in _PERCENT.finditer(text, start, stop)
        if 0 < float(m.group(1)) < 100 and _is_probability(text, m.end(), stop)
    ]
    found += [
        Backing(m.start(), m.end(), m.group(), "probability")
        for m in _ODDS.finditer(text, start, stop)
    ]
    return sorted(found, key=lambda b: b.start)


def reasons(text: str, start: int = 0, end: int | None = None) -> list[Backing]:
    """Words that bring a reason or a condition: because, due to, if, until …"""
    stop = len(text) if end is None else end
    return [
        Backing(m.start(), m.end(), m.group(), "reason")
        for m in _REASON.finditer(text, start, stop)
    ]
