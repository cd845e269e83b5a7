"""The manager's ratings after a 1:1, and how they compare with the PM's own scores.

A manager session rates skills, not questions: the manager judges the whole
skill from what they saw, and the PM records that number as told. It keeps the
same promise as a check-in (every change is on disk before the next skill
appears), so a 1:1 cut short loses nothing and is resumed on the same device.

The comparison keeps the two sources apart on purpose: the point is to watch the
difference between how the PM sees themselves and how others do, which a blended
score would hide. It is a *difference*, never a "gap": a gap is target − score
(`scores.gap`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from pmcoach.domain import scores
from pmcoach.domain.ids import new_id
from pmcoach.domain.model import (
    LEVELS_SCALE,
    MAX_RATING,
    MIN_RATING,
    OLD_SCALE_WORDS,
    Answer,
    Rubric,
    Session,
    Skill,
    Track,
)
from pmcoach.domain.rules import FLAG_DIFFERENCE, SCORE_WINDOW
from pmcoach.domain.steps import Creator, Saver, Steps
from pmcoach.domain.weeks import calendar_minus, utc
from pmcoach.text import figures


class ManagerRatings(Steps[Skill]):
    """One skill at a time; every rating, skip and note is saved before moving on."""

    def __init__(
        self,
        session: Session,
        skills: Sequence[Skill],
        save: Saver,
        create: Creator | None = None,
    ) -> None:
        if session.kind != "manager":
            raise ValueError(f"not a manager session: {session.kind}")
        super().__init__(session, skills, save, create)

    def item_id(self, item: Skill) -> str:
        return item.id

    def answer_id(self, answer: Answer) -> str | None:
        return answer.skill

    def blank(self, item_id: str) -> Answer:
        return Answer(skill=item_id, skipped=True)

    @property
    def skills(self) -> list[Skill]:
        return self.items

    @classmethod
    def start(
        cls,
        *,
        rubric: Rubric,
        track: Track,
        device: str,
        now: dt.datetime,
        save: Saver,
        create: Creator,
    ) -> ManagerRatings:
        stamp = now.replace(microsecond=0)
        session = Session(
            id=new_id("manager", now.astimezone(dt.UTC)),
            kind="manager",
            track=track.id,
            rubric=rubric.label,
            device=device,
            started=stamp,
            updated=stamp,
            scale=LEVELS_SCALE,
        )
        # Written with its first rating, as a check-in is: ratings left before any
        # leave nothing behind to be asked about on every start.
        return cls(session, rubric.track_skills(track), save, create)

    @classmethod
    def resume(cls, session: Session, rubric: Rubric, track: Track, save: Saver) -> ManagerRatings:
        """The track's skills, plus any skill already rated that the track no longer has,
        so a rating is never hidden from the person who gave it."""
        skills = list(rubric.track_skills(track))
        known = {s.id for s in skills}
        for answer in session.answers:
            if answer.skill is None or answer.skill in known:
                continue
            skill = rubric.skill(answer.skill) or Skill(answer.skill, answer.skill, "")
            skills.append(skill)
            known.add(skill.id)
        return cls(session, skills, save)

    def rate(self, rating: int, now: dt.datetime) -> Answer:
        skill = self._need_current()
        if not MIN_RATING <= rating <= MAX_RATING:
            raise ValueError(f"rating must be {MIN_RATING} to {MAX_RATING}")
        previous = self.answer_for(skill.id)
        note = previous.note if previous else None
        return self._put(Answer(skill=skill.id, rating=rating, note=note), now)

    def skip(self, now: dt.datetime) -> None:
        """Skipping an unrated skill records it as skipped; a rated one keeps its rating."""
        skill = self._need_current()
        previous = self.answer_for(skill.id)
        if previous is None:
            self._put(Answer(skill=skill.id, skipped=True), now)
        self.position += 1

    def finish(self, now: dt.datetime) -> Session:
        stamp = now.replace(microsecond=0)
        self.session = replace(self.session, finished=stamp, updated=stamp)
        self._write()
        return self.session


def correct_rating(session: Session, skill: str, rating: int, now: dt.datetime) -> Session:
    """A past manager's rating corrected: the same session, one skill's rating changed
    (its note kept), `updated` moved."""
    if not MIN_RATING <= rating <= MAX_RATING:
        raise ValueError(f"rating must be {MIN_RATING} to {MAX_RATING}")
    answers = tuple(
        replace(a, rating=rating, skipped=False) if a.skill == skill else a for a in session.answers
    )
    return replace(session, answers=answers, updated=now.replace(microsecond=0))


def in_progress(sessions: Iterable[Session], device: str) -> Session | None:
    """The unfinished manager session begun on this device, latest first.

    Looked for by kind, not through the general "unfinished session" offer, so an
    unfinished weekly check-in neither hides it nor gets resumed in its place.
    """
    mine = [s for s in sessions if s.kind == "manager" and s.in_progress and s.device == device]
    return max(mine, key=lambda s: (s.started, s.id), default=None)


# --------------------------------------------------------------------------- comparison


def comparable(session: Session) -> bool:
    """Whether a manager session's ratings can stand beside one's own score.

    Only ratings given against the skill's level summaries (`scale = "levels"`) are on
    the scale the person's questions use; older ones were "far below ... far above the
    bar", and subtracting those from a score would invent a difference. Every place
    that computes a difference asks this, so none can disagree.
    """
    return session.kind == "manager" and session.scale == LEVELS_SCALE


@dataclass(frozen=True)
class ManagerRating:
    """The manager's latest rating of a skill, and whether it is on the levels scale."""

    rating: int
    session: str  # the id of the manager session that gave it
    comparable: bool

    @property
    def text(self) -> str:
        """`4`, or `2 (old scale)`: a rating never reads as comparable when it is not."""
        return str(self.rating) if self.comparable else f"{self.rating} ({OLD_SCALE_WORDS})"


def latest_ratings(
    sessions: Iterable[Session], at: dt.datetime, skills: Sequence[str]
) -> dict[str, ManagerRating | None]:
    """The manager's latest rating of each skill in the 8 weeks up to `at` (the self
    score's window), with the session that gave it. Unfinished sessions count: each
    rating is saved the moment it is given, as one's own answers are."""
    moment, after = utc(at), utc(calendar_minus(at, SCORE_WINDOW))
    found: dict[str, ManagerRating | None] = dict.fromkeys(skills)
    given = sorted(
        (s for s in sessions if s.kind == "manager" and after < utc(s.started) <= moment),
        key=lambda s: (utc(s.started), s.id),
    )
    for session in given:
        for answer in session.answers:
            if answer.skill in found and answer.rating is not None and not answer.skipped:
                found[answer.skill] = ManagerRating(answer.rating, session.id, comparable(session))
    return found


@dataclass(frozen=True)
class Comparison:
    """One skill seen both ways. `difference` is manager minus self: positive when
    the manager sees more than the PM does."""

    skill: str
    title: str
    self_score: float | None
    manager: int | None
    difference: float | None
    flagged: bool
    # False when the manager's rating is on the old scale: shown, never subtracted.
    comparable: bool = True
    rated_in: str | None = None  # the id of the manager session the rating is from

    @property
    def manager_text(self) -> str:
        """`4`, `2 (old scale)`, or `–` when there is no rating."""
        if self.manager is None:
            return figures.NO_VALUE
        return ManagerRating(self.manager, "", self.comparable).text

    @property
    def old_scale(self) -> bool:
        """The manager's rating is on the old scale: shown with these words, never subtracted."""
        return self.manager is not None and not self.comparable

    @property
    def cells(self) -> tuple[str, str, str]:
        """`("3.2", "4", "+0.8")`: self, manager, difference as a table shows them, under
        headers that name them once; a table says `old_scale` in a column of its own, so
        the figures stay aligned."""
        return (
            figures.format_score(self.self_score),
            figures.NO_VALUE if self.manager is None else str(self.manager),
            difference_text(self.difference),
        )


def difference(own: float | None, manager: int | None, *, on_levels: bool) -> float | None:
    """Manager minus self, or None when either is missing or the rating is not on the
    levels scale (`comparable`): callers pass `on_levels=comparable(session)`."""
    if own is None or manager is None or not on_levels:
        return None
    return figures.difference(manager, own)


def flagged(value: float | None) -> bool:
    return value is not None and abs(value) >= FLAG_DIFFERENCE


def difference_text(value: float | None) -> str:
    return figures.format_change(value)


def compare(
    sessions: Iterable[Session], rubric: Rubric, track: Track, at: dt.datetime
) -> tuple[Comparison, ...]:
    """Self score now beside the manager's latest rating, per skill of the track.

    Both come from the same 8-week window, so an old rating from a previous
    manager does not stand beside this month's self-view.
    """
    history = list(sessions)
    ids = [s.id for s in rubric.track_skills(track)]
    own = {item.skill: item.score for item in scores.skill_scores(history, rubric, at, ids)}
    theirs = latest_ratings(history, at, ids)
    rows = []
    for skill_id in ids:
        skill = rubric.skill(skill_id)
        score, given = own.get(skill_id), theirs.get(skill_id)
        on_levels = given is None or given.comparable
        apart = difference(score, given.rating if given else None, on_levels=on_levels)
        rows.append(
            Comparison(
                skill=skill_id,
                title=skill.title if skill else skill_id,
                self_score=score,
                manager=given.rating if given else None,
                difference=apart,
                flagged=flagged(apart),
                comparable=on_levels,
                rated_in=given.session if given else None,
            )
        )
    return tuple(rows)
