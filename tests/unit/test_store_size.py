"""No writer makes a file the store would then refuse to read.

The store reads data files up to `scan.MAX_FILE_SIZE`; a larger one is listed as a
problem and left out of every figure. A text that fits in memory can still make a file
past that size (a control character is written as six characters, `\\u0001`), so a save
that would cross it is refused before anything is written, one line, the old file kept.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest

from pmcoach.cache.opener import open_store
from pmcoach.domain.agenda import topic_event
from pmcoach.domain.model import Config, Text
from pmcoach.storage.errors import StoreError
from pmcoach.storage.scan import MAX_FILE_SIZE
from pmcoach.storage.store import Store

# Each becomes six characters in a TOML string: a third of the limit is twice the limit.
CONTROLS = "\x01" * (MAX_FILE_SIZE // 3)
BERLIN = dt.timezone(dt.timedelta(hours=1))
NOW = dt.datetime(2026, 11, 23, 12, tzinfo=BERLIN)


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PMCOACH_CACHE_HOME", str(tmp_path / "cache-home"))
    monkeypatch.setenv("PMCOACH_NO_FSYNC", "1")


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return open_store(tmp_path / "data")


def files(store: Store) -> dict[str, bytes]:
    return {
        str(p.relative_to(store.root)): p.read_bytes()
        for p in sorted(store.root.rglob("*"))
        if p.is_file()
    }


def test_an_event_past_the_size_read_is_not_written(store: Store) -> None:
    before = files(store)
    with pytest.raises(StoreError) as raised:
        store.save_event(topic_event(Text(CONTROLS), NOW, "laptop"))
    message = str(raised.value)
    assert "\n" not in message
    assert f"{MAX_FILE_SIZE >> 10} KiB" in message
    assert files(store) == before


def test_a_session_past_the_size_read_is_not_written_and_the_old_file_kept(
    store: Store,
) -> None:
    from support.exports import peer

    session = peer(NOW)
    store.save_session(session)
    before = files(store)
    with pytest.raises(StoreError):
        store.save_session(replace(session, reflection=Text(CONTROLS, False)))
    assert files(store) == before
    store.refresh()
    assert store.sessions() == [session]
    assert not store.problems


def test_settings_past_the_size_read_are_not_written(store: Store) -> None:
    store.save_config(Config(track="new"))
    before = files(store)
    with pytest.raises(StoreError):
        store.save_config(Config(track="new", export={"folder": CONTROLS}))
    assert files(store) == before


def test_a_file_just_under_the_size_is_written_and_read_back(store: Store) -> None:
    event = topic_event(Text("x" * (MAX_FILE_SIZE - 1024)), NOW, "laptop")
    store.save_event(event)
    store.refresh()
    assert store.events() == [event]
    assert not store.problems
