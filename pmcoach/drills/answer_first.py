"""The answer-first drill: does a reply give the answer asked, in its first sentence?

A card puts the PM in a situation, says what kind of answer is asked (`expects`:
yes-no, date, number or open) and, where the situation makes one answer true,
which (`true_answer`). Five named rules score a reply out of 100; docs/drills.md
lists them with examples and the score bands, and each result explains itself in
terms of the reply, so the person sees what to change.

* answer-first, 40: the first sentence gives the answer asked, read from what its
  words say (`answers`): a yes or a no, a calibrated answer (probably not, unlikely,
  don't know yet), a day, a figure; 20 for an approximate date, 10 when the answer
  is buried in a later sentence; 0 when it contradicts the situation;
* numbers, 30: the reply gives what the asker needs: the day on a date card, a
  figure on a number card, a probability, a date or a reason on a yes-no card;
* hedges, 10: no hedge from the word lists (−5 each); the words of a calibrated
  answer ("probably not") are the answer, not a hedge;
* weasel-words, 10: no weasel word from the word lists (−5 each);
* short-explanation, 10: at most 60 words after the answer sentence (5 up to 120).

Pure functions of (card, reply, word lists): the same text always gets the same
feedback.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from pmcoach.domain.model import DrillCard, Expects, WordList
from pmcoach.drills import answers as a
from pmcoach.drills import text as t
from pmcoach.drills.feedback import Feedback, RuleResult, Span
from pmcoach.text.sanitize import one_line, printable

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


def _quote(text: str, limit: int = 40) -> str:
    return f"“{one_line(text, limit)}”"


def _list_words(lists: Sequence[WordList], kind: str) -> tuple[str, ...]:
    """Every word of the lists of one kind: the built-in list and the user's."""
    return tuple(word for w in lists if w.kind == kind for word in w.words)


def _rule(name: str, points: int, explanation: str) -> RuleResult:
    most = POINTS[name]
    return RuleResult(name, TITLES[name], points == most, points, most, explanation)


# --------------------------------------------------------------------------- answer-first


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
            f"{_quote(given.text)} claims not to know, but the situation says the answer is "
            f"{true}: say it first, then what you are doing about it."
        )
    return (
        f"{_quote(given.text)} says {said}, but the situation makes the answer {true}: "
        "tell the truth first, then the new plan."
    )


def _answer_rule(card: DrillCard, text: str) -> Located:
    name = "answer-first"
    expects = card.expects
    wanted = EXPECTS_WORDS[expects]
    located = t.answer_sentence(text)
    if located is None:
        return Located(_rule(name, 0, f"No sentence with words: start with {wanted}."), None)
    start, end, index = located
    sentence = (start, end)
    window_end = t.first_words_end(text, start, end, ANSWER_WINDOW)
    evasion = _EVASION.match(text, start, end)
    question = text[start:end].rstrip().endswith("?")
    limit = min(window_end, _answer_part(text, start, end)) if question else window_end
    given = None if evasion else _gives(text, start, limit, expects)
    if given is not None:
        if _contradicts(card, given):
            return Located(_rule(name, 0, _contradiction(card, given)), sentence, given, None, True)
        if given.strength == "approximate":
            explanation = (
                f"Your first sentence gives {_quote(given.text)}, a range: "
                "name the day you will be held to."
            )
            return Located(_rule(name, APPROXIMATE_POINTS, explanation), sentence, given)
        return Located(_rule(name, POINTS[name], _passed(expects, given)), sentence, given)
    if evasion:
        opening = (
            f"Opens with {_quote(evasion.group())}, which puts the answer off: "
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
                return Located(_rule(name, 0, explanation), sentence, found, None, True)
            explanation = (
                f"Your answer, {_quote(found.text, 30)}, is buried in sentence {number}: "
                "move it to the front."
            )
            return Located(
                _rule(name, BURIED_POINTS, explanation), sentence, found, (later, later_end)
            )
    return Located(_rule(name, 0, opening), sentence)


def _passed(expects: Expects, given: Given) -> str:
    if given.stance == "unknown":
        return (
            f"Your first sentence answers {_quote(given.text)}: an honest answer; the day you "
            "will know makes it a full one."
        )
    if given.stance in ("likely", "unlikely"):
        return (
            f"Your first sentence answers {_quote(given.text)}: a calibrated answer; a "
            "probability or a reason makes it a full one."
        )
    if expects == "yes-no":
        return f"Your first sentence answers {_quote(given.text)}: the {given.stance} comes first."
    if expects == "date":
        return f"Your first sentence names the day: {_quote(given.text)}."
    if expects == "number":
        return f"Your first sentence gives the figure: {_quote(given.text)}."
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


# --------------------------------------------------------------------------- what was asked


def _shown(items: Sequence[str], limit: int = 3) -> str:
    seen: list[str] = []
    for item in items:
        quoted = _quote(item, 20)
        if quoted not in seen:
            seen.append(quoted)
    more = f" and {len(seen) - limit} more" if len(seen) > limit else ""
    return ", ".join(seen[:limit]) + more


def _numbers_rule(card: DrillCard, text: str, answer: Located) -> RuleResult:
    """The specifics the asker needs, by the kind of answer asked; not any digit."""
    name = "numbers"
    if answer.contradicts:
        return _rule(
            name,
            0,
            "Specifics that back an answer the situation contradicts do not count: "
            "a true date or reason would.",
        )
    expects = card.expects
    dates = t.find_dates(text)
    exact = [d.text for d in dates if d.strength == "exact"]
    unknown = answer.given is not None and answer.given.stance == "unknown"
    if unknown and exact:
        return _rule(name, POINTS[name], f"Says when you will know: {_shown(exact)}.")
    if expects == "date":
        if exact:
            return _rule(name, POINTS[name], f"Names the day: {_shown(exact)}.")
        ranges = [d.text for d in dates]
        said = f"{_shown(ranges)} is a range; " if ranges else ""
        return _rule(name, 0, f"No day: {said}name the day you will be held to.")
    figures = [f.text for f in t.figures(text)]
    if expects == "number":
        if figures:
            return _rule(name, POINTS[name], f"Gives the figure asked: {_shown(figures)}.")
        return _rule(
            name,
            0,
            "No figure that says how many or how much (the numbers of a date do not count).",
        )
    found = [b.text for b in a.probabilities(text)]
    # A date the question already names ("this quarter?") is an echo, not news.
    asked = " ".join(t.straight(card.situation).lower().split())
    found += [d.text for d in dates if " ".join(d.text.lower().split()) not in asked]
    found += [b.text for b in a.reasons(text)]
    if expects == "open":
        found += figures
        if found:
            return _rule(name, POINTS[name], f"Backed by specifics: {_shown(found)}.")
        return _rule(name, 0, "No figure, date or reason behind the answer: give one.")
    explained = _explained(text, answer)
    if explained is not None:
        found.append(explained)
    if found:
        return _rule(name, POINTS[name], f"Gives what the asker needs: {_shown(found)}.")
    digits = (
        f" ({_shown([n.text for n in t.find_numbers(text)])} is none of these)"
        if t.find_numbers(text)
        else ""
    )
    return _rule(
        name,
        0,
        f"No probability, date or reason{digits}: a bare yes or no leaves the asker to "
        "guess how sure you are and why.",
    )


_CLAUSE = re.compile(r"\s*[:;—–-]+\s*")
REASON_WORDS = 4


def _explained(text: str, answer: Located) -> str | None:
    """A reason given without a reason word: the clause after the answer ("No: the review
    moved to April"), or the sentence after an answer said on its own ("No. The review
    moved to April."). At least 4 words, so "Yes. 42." explains nothing."""
    given, sentence = answer.given, answer.sentence
    if given is None or sentence is None or answer.buried is not None:
        return None
    start, end = sentence
    clause = _CLAUSE.match(text, given.end, end)
    if clause and t.count_words(text[clause.end() : end]) >= REASON_WORDS:
        return text[clause.end() : end]
    if t.count_words(text[start:end]) > 3:
        return None
    following = [s for s in t.sentences(text) if s[0] >= end]
    if following and t.count_words(text[following[0][0] : following[0][1]]) >= REASON_WORDS:
        return text[following[0][0] : following[0][1]]
    return None


# --------------------------------------------------------------------------- the others


ADVICE = {
    "hedges": "Say how sure you are and why, or when you will know.",
    "weasel-words": "Give a number, a date or a source instead, or cut it.",
}


def _listed_rule(name: str, kind: str, found: list[t.Listed]) -> RuleResult:
    mine = [f for f in found if f.kind == kind]
    if not mine:
        return _rule(name, POINTS[name], f"No {TITLES[name].lower()}.")
    points = max(POINTS[name] - PER_LISTED_WORD * len(mine), 0)
    words: list[str] = []
    for item in mine:
        quoted = _quote(item.text, 30)
        if quoted not in words:
            words.append(quoted)
    shown = ", ".join(words[:5]) + (" …" if len(words) > 5 else "")
    count = f"{len(mine)} {TITLES[name].lower() if len(mine) != 1 else _singular(name)}"
    return _rule(name, points, f"{count} (−{PER_LISTED_WORD} each): {shown}. {ADVICE[name]}")


def _singular(name: str) -> str:
    return "hedge" if name == "hedges" else "weasel word"


def _length_rule(words: int) -> RuleResult:
    name = "short-explanation"
    if words <= EXPLANATION_WORDS:
        return _rule(name, POINTS[name], f"{words} words after the answer: short enough.")
    points = POINTS[name] // 2 if words <= EXPLANATION_WORDS_HALF else 0
    return _rule(
        name,
        points,
        f"{words} words after the answer; keep it to {EXPLANATION_WORDS}: "
        "the reason, the risk, the next step.",
    )


# --------------------------------------------------------------------------- the drill


def check_reply(reply: str) -> str | None:
    """Why a reply cannot be checked, or None: empty, or far longer than a reply."""
    if len(reply) > MAX_REPLY_CHARS:
        return (
            f"The reply is {len(reply):,} characters; this drill checks up to "
            f"{MAX_REPLY_CHARS:,} (a reply is a few sentences). Shorten it."
        )
    if not printable(reply).strip():
        return "Write a reply first."
    return None


def answer_first_feedback(card: DrillCard, reply: str, word_lists: Sequence[WordList]) -> Feedback:
    """Score one reply to one card; never raises, whatever the text."""
    problem = check_reply(reply)
    if problem is not None:
        shown = printable(reply[:MAX_REPLY_CHARS])
        if problem.startswith("Write"):
            wanted = EXPECTS_WORDS[card.expects]
            problem = f"Write a reply first: its first sentence should give {wanted}."
        return Feedback(0, (), (), shown, problem)
    text = printable(reply)
    straight = t.straight(text)  # one character for one: positions stay valid in `text`
    answer = _answer_rule(card, straight)
    span = answer.sentence
    hedges = _list_words(word_lists, "hedge")
    weasels = _list_words(word_lists, "weasel")
    found = t.find_listed(straight, (("hedge", hedges), ("weasel", weasels)))
    given = answer.given
    if given is not None and given.stance in a.CALIBRATED:
        # "Probably not" is the answer itself, said honestly: not a hedge.
        found = [f for f in found if not (given.start <= f.start and f.end <= given.end)]
    after = t.count_words(straight[span[1] :]) if span else 0
    rules = (
        answer.rule,
        _numbers_rule(card, straight, answer),
        _listed_rule("hedges", "hedge", found),
        _listed_rule("weasel-words", "weasel", found),
        _length_rule(after),
    )
    highlights: list[Span] = []
    if span is not None:
        highlights.append(Span(span[0], span[1], "answer"))
    if answer.buried is not None:
        highlights.append(Span(answer.buried[0], answer.buried[1], "buried"))
    highlights.extend(
        Span(f.start, f.end, "hedge" if f.kind == "hedge" else "weasel") for f in found
    )
    highlights.sort(key=lambda s: (s.start, s.end, s.kind))
    score = sum(r.points for r in rules)
    return Feedback(score, rules, tuple(highlights), text, words_after=after)
