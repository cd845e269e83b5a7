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

RECENT_ONE_ON_ONE = 2
"""Weeks before the end of a demo when a 1:1 comes if no quarterly one is that recent, so
the manager comparison (ratings of the last 8 weeks) has something to compare; after
that week's check-in, so at most one more check-in moves the score it is set against."""
FLAG_MARGIN = 2.1
"""How far the latest 1:1 sets one skill's rating from the score: just past the flag (2),
so the difference stays one after a check-in that follows it."""


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
        """The manager rates one skill `FLAG_MARGIN` or more from the PM's own score, on
        the skill where the smallest such step is possible (higher where there is room
        above, else lower), so the difference reads as a real one, not an outlier."""
        recent = history.for_focus(at)
        steps: list[tuple[float, str, int, str]] = []
        for skill in self.skills:
            score = scores.skill_score(recent, self.rubric, skill, at)
            if score is None:
                continue
            up = math.ceil(score + FLAG_MARGIN)
            if up <= MAX_RATING:
                steps.append((up - score, skill, up, "higher"))
            down = math.floor(score - FLAG_MARGIN)
            if down >= MIN_RATING:
                steps.append((score - down, skill, down, "lower"))
        if steps:
            _, skill, rating, way = min(steps)
            ratings[skill] = rating
            notes[skill] = Text(FLAGGED_NOTES[way])
