"""A realistic, deterministic history to explore the app and to measure it.

The same arguments always give the same files (ids included), so screenshots,
snapshots and benchmarks can rely on it. Skills start at different levels and
drift upwards with noise, weeks are sometimes missed (and sometimes marked off),
a full assessment and a 1:1 with the manager come each quarter (and one in the last
weeks, where the manager sees one skill far from the person's own score), commitments
are made and reviewed with a say/do ratio that improves, exercises are proposed and
done, grades and wins are logged between check-ins, named peers reply to requests for
feedback twice a year, the drills are practised, a few topics wait on the agenda for the
next 1:1, and a few texts are private, so every screen and export has something to show.
Everything is written through the store's own encoders, so the folder reads back clean.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

from pmcoach.app.demo_history import SelfHistory
from pmcoach.app.demo_texts import TOPICS
from pmcoach.app.demo_world import World
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
from pmcoach.drills import drafts
from pmcoach.drills.press_release import Draft
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
    drafts: list[Draft] = field(default_factory=list)  # working-backwards drafts, drafts/


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
            sessions += world.after_week(week, monday, ability, end, history)
            continue
        day = monday + dt.timedelta(days=rng.choice((0, 0, 0, 1, 2)))
        if week == plan.weeks - 2 and end == monday + dt.timedelta(weeks=1) and day == monday:
            # Seen on its review day, a demo shows the change since a week ago: that
            # needs the check-in of the week before to come after Monday noon, when the
            # week-old score is taken.
            day += dt.timedelta(days=1)
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
        session = Session(
            id=f"{utc:%Y%m%dT%H%M%SZ}-{kind}-{suffix}",
            kind=kind,
            track=track.id,
            rubric=rubric.label,
            device="demo",
            started=started,
            updated=finished,
            finished=finished,
            answers=tuple(answers),
        )
        session = world.check_in(week, session, config, history)
        sessions.append(session)
        history.add(session)
        if quarterly:
            manager = world.one_on_ones.manager(week, session.local_date, ability, end, history)
            sessions += [manager] if manager is not None else []
        world.between(week, monday, session, ability, end)
        sessions += world.after_week(week, monday, ability, end, history)
    agenda = _agenda(end, first_monday, zone)
    events = sorted([*world.events, *world.drills.events, *agenda], key=lambda e: (e.at, e.id))
    sessions.sort(key=lambda s: (s.started.astimezone(dt.UTC), s.id))
    return DemoHistory(config, sessions, events, world.drills.drafts)


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
    """A rating only: its note, and the session's reflection, are the world's
    (`World.check_in`), written for the question's skill."""
    if rng.random() < 0.04:
        return Answer(question=question.id, skipped=True)
    level = min(5.0, max(1.0, rng.gauss(ability, 0.6)))
    if question.kind == "frequency" and question.out_of:
        share = (level - 1) / 4
        count = max(0, min(question.out_of, round(share * question.out_of + rng.gauss(0, 0.4))))
        return Answer(
            question=question.id,
            count=count,
            out_of=question.out_of,
            rating=ratings.stored_rating(count, question.out_of),
        )
    return Answer(question=question.id, rating=round(level))


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
    for draft in history.drafts:
        drafts.save(root, draft)
    return history
