"""What a self-review draft holds, and the sentences both of its formats print.

`review.build_review` fills these once from the data folder; `review_markdown` and
`review_html` only write them down, so a draft pasted from the Markdown and one printed
from the HTML say the same things. Every text in here is already cleared for showing:
private texts are left out unless asked for, and each is one printable line.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pmcoach.domain import rules, scores
from pmcoach.text import figures


@dataclass(frozen=True)
class Dated:
    """One dated line: a win, a grade, a note, an exercise, a commitment, a drill."""

    day: dt.date
    label: str  # what kind of thing: "win (peer)", "graded 4/5", "kept", an exercise title
    text: str  # the person's own words; "" when there are none to show


@dataclass(frozen=True)
class Level:
    """A score and the rubric's words for the level it is nearest to."""

    score: float
    level: int
    words: str | None  # None: the rubric gives no summary for that level


@dataclass(frozen=True)
class SkillReview:
    skill: str
    title: str
    target: int
    start: Level | None
    now: Level | None
    target_words: str | None
    evidence: tuple[Dated, ...]  # wins, grades and notes on the skill, latest first
    more_evidence: int
    why: tuple[Dated, ...]  # the person's reflections and exercise notes on the skill

    @property
    def change(self) -> float | None:
        if self.start is None or self.now is None:
            return None
        return figures.difference(self.now.score, self.start.score)

    @property
    def gap(self) -> float | None:
        return scores.gap(self.target, None if self.now is None else self.now.score)


@dataclass(frozen=True)
class Review:
    name: str | None
    track: str
    track_id: str
    period_label: str
    first_day: dt.date | None
    last_day: dt.date
    generated: dt.datetime
    checkins: int
    full: int
    skills: tuple[SkillReview, ...]
    moved: tuple[SkillReview, ...]  # skills that rose or fell by MOVED or more
    exercises: tuple[Dated, ...]  # done or partly done, latest first
    more_exercises: int
    drills: tuple[str, ...]  # one sentence per drill practised in the period
    missed: tuple[Dated, ...]
    more_missed: int
    kept: tuple[Dated, ...]
    more_kept: int
    commitment_states: tuple[int, int, int]  # made in the period: kept, missed, still open
    focus: str | None
    open_commitments: tuple[Dated, ...]  # by due date, the soonest first
    current_exercises: tuple[str, ...]  # titles of the last check-in's exercises not done yet
    left_out: int  # private texts of the period this draft does not show


# A move this large (either way) in a period is one a review should explain.
MOVED = 0.25


def title(review: Review) -> str:
    return f"Self-review: {review.name}" if review.name else "Self-review"


def day_text(day: dt.date) -> str:
    return f"{day.day} {day:%b %Y}"


def short_day(day: dt.date) -> str:
    return f"{day.day} {day:%b}"


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' * (count != 1)}"


def meta_line(review: Review) -> str:
    if review.first_day is None:
        span = f"nothing recorded ({review.period_label})"
    else:
        span = f"{day_text(review.first_day)} – {day_text(review.last_day)}"
    parts = [f"{review.track} track", span, _plural(review.checkins, "weekly check-in")]
    if review.full:
        parts.append(_plural(review.full, "full assessment"))
    parts.append(f"drafted {day_text(review.generated.date())}")
    return " · ".join(parts)


INTRO = (
    "A draft from my own weekly self-assessments against the rubric's described "
    "behaviours, scored 1 to 5 (the mean of the latest rating of each question in the "
    f"{rules.SCORE_WEEKS} weeks before a day). The words after each level are the rubric's."
)


def standing(skill: SkillReview) -> str:
    """Where a skill started and where it stands, in one sentence."""
    if skill.now is None:
        return f"No ratings in this period; my target is {figures.target(skill.target)}."
    now = figures.score(skill.now.score)
    if skill.start is None:
        opening = f"Now at {now}"
    else:
        change = figures.format_change(skill.change)
        opening = f"Started at {figures.score(skill.start.score)}, now at {now} ({change})"
    gap = skill.gap or 0.0
    if gap <= 0:
        return f"{opening}: at or above my target of {figures.target(skill.target)}."
    return f"{opening}: {figures.gap(gap)} below my target of {figures.target(skill.target)}."


def level_lines(skill: SkillReview) -> list[tuple[str, str]]:
    """(label, the rubric's words) for the start, now and the target, each level once."""
    lines: list[tuple[str, str]] = []
    seen: set[int] = set()
    for label, level in (("Started", skill.start), ("Now", skill.now)):
        if level is None or level.words is None:
            continue
        if level.level in seen:
            lines[-1] = (f"Started and now, level {level.level}", level.words)
            continue
        seen.add(level.level)
        lines.append((f"{label}, level {level.level}", level.words))
    if skill.target_words is not None and skill.target not in seen:
        lines.append((f"Target, level {skill.target}", skill.target_words))
    return lines


def no_skills_line(review: Review) -> str:
    return (
        f"No skills to show: the track {review.track_id!r} is not in the rubric "
        "(pmcoach doctor says more)."
    )


def moved_line(skill: SkillReview) -> str:
    verb = "rose" if (skill.change or 0) > 0 else "fell"
    assert skill.start is not None and skill.now is not None
    return (
        f"{skill.title} {verb} from {figures.score(skill.start.score)} to "
        f"{figures.score(skill.now.score)} ({figures.format_change(skill.change)})."
    )


OVERDUE = "overdue"
"""The label of an open commitment whose due date has passed."""
NO_MOVE = f"No skill rose or fell by {MOVED} or more in this period."
NO_WORDS = "I wrote nothing on it in this period."


def commitments_line(review: Review) -> str:
    """What became of the commitments made in the period, private ones counted too."""
    kept, missed, still_open = review.commitment_states
    if not kept + missed + still_open:
        return "I made no commitments in this period."
    line = f"Of {_plural(kept + missed + still_open, 'commitment')} I made in this period, "
    line += f"I kept {kept} and missed {missed}"
    if kept + missed:
        line += f" (say/do {figures.ratio(kept / (kept + missed))})"
    return line + (f"; {still_open} still open." if still_open else ".")


def more_line(count: int, what: str) -> str | None:
    return f"…and {count} more {what}." if count else None


def left_out_line(review: Review) -> str | None:
    if not review.left_out:
        return None
    texts = _plural(review.left_out, "private text")
    return (
        f"{texts} of this period left out of this draft (notes, reflections or "
        "commitments marked private; pmcoach review --include-private adds them)."
    )
