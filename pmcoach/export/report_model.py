"""What the one-page report holds: the figures and lines both formats write down.

`report.build_report` fills these once; `markdown` and `html` only write them out, so the
two formats cannot disagree. A trend reads as block characters on the fixed 1–5 scale
(docs/definitions.md, "Score"), so two skills' lines compare at a glance.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pmcoach.domain import scores, streak

# Block characters by score: 1.0 is the lowest block, 5.0 the full one.
BLOCKS = "▁▂▃▄▅▆▇█"
NO_POINT = "·"
TREND_POINTS = 12  # a trend's most points, so it fits beside the table


@dataclass(frozen=True)
class SkillLine:
    skill: str
    title: str
    start: float | None
    now: float | None
    target: int
    trend: tuple[float | None, ...]  # at most TREND_POINTS, oldest first
    manager: int | None = None  # the latest manager rating in the period

    @property
    def change(self) -> float | None:
        if self.start is None or self.now is None:
            return None
        return self.now - self.start

    @property
    def gap(self) -> float | None:
        """Target minus score now (`scores.gap`): how far there is still to go."""
        return scores.gap(self.target, self.now)

    @property
    def blocks(self) -> str:
        return sparkline(self.trend)


@dataclass(frozen=True)
class Item:
    """One dated line of evidence, exercise or reflection, already cleared for showing."""

    day: dt.date
    skill: str  # the skill's title, or "" when the item has none
    label: str  # what kind of thing: "note", "win (peer)", "graded 4/5", an exercise title
    text: str


@dataclass(frozen=True)
class CommitmentLine:
    due: dt.date
    text: str
    to: str
    outcome: str  # met | missed | renegotiated | open | withdrawn (pmcoach.domain.ledger.State)


@dataclass(frozen=True)
class Counted:
    """A list cut to fit the page, and how many more there were."""

    items: tuple[Item, ...]
    more: int = 0


@dataclass(frozen=True)
class Report:
    generated: dt.datetime
    period_label: str
    first_day: dt.date | None  # None: nothing recorded in the period
    last_day: dt.date
    track: str
    checkins: int
    full: int
    manager_sessions: int
    skills: tuple[SkillLine, ...]
    strengths: tuple[str, ...]
    growth: tuple[str, ...]
    focus: str | None
    exercises: Counted
    commitments: tuple[CommitmentLine, ...]
    more_commitments: int
    say_do: streak.SayDo
    evidence: Counted
    manager_day: dt.date | None
    flagged: tuple[str, ...]  # skills where self and manager differ by FLAG_DIFFERENCE or more
    discuss: Counted
    left_out: int  # private texts the period held and this report does not show
    # The latest manager's ratings are on the old scale (`domain.manager.comparable`):
    # shown, never compared with the scores.
    manager_old_scale: bool = False


def sparkline(points: tuple[float | None, ...]) -> str:
    """Scores as block characters on the fixed 1–5 scale, so two skills' lines compare."""
    chars = []
    for value in points:
        if value is None:
            chars.append(NO_POINT)
            continue
        index = round((min(max(value, 1.0), 5.0) - 1.0) / 4.0 * (len(BLOCKS) - 1))
        chars.append(BLOCKS[index])
    return "".join(chars)
