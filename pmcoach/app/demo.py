"""A realistic, deterministic history to explore the app and to measure it.

The same arguments always give the same files (ids included), so screenshots,
snapshots and benchmarks can rely on it. Skills start at different levels and
drift upwards with noise, weeks are sometimes missed (and sometimes marked off),
a full assessment and a 1:1 with the manager come each quarter, commitments are
made and reviewed with a say/do ratio that improves, exercises are proposed and
done, grades and wins are logged between check-ins, and some texts are private,
so every screen and export has something to show.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, replace
from pathlib import Path
from zoneinfo import ZoneInfo

from pmcoach.cache.opener import open_store
from pmcoach.domain import coach
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
    Question,
    Rubric,
    Session,
    SessionKind,
    Text,
    Track,
)
from pmcoach.storage.errors import StoreError

NOTES = (
    "Opened the launch update with the date; the detail came after.",
    "The budget email buried the ask in the third paragraph.",
    "Gave the number (62% adoption) before the story.",
    "Said no to the partner integration and wrote down why.",
    "Sent the plan to finance two days before it was due.",
    "Asked my manager for feedback on the roadmap review.",
    "Wrote the problem paragraph before anyone named a solution.",
    "Missed the Thursday follow-up I promised design.",
    "Ran the weekly metrics review without notes; knew the variances.",
    "Cut scope to the simplest version that still moves retention.",
)
PRIVATE_NOTES = (
    "Felt defensive when the VP pushed on dates.",
    "Avoided telling Sam the project slipped; need to fix that.",
    "Not sure I earned the trust of the new data team yet.",
)
REFLECTIONS = (
    "Answered the pricing question with a story, not a number.",
    "Should have given the date first in the exec sync.",
    "Said yes to a request I should have declined.",
    "Explained too long before the answer in the design review.",
    "Did not follow up on the commitment to support.",
    "Started from the solution in the planning doc again.",
)
# (what, to whom): promises a PM makes in a Monday review, due by the next one.
COMMITMENTS = (
    ("Send the Q1 plan to finance", "Dana (finance)"),
    ("Share the churn analysis with the team", "the team"),
    ("Write the one-page brief for the pricing test", "Priya (design)"),
    ("Review the onboarding spec", "Marco (engineering)"),
    ("Book the customer interviews for the import flow", "research"),
    ("Send the launch date and the risks to sales", "Leah (sales)"),
    ("Answer the partner's integration request, yes or no", "partnerships"),
    ("Give Sam feedback on the roadmap draft", "Sam"),
    ("Publish the weekly metrics note", "the product team"),
    ("Close the three oldest bugs in the triage list", "support"),
)
# Texts a PM grades right after sending or saying them (`pmcoach grade`).
GRADES = (
    "Budget email to finance",
    "Launch update to the exec team",
    "Roadmap review with design",
    "Answer to the VP's question on dates",
    "Weekly metrics note",
    "Pricing proposal in the staff meeting",
    "Reply to the escalation from support",
    "Kick-off for the import project",
)
GRADE_NOTES = (
    "Lead with the ask.",
    "The number came first; the story after. Good.",
    "Too long before the answer.",
    "Clear decision and owner at the end.",
    "Hedged twice; say it plainly.",
)
# (win_kind, text): evidence for a skill, as `pmcoach win` records it.
WINS = (
    ("artifact", "Finance reused my pricing model in their plan."),
    ("artifact", "The one-page brief went to the exec review unchanged."),
    ("peer", "Dana said the launch update was the clearest she had read."),
    ("peer", "Marco thanked me for cutting scope before the sprint, not during it."),
    ("self", "Said no to the partner integration without apologising."),
    ("self", "Ran the planning meeting from the problem, not the solution."),
)
# Said of any exercise: the demo proposes every exercise of the rubric, a company's too.
EXERCISE_REFLECTIONS = (
    "Took longer than planned, but the result was worth it.",
    "Asked two people how it landed; both said it was clearer.",
    "Uncomfortable at first; easier the second time.",
    "Blocked Thursday morning for it; that was the trick.",
    "It showed me how often I skip this step when I am busy.",
    "My manager noticed without my saying anything.",
)
EXERCISE_NOTES: dict[ExerciseOutcome, tuple[str, ...]] = {
    "done": ("Worth the time; I will keep doing it.", "Easier the second time."),
    "partly": ("Did two of the three steps.", "Started it, then the launch took the week."),
    "not": ("Ran out of time before the offsite.", "Skipped it; the week was all firefighting."),
}
RENEGOTIATED_NOTES = (
    "Moved to Thursday; told them on Monday.",
    "Asked for one more week when the data came in late.",
    "Split it: the summary now, the detail next week.",
)
MANAGER_NOTES = (
    "Clear updates; wants the number first every time.",
    "Strong in the room, less so in writing.",
    "Needs to say no earlier.",
)
PRIVATE_MANAGER_NOTES = (
    "Too many yeses this quarter.",
    "Thinks I avoid hard conversations with design.",
)
SKIP_REASONS = ("Holiday", "Offsite all week", "Conference travel", "Family matters")

RECENT = dt.timedelta(weeks=13)
"""Sessions older than this cannot change a focus: scores look back 8 weeks, and the
4-week decline 8 weeks from 4 weeks ago, so the focus of a week is judged on the
last quarter only."""


@dataclass(frozen=True)
class DemoPlan:
    weeks: int = 26
    seed: int = 7
    end: dt.date | None = None
    track: str = "senior"
    time_zone: str = "Europe/Berlin"


@dataclass(frozen=True)
class DemoHistory:
    """Everything one demo consists of, so tests and benchmarks can use it without files."""

    config: Config
    sessions: list[Session]
    events: list[Event]


class _Ids:
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


class _SelfHistory:
    """The self sessions so far, and for each rule of the coach the smallest part of them
    that it decides exactly the same on.

    Handing every rule the whole history makes ten years of weeks quadratic; these
    parts keep `pmcoach demo --weeks 520` quick while the choices stay those of the app.
    """

    def __init__(self, rubric: Rubric, track: Track) -> None:
        self.sessions: list[Session] = []
        self._questions = {q.id for q in coach.full_questions(rubric, track)}
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


def _ramp(week: int, weeks: int, span: int) -> float:
    """0 at the start, 1 after `span` weeks (or at the end of a shorter history)."""
    return min(1.0, week / max(1, min(weeks - 1, span)))


def generate(rubric: Rubric, plan: DemoPlan, today: dt.date) -> DemoHistory:
    """The ratings come from one random stream and everything around them from a second,
    so what lies between check-ins can grow without changing a demo's scores."""
    rng = random.Random(plan.seed)
    track = rubric.track(plan.track)
    if track is None:
        raise ValueError(f"no track '{plan.track}'")
    zone = ZoneInfo(plan.time_zone)
    world = _World(rubric, track, plan, zone, random.Random(f"pmcoach-demo-{plan.seed}"))
    end = plan.end or today
    config = Config(track=track.id, review_day=0, review_time=dt.time(9), time_zone=plan.time_zone)
    skills = [s.id for s in rubric.track_skills(track)]
    ability = {skill: rng.uniform(1.8, 3.4) for skill in skills}
    growth = {skill: rng.uniform(0.005, 0.03) for skill in skills}
    sessions: list[Session] = []
    history = _SelfHistory(rubric, track)
    last_monday = end - dt.timedelta(days=end.weekday())
    first_monday = last_monday - dt.timedelta(weeks=plan.weeks - 1)
    for week in range(plan.weeks):
        monday = first_monday + dt.timedelta(weeks=week)
        for skill in skills:
            ability[skill] = min(4.8, ability[skill] + growth[skill] + rng.gauss(0, 0.04))
        is_last = week == plan.weeks - 1
        if is_last and end == monday:
            continue  # today is review day and the review is still to do
        if not is_last and rng.random() < 0.08:
            world.missed_week(monday, ability)
            continue
        day = monday + dt.timedelta(days=rng.choice((0, 0, 0, 1, 2)))
        if day > end:
            day = end
        started = dt.datetime.combine(
            day, dt.time(8 + rng.randrange(3), rng.randrange(60), rng.randrange(60)), zone
        )
        quarterly = week % 13 == 12
        kind: SessionKind = "full" if quarterly else "weekly"
        if quarterly:
            questions = list(coach.full_questions(rubric, track))
        else:
            questions = list(coach.weekly_questions(rubric, track, history.for_rotation()))
        answers = [_answer(q, ability[q.skill], rng) for q in questions]
        minutes = 4 + len(questions) // 2 + rng.randrange(4)
        finished = started + dt.timedelta(minutes=minutes, seconds=rng.randrange(60))
        utc = started.astimezone(dt.UTC)
        suffix = f"{rng.getrandbits(16):04x}"
        reflection = None
        if kind == "weekly":
            reflection = Text(rng.choice(REFLECTIONS), private=rng.random() < 0.2)
        session = Session(
            id=f"{utc:%Y%m%dT%H%M%SZ}-{kind}-{suffix}",
            kind=kind,
            track=track.id,
            rubric=rubric.label,
            device="demo",
            started=started,
            updated=finished,
            finished=finished,
            reflection=reflection,
            answers=tuple(answers),
        )
        session = world.check_in(week, session, config, history)
        sessions.append(session)
        history.add(session)
        manager = world.manager(week, session, ability, end) if quarterly else None
        if manager is not None:
            sessions.append(manager)
        world.between(week, monday, session, ability, end)
    events = sorted(world.events, key=lambda e: (e.at, e.id))
    return DemoHistory(config, sessions, events)


class _World:
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
        self.ids = _Ids(rng)
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
        history: _SelfHistory,
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
        kept_share = 0.70 + 0.25 * _ramp(week, self.weeks, 52)
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

    def _assign(self, config: Config, history: _SelfHistory, session: Session) -> tuple[str, ...]:
        at = session.finished or session.updated
        recent = [*history.for_focus(at), session]
        focus = coach.focus(self.rubric, self.track, config, recent, at)
        if focus is None:
            return ()
        earlier = history.for_exercises()
        chosen = coach.choose_exercises(self.rubric, self.track, focus.skill, earlier)
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
        harsher = 0.75 - 0.6 * _ramp(week, self.weeks, 104)
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
        done_share = 0.2 + 0.15 * _ramp(week, self.weeks, 52)
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
            self._add("skip-week", at, None, text, {"week": coach.iso_week(monday)})
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


def _answer(question: Question, ability: float, rng: random.Random) -> Answer:
    if rng.random() < 0.04:
        return Answer(question=question.id, skipped=True)
    note = None
    if rng.random() < 0.3:
        private = rng.random() < 0.25
        note = Text(rng.choice(PRIVATE_NOTES if private else NOTES), private=private)
    level = min(5.0, max(1.0, rng.gauss(ability, 0.6)))
    if question.kind == "frequency" and question.out_of:
        share = (level - 1) / 4
        count = max(0, min(question.out_of, round(share * question.out_of + rng.gauss(0, 0.4))))
        return Answer(
            question=question.id,
            count=count,
            out_of=question.out_of,
            rating=coach.frequency_rating(count, question.out_of),
            note=note,
        )
    return Answer(question=question.id, rating=round(level), note=note)


def write_demo(root: Path, rubric: Rubric, plan: DemoPlan, today: dt.date) -> DemoHistory:
    """Write the history into an empty (or absent) folder; returns what was written."""
    if root.exists() and (not root.is_dir() or any(root.iterdir())):
        raise StoreError(f"{root} is not empty; demo data goes into an empty folder only")
    history = generate(rubric, plan, today)
    store = open_store(root)
    store.save_config(history.config)
    for session in history.sessions:
        store.save_session(session)
    for event in history.events:
        store.save_event(event)
    return history
