"""A save that fails, at any step and for any reason, leaves the last good file and says why.

A save is: serialise → create a temp file → make it private → write → fsync → close →
rename over the old file → fsync the folder. Each step here is made to fail the way a
full disk (ENOSPC), a folder without permission (EACCES) or a read-only disk (EROFS)
makes it fail, and then: the original is untouched, nothing partial or temporary is
left, the error is one StoreError line naming the file and the reason, and the same
save succeeds once the disk is fine again. Tests run as root here, where chmod stops
nothing, so those errors come from patched system calls; the one real chmod test
skips as root.

Last, hundreds of savers are killed with SIGKILL at random moments: every save that
returned is on disk, nothing is half-written, and the next open clears the temp files
the dead left. Set PMCOACH_FULL=1 for the full count.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import io
import os
import random
import signal
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from support.store_child import NOTE, count, make_event, make_session

from pmcoach.cache.opener import open_store
from pmcoach.cli import main
from pmcoach.domain import rotation
from pmcoach.domain.checkin import CheckIn
from pmcoach.domain.model import Config, Text
from pmcoach.rubric.load import load_rubric
from pmcoach.storage.errors import StoreError
from pmcoach.storage.store import Store

if TYPE_CHECKING:
    from pmcoach.tui.app import PMCoachApp

CHILD = Path(__file__).parents[1] / "support" / "store_child.py"
FULL = os.environ.get("PMCOACH_FULL") == "1"
KILLS = 1000 if FULL else 200
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0

REASONS = {
    errno.ENOSPC: "No space left on device",
    errno.EACCES: "Permission denied",
    errno.EROFS: "Read-only file system",
    errno.EIO: "Input/output error",
}


@pytest.fixture(autouse=True)
def _real_fsync(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PMCOACH_NO_FSYNC", raising=False)


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return tmp_path / "data"


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file, hidden ones (temp files) included."""
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.is_symlink()
    }


def fail(code: int) -> OSError:
    return OSError(code, os.strerror(code))


# --------------------------------------------------------------------------- one broken step


class Disk:
    """Breaks one step of a save, for the save's own temp file only.

    Steps are told apart by what they do to which file: the temp file is opened
    with O_EXCL, the folder is fsynced as a directory.
    """

    STEPS = ("create", "chmod", "write", "fsync", "close", "replace", "dir-fsync")

    def __init__(self, monkeypatch: pytest.MonkeyPatch, step: str, code: int) -> None:
        self.step = step
        self.code = code
        self.temp_fds: set[int] = set()
        self.failed = False
        real_open, real_write, real_fsync = os.open, os.write, os.fsync
        real_close, real_fchmod, real_replace = os.close, os.fchmod, os.replace

        def trip(step: str) -> None:
            if step == self.step and not self.failed:
                self.failed = True
                raise fail(self.code)

        def fake_open(path: Any, flags: int, mode: int = 0o777, **kw: Any) -> int:
            if flags & os.O_EXCL:
                trip("create")
                fd = real_open(path, flags, mode, **kw)
                self.temp_fds.add(fd)
                return fd
            return real_open(path, flags, mode, **kw)

        def fake_fchmod(fd: int, mode: int) -> None:
            if fd in self.temp_fds:
                trip("chmod")
            real_fchmod(fd, mode)

        def fake_write(fd: int, data: Any) -> int:
            if fd in self.temp_fds and self.step == "write" and not self.failed:
                real_write(fd, bytes(data[: len(data) // 2]))  # half of it made it to disk
                trip("write")
            return real_write(fd, data)

        def fake_fsync(fd: int) -> None:
            is_dir = stat.S_ISDIR(os.fstat(fd).st_mode)
            if fd in self.temp_fds:
                trip("fsync")
            elif is_dir:
                trip("dir-fsync")
            real_fsync(fd)

        def fake_close(fd: int) -> None:
            real_close(fd)
            if fd in self.temp_fds:
                self.temp_fds.discard(fd)
                trip("close")

        def fake_replace(src: Any, dst: Any) -> None:
            trip("replace")
            real_replace(src, dst)

        for name, fake in (
            ("open", fake_open),
            ("fchmod", fake_fchmod),
            ("write", fake_write),
            ("fsync", fake_fsync),
            ("close", fake_close),
            ("replace", fake_replace),
        ):
            monkeypatch.setattr(os, name, fake)


@contextlib.contextmanager
def broken(step: str, code: int) -> Iterator[Disk]:
    """Only inside the block, so pytest's own files are written by the real calls."""
    with pytest.MonkeyPatch.context() as patch:
        yield Disk(patch, step, code)


@dataclass
class Item:
    """One kind of file, its saved version, and a changed version to save over it."""

    name: str
    path: Path
    read: Callable[[Store], object]
    old: object
    save_new: Callable[[Store], object]
    new: object


def item(kind: str, st: Store) -> Item:
    if kind == "session":
        session = make_session(1, 1, 2)
        path = st.save_session(session)
        new = replace(session, reflection=Text("Said no to the pricing rework.", False))
        return Item(
            kind, path, lambda s: s.session(session.id), session, lambda s: s.save_session(new), new
        )
    if kind == "event":
        event = make_event(1, 1)
        path = st.save_event(event)
        new_event = replace(event, text=Text("Shipped the pricing page.", True))
        return Item(
            kind,
            path,
            lambda s: next(iter(s.events()), None),
            event,
            lambda s: s.save_event(new_event),
            new_event,
        )
    config = Config(track="new", time_zone="Europe/Berlin")
    path = st.save_config(config)
    new_config = replace(config, track="senior")
    return Item(
        kind,
        path,
        lambda s: s.load_config(),
        config,
        lambda s: s.save_config(new_config),
        new_config,
    )


CASES = [
    (step, code)
    for step in Disk.STEPS
    for code in (errno.ENOSPC, errno.EACCES, errno.EROFS, errno.EIO)
    if code != errno.EIO or "fsync" in step  # EIO is what a failing fsync says
    if not (step == "dir-fsync" and code == errno.EACCES)  # means "cannot fsync a folder": fine
]


CASE_IDS = [f"{step}-{errno.errorcode[code]}" for step, code in CASES]


@pytest.mark.parametrize("kind", ["session", "event", "config"])
@pytest.mark.parametrize(("step", "code"), CASES, ids=CASE_IDS)
def test_a_failed_step_keeps_the_last_good_file(
    data: Path, kind: str, step: str, code: int
) -> None:
    st = open_store(data)
    it = item(kind, st)
    st.refresh()
    before = snapshot(data)

    with broken(step, code) as disk, pytest.raises(StoreError) as caught:
        it.save_new(st)
    assert disk.failed

    message = str(caught.value)
    assert "\n" not in message
    assert message.endswith(REASONS[code])
    if step == "dir-fsync":
        # The rename had happened: the new file is whole, but may not survive a power cut.
        assert message == f"could not save in {it.path.parent}: {REASONS[code]}"
        assert snapshot(data) == {**before, str(it.path.relative_to(data)): it.path.read_bytes()}
        assert it.read(open_store(data)) == it.new
    else:
        assert message == f"could not save {it.path}: {REASONS[code]}"
        assert snapshot(data) == before  # untouched, and no temp or partial file beside it
        assert it.read(st) == it.old
        assert it.read(open_store(data)) == it.old
    assert open_store(data).problems == []

    it.save_new(st)  # the disk is fine again: the same save goes through
    assert it.read(open_store(data)) == it.new
    assert not [p for p in data.rglob(".*.tmp")]


def test_a_failed_first_save_leaves_no_file(data: Path) -> None:
    st = open_store(data)
    session = make_session(1, 1, 2)
    (data / "sessions" / "2026").mkdir()
    with broken("write", errno.ENOSPC), pytest.raises(StoreError, match="No space left"):
        st.save_session(session)
    assert list((data / "sessions" / "2026").iterdir()) == []
    assert st.sessions() == []


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EACCES, errno.EROFS])
def test_a_year_folder_that_cannot_be_made(
    data: Path, monkeypatch: pytest.MonkeyPatch, code: int
) -> None:
    st = open_store(data)

    def no_mkdir(*_args: object, **_kw: object) -> None:
        raise fail(code)

    monkeypatch.setattr(os, "mkdir", no_mkdir)
    with pytest.raises(StoreError) as caught:
        st.save_session(make_session(1, 1, 2))
    assert str(caught.value) == f"could not create {data / 'sessions' / '2026'}: {REASONS[code]}"
    assert list((data / "sessions").iterdir()) == []


@pytest.mark.parametrize("code", [errno.EINVAL, errno.ENOTSUP, errno.EACCES])
def test_a_folder_that_cannot_be_fsynced_is_no_failure(data: Path, code: int) -> None:
    """Some filesystems cannot fsync a folder at all; the save is as good as they allow."""
    st = open_store(data)
    it = item("session", st)
    with broken("dir-fsync", code) as disk:
        it.save_new(st)
    assert disk.failed
    assert it.read(open_store(data)) == it.new


@pytest.mark.parametrize(
    ("kind", "message"),
    [
        ("session", r"session .* not saved: answers\[0\]\.note\.text"),
        ("event", r"event .* not saved: text\.text"),
        ("config", r"settings not saved: time_zone"),
    ],
)
def test_a_failed_serialisation_touches_nothing(data: Path, kind: str, message: str) -> None:
    st = open_store(data)
    it = item(kind, st)
    before = snapshot(data)
    with pytest.raises(StoreError, match=message):
        if kind == "session":
            session = make_session(1, 1, 2)
            answers = (replace(session.answers[0], note=Text("half an emoji \ud83d")),)
            st.save_session(replace(session, answers=answers))
        elif kind == "event":
            st.save_event(replace(make_event(1, 1), text=Text("\udc80 broken")))
        else:
            st.save_config(Config(time_zone="Nowhere/Atlantis"))
    assert snapshot(data) == before
    assert it.read(open_store(data)) == it.old


def test_an_interrupt_mid_write_removes_the_temp_and_propagates(
    data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    st = open_store(data)
    it = item("session", st)
    before = snapshot(data)
    real_write = os.write

    def interrupted(fd: int, chunk: Any) -> int:
        real_write(fd, bytes(chunk[:10]))
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "write", interrupted)
    with pytest.raises(KeyboardInterrupt):
        it.save_new(st)
    monkeypatch.undo()
    assert snapshot(data) == before


def test_a_short_write_is_continued(data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A disk filling up part way writes less than asked before it refuses."""
    st = open_store(data)
    real_write = os.write
    monkeypatch.setattr(os, "write", lambda fd, chunk: real_write(fd, bytes(chunk[:7])))
    it = item("session", st)
    it.save_new(st)
    monkeypatch.undo()
    assert it.read(open_store(data)) == it.new


# --------------------------------------------------------------------------- whole folders


@pytest.fixture
def read_only(data: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[[], None]:
    """`read_only()` turns the data folder read-only, as a disk remounted after errors."""

    def inside(path: Any) -> bool:
        return isinstance(path, str | Path) and Path(path).is_relative_to(data)

    def turn() -> None:
        names = ("open", "mkdir", "replace", "rename", "unlink", "chmod")
        real = {name: getattr(os, name) for name in names}

        def guard(name: str) -> Callable[..., Any]:
            def call(*args: Any, **kw: Any) -> Any:
                writes = name != "open" or args[1] & (os.O_WRONLY | os.O_RDWR | os.O_CREAT)
                if writes and any(inside(a) for a in args[:2]):
                    raise fail(errno.EROFS)
                return real[name](*args, **kw)

            return call

        for name in real:
            monkeypatch.setattr(os, name, guard(name))

    return turn


def test_a_read_only_folder_refuses_every_change_and_still_reads(
    data: Path, read_only: Callable[[], None]
) -> None:
    st = open_store(data)
    kept = make_session(1, 1, 2)
    st.save_session(kept)
    gone = make_session(2, 2, 2)
    st.save_session(gone)
    (in_trash,) = st.delete_session(gone.id)
    st.save_event(make_event(1, 1))
    st.save_config(Config(track="new"))
    before = snapshot(data)
    read_only()

    attempts: dict[str, Callable[[], object]] = {
        "changed session": lambda: st.save_session(replace(kept, reflection=Text("x"))),
        "new session": lambda: st.save_session(make_session(3, 3, 1)),
        "session in a new year": lambda: st.save_session(make_session(40_000_000, 4, 1)),
        "event": lambda: st.save_event(make_event(2, 2)),
        "settings": lambda: st.save_config(Config(track="senior")),
        "settings changed in place": lambda: st.update_config(lambda c: Config(track="senior")),
        "delete": lambda: st.delete_session(kept.id),
        "restore": lambda: st.restore(in_trash),
    }
    for what, attempt in attempts.items():
        with pytest.raises(StoreError) as caught:
            attempt()
        assert str(caught.value).endswith("Read-only file system"), (what, caught.value)
        assert snapshot(data) == before, what
    st.refresh()
    assert st.sessions() == [kept] and st.problems == []
    assert st.load_config() == Config(track="new")


@pytest.mark.skipif(IS_ROOT, reason="root writes into a folder without write permission")
def test_a_folder_without_write_permission(data: Path) -> None:
    st = open_store(data)
    it = item("session", st)
    before = snapshot(data)
    it.path.parent.chmod(0o500)
    try:
        with pytest.raises(StoreError, match=f"could not save {it.path}: Permission denied"):
            it.save_new(st)
    finally:
        it.path.parent.chmod(0o700)
    assert snapshot(data) == before


# --------------------------------------------------------------------------- what the user sees


class FailingReplace:
    """Lets `allowed` saves into `folder` through, then fails every one with `code`: the
    rename that replaces a file, and the link that puts a new item's file in place.

    Saves elsewhere (the cache's index) go through and are not counted.
    """

    def __init__(
        self, monkeypatch: pytest.MonkeyPatch, folder: Path, allowed: int, code: int
    ) -> None:
        self.left = allowed
        for name in ("replace", "link"):
            monkeypatch.setattr(os, name, self._or_fail(getattr(os, name), folder, code))

    def _or_fail(self, real: Any, folder: Path, code: int) -> Any:
        def save_or_fail(src: Any, dst: Any) -> None:
            if Path(dst).is_relative_to(folder):
                if self.left <= 0:
                    raise fail(code)
                self.left -= 1
            real(src, dst)

        return save_or_fail


def test_a_check_in_keeps_the_answer_when_its_save_fails(
    data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The check-in changes its session, then saves it: the answer stays in memory for
    the caller to report and retry, and the question is not passed."""
    rubric = load_rubric(None).rubric
    assert rubric is not None
    track = rubric.track("new")
    assert track is not None
    st = open_store(data)
    now = dt.datetime(2026, 11, 23, 9, tzinfo=dt.UTC)
    checkin = CheckIn.start(
        kind="weekly",
        config=Config(),
        rubric=rubric,
        questions=rotation.weekly_questions(rubric, track, []),
        device="test-device",
        now=now,
        save=st.save_session,
        create=lambda session: st.add_session(session)[0],
    )
    checkin.rate(3, now)
    checkin.advance()
    first = checkin.current
    assert first is not None

    FailingReplace(monkeypatch, data, 0, errno.ENOSPC)
    with pytest.raises(StoreError, match="No space left on device"):
        checkin.rate(4, now)
    answer = checkin.answer_for(first.id)
    assert answer is not None and (answer.count, answer.rating) == (4, 5)
    assert checkin.current == first
    on_disk = open_store(data).session(checkin.session.id)
    assert on_disk is not None and len(on_disk.answers) == 1

    monkeypatch.undo()
    checkin.rate(4, now)
    on_disk = open_store(data).session(checkin.session.id)
    assert on_disk is not None and [a.rating for a in on_disk.answers] == [3, 5]  # 4 of 4 rates 5


@pytest.fixture
def configured(data: Path, monkeypatch: pytest.MonkeyPatch) -> Store:
    monkeypatch.setenv("PMCOACH_HOME", str(data))
    monkeypatch.setenv("PMCOACH_TODAY", "2026-11-23")
    st = open_store(data)
    st.save_config(Config(track="new", time_zone="Europe/Berlin"))
    return st


def test_a_command_whose_save_fails_says_so_in_one_line(
    configured: Store, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    FailingReplace(monkeypatch, configured.root, 0, errno.ENOSPC)
    assert main.main(["win", "Shipped the pricing page", "--skill", "execute"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("pmcoach: could not save ") and err.count("\n") == 1
    assert err.endswith(": No space left on device\n")
    assert configured.events() == []


def test_a_plain_check_in_whose_save_fails_keeps_what_was_saved(
    configured: Store, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # The session is saved after each answer (not before the first): three get through.
    FailingReplace(monkeypatch, configured.root, 3, errno.EROFS)
    monkeypatch.setattr(sys, "stdin", io.StringIO("3\n" * 12 + "\n\n"))
    assert main.main(["checkin", "--plain"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("pmcoach: could not save ") and err.count("\n") == 1
    assert err.endswith(": Read-only file system\n")
    monkeypatch.undo()
    (session,) = open_store(configured.root).sessions()
    assert session.in_progress and len(session.answers) == 3


def app_that_tells(root: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[PMCoachApp, list[str]]:
    """The app on `root`, and the list of every notification it shows."""
    from pmcoach.tui.app import make_app

    app = make_app(root)
    told: list[str] = []
    notify = app.notify

    def telling(message: str, **kw: Any) -> None:
        told.append(message)
        notify(message, **kw)

    monkeypatch.setattr(app, "notify", telling)
    return app, told


async def test_the_app_keeps_the_answer_and_says_why_when_a_save_fails(
    configured: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pmcoach.tui.screens.question import QuestionScreen

    app, told = app_that_tells(configured.root, monkeypatch)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.press("w")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, QuestionScreen)
        first = screen.question
        assert first is not None
        with pytest.MonkeyPatch.context() as patch:
            FailingReplace(patch, configured.root, 0, errno.ENOSPC)
            await pilot.press("3")
            await pilot.pause()
        assert app.screen is screen and screen.question is first
        answer = screen.checkin.answer_for(first.id)
        assert answer is not None and answer.rating == 3
        assert any("No space left on device" in line for line in told)
        await pilot.press("3")  # the disk is fine again
        await pilot.pause()
        assert screen.question is not first
    (session,) = open_store(configured.root).sessions()
    assert [a.question for a in session.answers] == [first.id]


async def test_a_dialogs_answer_whose_save_fails_is_reported_not_a_crash(
    configured: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Moving a session to the trash runs in the confirmation's callback, outside any
    key's action: a failed move leaves the session where it was and says why."""
    import support.tui as tui_support

    from pmcoach.tui.screens.sessions import SessionListScreen

    session = tui_support.finished_session(
        configured, tui_support.local("2026-11-16"), {"communicate.answer-first": 3}, track="new"
    )
    app, told = app_that_tells(configured.root, monkeypatch)
    real_rename = os.rename

    def refused(src: Any, dst: Any) -> None:
        if "trash" in str(dst):
            raise fail(errno.EROFS)
        real_rename(src, dst)

    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.screen, SessionListScreen)
        monkeypatch.setattr(os, "rename", refused)
        await pilot.press("delete")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert app.is_running
        assert isinstance(app.screen, SessionListScreen)
        assert any(m.startswith("Not saved:") and "Read-only" in m for m in told)
    assert [s.id for s in open_store(configured.root).sessions()] == [session.id]


async def test_a_managers_rating_that_cannot_be_saved_says_why(
    configured: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The ratings write nothing until the first one: that is where a full disk shows."""
    from pmcoach.tui.screens.manager import ManagerScreen

    app, told = app_that_tells(configured.root, monkeypatch)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        FailingReplace(monkeypatch, configured.root / "sessions", 0, errno.ENOSPC)
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, ManagerScreen)
        await pilot.press("3")
        await pilot.pause()
        assert app.is_running
        assert isinstance(app.screen, ManagerScreen)
        assert any("No space left on device" in m for m in told)
    assert open_store(configured.root).sessions() == []


# --------------------------------------------------------------------------- kill -9


class Forker:
    """The `forker` child of store_child.py, read line by line."""

    def __init__(self, data: Path) -> None:
        # PMCOACH_NO_FSYNC=1: a killed process loses nothing the kernel already has
        # (only a power cut loses the page cache), so what the kills test is the order
        # of temp write and rename, which fsync does not change; it only slows the loop.
        env = {**os.environ, "PMCOACH_NO_FSYNC": "1"}
        self.proc = subprocess.Popen(
            [sys.executable, str(CHILD), "forker", str(data)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        # A hung child must fail the test, not hang it.
        self.watchdog = threading.Timer(240, self.proc.kill)
        self.watchdog.start()

    def send(self, line: str) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(line + "\n")
        self.proc.stdin.flush()

    def read(self) -> list[str]:
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        if not line:
            err = self.proc.stderr.read() if self.proc.stderr else ""
            pytest.fail(f"the saving process ended: {err}")
        words = line.split()
        if words[0] == "error":
            pytest.fail(f"a save failed before the kill: {line}")
        return words

    def close(self) -> None:
        self.watchdog.cancel()
        if self.proc.stdin is not None:
            self.proc.stdin.close()
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


@dataclass
class Confirmed:
    """What the savers were told was saved."""

    sessions: dict[str, tuple[int, bool]]
    events: set[str]
    settings: int = 0
    cleaned: int = 0
    mid_save: int = 0

    def take(self, words: list[str]) -> None:
        if words[0] == "s":
            self.sessions[words[1]] = (int(words[2]), words[3] == "1")
        elif words[0] == "e":
            self.events.add(words[1])
        elif words[0] == "c":
            self.settings = int(words[1])
        elif words[0] == "cleaned":
            self.cleaned += int(words[1])


@pytest.mark.slow
def test_sigkill_at_random_moments_loses_no_confirmed_save(data: Path) -> None:
    open_store(data)
    seed = random.randrange(1 << 32)
    rng = random.Random(seed)
    confirmed = Confirmed({}, set())
    forker = Forker(data)
    start = time.perf_counter()
    try:
        for round_no in range(KILLS):
            forker.send(f"go {round_no} {rng.randrange(1 << 32)}")
            last = ""
            while (words := forker.read())[0] != "pid":
                confirmed.take(words)
                last = words[0]
            pid = int(words[2])
            time.sleep(rng.uniform(0, 0.03))
            os.kill(pid, signal.SIGKILL)
            while (words := forker.read())[0] != "dead":
                confirmed.take(words)
                last = words[0]
            assert words[2:] == ["signal", str(int(signal.SIGKILL))], (seed, words)
            confirmed.mid_save += last == "b"
    finally:
        forker.close()
    elapsed = time.perf_counter() - start

    fresh = open_store(data, cleanup=False)
    cleaned = len(fresh.cleanup_temp_files()) + confirmed.cleaned
    assert not list(data.rglob(".*.tmp")), seed
    assert fresh.problems == [], seed
    for session_id, (answers, finished) in confirmed.sessions.items():
        session = fresh.session(session_id)
        assert session is not None, (seed, session_id)
        assert len(session.answers) >= answers, (seed, session_id)
        assert session.answers[0].note == Text(NOTE, True)
        assert session.finished is not None or not finished, (seed, session_id)
    assert confirmed.events <= {e.id for e in fresh.events()}, seed
    assert count(fresh.load_config(), "kills") >= confirmed.settings, seed
    # The kills did land inside saves, and left temp files for the next open to clear.
    assert confirmed.mid_save > 0 and cleaned > 0, seed
    print(
        f"{KILLS} kills in {elapsed:.1f} s: {len(confirmed.sessions)} sessions, "
        f"{len(confirmed.events)} events, {confirmed.settings} settings changes confirmed; "
        f"{confirmed.mid_save} kills inside a save, {cleaned} temp files cleared (seed {seed})"
    )
