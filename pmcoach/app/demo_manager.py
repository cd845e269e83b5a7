"""The demo's 1:1s: the manager's ratings each quarter and one in the last weeks.

The manager starts out seeing a point less than the person does and the two views
converge over two years; in the last weeks of a demo the manager sees one skill far from
the person's own score, so the comparison flags a difference and the agenda suggests it.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from zoneinfo import ZoneInfo

from pmcoach.app.demo_history import Ids, SelfHistory, ramp
from pmcoach.app.demo_notes import pick, words
from pmcoach.app.demo_texts import FLAGGED_NOTES
from pmcoach.domain import scores
from pmcoach.domain.model import (
    LEVELS_SCALE,
    MAX_RATING,
    MIN_RATING,
    Answer,
    Rubric,
    Session,
    Text,
    Track,
)

RECENT_ONE_ON_ONE = 3
"""Weeks before the end of a demo when a 1:1 comes if no quarterly one is that recent, so
the manager comparison (ratings of the last 8 weeks) has something to compare."""
FLAG_MARGIN = 2.3
"""How far the latest 1:1 sets one skill's rating from the score: past the flag (2),
so the difference is still one after the check-ins that follow it."""


class OneOnOnes:
    """The manager sessions of a demo, drawn from its second random stream."""

    def __init__(
        self,
        rubric: Rubric,
        track: Track,
        weeks: int,
        zone: ZoneInfo,
        rng: random.Random,
        ids: Ids,
    ) -> None:
        self.rubric = rubric
        self.track = track
        self.weeks = weeks
        self.zone = zone
        self.rng = rng
        self.ids = ids
        self.skills = [s.id for s in rubric.track_skills(track)]
        self.last: dt.date | None = None

    def manager(
        self,
        week: int,
        after: dt.date,
        ability: dict[str, float],
        end: dt.date,
        history: SelfHistory,
    ) -> Session | None:
        """A 1:1 a few days after `after` (the quarter's full assessment, or the Monday of
        a recent week): the manager starts out seeing a point less than the PM does and
        the two views converge over two years. In the last weeks of a demo the manager
        sees one skill far from where the PM puts it, a difference worth raising."""
        day = after + dt.timedelta(days=self.rng.choice((2, 3)))
        day = min(day, day - dt.timedelta(days=day.weekday()) + dt.timedelta(days=4))
        hour, minute = 13 + self.rng.randrange(4), self.rng.randrange(60)
        started = dt.datetime.combine(day, dt.time(hour, minute), self.zone)
        finished = started + dt.timedelta(minutes=3 + self.rng.randrange(5))
        harsher = 0.75 - 0.6 * ramp(week, self.weeks, 104)
        ratings: dict[str, int] = {}
        notes: dict[str, Text] = {}
        for skill in self.skills:
            level = ability[skill] - harsher + self.rng.gauss(0, 0.3)
            ratings[skill] = min(MAX_RATING, max(MIN_RATING, round(level)))
            if self.rng.random() < 0.25:
                notes[skill] = Text(pick(words(skill).manager, self.rng))
        if day > end:
            return None  # the 1:1 is still to come
        if week >= self.weeks - 2 * RECENT_ONE_ON_ONE:
            self._set_apart(ratings, notes, history, started)
        self.last = day
        return Session(
            id=self.ids.item("manager", started),
            kind="manager",
            track=self.track.id,
            rubric=self.rubric.label,
            device="demo",
            started=started,
            updated=finished,
            finished=finished,
            answers=tuple(
                Answer(skill=skill, rating=ratings[skill], note=notes.get(skill))
                for skill in self.skills
            ),
            scale=LEVELS_SCALE,
        )

    def recent(
        self,
        week: int,
        monday: dt.date,
        ability: dict[str, float],
        end: dt.date,
        history: SelfHistory,
    ) -> Session | None:
        """The 1:1 of the last weeks, unless a quarterly one was that recent."""
        if week != self.weeks - RECENT_ONE_ON_ONE:
            return None
        recent = monday - dt.timedelta(weeks=RECENT_ONE_ON_ONE)
        if self.last is not None and self.last >= recent:
            return None
        return self.manager(week, monday, ability, end, history)

    def _set_apart(
        self,
        ratings: dict[str, int],
        notes: dict[str, Text],
        history: SelfHistory,
        at: dt.datetime,
    ) -> None:
        """The manager rates one skill `FLAG_MARGIN` or more from the PM's own score: the
        lowest-scored skill higher when there is room above it, else the highest lower."""
        recent = history.for_focus(at)
        own = {s: scores.skill_score(recent, self.rubric, s, at) for s in self.skills}
        known = sorted((score, skill) for skill, score in own.items() if score is not None)
        if not known:
            return
        low, low_skill = known[0]
        high, high_skill = known[-1]
        if low + FLAG_MARGIN <= MAX_RATING:
            ratings[low_skill] = min(MAX_RATING, math.ceil(low + FLAG_MARGIN))
            notes[low_skill] = Text(FLAGGED_NOTES["higher"])
        elif high - FLAG_MARGIN >= MIN_RATING:
            ratings[high_skill] = max(MIN_RATING, math.floor(high - FLAG_MARGIN))
            notes[high_skill] = Text(FLAGGED_NOTES["lower"])

    # -------------------------------------------------------------- between check-ins
