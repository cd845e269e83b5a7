"""What happens around a demo's ratings: notes and reflections, commitments, exercises,
grades, wins and weeks off, and (through the modules beside this one) 1:1s, peers'
replies and drill practice, all drawn from the demo's second random stream (see
`app.demo.generate`).
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import replace
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from pmcoach.app.demo_drills import DrillPractice
from pmcoach.app.demo_history import Ids, SelfHistory, ramp
from pmcoach.app.demo_manager import OneOnOnes
from pmcoach.app.demo_notes import pick, words
from pmcoach.app.demo_peers import PeerRounds
from pmcoach.app.demo_texts import (
    COMMITMENTS,
    EXERCISE_NOTES,
    GRADE_NOTES,
    RENEGOTIATED_NOTES,
    SKIP_REASONS,
)
from pmcoach.domain import exercises, scores, weeks
from pmcoach.domain.model import (
    MAX_RATING,
    MIN_RATING,
    Answer,
    Commitment,
    CommitmentOutcome,
    CommitmentReview,
    Config,
    Event,
    ExerciseOutcome,
    ExerciseReview,
    Rubric,
    Session,
    Text,
    Track,
)

if TYPE_CHECKING:
    from pmcoach.app.demo import DemoPlan

PRIVATE_SHARE = 0.03
"""How often a text the person writes is private: a few in a report's 12 weeks, enough to
show that private texts are left out, not so many that the report looks empty."""
NOTE_SHARE = 0.3
"""How often an answer carries a note."""


class World:
    """What happens around the ratings: notes, commitments, exercises, 1:1s, peers, drills,
    grades, wins, weeks off.

    It draws only from its own random stream; `generate` calls it in week order
    and it remembers what the next check-in has to review.
    """

    def __init__(
        self, rubric: Rubric, track: Track, plan: DemoPlan, zone: ZoneInfo, rng: random.Random
    ) -> None:
        self.rubric = rubric
        self.track = track
        self.zone = zone
        self.weeks = plan.weeks
        self.rng = rng
        self.ids = Ids(rng)
        self.skills = [s.id for s in rubric.track_skills(track)]
        self.events: list[Event] = []
        self.previous: Session | None = None
        # Commitments without an outcome yet, with their due date (moved when renegotiated).
        self.pending: dict[str, tuple[Commitment, dt.date]] = {}
        # How each exercise proposed last time went, decided in the week it was due,
        # so the exercise-done events and the next review tell the same story.
        self.outcomes: dict[str, ExerciseOutcome] = {}
        self.focus: str | None = None  # the focus skill of the latest check-in
        self.noted: set[str] = set()  # the note templates of this check-in: none twice
        self.one_on_ones = OneOnOnes(rubric, track, plan.weeks, zone, rng, self.ids)
        self.peers = PeerRounds(rubric, track, plan.weeks, rng, self.ids)
        self.drills = DrillPractice(rubric, plan.weeks, rng, self.ids)

    # -------------------------------------------------------------- check-ins

    def check_in(
        self,
        week: int,
        session: Session,
        config: Config,
        history: SelfHistory,
    ) -> Session:
        """The session with what the app adds around the questions: the review of what is
        due (weekly check-ins and full assessments, as in the app), new commitments (weekly
        check-ins only) and the exercises proposed at the end, chosen by the same rules as
        `Workspace.finish`."""
        self.noted = set()
        session = replace(
            session,
            answers=tuple(self._noted(a) for a in session.answers),
            commitment_reviews=self._commitment_reviews(week, session),
            exercise_reviews=self._exercise_reviews(),
        )
        if session.kind == "weekly":
            session = replace(session, reflection=self._reflection(session))
        if session.kind == "weekly":
            session = replace(session, commitments=self._commitments(session))
            for commitment in session.commitments:
                self.pending[commitment.id] = (commitment, commitment.due)
        session = replace(session, assigned=self._assign(config, history, session))
        self.previous = session
        return session

    def private(self) -> bool:
        return self.rng.random() < PRIVATE_SHARE

    def _noted(self, answer: Answer) -> Answer:
        """Evidence on some answers, written for the question's skill and telling what
        the rating says: something done well under a 4 or a 5, a slip under a 1 or a 2."""
        if answer.skipped or answer.question is None or self.rng.random() >= NOTE_SHARE:
            return answer
        question = self.rubric.question(answer.question)
        said = words(question.skill if question else None)
        rating = answer.rating or MIN_RATING
        private = self.private()
        if private:
            pool = said.private_notes
        elif rating == 3:
            pool = said.strengths if self.rng.random() < 0.5 else said.slips
        else:
            pool = said.strengths if rating > 3 else said.slips
        fresh = tuple(t for t in pool if t not in self.noted) or pool
        template = self.rng.choice(fresh)
        self.noted.add(template)
        return replace(answer, note=Text(pick((template,), self.rng), private))

    def _reflection(self, session: Session) -> Text:
        """What could have gone better, on the skill of the week's lowest rating."""
        rated = [a for a in session.answers if a.rating is not None and not a.skipped]
        lowest = min(rated, key=lambda a: a.rating or 0, default=None)
        question = self.rubric.question(lowest.question or "") if lowest else None
        said = words(question.skill if question else None)
        return Text(pick(said.reflections, self.rng), self.private())

    def _commitment_reviews(self, week: int, session: Session) -> tuple[CommitmentReview, ...]:
        """Kept with a probability rising from 70% to 95% over the first year. What the
        review offers follows `ledger.Ledger.to_review`: every commitment due by the day,
        and the previous check-in's. Some are renegotiated to a new date, a week after the
        next review; they stay open until then and are reviewed again."""
        kept_share = 0.70 + 0.25 * ramp(week, self.weeks, 52)
        day = session.local_date
        made_last = {c.id for c in self.previous.commitments} if self.previous else set()
        reviews = []
        for commitment_id, (commitment, due) in list(self.pending.items()):
            if due > day and commitment_id not in made_last:
                continue
            outcome: CommitmentOutcome = "met" if self.rng.random() < kept_share else "missed"
            new_due = None
            if due == commitment.due and self.rng.random() < 0.1:
                outcome = "renegotiated"
                new_due = day + dt.timedelta(days=(-day.weekday()) % 7 or 7) + dt.timedelta(days=7)
            note = None
            if outcome == "renegotiated" and self.rng.random() < 0.6:
                note = Text(self.rng.choice(RENEGOTIATED_NOTES))
            reviews.append(CommitmentReview(commitment_id, outcome, note, new_due))
            if new_due is not None:
                self.pending[commitment_id] = (commitment, new_due)
            else:
                del self.pending[commitment_id]
        return tuple(reviews)

    def _exercise_reviews(self) -> tuple[ExerciseReview, ...]:
        if self.previous is None:
            return ()
        reviews = []
        for exercise in self.previous.assigned:
            outcome = self.outcomes.get(exercise, "not")
            note = None
            if self.rng.random() < 0.3:
                text = self.rng.choice(EXERCISE_NOTES[outcome])
                note = Text(text, self.private())
            reviews.append(ExerciseReview(exercise, outcome, note))
        return tuple(reviews)

    def _commitments(self, session: Session) -> tuple[Commitment, ...]:
        """None, one or two promises, due by the next review day or earlier in the week."""
        count = self.rng.choices((0, 1, 2), weights=(15, 50, 35))[0]
        day = session.local_date
        next_review = day + dt.timedelta(days=(-day.weekday()) % 7 or 7)
        made = []
        for text, to in self.rng.sample(COMMITMENTS, count):
            due = next_review
            if day.weekday() < 3 and self.rng.random() < 0.3:
                due = day - dt.timedelta(days=day.weekday()) + dt.timedelta(days=4)
            made.append(
                Commitment(
                    id=self.ids.commitment(),
                    text=text,
                    to=to,
                    due=due,
                    private=self.private(),
                )
            )
        return tuple(made)

    def _assign(self, config: Config, history: SelfHistory, session: Session) -> tuple[str, ...]:
        at = session.finished or session.updated
        recent = [*history.for_focus(at), session]
        focus = scores.focus(self.rubric, self.track, config, recent, at)
        if focus is None:
            return ()
        self.focus = focus.skill
        earlier = history.for_exercises()
        chosen = exercises.choose_exercises(self.rubric, self.track, focus.skill, earlier)
        return tuple(e.id for e in chosen)

    def after_week(
        self,
        week: int,
        monday: dt.date,
        ability: dict[str, float],
        end: dt.date,
        history: SelfHistory,
    ) -> list[Session]:
        """What every week may hold whether or not it had a check-in: the recent 1:1,
        a round of requests for feedback and their replies, drill practice."""
        found: list[Session] = []
        recent = self.one_on_ones.recent(week, monday, ability, end, history)
        if recent is not None:
            found.append(recent)
        if self.peers.due(week):
            requests, replies = self.peers.week(monday, self.zone, self.focus, ability, end)
            self.events += requests
            found += replies
        self.drills.week(week, monday, self.zone, 0.3 + 0.6 * ramp(week, self.weeks, 104), end)
        return found

    def between(
        self,
        week: int,
        monday: dt.date,
        session: Session,
        ability: dict[str, float],
        end: dt.date,
    ) -> None:
        """The week after a check-in: its exercises tried, communications graded, wins noted."""
        done_share = 0.2 + 0.15 * ramp(week, self.weeks, 52)
        self.outcomes = {}
        for exercise_id in session.assigned:
            roll = self.rng.random()
            outcome: ExerciseOutcome = (
                "done" if roll < done_share else "partly" if roll < done_share + 0.3 else "not"
            )
            self.outcomes[exercise_id] = outcome
            exercise = self.rubric.exercise(exercise_id)
            if outcome != "done" or exercise is None:
                continue
            at = self._moment(session.local_date, self.rng.randrange(1, 5), (12, 19), end)
            if at is None:
                continue
            skill = exercise.skills[0]
            self._add(
                "exercise-done",
                at,
                skill,
                Text(pick(words(skill).exercise, self.rng), self.private()),
                {"exercise": exercise.id},
            )
        self._grades_and_wins(monday, ability, end)

    def missed_week(self, monday: dt.date, ability: dict[str, float]) -> None:
        """A missed week: half the time marked off beforehand, otherwise simply missed
        (with the usual grades and wins, since the work went on)."""
        if self.rng.random() < 0.5:
            at = self._moment(monday, -self.rng.randrange(1, 4), (15, 18), monday)
            assert at is not None
            text = None
            if self.rng.random() < 0.7:
                reason = self.rng.choice(SKIP_REASONS)
                text = Text(reason, private=reason == "Family matters")
            self._add("skip-week", at, None, text, {"week": weeks.iso_week(monday)})
            return
        self._grades_and_wins(monday, ability, monday + dt.timedelta(days=6))

    def _grades_and_wins(self, monday: dt.date, ability: dict[str, float], end: dt.date) -> None:
        for _ in range(self.rng.choices((0, 1, 2), weights=(50, 40, 10))[0]):
            at = self._moment(monday, self.rng.randrange(5), (10, 18), end)
            skill = self._skill(prefer="communicate")
            level = self.rng.gauss(ability[skill], 0.7)
            data: dict[str, object] = {"rating": min(MAX_RATING, max(MIN_RATING, round(level)))}
            private = self.private()
            if self.rng.random() < 0.4:
                data["note"] = {"text": self.rng.choice(GRADE_NOTES), "private": private}
            what = pick(words(skill).grades, self.rng)
            if at is not None:
                self._add("grade", at, skill, Text(what, private), data)
        if self.rng.random() < 0.25:
            at = self._moment(monday, self.rng.randrange(5), (10, 18), end)
            skill = self._skill()
            win_kind, template = self.rng.choice(words(skill).wins)
            text = Text(pick((template,), self.rng), self.private())
            if at is not None:
                self._add("win", at, skill, text, {"win_kind": win_kind})

    def _skill(self, prefer: str | None = None) -> str:
        if prefer in self.skills and self.rng.random() < 0.6:
            return prefer
        return self.rng.choice(self.skills)

    def _moment(
        self, day: dt.date, offset: int, hours: tuple[int, int], end: dt.date
    ) -> dt.datetime | None:
        """A time on `day + offset` within `hours`, in the zone of the history, or None
        after `end`: a demo never holds anything from a later day."""
        when = dt.time(self.rng.randrange(*hours), self.rng.randrange(60), self.rng.randrange(60))
        moment = day + dt.timedelta(days=offset)
        if moment > end:
            return None
        return dt.datetime.combine(moment, when, self.zone)

    def _add(
        self,
        kind: str,
        at: dt.datetime,
        skill: str | None,
        text: Text | None,
        data: dict[str, object],
    ) -> None:
        event_id = self.ids.item(kind, at)
        self.events.append(Event(event_id, kind, at, "demo", skill=skill, text=text, data=data))
