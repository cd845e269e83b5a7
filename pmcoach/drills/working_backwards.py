"""The working-backwards drill: a guided press release and FAQ, problem first.

The draft is written in order: the problem (before any solution), the
solution, a customer's quote, the FAQ, then the three questions an investment
decision turns on (is it a big idea, should we do it, is there a legitimate
plan to succeed), and last an optional headline. Six named rules score it
out of 100 (docs/drills.md has them with examples and the score bands):

* problem-first, 20: the problem starts from the customer: it does not open
  with "We" or "Our team" (a customer speaking in the first person, "I run a
  3-person shop …", does start from the customer) and has no solution-first
  phrase ("we have", "we could combine": pieces in the pantry);
* problem-not-solution, 20: the problem paragraph proposes nothing ("we will
  build", "a new feature", "will let users") and names no product as the missing
  piece ("shoppers lack an AI assistant", "customers need a dashboard");
* problem-sized, 15: the problem paragraph has about 12 words or more and a
  number (how many, how often, how much);
* sections-written, 15: solution, customer quote and FAQ each have substance:
  about 12 words or more and a specific (a number, a date, a named customer); the
  FAQ at least two questions with real answers (5 points each);
* three-questions, 15: each investment question is answered with substance too
  (5 points each);
* weasel-words, 15: no weasel word anywhere (−5 each).

A problem paragraph of fewer than 5 words fails the three problem rules: an
empty paragraph names no solution, but it is not a problem statement either; one
of fewer than about 12 words is too short to be sized.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pmcoach.domain.model import WordList
from pmcoach.drills import text as t
from pmcoach.drills.feedback import DraftFeedback, RuleResult, Span
from pmcoach.drills.press_release import BODY, QUESTIONS, SECTION_KEYS, SECTIONS, Draft, section
from pmcoach.text.sanitize import one_line, printable

MAX_SECTION_CHARS = 10_000
MIN_WORDS = 12  # "about 12 words": a sentence with a who, a what and a how much
MIN_PROBLEM_WORDS = 5  # below this there is no problem paragraph to judge at all
MIN_FAQ_ANSWERS = 2
MIN_ANSWER_WORDS = 4
PER_LISTED_WORD = 5


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
# A first-person opening is the team's when it speaks about customers ("I hear from 20
# sellers", "I think") or names the team; otherwise it is a customer's own voice ("I run
# a 3-person candle shop and lose 3 hours every Monday").
_TEAM_VOICE = re.compile(
    r"\s*(?:we|us|our|my\s+(?:team|squad|engineers|org|organisation|organization|company"
    r"|product|roadmap|manager)\b"
    r"|i(?:'ve|\s+have|\s+had|'d|\s+would|'m|\s+am)?\s+(?:also\s+)?(?:hear|heard|talked"
    r"|spoke|spoken|interviewed|noticed|see|saw|seen|found|think|believe|feel|want|propose"
    r"|suggest|plan|like|building|built|lead|manage|work|asked|surveyed|looked|analysed"
    r"|analyzed|measured|estimate|estimated|learned|been\s+told|the\s+pm|a\s+pm"
    r"|the\s+product))(?![\w'])",
    re.IGNORECASE,
)
_QUOTED = re.compile(r"\s*[“\"‘'«]")
# Phrases that propose rather than describe; docs/drills.md lists them.
_VERBS = (
    r"build|add|launch|ship|create|develop|introduce|offer|provide|integrate|combine|use"
    r"|make|release|implement"
)
# What a product is made of: a need for one of these names the solution, not the problem.
_PRODUCT = (
    r"tool|app|application|feature|dashboard|assistant|bot|chatbot|button|page|screen"
    r"|portal|platform|integration|plugin|plug-in|widget|api|sdk|service|product|system"
    r"|module|engine|extension|template|wizard|tab|menu|toggle|setting|mode|interface|ui"
    r"|view|workflow|automation|algorithm|software|website|site|search\s+bar|filter"
    r"|notification|alert|export|chat|copilot|agent\s+ai|ai"
)
_LACKS = (
    r"need|needs|needed|needing|want|wants|wanted|require|requires|required|ask\s+for"
    r"|asks\s+for|asked\s+for|are\s+missing|is\s+missing|missing|have\s+no|has\s+no"
    r"|there\s+is\s+no|there's\s+no|there\s+are\s+no|without|don't\s+have|do\s+not\s+have"
    r"|doesn't\s+have|does\s+not\s+have|can't\s+find|cannot\s+find|wish\s+for"
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
    rf"|(?:lack|lacks|lacked|lacking)\s+(?:a|an)(?:\s+[\w'-]+){{0,4}}?\s+(?:{_PRODUCT})s?"
    r"|(?:lack|lacks|lacked|lacking)\s+(?:a|an)\s+[\w'-]+"
    rf"|(?:{_LACKS})\s+(?:(?:a|an|any|the|some|more|their\s+own|one)\s+)?"
    rf"(?:[\w'-]+\s+){{0,4}}?(?:{_PRODUCT})s?"
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
    count = t.count_words(problem)
    if count < MIN_PROBLEM_WORDS:
        missing = (
            f"No problem paragraph yet (under {MIN_PROBLEM_WORDS} words): who has it, how "
            "often, what it costs them."
        )
        return [
            _rule("problem-first", 0, missing),
            _rule("problem-not-solution", 0, missing),
            _rule("problem-sized", 0, missing),
        ], []
    spans: list[Span] = []
    pantry = t.find_listed(straight, (("solution-first", _words_of(lists, "solution-first")),))
    spans.extend(Span(f.start, f.end, "solution-first", "problem") for f in pantry)
    opening = _TEAM_OPENING.match(straight)
    if opening and not _QUOTED.match(straight) and not _TEAM_VOICE.match(straight):
        opening = None  # a customer speaking in the first person
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
    if count < MIN_WORDS:
        third = _rule(
            "problem-sized",
            0,
            f"{count} words: too few to size a problem (about {MIN_WORDS}): who has it, how "
            "many, how often, what it costs them.",
        )
    elif sized:
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
    short = {k: _lacks(k, draft.get(k)) for k in keys}
    missing = [f"{section(k).name}: {why}" for k, why in short.items() if why]
    points = each * sum(1 for why in short.values() if not why)
    if not missing:
        done = ", ".join(section(k).name for k in keys)
        return _rule(name, points, f"All {verb} with substance: {done}.")
    return _rule(name, points, f"Still to be {verb}: {'; '.join(missing)}.")


def _lacks(key: str, text: str) -> str | None:
    """What a section lacks to have substance, or None: about 12 words and one specific
    (a number, a date, a named customer); the FAQ two questions with real answers."""
    clean = t.straight(printable(text))
    count = t.count_words(clean)
    if count < MIN_WORDS:
        return f"{count} word{'s' * (count != 1)} (about {MIN_WORDS} needed)"
    if key == "faq":
        answered = len(faq_answers(clean))
        if answered < MIN_FAQ_ANSWERS:
            return (
                f"{answered} question{'s' * (answered != 1)} with a real answer "
                f"({MIN_FAQ_ANSWERS} needed: Q: … A: …)"
            )
    if not specifics(clean):
        return "no number, date or named customer"
    return None


def specifics(text: str) -> list[str]:
    """The specifics of a text: numbers (a date's too), dates, and names (a capitalised word
    inside a sentence: "Northwind", "Maria"), which make a claim checkable."""
    found = [n.text for n in t.find_numbers(text)] + [d.text for d in t.find_dates(text)]
    return found + t.names(text)


_LABEL = re.compile(r"(?<![\w'])(?:q|question|a|answer)\s*\d*\s*[:.)]\s*", re.IGNORECASE)
_QUESTION_LABEL = re.compile(r"(?<![\w'])(?:q|question)\s*\d*\s*[:.)]", re.IGNORECASE)
_NON_ANSWER = re.compile(
    r"\s*(?:tbd|tbc|n/?a|todo|to\s+do|to\s+be\s+(?:decided|determined|confirmed|defined|agreed)"
    r"|unknown|later|not\s+sure|no\s+idea|good\s+question|we'll\s+see|we\s+will\s+see"
    r"|coming\s+soon|pending|-+|\?+|\.+)(?![\w'])",
    re.IGNORECASE,
)


def faq_answers(text: str) -> list[tuple[str, str]]:
    """(question, answer) pairs whose answer is real: at least 4 words that are not "TBD",
    "to be decided", "not sure" and the like. A question ends with "?"; its answer is what
    follows, up to the next question (a "Q:" or "A:" label is not part of either)."""
    pairs: list[tuple[str, str]] = []
    question: str | None = None
    answer: list[str] = []
    for start, end in t.sentences(text):
        sentence = text[start:end]
        is_question = sentence.rstrip().endswith("?") or bool(_QUESTION_LABEL.match(sentence))
        if is_question:
            if question is not None:
                pairs.append((question, " ".join(answer)))
            question, answer = sentence, []
        elif question is not None:
            answer.append(_LABEL.sub("", sentence, count=1) if not answer else sentence)
    if question is not None:
        pairs.append((question, " ".join(answer)))
    return [
        (q, a)
        for q, a in pairs
        if t.count_words(a) >= MIN_ANSWER_WORDS and not _NON_ANSWER.match(a)
    ]


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
        why = _lacks(key, alone.get(key))
        said = f"{count} word{'s' * (count != 1)}"
        rules.append(
            RuleResult(
                name,
                TITLES[name],
                why is None,
                0 if why else each,
                each,
                f"Written with substance: {said}." if why is None else f"Not yet: {why}.",
                (key,),
            )
        )
    rules.extend(r for r in feedback.rules if r.name == "weasel-words")
    return DraftFeedback(sum(r.points for r in rules), tuple(rules), feedback.spans(key))
