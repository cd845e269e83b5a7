"""What happens around a demo's ratings: commitments, exercises, 1:1s, grades, wins and
weeks off, drawn from the demo's second random stream (see `app.demo.generate`).
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import replace
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from pmcoach.app.demo_texts import (
    COMMITMENTS,
    EXERCISE_NOTES,
    EXERCISE_REFLECTIONS,
    GRADE_NOTES,
    GRADES,
    MANAGER_NOTES,
    PRIVATE_MANAGER_NOTES,
    RENEGOTIATED_NOTES,
    SKIP_REASONS,
    WINS,
)
from pmcoach.domain import exercises, rotation, scores, weeks
from pmcoach.domain.model import (
    LEVELS_SCALE,
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

RECENT = dt.timedelta(weeks=13)
"""Sessions older than this cannot change a focus: scores look back 8 weeks, and the
4-week decline 8 weeks from 4 weeks ago, so the focus of a week is judged on the
last quarter only."""


class Ids:
    """Ids from the seeded stream instead of `secrets`, so two runs write the same names.

    The 4-hex end is drawn again on a clash, which ten years of commitments would
    otherwise hit (a few hundred draws from 65,536).
    """

    def __init__(self, rng: random.Random) -> None:
        self._rng = rng
        self._used: set[str] = set()

    def _draw(self, prefix: str) -> str:
        while True:
            made = f"{prefix}-{self._rng.getrandbits(16):04x}"
            if made not in self._used:
                self._used.add(made)
                return made

    def item(self, kind: str, at: dt.datetime) -> str:
        return self._draw(f"{at.astimezone(dt.UTC):%Y%m%dT%H%M%SZ}-{kind}")

    def commitment(self) -> str:
        return self._draw("c")


class SelfHistory:
    """The self sessions so far, and for each rule of the coach the smallest part of them
    that it decides exactly the same on.

    Handing every rule the whole history makes ten years of weeks quadratic; these
    parts keep `pmcoach demo --weeks 520` quick while the choices stay those of the app.
    """

    def __init__(self, rubric: Rubric, track: Track) -> None:
        self.sessions: list[Session] = []
        self._questions = {q.id for q in rotation.full_questions(rubric, track)}
        self._asked: dict[str, int] = {}  # question -> index of the session that last rated it
        self._assigned: dict[str, Session] = {}  # exercise -> the session that last proposed it

    def add(self, session: Session) -> None:
        index = len(self.sessions)
        self.sessions.append(session)
        for answer in session.answers:
            question = answer.question
            if question in self._questions and answer.rating is not None and not answer.skipped:
                self._asked[question] = index
        for exercise in session.assigned:
            self._assigned[exercise] = session

    def for_rotation(self) -> list[Session]:
        """From the check-in where the longest-unasked question was last rated: the rotation
        counts check-ins between a question's last rating and now, which dropping the
        older check-ins does not change. While a question has never been rated, its
        deadline counts from the very first check-in, so all of them are needed."""
        if len(self._asked) < len(self._questions):
            return self.sessions
        return self.sessions[min(self._asked.values()) :]

    def for_focus(self, at: dt.datetime) -> list[Session]:
        cutoff = at - RECENT
        recent = []
        for session in reversed(self.sessions):
            if session.started <= cutoff:
                break
            recent.append(session)
        return recent[::-1]

    def for_exercises(self) -> list[Session]:
        """Only the latest proposal of each exercise counts for "least recently assigned"."""
        return list({s.id: s for s in self._assigned.values()}.values())


def ramp(week: int, weeks: int, span: int) -> float:
    """0 at the start, 1 after `span` weeks (or at the end of a shorter history)."""
    return min(1.0, week / max(1, min(weeks - 1, span)))


class World:
    """What happens around the ratings: commitments, exercises, 1:1s, grades, wins, weeks off.

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
        session = replace(
            session,
            commitment_reviews=self._commitment_reviews(week, session),
            exercise_reviews=self._exercise_reviews(),
        )
        if session.kind == "weekly":
            session = replace(session, commitments=self._commitments(session))
            for commitment in session.commitments:
                self.pending[commitment.id] = (commitment, commitment.due)
        session = replace(session, assigned=self._assign(config, history, session))
        self.previous = session
        return session

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
                note = Text(text, private=self.rng.random() < 0.15)
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
                    private=self.rng.random() < 0.15,
                )
            )
        return tuple(made)

    def _assign(self, config: Config, history: SelfHistory, session: Session) -> tuple[str, ...]:
        at = session.finished or session.updated
        recent = [*history.for_focus(at), session]
        focus = scores.focus(self.rubric, self.track, config, recent, at)
        if focus is None:
            return ()
        earlier = history.for_exercises()
        chosen = exercises.choose_exercises(self.rubric, self.track, focus.skill, earlier)
        return tuple(e.id for e in chosen)

    def manager(
        self, week: int, session: Session, ability: dict[str, float], end: dt.date
    ) -> Session | None:
        """The quarter's 1:1 a few days after the full assessment: the manager starts out
        seeing a point less than the PM does and the two views converge over two years."""
        day = session.local_date + dt.timedelta(days=self.rng.choice((2, 3)))
        day = min(day, day - dt.timedelta(days=day.weekday()) + dt.timedelta(days=4))
        hour, minute = 13 + self.rng.randrange(4), self.rng.randrange(60)
        started = dt.datetime.combine(day, dt.time(hour, minute), session.started.tzinfo)
        finished = started + dt.timedelta(minutes=3 + self.rng.randrange(5))
        harsher = 0.75 - 0.6 * ramp(week, self.weeks, 104)
        answers = []
        for skill in self.skills:
            level = ability[skill] - harsher + self.rng.gauss(0, 0.3)
            rating = min(MAX_RATING, max(MIN_RATING, round(level)))
            note = None
            if self.rng.random() < 0.25:
                private = self.rng.random() < 0.4
                pool = PRIVATE_MANAGER_NOTES if private else MANAGER_NOTES
                note = Text(self.rng.choice(pool), private=private)
            answers.append(Answer(skill=skill, rating=rating, note=note))
        if day > end:
            return None  # the 1:1 is still to come
        return Session(
            id=self.ids.item("manager", started),
            kind="manager",
            track=self.track.id,
            rubric=self.rubric.label,
            device="demo",
            started=started,
            updated=finished,
            finished=finished,
            answers=tuple(answers),
            scale=LEVELS_SCALE,
        )

    # -------------------------------------------------------------- between check-ins

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
            private = self.rng.random() < 0.15
            self._add(
                "exercise-done",
                at,
                exercise.skills[0],
                Text(self.rng.choice(EXERCISE_REFLECTIONS), private),
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
            private = self.rng.random() < 0.15
            if self.rng.random() < 0.4:
                data["note"] = {"text": self.rng.choice(GRADE_NOTES), "private": private}
            if at is not None:
                self._add("grade", at, skill, Text(self.rng.choice(GRADES), private), data)
        if self.rng.random() < 0.25:
            at = self._moment(monday, self.rng.randrange(5), (10, 18), end)
            win_kind, text = self.rng.choice(WINS)
            skill = self._skill()
            private = self.rng.random() < 0.1
            if at is not None:
                self._add("win", at, skill, Text(text, private), {"win_kind": win_kind})

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
