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

from pmcoach.domain.model import DrillCard, WordList
from pmcoach.drills import answers as a
from pmcoach.drills import text as t
from pmcoach.drills.answer_first_locate import Located, answer_rule
from pmcoach.drills.answer_first_points import (
    EXPECTS_WORDS,
    EXPLANATION_WORDS,
    EXPLANATION_WORDS_HALF,
    MAX_REPLY_CHARS,
    PER_LISTED_WORD,
    POINTS,
    TITLES,
    list_words,
    quote,
    rule,
)
from pmcoach.drills.feedback import Feedback, RuleResult, Span
from pmcoach.text.sanitize import printable


def _shown(items: Sequence[str], limit: int = 3) -> str:
    seen: list[str] = []
    for item in items:
        quoted = quote(item, 20)
        if quoted not in seen:
            seen.append(quoted)
    more = f" and {len(seen) - limit} more" if len(seen) > limit else ""
    return ", ".join(seen[:limit]) + more


def _numbers_rule(card: DrillCard, text: str, answer: Located) -> RuleResult:
    """The specifics the asker needs, by the kind of answer asked; not any digit."""
    name = "numbers"
    if answer.contradicts:
        return rule(
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
        return rule(name, POINTS[name], f"Says when you will know: {_shown(exact)}.")
    if expects == "date":
        if exact:
            return rule(name, POINTS[name], f"Names the day: {_shown(exact)}.")
        ranges = [d.text for d in dates]
        said = f"{_shown(ranges)} is a range; " if ranges else ""
        return rule(name, 0, f"No day: {said}name the day you will be held to.")
    figures = [f.text for f in t.figures(text)]
    if expects == "number":
        if figures:
            return rule(name, POINTS[name], f"Gives the figure asked: {_shown(figures)}.")
        return rule(
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
            return rule(name, POINTS[name], f"Backed by specifics: {_shown(found)}.")
        return rule(name, 0, "No figure, date or reason behind the answer: give one.")
    explained = _explained(text, answer)
    if explained is not None:
        found.append(explained)
    if found:
        return rule(name, POINTS[name], f"Gives what the asker needs: {_shown(found)}.")
    digits = (
        f" ({_shown([n.text for n in t.find_numbers(text)])} is none of these)"
        if t.find_numbers(text)
        else ""
    )
    return rule(
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
        return rule(name, POINTS[name], f"No {TITLES[name].lower()}.")
    points = max(POINTS[name] - PER_LISTED_WORD * len(mine), 0)
    words: list[str] = []
    for item in mine:
        quoted = quote(item.text, 30)
        if quoted not in words:
            words.append(quoted)
    shown = ", ".join(words[:5]) + (" …" if len(words) > 5 else "")
    count = f"{len(mine)} {TITLES[name].lower() if len(mine) != 1 else _singular(name)}"
    return rule(name, points, f"{count} (−{PER_LISTED_WORD} each): {shown}. {ADVICE[name]}")


def _singular(name: str) -> str:
    return "hedge" if name == "hedges" else "weasel word"


def _length_rule(words: int) -> RuleResult:
    name = "short-explanation"
    if words <= EXPLANATION_WORDS:
        return rule(name, POINTS[name], f"{words} words after the answer: short enough.")
    points = POINTS[name] // 2 if words <= EXPLANATION_WORDS_HALF else 0
    return rule(
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
    answer = answer_rule(card, straight)
    span = answer.sentence
    hedges = list_words(word_lists, "hedge")
    weasels = list_words(word_lists, "weasel")
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
