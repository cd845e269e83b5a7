"""Child processes for the crash and concurrency tests of the store, and what they share.

Run as `python tests/support/store_child.py MODE ROOT ...`. Every line a child prints is
written with one os.write after the save it reports has returned, so a line on
the parent's side is a save the user would have been told about, and a kill
never leaves half a line.

Modes:
- `forker ROOT`: imports pmcoach once, then for each `go ROUND SEED` line on stdin
  forks a worker that saves sessions, events and settings until it is killed,
  and reports `pid ROUND PID` and, once the worker is gone, `dead ROUND HOW`.
  Forking a ready process costs about a millisecond where starting Python costs
  a hundred, which is what lets a test kill hundreds of savers in seconds.
- `sessions ROOT NAME COUNT`: saves COUNT sessions of its own, reading the folder
  back now and then while the other process writes.
- `config ROOT NAME COUNT`: adds one to its own counter in config.toml COUNT times.
- `new ROOT NAME COUNT`: adds COUNT sessions and COUNT events, all made in one second
  with the same suffixes as every other child's (`new_ids_from`), and saves each session
  once more: every new name is also the other's.
- `resume ROOT`: races for the folder's lock and, if it wins, goes on with the
  session in progress.
The concurrency children print `ready` once set up and start on a `go` line, so
that both work at the same time.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

from pmcoach.cache.opener import open_store
from pmcoach.domain import ids
from pmcoach.domain.model import Answer, Config, Event, Session, Text
from pmcoach.storage import paths
from pmcoach.storage.config import encode_config
from pmcoach.storage.errors import Locked, StoreError
from pmcoach.storage.events import encode_event
from pmcoach.storage.sessions import encode_session

BASE = dt.datetime(2026, 1, 5, 9, 0, tzinfo=dt.UTC)
DIGITS = 8  # a counter in base 5 over eight targets counts to 390624
NOTE = "Launch update opened with the answer and the number behind it; " * 3


# --------------------------------------------------------------------------- shared


def count(config: Config | None, name: str) -> int:
    """A counter kept in config.toml's targets, one base-5 digit a skill.

    Targets are the only open-ended part of the settings, and each holds 1–5.
    """
    if config is None:
        return 0
    return sum((config.targets.get(f"{name}-{k}", 1) - 1) * 5**k for k in range(DIGITS))


def counted(config: Config | None, name: str, value: int) -> Config:
    base = config if config is not None else Config()
    targets = dict(base.targets)
    for k in range(DIGITS):
        targets[f"{name}-{k}"] = value // 5**k % 5 + 1
    return replace(base, targets=targets)


def make_id(kind: str, seconds: int, tag: int) -> str:
    stamp = (BASE + dt.timedelta(seconds=seconds)).strftime("%Y%m%dT%H%M%SZ")
    return f"{stamp}-{kind}-{tag % 0x10000:04x}"


def make_session(seconds: int, tag: int, answers: int, device: str = "test-device") -> Session:
    started = BASE + dt.timedelta(seconds=seconds)
    return Session(
        id=make_id("weekly", seconds, tag),
        kind="weekly",
        track="new",
        rubric="builtin@2026.11",
        device=device,
        started=started,
        updated=started,
        answers=tuple(
            Answer(question=f"communicate.q{n}", rating=n % 5 + 1, note=Text(NOTE, n % 2 == 0))
            for n in range(answers)
        ),
    )


def make_event(seconds: int, tag: int) -> Event:
    at = BASE + dt.timedelta(seconds=seconds)
    return Event(
        id=make_id("win", seconds, tag),
        kind="win",
        at=at,
        device="test-device",
        skill="communicate",
        text=Text(NOTE, False),
    )


def new_ids_from(draws: Iterator[str]) -> Callable[[], str]:
    """A stand-in for `ids.suffix`: a new id takes the next of `draws`; a suffix drawn
    again after a clash (`ids.redrawn`) is drawn by chance, as it is in use."""
    by_chance = ids.suffix

    def suffix() -> str:
        if sys._getframe(1).f_code.co_name == "new_id":
            return next(draws)
        return by_chance()

    return suffix


def say(line: str) -> None:
    os.write(1, f"{line}\n".encode())


# --------------------------------------------------------------------------- killed


def work(root: Path, round_no: int, seed: int) -> None:
    """Save until killed: a session answer by answer, events, and a settings counter.

    `b` before each save and a confirmation after it tell the parent whether the
    kill came in the middle of a save.
    """
    rng = random.Random(seed)
    store = open_store(root, cleanup=False)
    say(f"cleaned {len(store.cleanup_temp_files())}")
    step = 0
    session: Session | None = None
    while True:
        step += 1
        seconds = round_no * 100_000 + step
        roll = rng.random()
        say("b")
        if roll < 0.6:
            if session is None or session.finished is not None:
                session = make_session(seconds, round_no, 1)
            elif len(session.answers) >= 4:
                end = session.started + dt.timedelta(minutes=8)
                session = replace(session, finished=end, updated=end)
            else:
                more = make_session(0, 0, len(session.answers) + 1).answers
                session = replace(session, answers=more)
            store.save_session(session)
            done = int(session.finished is not None)
            say(f"s {session.id} {len(session.answers)} {done}")
        elif roll < 0.8:
            event = make_event(seconds, round_no)
            store.save_event(event)
            say(f"e {event.id}")
        else:
            config = store.update_config(lambda c: counted(c, "kills", count(c, "kills") + 1))
            say(f"c {count(config, 'kills')}")


def forker(root: Path) -> None:
    # What a first save would import or look up once, done here, so each worker saves at once.
    paths.host_name()
    encode_session(make_session(0, 0, 1))
    encode_event(make_event(0, 0))
    encode_config(Config())
    for line in sys.stdin:
        _go, round_text, seed_text = line.split()
        pid = os.fork()
        if pid == 0:
            try:
                work(root, int(round_text), int(seed_text))
            except BaseException as exc:  # anything but the kill is a failure to report
                say(f"error {type(exc).__name__}: {exc}".replace("\n", " "))
                os._exit(1)
            os._exit(0)
        say(f"pid {round_text} {pid}")
        _pid, status = os.waitpid(pid, 0)
        how = f"signal {os.WTERMSIG(status)}" if os.WIFSIGNALED(status) else "exit"
        say(f"dead {round_text} {how}")


# --------------------------------------------------------------------------- concurrent


def wait_for_go() -> None:
    say("ready")
    if sys.stdin.readline().strip() != "go":
        raise SystemExit("no go")


def sessions(root: Path, name: int, total: int) -> None:
    store = open_store(root)
    wait_for_go()
    for i in range(total):
        store.save_session(make_session(name * 1_000_000 + i, name * 0x1000 + i, 2))
        if i % 50 == 49:
            # A reader in the middle of the other's saves sees whole files only.
            store.refresh()
            if store.problems:
                raise SystemExit(f"problems while saving: {store.problems}")
    say(f"saved {total}")


def new(root: Path, name: str, total: int) -> None:
    ids.suffix = new_ids_from(f"{n:04x}" for n in range(total))
    store = open_store(root)
    wait_for_go()
    for n in range(total):
        made = replace(make_session(0, 0, 1, device=name), id=ids.new_id("weekly", BASE))
        session, _path = store.add_session(made)
        store.save_session(replace(session, reflection=Text(f"{name} {n}", False)))
    ids.suffix = new_ids_from(f"{n:04x}" for n in range(total))
    for n in range(total):
        event = replace(make_event(0, 0), id=ids.new_id("win", BASE), device=name)
        store.add_event(replace(event, text=Text(f"{name} {n}", False)))
    say(f"added {total}")


def config(root: Path, name: str, total: int) -> None:
    store = open_store(root)
    others: set[int] = set()

    def add_one(current: Config | None) -> Config:
        if current is not None:
            others.update(count(current, key) for key in {"a", "b"} - {name})
        return counted(current, name, count(current, name) + 1)

    pause = random.Random(name).random
    wait_for_go()
    for _ in range(total):
        store.update_config(add_one)
        # A window does other things between two changes of its settings; without a
        # pause one process could take the lock back at once, every time.
        time.sleep(pause() * 0.001)
    # How many different values of the other's counter this one saw: proof they interleaved.
    say(f"seen {len(others)}")


def resume(root: Path) -> None:
    store = open_store(root)
    wait_for_go()
    try:
        lock = store.lock()
    except Locked as exc:
        say(f"locked {exc.pid} {exc.host}")
        return
    with lock:
        session = store.in_progress("test-device")
        if session is None:
            raise SystemExit("nothing to resume")
        for n in range(len(session.answers) + 1, 6):
            session = replace(session, answers=make_session(0, 0, n).answers)
            store.save_session(session)
        say(f"won {os.getpid()}")
        sys.stdin.read()  # hold the lock until the parent has seen both sides


def main() -> None:
    mode, root = sys.argv[1], Path(sys.argv[2])
    try:
        if mode == "forker":
            forker(root)
        elif mode == "sessions":
            sessions(root, int(sys.argv[3]), int(sys.argv[4]))
        elif mode == "new":
            new(root, sys.argv[3], int(sys.argv[4]))
        elif mode == "config":
            config(root, sys.argv[3], int(sys.argv[4]))
        elif mode == "resume":
            resume(root)
        else:
            raise SystemExit(f"unknown mode {mode}")
    except StoreError as exc:
        say(f"error {exc}")
        raise SystemExit(1) from None


if __name__ == "__main__":
    main()
