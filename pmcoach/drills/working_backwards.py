"""The working-backwards drill: a guided press release and FAQ, problem first.

The draft is written in order: the problem (before any solution), the
solution, a customer's quote, the FAQ, then the three questions an investment
decision turns on (is it a big idea, should we do it, is there a legitimate
plan to succeed), and last an optional headline. Six named rules score it out
of 100 (docs/drills.md has them with examples):

* problem-first, 20: the problem starts from the customer: it does not open
  with "We" or "Our team" and has no solution-first phrase ("we have", "we could
  combine": pieces in the pantry);
* problem-not-solution, 20: the problem paragraph proposes nothing ("we will
  build", "a new feature", "will let users");
* problem-sized, 15: the problem paragraph has a number (how many, how often,
  how much);
* sections-written, 15: solution, customer quote and FAQ each have at least 5
  words (5 points each);
* three-questions, 15: each investment question is answered in at least 5 words
  (5 points each);
* weasel-words, 15: no weasel word anywhere (−5 each).

A problem paragraph of fewer than 5 words fails the three problem rules: an
empty paragraph names no solution, but it is not a problem statement either.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass

from pmcoach.drills import text as t
from pmcoach.drills.feedback import DraftFeedback, RuleResult, Span
from pmcoach.model import WordList
from pmcoach.sanitize import one_line, printable

MAX_SECTION_CHARS = 10_000
MIN_WORDS = 5
PER_LISTED_WORD = 5


@dataclass(frozen=True)
class Section:
    """One step of the guided draft and one heading of its Markdown file."""

    key: str
    heading: str  # the Markdown heading, also the question the step asks
    title: str  # short, for the step's header
    name: str  # as it reads inside a sentence
    prompt: str  # what to write, shown above the text box
    optional: bool = False


SECTIONS: tuple[Section, ...] = (
    Section(
        "problem",
        "The problem",
        "The problem",
        "the problem",
        "Who has the problem, how often, and what it costs them. Only the problem: "
        "no solution yet, and not what we already have.",
    ),
    Section(
        "solution",
        "The solution",
        "The solution",
        "the solution",
        "How the customer's day changes, in words a customer would use.",
    ),
    Section(
        "quote",
        "What a customer says",
        "Customer quote",
        "the customer quote",
        "What one customer would say after using it, in their own words.",
    ),
    Section(
        "faq",
        "Frequently asked questions",
        "FAQ",
        "the FAQ",
        "The questions customers and your leaders will ask, each with its answer (Q: … A: …).",
    ),
    Section(
        "big-idea",
        "Is it a big idea?",
        "Big idea?",
        "the big idea",
        "Is it a big idea? How much better for the customer, and for how many?",
    ),
    Section(
        "should-we",
        "Should we do it?",
        "Should we do it?",
        "whether to do it",
        "Should we do it? Why this, why now, and what it would displace.",
    ),
    Section(
        "plan",
        "Is there a legitimate plan to succeed?",
        "Plan to succeed?",
        "the plan to succeed",
        "Is there a legitimate plan to succeed? Who builds it, the first milestone, "
        "the riskiest assumption and how you will test it.",
    ),
    Section(
        "headline",
        "Headline",
        "Headline (optional)",
        "the headline",
        "One line a customer would read: who gets what. Leave it empty to keep the draft untitled.",
        optional=True,
    ),
)
SECTION_KEYS = tuple(s.key for s in SECTIONS)
BODY = ("solution", "quote", "faq")
QUESTIONS = ("big-idea", "should-we", "plan")


def section(key: str) -> Section:
    return next(s for s in SECTIONS if s.key == key)


def _field(key: str) -> str:
    return key.replace("-", "_")


@dataclass(frozen=True)
class Draft:
    """A press release and FAQ in the making; `id` names its file, drafts/<id>.md."""

    id: str
    problem: str = ""
    solution: str = ""
    quote: str = ""
    faq: str = ""
    big_idea: str = ""
    should_we: str = ""
    plan: str = ""
    headline: str = ""
    # Text the writer put between the headline and the first section, in the file
    # itself: kept as it is, not checked.
    preamble: str = ""

    def __post_init__(self) -> None:
        # Always as the file keeps it, so a draft equals itself read back.
        for item in SECTIONS:
            name = _field(item.key)
            object.__setattr__(self, name, normalize(item.key, getattr(self, name)))
        object.__setattr__(self, "preamble", normalize("preamble", self.preamble))

    def get(self, key: str) -> str:
        value = getattr(self, _field(key))
        assert isinstance(value, str)
        return value

    def with_text(self, key: str, value: str) -> Draft:
        return dataclasses.replace(self, **{_field(key): normalize(key, value)})

    @property
    def title(self) -> str:
        """What the draft is called in lists: its headline, else its problem's start."""
        if self.headline:
            return self.headline
        if self.problem:
            return one_line(self.problem, 60)
        return "Untitled draft"


def normalize(key: str, value: str) -> str:
    """Text as a draft keeps it: no control characters, no blank edges; the
    headline on one line. The file is an export, read in other tools."""
    clean = printable(value)
    if key == "headline":
        return " ".join(clean.split())
    return clean.strip()


# --------------------------------------------------------------------------- rules

POINTS = {
    "problem-first": 20,
    "problem-not-solution": 20,
    "problem-sized": 15,
    "sections-written": 15,
    "three-questions": 15,
    "weasel-words": 15,
}
TITLES = {
    "problem-first": "Problem first",
    "problem-not-solution": "Problem, not solution",
    "problem-sized": "Problem sized",
    "sections-written": "Sections written",
    "three-questions": "Three questions",
    "weasel-words": "Weasel words",
}
WHY = {
    "problem-first": "Start from the customer who has the problem, not from the pieces in "
    "the pantry (what we already have).",
    "problem-not-solution": "A problem paragraph that proposes a solution can no longer test it.",
    "problem-sized": "A number says whether the problem is worth solving.",
    "sections-written": "The solution, a customer's words and the FAQ make the case.",
    "three-questions": "Is it a big idea? Should we do it? Is there a legitimate plan to "
    "succeed? Each needs its own answer.",
    "weasel-words": "Weasel words sound like facts but give no size, time or source.",
}
PROBLEM_RULES = ("problem-first", "problem-not-solution", "problem-sized")
ABOUT = {
    "problem-first": ("problem",),
    "problem-not-solution": ("problem",),
    "problem-sized": ("problem",),
    "sections-written": BODY,
    "three-questions": QUESTIONS,
    "weasel-words": SECTION_KEYS,
}

# "Our customers …" starts from the customer; "Our team …", "We …" from the team.
_PEOPLE = (
    r"customers?|users?|buyers?|sellers?|shoppers?|clients?|members?|readers?|guests?"
    r"|patients?|students?|partners?"
)
_TEAM_OPENING = re.compile(rf"\s*(?:we|us|i|my|our(?!\s+(?:{_PEOPLE})\b))(?![\w'])", re.IGNORECASE)
# Phrases that propose rather than describe; docs/drills.md lists them.
_VERBS = (
    r"build|add|launch|ship|create|develop|introduce|offer|provide|integrate|combine|use"
    r"|make|release|implement"
)
_PROPOSAL = re.compile(
    r"(?<![\w'])(?:"
    rf"we(?:'ll|'d| will| would| should| could| can| need to| want to| plan to| propose to"
    rf"| are going to|'re going to)\s+(?:{_VERBS})"
    rf"|let'?s\s+(?:{_VERBS})"
    r"|we propose"
    r"|(?:our|the) solution|this feature|(?:a|the|our|this) new feature"
    r"|a new (?:tool|app|product|service|button|page|screen)"
    r"|(?:will|would) (?:let|allow|enable|help) (?:users|customers|people|them|you)"
    r"|(?:lets|allows|enables) (?:users|customers|people)"
    r"|(?:by|through) (?:building|adding|launching|creating|integrating|combining)"
    r")(?![\w'])",
    re.IGNORECASE,
)


def _rule(name: str, points: int, explanation: str) -> RuleResult:
    most = POINTS[name]
    return RuleResult(name, TITLES[name], points == most, points, most, explanation, ABOUT[name])


def _quoted(items: Sequence[str], limit: int = 4) -> str:
    seen: list[str] = []
    for item in items:
        quoted = f"“{one_line(item, 30)}”"
        if quoted not in seen:
            seen.append(quoted)
    return ", ".join(seen[:limit]) + (" …" if len(seen) > limit else "")


def _words_of(lists: Sequence[WordList], kind: str) -> tuple[str, ...]:
    return tuple(word for w in lists if w.kind == kind for word in w.words)


def check_draft(draft: Draft) -> str | None:
    """Why a draft cannot be checked (a section far longer than a PR/FAQ's), or None."""
    for item in SECTIONS:
        size = len(draft.get(item.key))
        if size > MAX_SECTION_CHARS:
            return (
                f"{item.title} has {size:,} characters; a section is checked up to "
                f"{MAX_SECTION_CHARS:,}. Shorten it."
            )
    return None


def _problem_rules(problem: str, lists: Sequence[WordList]) -> tuple[list[RuleResult], list[Span]]:
    straight = t.straight(problem)
    if t.count_words(problem) < MIN_WORDS:
        missing = f"No problem paragraph yet (under {MIN_WORDS} words): write it first."
        return [
            _rule("problem-first", 0, missing),
            _rule("problem-not-solution", 0, missing),
            _rule("problem-sized", 0, missing),
        ], []
    spans: list[Span] = []
    pantry = t.find_listed(straight, (("solution-first", _words_of(lists, "solution-first")),))
    spans.extend(Span(f.start, f.end, "solution-first", "problem") for f in pantry)
    opening = _TEAM_OPENING.match(straight)
    if pantry:
        first = _rule(
            "problem-first",
            0,
            f"Starts from what you have, not from the customer: {_quoted([f.text for f in pantry])}"
            " (pieces in the pantry). Which customer problem would it solve?",
        )
    elif opening:
        word = opening.group().strip()
        first = _rule(
            "problem-first",
            0,
            f"Opens with “{word}”: start from the customer who has the problem.",
        )
    else:
        first = _rule("problem-first", POINTS["problem-first"], "Starts from the customer.")
    proposals = [
        m
        for m in _PROPOSAL.finditer(straight)
        if not any(s.start < m.end() and m.start() < s.end for s in spans)
    ]
    spans.extend(Span(m.start(), m.end(), "proposal", "problem") for m in proposals)
    if proposals:
        second = _rule(
            "problem-not-solution",
            0,
            f"Names a solution: {_quoted([m.group() for m in proposals])}. Keep this paragraph "
            "about the customer; the solution comes next.",
        )
    else:
        second = _rule(
            "problem-not-solution", POINTS["problem-not-solution"], "Describes the problem only."
        )
    sized = t.figures(straight)
    if sized:
        third = _rule(
            "problem-sized",
            POINTS["problem-sized"],
            f"Sized with a number: {_quoted([n.text for n in sized], 3)}.",
        )
    else:
        third = _rule(
            "problem-sized",
            0,
            "No number: how many customers have it, how often, what it costs them?",
        )
    return [first, second, third], spans


def _written_rule(name: str, keys: Sequence[str], draft: Draft, verb: str) -> RuleResult:
    each = POINTS[name] // len(keys)
    missing = [section(k).name for k in keys if t.count_words(draft.get(k)) < MIN_WORDS]
    points = each * (len(keys) - len(missing))
    if not missing:
        done = ", ".join(section(k).name for k in keys)
        return _rule(name, points, f"All {verb}: {done}.")
    return _rule(
        name,
        points,
        f"Still to be {verb}: {', '.join(missing)} (at least {MIN_WORDS} words each).",
    )


def working_backwards_feedback(draft: Draft, word_lists: Sequence[WordList]) -> DraftFeedback:
    """Score a whole draft; never raises, whatever the text."""
    problem = check_draft(draft)
    if problem is not None:
        return DraftFeedback(0, (), (), problem)
    texts = {key: printable(draft.get(key)) for key in SECTION_KEYS}
    rules, spans = _problem_rules(texts["problem"], word_lists)
    rules.append(_written_rule("sections-written", BODY, draft, "written"))
    rules.append(_written_rule("three-questions", QUESTIONS, draft, "answered"))
    weasels = _words_of(word_lists, "weasel")
    found: list[str] = []
    for key in SECTION_KEYS:
        for item in t.find_listed(t.straight(texts[key]), (("weasel", weasels),)):
            spans.append(Span(item.start, item.end, "weasel", key))
            found.append(item.text)
    name = "weasel-words"
    if found:
        points = max(POINTS[name] - PER_LISTED_WORD * len(found), 0)
        count = f"{len(found)} weasel word{'s' * (len(found) != 1)}"
        rules.append(
            _rule(
                name,
                points,
                f"{count} (−{PER_LISTED_WORD} each): {_quoted(found)}. Give a number, a date "
                "or a source instead.",
            )
        )
    else:
        rules.append(_rule(name, POINTS[name], "No weasel words."))
    order = {key: index for index, key in enumerate(SECTION_KEYS)}
    spans.sort(key=lambda s: (order[s.section], s.start, s.end, s.kind))
    return DraftFeedback(sum(r.points for r in rules), tuple(rules), tuple(spans))


def step_checks(key: str, text: str, word_lists: Sequence[WordList]) -> DraftFeedback:
    """The rules about one section, judged on that section alone: what the guided step
    shows while it is written (the rest of the draft is judged at the review)."""
    alone = Draft("step").with_text(key, text)
    feedback = working_backwards_feedback(alone, word_lists)
    if not feedback.checked:
        return feedback
    rules = [r for r in feedback.rules if key in r.about and r.name in PROBLEM_RULES]
    if key in BODY or key in QUESTIONS:
        name = "sections-written" if key in BODY else "three-questions"
        each = POINTS[name] // 3
        count = t.count_words(alone.get(key))
        done = count >= MIN_WORDS
        said = f"{count} word{'s' * (count != 1)}"
        rules.append(
            RuleResult(
                name,
                TITLES[name],
                done,
                each if done else 0,
                each,
                f"Written: {said}." if done else f"At least {MIN_WORDS} words; {said} so far.",
                (key,),
            )
        )
    rules.extend(r for r in feedback.rules if r.name == "weasel-words")
    return DraftFeedback(sum(r.points for r in rules), tuple(rules), feedback.spans(key))
