"""The answer-first drill: does a reply give the answer in its first sentence?

A card puts the PM in a situation and says what the first sentence must give
(`expects`: yes-no, date, number or open). Five named rules score a reply out
of 100; docs/drills.md lists them with examples, and each result explains
itself in terms of the reply, so the person sees what to change.

* answer-first, 40: the first sentence gives what the card expects (20 for an
  approximate date, 10 when the answer only comes in a later sentence);
* numbers, 15: the reply has a number anywhere;
* hedges, 15: no hedge from the word lists (−5 each);
* weasel-words, 15: no weasel word from the word lists (−5 each);
* short-explanation, 15: at most 60 words after the answer sentence (8 up to 120).

Pure functions of (card, reply, word lists): the same text always gets the
same feedback.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pmcoach.drills import text as t
from pmcoach.drills.feedback import Feedback, RuleResult, Span
from pmcoach.model import DrillCard, Expects, WordList
from pmcoach.sanitize import one_line, printable

MAX_REPLY_CHARS = 5000
ANSWER_WINDOW = 25  # the answer must come within the first sentence's first 25 words
EXPLANATION_WORDS = 60
EXPLANATION_WORDS_HALF = 120
MIN_OPEN_WORDS = 3
PER_LISTED_WORD = 5

POINTS = {
    "answer-first": 40,
    "numbers": 15,
    "hedges": 15,
    "weasel-words": 15,
    "short-explanation": 15,
}
TITLES = {
    "answer-first": "Answer first",
    "numbers": "Numbers",
    "hedges": "Hedges",
    "weasel-words": "Weasel words",
    "short-explanation": "Short explanation",
}
# What each rule is for, in one line: shown in help and docs/drills.md.
WHY = {
    "answer-first": "The reader decides from the first sentence; the answer belongs there.",
    "numbers": "A number makes an answer checkable: a count, a share, an amount, a day.",
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

_YES_NO = re.compile(
    r"(?:(?:yes|yep|yeah|yup|sure|absolutely|definitely|certainly|correct|confirmed"
    r"|no|nope|not|never)\b(?!\s+(?:sure|certain|idea|clue|one)\b)"
    r"|(?:i|we|it|they|she|he|you|that|this)"
    r"(?:\s+(?:will|won't|will not|can|can't|cannot|can not|did|didn't|do|don't|does|doesn't"
    r"|is|isn't|are|aren't|was|wasn't|were|weren't|have|haven't|has|hasn't|should|shouldn't"
    r"|must|am)|'ll|'re|'s|'m|'ve)\b(?!\s+(?:not\s+)?(?:sure|certain)\b))",
    re.IGNORECASE,
)
# Openings that put off the answer; they fail the first rule whatever the card expects.
EVASIONS = (
    "it depends",
    "it's complicated",
    "it is complicated",
    "hard to say",
    "difficult to say",
    "tough to say",
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
    "no idea",
    "unclear",
    "tbd",
    "tbc",
    "we'll see",
    "we will see",
)
_EVASION = re.compile(
    r"(?:" + "|".join(r"\s+".join(map(re.escape, e.split())) for e in EVASIONS) + r")(?![\w'])",
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


def _gives(text: str, start: int, end: int, expects: Expects) -> tuple[str, t.Strength] | None:
    """What text[start:end] gives of what the card expects, or None."""
    if expects == "yes-no":
        match = _YES_NO.match(text, start, end)
        return (match.group(), "exact") if match else None
    if expects == "date":
        dates = t.find_dates(text, start, end)
        exact = [d for d in dates if d.strength == "exact"]
        chosen = exact[0] if exact else (dates[0] if dates else None)
        return (chosen.text, chosen.strength) if chosen else None
    if expects == "number":
        found = t.figures(text, start, end)
        return (found[0].text, "exact") if found else None
    if t.count_words(text[start:end]) >= MIN_OPEN_WORDS:
        return text[start:end], "exact"
    return None


def _answer_rule(text: str, expects: Expects) -> tuple[RuleResult, tuple[int, int] | None]:
    name = "answer-first"
    wanted = EXPECTS_WORDS[expects]
    located = t.answer_sentence(text)
    if located is None:
        return _rule(name, 0, f"No sentence with words: start with {wanted}."), None
    start, end, index = located
    sentence = text[start:end]
    window_end = t.first_words_end(text, start, end, ANSWER_WINDOW)
    evasion = _EVASION.match(text, start, end)
    if evasion:
        return (
            _rule(
                name,
                0,
                f"Opens with {_quote(evasion.group())}, which puts the answer off: "
                f"start with {wanted}, then what it depends on.",
            ),
            (start, end),
        )
    if sentence.rstrip().endswith("?"):
        return (
            _rule(name, 0, f"Your first sentence is a question: answer first with {wanted}."),
            (start, end),
        )
    given = _gives(text, start, window_end, expects)
    if given is not None:
        found, strength = given
        if strength == "approximate":
            return (
                _rule(
                    name,
                    POINTS[name] // 2,
                    f"Your first sentence gives {_quote(found)}, a range: "
                    "name the day you will be held to.",
                ),
                (start, end),
            )
        return _rule(name, POINTS[name], _passed(expects, found)), (start, end)
    if expects != "open":
        for number, (later, later_end) in enumerate(t.sentences(text)[index + 1 :], index + 2):
            content = t.skip_opening(text, later, later_end)
            window = t.first_words_end(text, content, later_end, ANSWER_WINDOW)
            if _gives(text, content, window, expects) is not None:
                return (
                    _rule(
                        name,
                        10,
                        f"{wanted.capitalize()} comes in sentence {number}: move it to the front.",
                    ),
                    (start, end),
                )
    return _rule(name, 0, _missing(expects)), (start, end)


def _passed(expects: Expects, found: str) -> str:
    if expects == "yes-no":
        return f"Opens with {_quote(found)}: the yes or no comes first."
    if expects == "date":
        return f"Your first sentence names the day: {_quote(found)}."
    if expects == "number":
        return f"Your first sentence gives the figure: {_quote(found)}."
    return "Your first sentence answers, with no preamble."


def _missing(expects: Expects) -> str:
    if expects == "yes-no":
        return (
            "The question asks yes or no; your first sentence does not start with one "
            "(yes, no, not yet, we will, it won't …)."
        )
    if expects == "date":
        return (
            "The question asks when; your first sentence gives no date "
            "(Friday, 12 March, 2026-03-12)."
        )
    if expects == "number":
        return "The question asks how many or how much; your first sentence gives no number."
    return f"Your first sentence is too short to answer (under {MIN_OPEN_WORDS} words)."


# --------------------------------------------------------------------------- the others


def _numbers_rule(text: str) -> RuleResult:
    found = t.find_numbers(text)
    if not found:
        return _rule(
            "numbers",
            0,
            "No number anywhere: a count, a share, an amount or a day of the month "
            "makes the answer checkable.",
        )
    shown = ", ".join(_quote(n.text, 20) for n in found[:3])
    more = f" and {len(found) - 3} more" if len(found) > 3 else ""
    return _rule("numbers", POINTS["numbers"], f"Backed by a number: {shown}{more}.")


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
    points = 8 if words <= EXPLANATION_WORDS_HALF else 0
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
    answer, span = _answer_rule(straight, card.expects)
    hedges = _list_words(word_lists, "hedge")
    weasels = _list_words(word_lists, "weasel")
    found = t.find_listed(straight, (("hedge", hedges), ("weasel", weasels)))
    after = t.count_words(straight[span[1] :]) if span else 0
    rules = (
        answer,
        _numbers_rule(straight),
        _listed_rule("hedges", "hedge", found),
        _listed_rule("weasel-words", "weasel", found),
        _length_rule(after),
    )
    highlights: list[Span] = []
    if span is not None:
        highlights.append(Span(span[0], span[1], "answer"))
    highlights.extend(
        Span(f.start, f.end, "hedge" if f.kind == "hedge" else "weasel") for f in found
    )
    highlights.sort(key=lambda s: (s.start, s.end, s.kind))
    score = sum(r.points for r in rules)
    return Feedback(score, rules, tuple(highlights), text, words_after=after)
