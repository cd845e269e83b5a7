"""A store read in another thread through a fork, and what the store takes back from it.

The app's thread keeps its store; the background reads a fork, which shares nothing
either changes, and the store adopts what the fork read only while nothing changed
since the fork was made: a save made meanwhile is never undone by an older read.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from support.tui import finished_session, local, logged

from pmcoach.app.workspace import Workspace
from pmcoach.cache.opener import open_store
from pmcoach.domain.model import Config, Event, Session
from pmcoach.storage.store import Store

MONDAY = "2026-11-02"


def save_session(store: Store, n: int) -> Session:
    """A finished weekly check-in on the n-th Monday from MONDAY, saved."""
    when = local(MONDAY) + dt.timedelta(weeks=n)
    return finished_session(store, when, {"communicate.answer-first": 3}, suffix=f"{n:04x}")


def event(n: int = 0) -> Event:
    return logged("win", local(MONDAY, 12) + dt.timedelta(days=n), "shipped it", f"{n:04x}")


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PMCOACH_CACHE_HOME", str(tmp_path / "cache-home"))
    monkeypatch.setenv("PMCOACH_NO_FSYNC", "1")


@pytest.fixture
def st(tmp_path: Path) -> Store:
    store = open_store(tmp_path / "data")
    for n in range(3):
        save_session(store, n)
    store.save_event(event())
    return store


def ids(store: Store) -> list[str]:
    return [s.id for s in store.sessions()]


def test_what_a_fork_read_is_taken_without_reading_again(st: Store) -> None:
    fork = st.fork()
    fork.refresh()
    assert not st.loaded
    assert st.adopt(fork)
    assert st.loaded
    assert ids(st) == ids(fork) and len(ids(st)) == 3
    assert [e.id for e in st.events()] == [event().id]


def test_a_save_after_the_fork_keeps_the_store_from_taking_an_older_read(st: Store) -> None:
    st.refresh()
    fork = st.fork()
    later = save_session(st, 7)
    fork.refresh()  # may or may not have seen the new file: it is not taken either way
    assert not st.adopt(fork)
    assert later.id in ids(st)


@pytest.mark.parametrize("change", ["session", "event", "settings", "delete", "refresh"])
def test_every_change_moves_the_version(st: Store, change: str) -> None:
    st.refresh()
    before = st.version
    if change == "session":
        save_session(st, 9)
    elif change == "event":
        st.save_event(event(9))
    elif change == "settings":
        st.save_config(Config())
    elif change == "delete":
        st.delete_session(st.sessions()[0].id)
    else:
        st.refresh()
    assert st.version > before


def test_a_fork_and_its_store_share_nothing_either_changes(st: Store) -> None:
    st.refresh()
    fork = st.fork()
    assert save_session(st, 5).id not in ids(fork)  # without a refresh of its own
    fork.refresh()
    assert save_session(fork, 6).id not in ids(st)


def test_a_reader_never_releases_the_folders_lock(tmp_path: Path) -> None:
    workspace = Workspace.open(tmp_path / "data")
    try:
        assert workspace.read_only is None
        workspace.reader().close()
        other = Workspace.open(tmp_path / "data")
        assert other.read_only is not None and other.read_only.startswith("Read-only")
        other.close()
    finally:
        workspace.close()


def test_a_workspace_knows_whether_a_readers_result_is_current(tmp_path: Path) -> None:
    workspace = Workspace.open(tmp_path / "data")
    try:
        workspace.save_config(Config())
        reader = workspace.reader()
        reader.store.refresh()
        assert workspace.current(reader)
        saved = save_session(workspace.store, 1)
        assert not workspace.current(reader)
        assert not workspace.adopt(reader)
        assert saved.id in [s.id for s in workspace.sessions()]
    finally:
        workspace.close()


def test_an_index_copy_holds_every_entry_whole_and_as_its_own(st: Store) -> None:
    from pmcoach.cache.documents import Index
    from pmcoach.storage.items import decode

    index = Index(str(st.root))
    for scanned in index.scan(st.root, ("sessions", "events")):
        index.item(scanned, decode)
    copy = index.copy()
    assert copy.entries == index.entries and len(copy.entries) == 4  # every field of each
    assert all(copy.entries[rel] is not entry for rel, entry in index.entries.items())


def test_two_threads_saving_one_cache_file_at_once_each_save_it_whole(tmp_path: Path) -> None:
    """The app's thread and the background both save the index and the overview; a
    shared temp file let one take the other's away and put half a file in place."""
    import threading

    from pmcoach.storage.files import write_atomic

    target = tmp_path / "index.json"
    contents = [bytes([65 + n]) * 300_000 for n in range(2)]
    failures: list[BaseException] = []
    start = threading.Barrier(2)

    def save(data: bytes) -> None:
        start.wait()
        for _ in range(40):
            try:
                write_atomic(target, data)
                if target.read_bytes() not in contents:
                    raise AssertionError("half a file in place")
            except BaseException as exc:
                failures.append(exc)

    threads = [threading.Thread(target=save, args=(data,)) for data in contents]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    assert target.read_bytes() in contents
    assert [p.name for p in tmp_path.iterdir()] == ["index.json"]  # no temp file left
