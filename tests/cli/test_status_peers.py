"""`pmcoach status` with peers' replies: a reply is never a check-in, a streak or a score."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from support.cli import home, run
from support.exports import peer

from pmcoach.cache.opener import open_store
from pmcoach.domain.model import Answer, Config, Session

BERLIN = ZoneInfo("Europe/Berlin")


def at(monday_offset: int, hour: int = 9) -> dt.datetime:
    day = dt.date(2026, 11, 23) + dt.timedelta(weeks=monday_offset)
    return dt.datetime.combine(day, dt.time(hour, 5), tzinfo=BERLIN)


def checkin(started: dt.datetime, number: int) -> Session:
    return Session(
        id=f"{started.astimezone(dt.UTC):%Y%m%dT%H%M%SZ}-weekly-{number:04x}",
        kind="weekly",
        track="new",
        rubric="builtin@test",
        device="test-device",
        started=started,
        updated=started,
        finished=started,
        answers=(Answer(question="execute.unblocked", rating=3),),
    )


def test_a_reply_this_week_leaves_the_review_due_and_the_streak_as_it_was() -> None:
    store = open_store(home())
    store.save_config(
        Config(track="new", review_day=0, review_time=dt.time(9), time_zone="Europe/Berlin")
    )
    store.save_session(checkin(at(-1), 1))
    store.save_session(checkin(at(-3), 2))
    # Replies this week and in the week missed: neither is a check-in.
    store.save_session(peer(at(0, 8), "f001", name="Dana Ruiz", rating=5))
    store.save_session(peer(at(-2), "f002", name="Sam Lee", rating=5))
    result = run("status")
    assert result.returncode == 3, result.stdout
    line = result.stdout.strip()
    assert line.startswith("Week 2026-W48 · review due (Monday 09:00) · streak 1 · "), line
    # The replies rated communicate; the person never did: it is still not rated.
    assert "focus Communicate (not rated yet)" in line, line
