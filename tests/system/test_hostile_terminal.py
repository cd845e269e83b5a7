"""Escape sequences in files, file names, the lock, the settings and the command line never
reach a terminal, through any command; written to a file or a pipe, the text stays as it is.

Every command runs on a pseudo-terminal (its standard output and error both), as a user
would run it, over a data folder where every text field, a file name, the folder's own name,
the settings and the lock's holder carry terminal escape sequences.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from support.cli import on_terminal
from support.hostile import EVIL, FORBIDDEN
from support.tui import finished_session, local

from pmcoach.domain.model import Config, Text
from pmcoach.storage import paths
from pmcoach.storage.store import LOCK_NAME, Locked, Store, take_lock

# What a command that strips surrounding blanks from a text keeps of it.
CORE = EVIL[:20]
# As a file name: no slash, no NUL.
EVIL_NAME = "\x1b]0;owned\x07\x1b[2J" + "name"
TODAY = "2026-11-23"


def strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


def assert_clean(text: str) -> None:
    # The terminal turns a written newline into CR LF; that one is the terminal's own.
    shown = text.replace("\r\n", "\n")
    found = sorted({f"U+{ord(c):04X}" for c in shown if c in FORBIDDEN})
    assert not found, f"control characters reached the terminal: {found}\n{shown!r}"
    assert "Traceback" not in shown, shown


@pytest.fixture
def hostile(tmp_path: Path) -> Iterator[Path]:
    """A set-up data folder, named with escape sequences, whose every text holds them."""
    root = tmp_path / f"data{EVIL_NAME}"
    env = {"PMCOACH_HOME": str(root), "PMCOACH_TODAY": TODAY, "PMCOACH_NO_FSYNC": "1"}
    store = Store.open(root)
    store.save_config(
        Config(track=EVIL, review_day=0, review_time=dt.time(9), time_zone="Europe/Berlin")
    )
    for args in (
        ["win", EVIL, "--skill", "communicate"],
        ["win", EVIL, "--skill", "communicate", "--kind", "peer", "--private"],
        ["grade", EVIL, "--rating", "3", "--note", EVIL],
        ["skip", "--week", "2026-W40", "--reason", EVIL],
    ):
        result = subprocess.run(
            [sys.executable, "-m", "pmcoach", *args],
            env={**os.environ, **env},
            capture_output=True,
            check=False,
        )
        assert result.returncode == 0, result.stderr
    ratings = {"communicate.answer-first": 3, "prioritize.said-no": 2}
    finished_session(store, local("2026-11-16"), ratings, note=Text(EVIL), suffix="e001")
    finished_session(
        store, local("2026-11-09"), ratings, note=Text(EVIL, private=True), suffix="e002"
    )
    (root / "sessions" / "2026" / f"{EVIL_NAME}.toml").write_text(f"note = '{EVIL}\n")
    (root / "rubrics" / f"{EVIL_NAME}.toml").write_text(
        f'schema = 1\n[[skills]]\nid = "x"\ntitle = """{EVIL}"""\n'
    )
    yield root


def run_all(root: Path, tmp_path: Path) -> Iterator[tuple[list[str], int, str]]:
    out = tmp_path / f"out{EVIL_NAME}"
    out.mkdir()
    backup = out / f"backup{EVIL_NAME}.json"
    subprocess.run(
        [sys.executable, "-m", "pmcoach", "export", "--format", "json", "--include-private"],
        env={**os.environ, "PMCOACH_HOME": str(root), "PMCOACH_TODAY": TODAY},
        stdout=backup.open("wb"),
        stderr=subprocess.DEVNULL,
        check=False,
        cwd=out,
    )
    commands: list[list[str]] = [
        ["status"],
        ["config"],
        ["doctor"],
        ["export"],
        ["export", "--format", "md", "--include-private"],
        ["export", "--format", "csv", "--include-private"],
        ["export", "--format", "csv"],
        ["export", "--format", "html", "-o", str(out / f"r{EVIL_NAME}.html")],
        ["export", "--format", "json", "-o", str(out / f"r{EVIL_NAME}.json")],
        ["export", "-o", str(out / f"r{EVIL_NAME}.json")],  # exists: refused, naming it
        ["export", "--since", EVIL],
        ["export", "--format", EVIL],
        ["win", EVIL, "--skill", "communicate"],
        ["win", EVIL, "--skill", EVIL],
        ["win", EVIL, "--skill", "communicate", "--kind", EVIL],
        ["grade", EVIL, "--rating", "4", "--note", EVIL],
        ["grade", EVIL, "--rating", EVIL],
        ["skip", "--week", "2026-W41", "--reason", EVIL],
        ["skip", "--week", EVIL],
        ["remind", "--ics", str(out / f"c{EVIL_NAME}.ics")],
        ["remind", "--ics", str(out / f"c{EVIL_NAME}.ics")],  # exists: refused
        ["remind", "--ics", "-"],
        ["import", str(backup)],
        ["import", str(out / f"missing{EVIL_NAME}.json")],
        ["rubric", "validate"],
        ["rubric", "validate", str(root / "rubrics" / f"{EVIL_NAME}.toml")],
        ["checkin", "--plain"],
        ["demo", "--data-dir", str(tmp_path / f"demo{EVIL_NAME}"), "--weeks", "2"],
        ["demo", "--data-dir", str(root)],  # not empty: refused, naming it
        ["demo", "--track", EVIL, "--data-dir", str(tmp_path / "other")],
        ["--data-dir", str(tmp_path / f"new{EVIL_NAME}"), "config"],
        ["--data-dir", str(tmp_path / f"new{EVIL_NAME}"), "status"],
        [EVIL],
        ["export", EVIL],
    ]
    for args in commands:
        code, text = on_terminal(*args, env={"PMCOACH_HOME": str(root)}, cwd=out)
        yield args, code, text


@pytest.mark.slow
def test_no_command_writes_a_control_character_to_a_terminal(hostile: Path, tmp_path: Path) -> None:
    seen = ""
    failures: list[str] = []
    for args, code, text in run_all(hostile, tmp_path):
        try:
            assert code in (0, 2, 3, 4), f"exit status {code}"
            assert_clean(text)
        except AssertionError as exc:
            failures.append(f"pmcoach {args!r}: {exc}")
        seen += text
    assert not failures, "\n\n".join(failures)
    # The texts were shown, only without their control characters.
    assert "pwned" in seen and "evil" in seen and "owned" in seen


@pytest.mark.slow
def test_a_check_in_on_a_terminal_shows_no_control_character(hostile: Path) -> None:
    answers = "\n".join(["3", EVIL] * 40) + "\n"
    _code, text = on_terminal(
        "checkin", "--plain", env={"PMCOACH_HOME": str(hostile)}, stdin=answers
    )
    assert_clean(text)


def test_the_lock_holder_named_with_escapes_is_not_repeated(tmp_path: Path) -> None:
    """The app says who holds the folder from this message, as the commands do."""
    lock = tmp_path / LOCK_NAME
    fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        os.pwrite(fd, f"{os.getpid()} {EVIL_NAME}host 2026-11-23T10:00:00Z\n".encode(), 0)
        with pytest.raises(Locked) as caught:
            take_lock(lock)
        message = str(caught.value)
        assert not [c for c in message if c in FORBIDDEN], repr(message)
        assert message == "another pmcoach is using this data folder"
    finally:
        os.close(fd)


@pytest.mark.slow
def test_the_lock_holder_through_a_command_on_a_terminal(hostile: Path) -> None:
    lock = paths.cache_dir(hostile) / LOCK_NAME
    lock.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        os.pwrite(fd, f"{os.getpid()} {EVIL}\n".encode(), 0)
        code, text = on_terminal("checkin", "--plain", env={"PMCOACH_HOME": str(hostile)})
    finally:
        os.close(fd)
    assert code == 2
    assert "another pmcoach" in text
    assert_clean(text)


def test_exports_to_a_pipe_or_a_file_keep_the_text_as_written(
    hostile: Path, tmp_path: Path
) -> None:
    env = {**os.environ, "PMCOACH_HOME": str(hostile), "PMCOACH_TODAY": TODAY}
    piped = subprocess.run(
        [sys.executable, "-m", "pmcoach", "export", "--format", "csv", "--include-private"],
        env=env,
        capture_output=True,
        check=True,
    ).stdout.decode()
    assert CORE in piped
    target = tmp_path / "all.json"
    command = ["export", "--format", "json", "--include-private", "-o", str(target)]
    subprocess.run(
        [sys.executable, "-m", "pmcoach", *command],
        env=env,
        capture_output=True,
        check=True,
    )
    assert any(CORE in text for text in strings(json.loads(target.read_text())))
    config = subprocess.run(
        [sys.executable, "-m", "pmcoach", "config"], env=env, capture_output=True, check=True
    ).stdout.decode()
    assert EVIL in config  # a script reading `config` gets the setting as it is
