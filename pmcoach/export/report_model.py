"""What the report holds: the figures and lines both formats write down.

`report.build_report` fills these once; `markdown` and `html` only write them out, so the
two formats cannot disagree. A trend reads as block characters on the fixed 1–5 scale
(docs/definitions.md, "Score"), so two skills' lines compare at a glance; the HTML draws
the same scores as a chart, with the manager's and the peers' ratings as marks of their own.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from pmcoach.domain import scores, streak
from pmcoach.text import figures

# Block characters by score: 1.0 is the lowest block, 5.0 the full one.
BLOCKS = "▁▂▃▄▅▆▇█"
NO_POINT = "·"
TREND_POINTS = 12  # a text trend's most points, so it fits beside the table


# A figure as the report prints it: a judgement made on the printed figure cannot call a
# skill shown "at 4.0, gap 0.0" below its target.
shown = figures.written


def level_of(score: float) -> int:
    """The rubric level a score stands at: the score rounded half up (2.5 is level 3)."""
    return int(Decimal(repr(score)).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


@dataclass(frozen=True)
class Mark:
    """One point of a chart: the day it stands for, and its value on the 1–5 scale."""

    day: dt.date
    value: float


@dataclass(frozen=True)
class SkillLine:
    skill: str
    title: str
    start: float | None
    now: float | None
    target: int
    trend: tuple[float | None, ...]  # at most TREND_POINTS, oldest first
    manager: int | None = None  # the latest manager rating in the period
    # The chart: every weekly score of the period (at most CHART_POINTS, evenly kept),
    # every manager's rating and every peer's reply of the period, each on its day.
    series: tuple[Mark | None, ...] = ()
    managers: tuple[Mark, ...] = ()
    peers: tuple[Mark, ...] = ()
    peer_mean: float | None = None  # None until rules.PEERS_SHOWN peers rated the skill
    peer_count: int = 0
    weight: float = 1.0  # rules.EMPHASIS_WEIGHT where the track emphasises the skill
    focus: bool = False

    @property
    def change(self) -> float | None:
        if self.start is None or self.now is None:
            return None
        return figures.difference(self.now, self.start)

    @property
    def gap(self) -> float | None:
        """Target minus score now (`scores.gap`): how far there is still to go."""
        return scores.gap(self.target, self.now)

    @property
    def at_target(self) -> bool:
        """At or above the target as printed: a 3.96 reads "4.0" and is at a target of 4."""
        return self.now is not None and shown(self.now) >= self.target

    @property
    def weighted_gap(self) -> float | None:
        """The gap times the track's weight: what the focus is chosen by."""
        return None if self.gap is None else self.gap * self.weight

    @property
    def blocks(self) -> str:
        return sparkline(self.trend)


@dataclass(frozen=True)
class Levels:
    """The rubric's words for where a skill stands and where its target is."""

    now: int | None
    now_words: str | None
    target: int
    target_words: str | None


@dataclass(frozen=True)
class Standing:
    """One growth area in plain words, with its level words: what the next level up looks
    like is what a growth area is for."""

    skill: str
    text: str
    levels: Levels | None = None


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
    outcome: str  # missed | renegotiated | met | open | withdrawn: the word the line ends with
    renegotiated: int = 0  # how many times a new date was agreed


@dataclass(frozen=True)
class Counted:
    """A list cut to fit the page, and how many more there were."""

    items: tuple[Item, ...]
    more: int = 0


@dataclass(frozen=True)
class EvidenceGroup:
    """One skill's evidence: its latest items and how many more the period holds."""

    skill: str  # the skill's title, or "" for items about no skill of the rubric
    items: tuple[Item, ...]
    more: int = 0


@dataclass(frozen=True)
class Evidence:
    groups: tuple[EvidenceGroup, ...] = ()

    @property
    def items(self) -> tuple[Item, ...]:
        """Every item shown, group after group."""
        return tuple(item for group in self.groups for item in group.items)

    @property
    def more(self) -> int:
        return sum(group.more for group in self.groups)


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
    growth: tuple[Standing, ...]
    focus: str | None
    exercises: Counted
    commitments: tuple[CommitmentLine, ...]
    more_commitments: int
    say_do: streak.SayDo
    evidence: Evidence
    manager_day: dt.date | None
    flagged: tuple[str, ...]  # skills where self and manager differ by FLAG_DIFFERENCE or more
    discuss: Counted
    left_out: int  # private texts the period held and this report does not show
    # The latest manager's ratings are on the old scale (`domain.manager.comparable`):
    # shown, never compared with the scores.
    manager_old_scale: bool = False
    name: str | None = None  # the person's name (config `name`), heading the report
    focus_levels: Levels | None = None  # the focus's level words, when no growth line has them
    peer_replies: int = 0  # peers' replies in the period
    # Who replied, latest first: only with `show_peer_names` on, and a private name only
    # with --include-private (docs/definitions.md, "Peers").
    peer_names: tuple[str, ...] = ()
    cut_commitments: str = "met"  # the outcome of the commitments left out (`more_commitments`)


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
