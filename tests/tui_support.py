"""Shared set-up for the pilot and snapshot tests: a data folder in a known state."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from zoneinfo import ZoneInfo

from pmcoach.model import Answer, Config, Event, Session, Text
from pmcoach.store import Store

ZONE = "Europe/Berlin"
TODAY = "2026-11-23"  # a Monday: the review is due


def data_dir() -> Path:
    return Path(os.environ["PMCOACH_HOME"])


def configured(track: str = "senior") -> Store:
    store = Store.open(data_dir())
    store.save_config(Config(track=track, review_day=0, review_time=dt.time(9), time_zone=ZONE))
    return store


def finished_session(
    store: Store,
    when: dt.datetime,
    ratings: dict[str, int],
    *,
    kind: str = "weekly",
    track: str = "senior",
    note: Text | None = None,
    suffix: str = "0000",
) -> Session:
    utc = when.astimezone(dt.UTC)
    session = Session(
        id=f"{utc:%Y%m%dT%H%M%SZ}-{kind}-{suffix}",
        kind=kind,  # type: ignore[arg-type]
        track=track,
        rubric="builtin@2026.11",
        device="test-device",
        started=when,
        updated=when + dt.timedelta(minutes=8),
        finished=when + dt.timedelta(minutes=8),
        answers=tuple(
            Answer(question=q, rating=r, note=note if i == 0 else None)
            for i, (q, r) in enumerate(ratings.items())
        ),
    )
    store.save_session(session)
    return session


def local(day: str, hour: int = 9) -> dt.datetime:
    return dt.datetime.fromisoformat(f"{day}T{hour:02d}:00:00").replace(tzinfo=ZoneInfo(ZONE))


async def settle(pilot) -> None:  # type: ignore[no-untyped-def]
    """Wait for background work (the dashboard's recomputation) and the redraw after it."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def logged(
    kind: str, when: dt.datetime, text: str, suffix: str, *, private: bool = False, **data: object
) -> Event:
    """An event as `pmcoach grade` or `win` would write it, for the communicate skill."""
    return Event(
        id=f"{when.astimezone(dt.UTC):%Y%m%dT%H%M%SZ}-{kind}-{suffix}",
        kind=kind,
        at=when,
        device="test-device",
        skill="communicate",
        text=Text(text, private),
        data=dict(data),
    )
