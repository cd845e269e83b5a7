"""The data folder: nothing the user wrote is ever lost, truncated or silently skipped."""

from __future__ import annotations

import datetime as dt
import errno
import os
import stat
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from pmcoach.cache.opener import open_store
from pmcoach.domain.model import Answer, Config, Event, Session, Text
from pmcoach.storage import files, paths, store
from pmcoach.storage.errors import Locked, Problem, StoreError
from pmcoach.storage.events import encode_event
from pmcoach.storage.sessions import encode_session
from pmcoach.storage.store import Store

TZ = dt.timezone(dt.timedelta(hours=1))
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PMCOACH_CACHE_HOME", str(tmp_path / "cache-home"))
    monkeypatch.setenv("PMCOACH_NO_FSYNC", "1")
    monkeypatch.delenv("PMCOACH_HOME", raising=False)
    monkeypatch.delenv("PMCOACH_DEVICE", raising=False)


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def st(data: Path) -> Store:
    return open_store(data)


def make_session(
    n: int = 0,
    *,
    kind: str = "weekly",
    device: str = "laptop",
    finished: bool = True,
    note: str = "a note",
    updated_minutes: int = 10,
) -> Session:
    started = dt.datetime(2026, 11, 2, 9, 0, tzinfo=TZ) + dt.timedelta(weeks=n)
    stamp = started.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    answer = (
        Answer(skill="prioritize", rating=3)
        if kind == "manager"
        else Answer(question="communicate.answer-first", rating=3, note=Text(note, True))
    )
    updated = started + dt.timedelta(minutes=updated_minutes)
    return Session(
        id=f"{stamp}-{kind}-{n:04x}",
        kind=kind,  # type: ignore[arg-type]
        track="new",
        rubric="builtin@2026.11",
        device=device,
        started=started,
        updated=updated,
        finished=updated if finished else None,
        answers=(answer,),
    )


def make_event(n: int = 0, kind: str = "win") -> Event:
    at = dt.datetime(2026, 11, 3, 12, 0, tzinfo=TZ) + dt.timedelta(days=n)
    stamp = at.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    return Event(
        id=f"{stamp}-{kind}-{n:04x}",
        kind=kind,
        at=at,
        device="laptop",
        skill="communicate",
        text=Text("shipped the thing", False),
        data={"minutes": 15},
    )


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.is_symlink()
    }


# --------------------------------------------------------------------------- opening


def test_open_creates_private_folders(data: Path) -> None:
    open_store(data)
    assert mode(data) == 0o700
    for name in ("sessions", "events", "rubrics", "trash"):
        assert (data / name).is_dir()
        assert mode(data / name) == 0o700


def test_open_leaves_an_existing_folders_mode_and_makes_new_ones_private(data: Path) -> None:
    # Only the folders pmcoach creates are its to make private: an existing one may be
    # a shared or synced place whose mode is its owner's.
    data.mkdir(mode=0o755)
    (data / "sessions").mkdir(mode=0o755)
    os.chmod(data, 0o755)
    os.chmod(data / "sessions", 0o755)
    open_store(data)
    assert mode(data) == 0o755
    assert mode(data / "sessions") == 0o755
    assert mode(data / "events") == 0o700


def test_open_refuses_a_file(data: Path) -> None:
    data.write_text("not a folder")
    with pytest.raises(StoreError, match="is a file, not a folder"):
        open_store(data)
    assert data.read_text() == "not a folder"


def test_open_refuses_a_path_through_a_file(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    with pytest.raises(StoreError, match="cannot be created"):
        open_store(tmp_path / "file" / "data")


@pytest.mark.skipif(IS_ROOT, reason="root can write anywhere")
def test_open_refuses_an_unwritable_place(tmp_path: Path) -> None:
    locked = tmp_path / "ro"
    locked.mkdir(mode=0o500)
    try:
        with pytest.raises(StoreError, match="cannot be created"):
            open_store(locked / "data")
    finally:
        locked.chmod(0o700)


def test_open_follows_a_linked_data_folder(tmp_path: Path) -> None:
    real = tmp_path / "Dropbox" / "coach"
    real.mkdir(parents=True)
    (tmp_path / "link").symlink_to(real)
    linked = open_store(tmp_path / "link")
    linked.save_session(make_session())
    assert [s.id for s in open_store(real).sessions()] == [make_session().id]


def test_open_refuses_linked_sessions_folder(data: Path, tmp_path: Path) -> None:
    data.mkdir()
    (tmp_path / "elsewhere").mkdir()
    (data / "sessions").symlink_to(tmp_path / "elsewhere")
    with pytest.raises(StoreError, match="sessions is a symbolic link"):
        open_store(data)


def test_linked_rubrics_folder_is_allowed(data: Path, tmp_path: Path) -> None:
    data.mkdir()
    (tmp_path / "company").mkdir(mode=0o755)
    (data / "rubrics").symlink_to(tmp_path / "company")
    open_store(data)
    assert mode(tmp_path / "company") == 0o755  # not ours to change


def test_cache_lives_outside_the_data_folder(st: Store, data: Path) -> None:
    st.save_session(make_session())
    st.refresh()
    assert st.cache_dir == paths.cache_dir(data)
    assert (st.cache_dir / "index.json").is_file()
    assert not st.cache_dir.is_relative_to(data)
    assert mode(st.cache_dir) == 0o700
    assert mode(st.cache_dir / "index.json") == 0o600


def test_a_store_without_an_index_reads_what_the_cached_one_reads(st: Store, data: Path) -> None:
    """The store works alone (the cache sits above it): every file parsed, nothing
    written to the cache folder, and the same history, problems included."""
    for n in range(3):
        st.save_session(make_session(n))
    (data / "sessions" / "2026" / "20261130T080000Z-weekly-0009.toml").write_text("not toml")
    st.refresh()
    bare = Store.open(data, cache_root=data.parent / "bare-cache")
    assert bare.sessions() == st.sessions()
    assert [(p.path, p.reason) for p in bare.problems] == [(p.path, p.reason) for p in st.problems]
    bare.save_session(replace(st.sessions()[0], reflection=Text("later", False)))
    assert bare.sessions()[0].reflection == Text("later", False)
    assert not (data.parent / "bare-cache").exists()


# --------------------------------------------------------------------------- writing


def test_save_and_load_session(st: Store, data: Path) -> None:
    session = make_session()
    path = st.save_session(session)
    assert path == data / "sessions" / "2026" / f"{session.id}.toml"
    assert mode(path) == 0o600
    assert mode(path.parent) == 0o700
    assert open_store(data).sessions() == [session]


def test_saved_file_is_private_despite_a_loose_umask(st: Store) -> None:
    old = os.umask(0o000)
    try:
        path = st.save_session(make_session())
    finally:
        os.umask(old)
    assert mode(path) == 0o600


def test_sessions_are_sorted_by_start(st: Store, data: Path) -> None:
    for n in (3, 1, 2):
        st.save_session(make_session(n))
    assert [s.id for s in open_store(data).sessions()] == [make_session(n).id for n in (1, 2, 3)]


def test_save_replaces_and_keeps_one_file(st: Store, data: Path) -> None:
    session = make_session(finished=False)
    st.save_session(session)
    done = replace(session, finished=session.updated, reflection=Text("better", False))
    st.save_session(done)
    assert open_store(data).sessions() == [done]
    assert len(list((data / "sessions").rglob("*.toml"))) == 1


def test_save_event(st: Store, data: Path) -> None:
    event = make_event()
    path = st.save_event(event)
    assert path == data / "events" / "2026" / f"{event.id}.toml"
    assert open_store(data).events() == [event]


def test_failed_replace_leaves_the_original(st: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    session = make_session()
    path = st.save_session(session)
    before = path.read_bytes()

    def full_disk(*_args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    with pytest.raises(StoreError, match="No space left on device"):
        st.save_session(replace(session, reflection=Text("new", False)))
    assert path.read_bytes() == before
    assert [p.name for p in path.parent.iterdir()] == [path.name]


def test_failed_fsync_leaves_the_original(st: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    session = make_session()
    path = st.save_session(session)
    before = path.read_bytes()
    monkeypatch.delenv("PMCOACH_NO_FSYNC")

    def broken_disk(_fd: int) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(os, "fsync", broken_disk)
    with pytest.raises(StoreError, match="Input/output error"):
        st.save_session(replace(session, reflection=Text("new", False)))
    assert path.read_bytes() == before
    assert [p.name for p in path.parent.iterdir()] == [path.name]


def test_real_fsync_path_works(st: Store, data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PMCOACH_NO_FSYNC")
    st.save_session(make_session())
    assert len(open_store(data).sessions()) == 1


def test_lone_surrogate_never_truncates(st: Store) -> None:
    session = make_session()
    path = st.save_session(session)
    before = path.read_bytes()
    bad = replace(session, answers=(Answer(question="q", rating=2, note=Text("\ud83d oops")),))
    with pytest.raises(StoreError, match=r"answers\[0\]\.note\.text"):
        st.save_session(bad)
    assert path.read_bytes() == before


def test_write_atomic_refuses_a_link(tmp_path: Path) -> None:
    (tmp_path / "target").write_bytes(b"keep")
    (tmp_path / "link").symlink_to(tmp_path / "target")
    with pytest.raises(StoreError, match="symbolic link"):
        files.write_atomic(tmp_path / "link", b"new")
    assert (tmp_path / "target").read_bytes() == b"keep"


def test_write_atomic_reuses_a_stale_temp_name(tmp_path: Path) -> None:
    target = tmp_path / "f.toml"
    stale = tmp_path / f".f.toml.{paths.host_name()}.{os.getpid()}.tmp"
    stale.write_bytes(b"left by a process that had our pid")
    files.write_atomic(target, b"x = 1\n")
    assert target.read_bytes() == b"x = 1\n"
    assert not stale.exists()


def test_save_refuses_to_replace_a_newer_file(st: Store) -> None:
    session = make_session()
    path = st.save_session(session)
    newer = path.read_bytes().replace(b"schema = 1", b"schema = 2")
    path.write_bytes(newer)
    with pytest.raises(StoreError, match=r"newer pmcoach \(schema 2\); not changed"):
        st.save_session(session)
    assert path.read_bytes() == newer


def test_a_loaded_store_still_checks_a_file_changed_since_it_read_it(
    st: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file the store decoded and nobody touched is replaced without a second parse;
    one changed since (its size, times or inode differ) is checked as before."""
    checked: list[Path] = []
    check = store._check_replaceable

    def counted(path: Path) -> None:
        checked.append(path)
        check(path)

    monkeypatch.setattr(store, "_check_replaceable", counted)
    session = make_session()
    path = st.save_session(session)
    st.refresh()
    assert st.session(session.id) == session
    checked.clear()
    st.save_session(session)
    assert checked == []  # unchanged since read: the quick way
    newer = path.read_bytes().replace(b"schema = 1", b"schema = 2")
    path.write_bytes(newer)
    info = path.stat()
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns + 1_000_000))
    with pytest.raises(StoreError, match=r"newer pmcoach \(schema 2\); not changed"):
        st.save_session(session)
    assert path.read_bytes() == newer


def test_save_refuses_to_replace_an_unreadable_file(st: Store) -> None:
    session = make_session()
    path = st.save_session(session)
    path.write_bytes(b"\xff\xfe broken")
    with pytest.raises(StoreError, match=r"not UTF-8.*not changed"):
        st.save_session(session)
    assert path.read_bytes() == b"\xff\xfe broken"


def test_save_refuses_a_linked_session_file(st: Store, tmp_path: Path) -> None:
    session = make_session()
    path = st.save_session(session)
    outside = tmp_path / "outside.toml"
    outside.write_bytes(b"mine")
    path.unlink()
    path.symlink_to(outside)
    with pytest.raises(StoreError, match="symbolic link"):
        st.save_session(session)
    assert outside.read_bytes() == b"mine"


# --------------------------------------------------------------------------- temp files


def dead_pid() -> int:
    proc = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], check=True,
                          capture_output=True, text=True)  # fmt: skip
    return int(proc.stdout)


def test_open_removes_only_this_hosts_dead_temp_files(data: Path) -> None:
    open_store(data)
    host = paths.host_name()
    pid = dead_pid()
    folder = data / "sessions" / "2026"
    folder.mkdir()
    dead = folder / f".x.toml.{host}.{pid}.tmp"
    other_host = folder / f".x.toml.other-machine.{pid}.tmp"
    alive = folder / f".y.toml.{host}.{os.getpid()}.tmp"
    parent_alive = data / f".config.toml.{host}.{os.getppid()}.tmp"
    unrelated = folder / ".notes.tmp"
    for path in (dead, other_host, alive, parent_alive, unrelated):
        path.write_bytes(b"partial")
    open_store(data)
    assert not dead.exists()
    assert other_host.exists() and alive.exists() and parent_alive.exists()
    assert unrelated.exists()


def test_temp_files_are_not_read_as_sessions(st: Store, data: Path) -> None:
    st.save_session(make_session())
    (data / "sessions" / "2026" / ".half.toml.other.1.tmp").write_bytes(b"sch")
    fresh = open_store(data)
    assert len(fresh.sessions()) == 1
    assert fresh.problems == []


# --------------------------------------------------------------------------- problems


def test_unreadable_files_are_problems_and_untouched(st: Store, data: Path) -> None:
    good = make_session(1)
    st.save_session(good)
    folder = data / "sessions" / "2026"
    wrong_types = encode_session(make_session(2)).replace(b"rating = 3", b"rating = 7")
    bad = {
        "20261101T080000Z-weekly-aaa1.toml": b'schema = 1\nnote = "\xff\xfe"\n',
        "20261101T080000Z-weekly-aaa2.toml": b"schema = 1\nid = \n",
        "20261101T080000Z-weekly-aaa3.toml": b"# " + b"x" * (2 << 20) + b"\n",
        make_session(2).id + ".toml": wrong_types,
        "20261101T080000Z-weekly-aaa4.toml": encode_session(make_session(3)),
    }
    for name, content in bad.items():
        (folder / name).write_bytes(content)
    before = snapshot(data)

    fresh = open_store(data)
    assert fresh.sessions() == [good]
    reasons = {p.path.name: p.reason for p in fresh.problems}
    assert set(reasons) == set(bad)
    assert reasons["20261101T080000Z-weekly-aaa1.toml"].startswith("not UTF-8")
    assert "(at line 2, column" in reasons["20261101T080000Z-weekly-aaa2.toml"]
    assert "files over 1024 KiB are not read" in reasons["20261101T080000Z-weekly-aaa3.toml"]
    assert reasons[make_session(2).id + ".toml"] == (
        "answers[0].rating: expected an integer 1–5, got 7"
    )
    assert "does not match the file name" in reasons["20261101T080000Z-weekly-aaa4.toml"]
    assert all(p.path.is_absolute() for p in fresh.problems)

    fresh.save_session(make_session(5))
    assert {k: v for k, v in snapshot(data).items() if k in before} == before


def test_problem_reads_as_one_line(tmp_path: Path) -> None:
    problem = Problem(tmp_path / "x.toml", "not valid TOML")
    assert str(problem) == f"{tmp_path / 'x.toml'}: not valid TOML"


def test_newer_schema_file_is_a_problem(st: Store, data: Path) -> None:
    path = st.save_session(make_session())
    path.write_bytes(path.read_bytes().replace(b"schema = 1", b"schema = 4"))
    fresh = open_store(data)
    assert fresh.sessions() == []
    assert fresh.problems == [Problem(path, "written by a newer pmcoach (schema 4); not changed")]


def test_linked_session_file_is_a_problem(st: Store, data: Path, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.toml"
    outside.write_bytes(encode_session(make_session()))
    link = data / "sessions" / f"{make_session().id}.toml"
    link.symlink_to(outside)
    fresh = open_store(data)
    assert fresh.sessions() == []
    assert fresh.problems == [Problem(link, "is a symbolic link; " + "pmcoach does not follow "
                                      "links inside the data folder")]  # fmt: skip


def test_other_files_are_ignored(st: Store, data: Path) -> None:
    (data / "sessions" / "README.md").write_text("hello")
    (data / "sessions" / ".DS_Store").write_bytes(b"\0\0")
    assert st.sessions() == [] and st.problems == []


def test_duplicate_ids_later_copy_wins(st: Store, data: Path) -> None:
    first = make_session(updated_minutes=5)
    path = st.save_session(first)
    later = replace(first, updated=first.updated + dt.timedelta(hours=1), reflection=Text("2nd"))
    copy = path.with_name(f"{first.id} (conflicted copy 2026-11-02).toml")
    copy.write_bytes(encode_session(later))
    fresh = open_store(data)
    assert fresh.sessions() == [later]
    assert fresh.problems == [
        Problem(
            path, f"duplicate of {first.id}; the later copy is used ({copy.name})", duplicate=True
        )
    ]
    assert fresh.unreadable == []


def test_duplicate_event_ids(st: Store, data: Path) -> None:
    event = make_event()
    path = st.save_event(event)
    later = replace(event, updated=event.at + dt.timedelta(days=1), data={"minutes": 30})
    copy = path.with_name(f"{event.id}.sync-conflict-20261104-101010-ABC.toml")
    copy.write_bytes(encode_event(later))
    fresh = open_store(data)
    assert fresh.events() == [later]
    assert [p.path for p in fresh.problems] == [path]


def test_deleting_a_duplicated_session_moves_every_copy(st: Store, data: Path) -> None:
    first = make_session()
    path = st.save_session(first)
    copy = path.with_name(f"{first.id} (1).toml")
    copy.write_bytes(path.read_bytes())
    fresh = open_store(data)
    assert len(fresh.sessions()) == 1
    moved = fresh.delete_session(first.id)
    assert len(moved) == 2
    assert fresh.sessions() == [] and fresh.problems == []


# --------------------------------------------------------------------------- trash


def test_delete_moves_to_trash_and_restore_brings_back(st: Store, data: Path) -> None:
    session = make_session()
    path = st.save_session(session)
    content = path.read_bytes()
    (trashed,) = st.delete_session(session.id)
    assert trashed == data / "trash" / "sessions" / "2026" / path.name
    assert trashed.read_bytes() == content
    assert not path.exists()
    assert st.sessions() == []
    assert st.trashed() == [trashed]
    assert st.restore(trashed) == path
    assert st.sessions() == [session]
    assert st.trashed() == []


def test_delete_event(st: Store, data: Path) -> None:
    event = make_event()
    st.save_event(event)
    (trashed,) = st.delete_event(event.id)
    assert trashed.is_relative_to(data / "trash" / "events")
    assert open_store(data).events() == []


def test_delete_unknown_id(st: Store) -> None:
    with pytest.raises(StoreError, match="no session"):
        st.delete_session("20261101T080000Z-weekly-0000")
    with pytest.raises(StoreError, match="no event"):
        st.delete_event("20261101T080000Z-win-0000")


def test_trash_keeps_both_when_deleted_twice(st: Store) -> None:
    session = make_session()
    st.save_session(session)
    (one,) = st.delete_session(session.id)
    st.save_session(replace(session, reflection=Text("second life")))
    (two,) = st.delete_session(session.id)
    assert one != two and one.exists() and two.exists()
    assert two.name == f"{session.id}~2.toml"
    restored = st.restore(two)
    assert restored.name == f"{session.id}.toml"
    assert st.sessions()[0].reflection == Text("second life")


def test_restore_never_overwrites(st: Store) -> None:
    session = make_session()
    path = st.save_session(session)
    (trashed,) = st.delete_session(session.id)
    st.save_session(session)
    before = path.read_bytes()
    with pytest.raises(StoreError, match="already exists; not restored"):
        st.restore(trashed)
    assert trashed.exists() and path.read_bytes() == before


def test_restore_refuses_paths_outside_the_trash(st: Store, tmp_path: Path) -> None:
    outside = tmp_path / "x.toml"
    outside.write_text("x")
    with pytest.raises(StoreError, match="not in the trash"):
        st.restore(outside)


def test_restore_accepts_a_path_relative_to_the_trash(st: Store) -> None:
    session = make_session()
    st.save_session(session)
    (trashed,) = st.delete_session(session.id)
    st.restore(trashed.relative_to(st.trash_dir))
    assert st.sessions() == [session]


# --------------------------------------------------------------------------- in progress


def test_in_progress_only_on_its_own_device(st: Store) -> None:
    st.save_session(make_session(1, device="laptop", finished=False))
    st.save_session(make_session(2, device="laptop", finished=False))
    st.save_session(make_session(3, device="desk", finished=False))
    st.save_session(make_session(4, device="laptop", finished=True))
    mine = st.in_progress("laptop")
    assert mine is not None and mine.id == make_session(2).id
    desk = st.in_progress("desk")
    assert desk is not None and desk.id == make_session(3).id
    assert st.in_progress("phone") is None


# --------------------------------------------------------------------------- config


def test_config_absent_on_first_run(st: Store) -> None:
    assert st.load_config() is None


def test_config_round_trip(st: Store, data: Path) -> None:
    config = Config(track="senior", review_day=4, time_zone="Europe/Berlin", targets={"a": 5})
    path = st.save_config(config)
    assert path == data / "config.toml"
    assert mode(path) == 0o600
    assert open_store(data).load_config() == config


def test_broken_config_is_an_error_and_kept(st: Store, data: Path) -> None:
    (data / "config.toml").write_bytes(b"schema = 1\ntrack = \n")
    with pytest.raises(StoreError, match=r"config\.toml: not valid TOML: .*at line 2"):
        st.load_config()
    with pytest.raises(StoreError, match="not changed"):
        st.save_config(Config())
    assert (data / "config.toml").read_bytes() == b"schema = 1\ntrack = \n"


def test_config_with_wrong_values_names_the_field(st: Store, data: Path) -> None:
    (data / "config.toml").write_text('schema = 1\nreview_day = "someday"\n')
    with pytest.raises(StoreError, match="review_day: expected a weekday name"):
        st.load_config()


def test_newer_config_is_not_overwritten(st: Store, data: Path) -> None:
    (data / "config.toml").write_text("schema = 2\n")
    with pytest.raises(StoreError, match="newer pmcoach"):
        st.load_config()
    with pytest.raises(StoreError, match="newer pmcoach"):
        st.save_config(Config())


# --------------------------------------------------------------------------- lock

HOLDER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from pmcoach.cache.opener import open_store
    lock = open_store(Path(sys.argv[1])).lock()
    print("held", flush=True)
    sys.stdin.read()
    """
)


@pytest.fixture
def holder(data: Path) -> Iterator[subprocess.Popen[str]]:
    open_store(data)
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(data)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ},
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "held"
    yield proc
    if proc.poll() is None:
        proc.kill()
    proc.wait()


def test_lock_held_elsewhere_raises_locked(data: Path, holder: subprocess.Popen[str]) -> None:
    with pytest.raises(Locked) as caught:
        open_store(data).lock()
    assert caught.value.pid == holder.pid
    assert caught.value.host == paths.host_name()
    assert str(caught.value) == (
        f"another pmcoach (pid {holder.pid} on {paths.host_name()}) is using this data folder"
    )
    assert isinstance(caught.value, StoreError)


def test_lock_is_free_when_the_holder_exits(data: Path, holder: subprocess.Popen[str]) -> None:
    assert holder.stdin is not None
    holder.stdin.close()
    holder.wait(timeout=10)
    with open_store(data).lock() as lock:
        assert lock.held
        text = lock.path.read_text()
        assert text.startswith(f"{os.getpid()} {paths.host_name()} ")
    assert not lock.held


def test_reading_works_while_another_holds_the_lock(
    data: Path, holder: subprocess.Popen[str]
) -> None:
    assert open_store(data).sessions() == []


def test_lock_in_cache_dir_is_private(st: Store) -> None:
    with st.lock() as lock:
        assert lock.path == st.cache_dir / "lock"
        assert mode(lock.path) == 0o600
        assert mode(st.cache_dir) == 0o700
        with pytest.raises(Locked, match=f"pid {os.getpid()}"):
            st.lock()
    st.lock().release()


def test_linked_lock_file_is_refused(st: Store, tmp_path: Path) -> None:
    st.cache_dir.mkdir(parents=True)
    (tmp_path / "elsewhere").write_text("")
    (st.cache_dir / "lock").symlink_to(tmp_path / "elsewhere")
    with pytest.raises(StoreError, match="symbolic link"):
        st.lock()


def test_locked_without_a_readable_holder() -> None:
    assert str(Locked(None, None)) == "another pmcoach is using this data folder"


def test_save_where_a_folder_cannot_be_made(st: Store, data: Path) -> None:
    (data / "events" / "2026").write_text("a file in the way")
    with pytest.raises(StoreError, match="Not a directory"):
        st.save_event(make_event())


def test_saving_after_reading_keeps_the_view_current(st: Store) -> None:
    first = make_session(1)
    st.save_session(first)
    assert st.sessions() == [first]
    second = make_session(2)
    st.save_session(second)
    event = make_event()
    st.save_event(event)
    assert st.sessions() == [first, second]
    assert st.events() == [event]
    assert st.session(second.id) == second
    st.delete_session(second.id)
    assert st.sessions() == [first]
