"""The working-backwards draft: its sections in the order they are written, and `Draft`.

A press release and FAQ is written problem first (docs/drills.md, "Working backwards");
each section is one guided step on the screen and one heading of the draft's Markdown
file. The draft keeps its text as the file does (no control characters, no blank edges),
so the rules, the screen and the file all read the same words.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from pmcoach.text.sanitize import one_line, printable


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
