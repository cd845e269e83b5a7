"""What a drill says back: a score, the named rules behind it, and where to look.

Plain frozen values, so the same text always yields an equal result (the tests
compare two runs with `==`) and the screens only lay them out.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

SpanKind = Literal["answer", "buried", "hedge", "weasel", "solution-first", "proposal"]


@dataclass(frozen=True)
class Span:
    """A stretch of text a rule points at, for highlighting in place.

    `start` and `end` index the text the feedback was computed on (the reply as
    shown, or one section of a draft, named by `section`).
    """

    start: int
    end: int
    kind: SpanKind
    section: str = "reply"


@dataclass(frozen=True)
class RuleResult:
    """One named rule: whether the text passed, the points it earned, and why.

    `explanation` speaks about this text ("opens with 'No'"), so the person
    learns what to change; `about` names the parts of a draft the rule reads.
    """

    name: str
    title: str
    passed: bool
    points: int
    max_points: int
    explanation: str
    about: tuple[str, ...] = ("reply",)


@dataclass(frozen=True)
class Feedback:
    """The answer-first drill's verdict on one reply.

    `problem` is set instead of a verdict when there is nothing sensible to
    check (an empty or enormous reply): then `score` is 0 and `rules` empty.
    """

    score: int
    rules: tuple[RuleResult, ...]
    highlights: tuple[Span, ...]
    text: str  # the reply as checked and shown: control characters removed
    problem: str | None = None
    words_after: int = 0

    @property
    def checked(self) -> bool:
        return self.problem is None

    @property
    def failed(self) -> tuple[str, ...]:
        return tuple(r.name for r in self.rules if not r.passed)


@dataclass(frozen=True)
class DraftFeedback:
    """The working-backwards drill's verdict on a whole draft."""

    score: int
    rules: tuple[RuleResult, ...]
    highlights: tuple[Span, ...]
    problem: str | None = None

    @property
    def checked(self) -> bool:
        return self.problem is None

    def spans(self, section: str) -> tuple[Span, ...]:
        return tuple(s for s in self.highlights if s.section == section)

    def rules_about(self, section: str) -> tuple[RuleResult, ...]:
        return tuple(r for r in self.rules if section in r.about)
