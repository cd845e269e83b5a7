"""Shared set-up for the pilot and snapshot tests: a data folder in a known state."""

from __future__ import annotations

import datetime as dt
import os
import tomllib
import unicodedata
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import tomli_w
from textual import events
from textual.app import App
from textual.keys import KEY_NAME_REPLACEMENTS, key_to_character
from textual.pilot import Pilot

from pmcoach.cache.opener import open_store
from pmcoach.domain.model import Answer, Config, Event, Session, Text
from pmcoach.storage.store import Store

# The pilot tests take the day from here, with the rest of their set-up.
from support.day import TODAY as TODAY
from support.day import ZONE


def data_dir() -> Path:
    return Path(os.environ["PMCOACH_HOME"])


def session_files() -> list[Path]:
    return sorted((data_dir() / "sessions").rglob("*.toml"))


def only_session() -> dict[str, Any]:
    """The one session file's TOML, read back: there must be exactly one."""
    files = session_files()
    assert len(files) == 1, files
    return tomllib.loads(files[0].read_text())


def configured(track: str = "senior") -> Store:
    store = open_store(data_dir())
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


def remember_export(export: object) -> None:
    """config.toml's `[export]` table set to `export` as a file could hold it (anything,
    valid or not), the rest of the settings kept."""
    path = data_dir() / "config.toml"
    doc = tomllib.loads(path.read_text())
    doc["export"] = export
    path.write_text(tomli_w.dumps(doc))


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


def key_event(key: str) -> events.Key:
    """The event a terminal sends for `key`: a key's name ("tab", "ctrl+s") or one
    character, which is named as the terminal names it (" " is "space")."""
    if len(key) > 1:
        return events.Key(key, key_to_character(key))
    name = key
    if not key.isalnum():
        name = unicodedata.name(key).lower().replace("-", "_").replace(" ", "_")
    return events.Key(KEY_NAME_REPLACEMENTS.get(name, name), key)


def burst(app: App[object], *keys: str) -> None:
    """Every key queued at once, before the app handles the first: as a terminal read
    of one chunk delivers them when someone types fast, a script sends keys, or the
    machine is busy. (`pilot.press` waits for the app to be idle after each key.)
    Keys are names or single characters: `burst(app, *"Dana", "tab")`."""
    for key in keys:
        app.post_message(key_event(key))


async def typed(pilot: Pilot[object], *keys: str) -> None:
    """Send `keys` in one burst and wait until the app has handled every one."""
    app = pilot.app
    burst(app, *keys)
    for _ in range(1000):
        await pilot.pause()
        order = getattr(app, "key_order", None)
        if order is None or order.idle:
            break
    await settle(pilot)
