"""The first rule of the answer-first drill: where the reply gives the answer asked.

The answer counts in the first sentence (within its first words, not after an evasion or a
question back), less when approximate or buried in a later sentence, and not at all when it
contradicts the situation; docs/drills.md ("Answer-first") has the scale. The other rules
read what is found here (the answer sentence, the answer, whether it is buried).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pmcoach.domain.model import DrillCard, Expects
from pmcoach.drills import answers as a
from pmcoach.drills import text as t
from pmcoach.drills.answer_first_points import (
    ANSWER_WINDOW,
    APPROXIMATE_POINTS,
    BURIED_POINTS,
    EXPECTS_WORDS,
    MIN_OPEN_WORDS,
    POINTS,
    quote,
    rule,
)
from pmcoach.drills.feedback import RuleResult

# Openings that put off the answer; they fail the first rule whatever the card expects.
EVASIONS = (
    "it depends",
    "it's complicated",
    "it is complicated",
    "hard to say",
    "difficult to say",
    "tough to say",
    "impossible to say",
    "good question",
    "great question",
    "thanks for asking",
    "let me check",
    "let me find out",
    "let me get back",
    "i'll get back",
    "i will get back",
    "i'll check",
    "i will check",
    "i'll find out",
    "i will find out",
    "as you know",
    "to give some context",
    "to give you some context",
    "for context",
    "some context",
    "a bit of context",
    "background",
    "not sure",
    "i'm not sure",
    "i am not sure",
    "not clear",
    "no idea",
    "unclear",
    "tbd",
    "tbc",
    "we'll see",
    "we will see",
)
_EVASION = re.compile(
    r"(?:(?:it's|it is|that's|that is|honestly,?|well,?)\s+)?(?:"
    + "|".join(r"\s+".join(map(re.escape, e.split())) for e in EVASIONS)
    + r")(?![\w'])",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Given:
    """What a stretch of the reply gives of the answer asked."""

    start: int
    end: int
    text: str
    strength: t.Strength = "exact"
    stance: a.Stance | None = None  # on a yes-no card, and for "don't know yet" on any


@dataclass(frozen=True)
class Located:
    """Where the answer was looked for and what was found: the rule, the answer sentence,
    the answer itself (None when there is none), and whether it is buried."""

    rule: RuleResult
    sentence: tuple[int, int] | None
    given: Given | None = None
    buried: tuple[int, int] | None = None
    contradicts: bool = False


def _gives(text: str, start: int, end: int, expects: Expects) -> Given | None:
    """What text[start:end] gives of what the card expects, or None."""
    if expects == "yes-no":
        found = a.stance(text, start, end)
        if found is None:
            return None
        return Given(found.start, found.end, found.text, stance=found.stance)
    unknown = a.stance(text, start, end)
    if unknown is not None and unknown.stance == "unknown":
        return Given(unknown.start, unknown.end, unknown.text, stance="unknown")
    if expects == "date":
        dates = t.find_dates(text, start, end)
        exact = [d for d in dates if d.strength == "exact"]
        chosen = exact[0] if exact else (dates[0] if dates else None)
        if chosen is None:
            return None
        return Given(chosen.start, chosen.end, chosen.text, chosen.strength)
    if expects == "number":
        figures = t.figures(text, start, end)
        return Given(figures[0].start, figures[0].end, figures[0].text) if figures else None
    if t.count_words(text[start:end]) >= MIN_OPEN_WORDS:
        return Given(start, end, text[start:end])
    return None


_QUESTION_CUT = re.compile(r"[:;—–]")


def _answer_part(text: str, start: int, end: int) -> int:
    """Where the answer part of a sentence that asks a question ends: it may answer before
    asking back ("Not yet: which customer problem would it solve?"), or not at all."""
    cut = _QUESTION_CUT.search(text, start, end)
    return cut.start() if cut else start


def _contradicts(card: DrillCard, given: Given) -> bool:
    if card.true_answer is None or given.stance is None:
        return False
    return a.LEANS[given.stance] != card.true_answer


def _contradiction(card: DrillCard, given: Given) -> str:
    said = a.LEANS[given.stance] if given.stance else None
    true = card.true_answer
    if said is None:
        return (
            f"{quote(given.text)} claims not to know, but the situation says the answer is "
            f"{true}: say it first, then what you are doing about it."
        )
    return (
        f"{quote(given.text)} says {said}, but the situation makes the answer {true}: "
        "tell the truth first, then the new plan."
    )


def answer_rule(card: DrillCard, text: str) -> Located:
    name = "answer-first"
    expects = card.expects
    wanted = EXPECTS_WORDS[expects]
    located = t.answer_sentence(text)
    if located is None:
        return Located(rule(name, 0, f"No sentence with words: start with {wanted}."), None)
    start, end, index = located
    sentence = (start, end)
    window_end = t.first_words_end(text, start, end, ANSWER_WINDOW)
    evasion = _EVASION.match(text, start, end)
    question = text[start:end].rstrip().endswith("?")
    limit = min(window_end, _answer_part(text, start, end)) if question else window_end
    given = None if evasion else _gives(text, start, limit, expects)
    if given is not None:
        if _contradicts(card, given):
            return Located(rule(name, 0, _contradiction(card, given)), sentence, given, None, True)
        if given.strength == "approximate":
            explanation = (
                f"Your first sentence gives {quote(given.text)}, a range: "
                "name the day you will be held to."
            )
            return Located(rule(name, APPROXIMATE_POINTS, explanation), sentence, given)
        return Located(rule(name, POINTS[name], _passed(expects, given)), sentence, given)
    if evasion:
        opening = (
            f"Opens with {quote(evasion.group())}, which puts the answer off: "
            f"start with {wanted}, then what it depends on."
        )
    elif question:
        opening = f"Your first sentence is a question: answer first with {wanted}."
    else:
        opening = _missing(expects)
    if expects != "open":
        for number, (later, later_end) in enumerate(t.sentences(text)[index + 1 :], index + 2):
            content = t.skip_opening(text, later, later_end)
            found = _gives(text, content, later_end, expects)
            if found is None:
                continue
            if _contradicts(card, found):
                explanation = f"{opening} Later, {_contradiction(card, found)}"
                return Located(rule(name, 0, explanation), sentence, found, None, True)
            explanation = (
                f"Your answer, {quote(found.text, 30)}, is buried in sentence {number}: "
                "move it to the front."
            )
            return Located(
                rule(name, BURIED_POINTS, explanation), sentence, found, (later, later_end)
            )
    return Located(rule(name, 0, opening), sentence)


def _passed(expects: Expects, given: Given) -> str:
    if given.stance == "unknown":
        return (
            f"Your first sentence answers {quote(given.text)}: an honest answer; the day you "
            "will know makes it a full one."
        )
    if given.stance in ("likely", "unlikely"):
        return (
            f"Your first sentence answers {quote(given.text)}: a calibrated answer; a "
            "probability or a reason makes it a full one."
        )
    if expects == "yes-no":
        return f"Your first sentence answers {quote(given.text)}: the {given.stance} comes first."
    if expects == "date":
        return f"Your first sentence names the day: {quote(given.text)}."
    if expects == "number":
        return f"Your first sentence gives the figure: {quote(given.text)}."
    return "Your first sentence answers, with no preamble."


def _missing(expects: Expects) -> str:
    if expects == "yes-no":
        return (
            "The question asks yes or no; your first sentence says neither "
            "(yes, no, not yet, probably not, we will ship, it won't …)."
        )
    if expects == "date":
        return (
            "The question asks when; your first sentence gives no date "
            "(Friday, 12 March, 2026-03-12)."
        )
    if expects == "number":
        return "The question asks how many or how much; your first sentence gives no number."
    return f"Your first sentence is too short to answer (under {MIN_OPEN_WORDS} words)."
