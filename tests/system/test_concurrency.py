"""Two pmcoach processes on one data folder, and links where the store's files should be.

Two windows on one machine are ordinary: the app in one terminal, `pmcoach win` or a
second app in another. Each saves its own files without harm to the other's, settings
changed in both are all kept, only one of them takes the check-in in progress, and the
other is told who has it. The children are in `store_child.py`.

The children run with PMCOACH_NO_FSYNC=1: what is tested here is what each process
sees of the other's files, and fsync changes nothing about that.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from support.store_child import count, counted, make_event, make_session

from pmcoach.cache.opener import open_store
from pmcoach.domain.model import Config
from pmcoach.storage import lock, paths, store
from pmcoach.storage.errors import Locked, StoreError

CHILD = Path(__file__).parents[1] / "support" / "store_child.py"
SAVES = 500  # per process
NEW_ITEMS = 200  # per process, all in one second
TIMEOUT = 120


@pytest.fixture(autouse=True)
def _no_fsync(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PMCOACH_NO_FSYNC", "1")


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return tmp_path / "data"


class Children:
    """Child processes started together: each says `ready`, then all get `go` at once."""

    def __init__(self) -> None:
        self.procs: list[subprocess.Popen[str]] = []

    def start(self, mode: str, root: Path, *args: str) -> subprocess.Popen[str]:
        proc = subprocess.Popen(
            [sys.executable, str(CHILD), mode, str(root), *args],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.procs.append(proc)
        return proc

    def go(self) -> None:
        for proc in self.procs:
            assert proc.stdout is not None and proc.stdin is not None
            line = proc.stdout.readline().strip()
            assert line == "ready", f"{line}\n{proc.stderr.read() if proc.stderr else ''}"
        for proc in self.procs:
            assert proc.stdin is not None
            proc.stdin.write("go\n")
            proc.stdin.flush()

    def finish(self) -> list[str]:
        """Every child's last line, once all have exited well."""
        lines = []
        for proc in self.procs:
            out, err = proc.communicate(timeout=TIMEOUT)
            assert proc.returncode == 0, f"exit {proc.returncode}: {out}{err}"
            lines.append(out.strip().splitlines()[-1])
        return lines

    def kill_all(self) -> None:
        for proc in self.procs:
            if proc.poll() is None:
                proc.kill()
            proc.wait()


@pytest.fixture
def children() -> Iterator[Children]:
    started = Children()
    try:
        yield started
    finally:
        started.kill_all()


def temp_files(root: Path) -> list[Path]:
    return list(root.rglob(".*.tmp"))


# --------------------------------------------------------------------------- two savers


@pytest.mark.slow
def test_two_processes_save_their_own_sessions(data: Path, children: Children) -> None:
    open_store(data)
    start = time.perf_counter()
    for name in (1, 2):
        children.start("sessions", data, str(name), str(SAVES))
    children.go()
    assert children.finish() == [f"saved {SAVES}"] * 2
    elapsed = time.perf_counter() - start

    fresh = open_store(data)
    assert fresh.problems == []
    assert len(fresh.sessions()) == 2 * SAVES
    expected = {
        make_session(n * 1_000_000 + i, n * 0x1000 + i, 2) for n in (1, 2) for i in range(SAVES)
    }
    assert set(fresh.sessions()) == expected
    assert temp_files(data) == []
    print(f"2 × {SAVES} sessions saved side by side in {elapsed:.1f} s")


@pytest.mark.slow
def test_two_processes_making_the_same_new_ids_keep_every_item(
    data: Path, children: Children
) -> None:
    """Both make their items in one second with the same suffixes, in the same order:
    every name one of them creates, the other wants too. Each new file is created only
    where no file is, and the loser of a name draws its suffix again, so nothing is
    replaced; each later save of a session goes to the file it was created as."""
    open_store(data)
    for name in ("one", "two"):
        children.start("new", data, name, str(NEW_ITEMS))
    children.go()
    assert children.finish() == [f"added {NEW_ITEMS}"] * 2

    fresh = open_store(data)
    assert fresh.problems == []
    everyone = {f"{name} {n}" for name in ("one", "two") for n in range(NEW_ITEMS)}
    sessions, events = fresh.sessions(), fresh.events()
    assert sorted(s.reflection.text for s in sessions if s.reflection) == sorted(everyone)
    assert sorted(e.text.text for e in events if e.text) == sorted(everyone)
    assert all(s.reflection and s.reflection.text.startswith(s.device) for s in sessions)
    assert len(list((data / "sessions").rglob("*.toml"))) == 2 * NEW_ITEMS
    # Every shared name was taken once; the other half were drawn again.
    shared = {f"{n:04x}" for n in range(NEW_ITEMS)}
    assert sum(s.id[-4:] in shared for s in sessions) == NEW_ITEMS
    assert temp_files(data) == []


@pytest.mark.slow
def test_settings_changed_by_two_processes_lose_no_change(data: Path, children: Children) -> None:
    """Each process adds one to its own counter in config.toml, SAVES times. A change
    made between another's read and save would be undone by that save, and the undone
    counter would end short of SAVES."""
    open_store(data).save_config(Config(track="senior", time_zone="Europe/Berlin"))
    start = time.perf_counter()
    for name in ("a", "b"):
        children.start("config", data, name, str(SAVES))
    children.go()
    seen = [int(line.split()[1]) for line in children.finish()]
    elapsed = time.perf_counter() - start

    config = open_store(data).load_config()
    assert config is not None
    assert (count(config, "a"), count(config, "b")) == (SAVES, SAVES)
    assert (config.track, config.time_zone) == ("senior", "Europe/Berlin")
    # The two really took turns: each read the other's counter at many values.
    assert min(seen) >= 10, seen
    assert temp_files(data) == []
    print(f"2 × {SAVES} settings changes in {elapsed:.1f} s; each saw the other at {seen}")


def test_update_config_starts_from_nothing_on_the_first_run(data: Path) -> None:
    st = open_store(data)
    seen: list[Config | None] = []

    def first(current: Config | None) -> Config:
        seen.append(current)
        return Config(track="senior")

    assert st.update_config(first) == Config(track="senior")
    assert seen == [None]
    assert st.load_config() == Config(track="senior")


def test_update_config_that_fails_saves_nothing_and_frees_the_lock(data: Path) -> None:
    st = open_store(data)
    st.save_config(Config())
    before = st.config_path.read_bytes()

    def broken(_current: Config | None) -> Config:
        raise ValueError("no")

    with pytest.raises(ValueError):
        st.update_config(broken)
    assert st.config_path.read_bytes() == before
    assert st.update_config(lambda c: counted(c, "a", 1)).targets["a-0"] == 2


def test_update_config_waits_for_a_holder_then_names_it(
    data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    st = open_store(data)
    monkeypatch.setattr(store, "CONFIG_LOCK_WAIT", 0.05)
    holder = lock.take_lock(st.cache_dir / lock.CONFIG_LOCK_NAME)
    with holder, pytest.raises(Locked) as caught:
        st.update_config(lambda c: Config(track="senior"))
    assert caught.value.pid == os.getpid()
    assert str(caught.value) == (
        f"another pmcoach (pid {os.getpid()} on {paths.host_name()}) is saving the settings"
    )
    assert st.load_config() is None


def test_settings_can_change_while_the_app_holds_the_folder(data: Path) -> None:
    st = open_store(data)
    with st.lock():
        st.update_config(lambda c: Config(track="senior"))
    assert st.load_config() == Config(track="senior")


# --------------------------------------------------------------------------- one resume


@pytest.mark.slow
def test_only_one_process_resumes_the_session_in_progress(data: Path, children: Children) -> None:
    st = open_store(data)
    for round_no in range(3):
        session = make_session(round_no, round_no, 2)
        st.save_session(session)
        racers = [children.start("resume", data) for _ in range(2)]
        children.go()
        lines = {}
        for proc in racers:
            assert proc.stdout is not None
            lines[proc.pid] = proc.stdout.readline().split()
        winners = [pid for pid, words in lines.items() if words[0] == "won"]
        assert len(winners) == 1, lines
        (loser,) = [words for words in lines.values() if words[0] != "won"]
        assert loser == ["locked", str(winners[0]), paths.host_name()], lines
        for proc in racers:
            assert proc.stdin is not None
            proc.stdin.close()
            assert proc.wait(timeout=TIMEOUT) == 0
        children.procs.clear()

        resumed = open_store(data).session(session.id)
        assert resumed is not None and len(resumed.answers) == 5
        st.save_session(replace(resumed, finished=resumed.updated))
    assert open_store(data).problems == []


# --------------------------------------------------------------------------- links


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    target = tmp_path / "outside.toml"
    target.write_bytes(b"not pmcoach's\n")
    return target


def test_linked_session_file_is_not_replaced(data: Path, outside: Path) -> None:
    st = open_store(data)
    session = make_session(1, 1, 1)
    path = st.save_session(session)
    path.unlink()
    path.symlink_to(outside)
    with pytest.raises(StoreError, match=f"{path.name} is a symbolic link.*not changed"):
        st.save_session(session)
    assert outside.read_bytes() == b"not pmcoach's\n"
    assert path.is_symlink()


def test_linked_config_is_neither_read_nor_replaced(data: Path, outside: Path) -> None:
    st = open_store(data)
    st.config_path.symlink_to(outside)
    with pytest.raises(StoreError, match=r"config\.toml: is a symbolic link"):
        st.load_config()
    with pytest.raises(StoreError, match=r"config\.toml is a symbolic link.*not changed"):
        st.save_config(Config())
    with pytest.raises(StoreError, match=r"config\.toml: is a symbolic link"):
        st.update_config(lambda c: Config())
    assert outside.read_bytes() == b"not pmcoach's\n"
    assert st.config_path.is_symlink()


def test_linked_config_lock_is_refused(data: Path, outside: Path) -> None:
    st = open_store(data)
    st.cache_dir.mkdir(parents=True)
    (st.cache_dir / lock.CONFIG_LOCK_NAME).symlink_to(outside)
    with pytest.raises(StoreError, match=r"config\.lock is a symbolic link.*not used"):
        st.update_config(lambda c: Config())
    assert outside.read_bytes() == b"not pmcoach's\n"
    assert not st.config_path.exists()


def test_linked_folder_lock_is_refused_even_when_dangling(data: Path, tmp_path: Path) -> None:
    st = open_store(data)
    st.cache_dir.mkdir(parents=True)
    (st.cache_dir / "lock").symlink_to(tmp_path / "nowhere")
    with pytest.raises(StoreError, match=r"/lock is a symbolic link.*not used"):
        st.lock()
    assert not (tmp_path / "nowhere").exists()


def test_lock_replaced_by_a_link_after_the_check_is_refused(
    data: Path, outside: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """O_NOFOLLOW, not the check before it, is what keeps a lock from following a link."""
    st = open_store(data)
    st.cache_dir.mkdir(parents=True, mode=0o700)
    (st.cache_dir / "lock").symlink_to(outside)
    monkeypatch.setattr(Path, "is_symlink", lambda self: False)
    with pytest.raises(StoreError, match=r"/lock is a symbolic link.*not used"):
        st.lock()
    assert outside.read_bytes() == b"not pmcoach's\n"


@pytest.mark.parametrize("kind", ["session", "event"])
def test_save_into_a_linked_year_folder_is_refused(data: Path, tmp_path: Path, kind: str) -> None:
    st = open_store(data)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    folder = "sessions" if kind == "session" else "events"
    (data / folder / "2026").symlink_to(elsewhere)
    with pytest.raises(StoreError, match=r"/2026 is a symbolic link.*nothing saved there"):
        if kind == "session":
            st.save_session(make_session(1, 1, 1))
        else:
            st.save_event(make_event(1, 1))
    assert list(elsewhere.iterdir()) == []


def test_delete_into_a_linked_trash_folder_is_refused(data: Path, tmp_path: Path) -> None:
    st = open_store(data)
    session = make_session(1, 1, 1)
    path = st.save_session(session)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (data / "trash" / "sessions").symlink_to(elsewhere)
    with pytest.raises(StoreError, match="trash/sessions is a symbolic link"):
        st.delete_session(session.id)
    assert path.exists()
    assert list(elsewhere.iterdir()) == []


def test_linked_files_are_problems_not_followed(data: Path, tmp_path: Path) -> None:
    st = open_store(data)
    real = st.save_session(make_session(1, 1, 1))
    hidden = tmp_path / "hidden"
    hidden.mkdir()
    (hidden / real.name).write_bytes(real.read_bytes())
    real.unlink()
    (data / "sessions" / "2026" / real.name).symlink_to(hidden / real.name)
    (data / "events" / "2027").symlink_to(hidden)
    fresh = open_store(data)
    assert fresh.sessions() == []
    assert sorted(p.path.name for p in fresh.problems) == sorted(["2027", real.name])
    assert all("symbolic link" in p.reason for p in fresh.problems)
