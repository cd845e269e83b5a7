"""A realistic, deterministic history to explore the app and to measure it.

The same arguments always give the same files (ids included), so screenshots,
snapshots and benchmarks can rely on it. Skills start at different levels and
drift upwards with noise, weeks are sometimes missed (and sometimes marked off),
a full assessment and a 1:1 with the manager come each quarter, commitments are
made and reviewed with a say/do ratio that improves, exercises are proposed and
done, grades and wins are logged between check-ins, a few topics wait on the agenda for
the next 1:1, and some texts are private,
so every screen and export has something to show.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

from pmcoach.app.demo_texts import NOTES, PRIVATE_NOTES, REFLECTIONS, TOPICS
from pmcoach.app.demo_world import SelfHistory, World
from pmcoach.cache.opener import open_store
from pmcoach.domain import ratings, rotation
from pmcoach.domain.model import (
    TOPIC,
    TOPIC_DONE,
    Answer,
    Config,
    Event,
    Question,
    Rubric,
    Session,
    SessionKind,
    Text,
)
from pmcoach.storage.errors import StoreError


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


def generate(rubric: Rubric, plan: DemoPlan, today: dt.date) -> DemoHistory:
    """The ratings come from one random stream and everything around them from a second,
    so what lies between check-ins can grow without changing a demo's scores."""
    rng = random.Random(plan.seed)
    track = rubric.track(plan.track)
    if track is None:
        raise ValueError(f"no track '{plan.track}'")
    zone = ZoneInfo(plan.time_zone)
    world = World(rubric, track, plan, zone, random.Random(f"pmcoach-demo-{plan.seed}"))
    end = plan.end or today
    config = Config(track=track.id, review_day=0, review_time=dt.time(9), time_zone=plan.time_zone)
    skills = [s.id for s in rubric.track_skills(track)]
    ability = {skill: rng.uniform(1.8, 3.4) for skill in skills}
    growth = {skill: rng.uniform(0.005, 0.03) for skill in skills}
    sessions: list[Session] = []
    history = SelfHistory(rubric, track)
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
            questions = list(rotation.full_questions(rubric, track))
        else:
            questions = list(rotation.weekly_questions(rubric, track, history.for_rotation()))
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
    agenda = _agenda(end, first_monday, zone)
    events = sorted([*world.events, *agenda], key=lambda e: (e.at, e.id))
    return DemoHistory(config, sessions, events)


def _agenda(end: dt.date, first: dt.date, zone: ZoneInfo) -> list[Event]:
    """A few topics for the next 1:1 (one private, one discussed), with ids of their own
    order so the demo stays the same from run to run; none before the history starts."""
    found: list[Event] = []
    for number, (text, before, done_after, private, skill) in enumerate(TOPICS, start=1):
        day = end - dt.timedelta(days=before)
        if day < first:
            continue
        at = dt.datetime.combine(day, dt.time(17, 30), zone)
        topic_id = f"{at.astimezone(dt.UTC):%Y%m%dT%H%M%SZ}-{TOPIC}-{number:04x}"
        found.append(Event(topic_id, TOPIC, at, "demo", skill=skill, text=Text(text, private)))
        if done_after is not None and day + dt.timedelta(days=done_after) <= end:
            done = at + dt.timedelta(days=done_after)
            done_id = f"{done.astimezone(dt.UTC):%Y%m%dT%H%M%SZ}-{TOPIC_DONE}-{number:04x}"
            found.append(Event(done_id, TOPIC_DONE, done, "demo", data={"topic": topic_id}))
    return found


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
            rating=ratings.stored_rating(count, question.out_of),
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
