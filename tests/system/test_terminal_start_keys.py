"""Keys at a real terminal that the terminal itself, not Textual, used to get wrong.

- ctrl+s typed while the app is still starting: until Textual takes the terminal
  into raw mode the terminal is in the shell's cooked mode, where flow control
  takes ctrl+s as "stop output". pmcoach turns flow control off before anything
  slow; these tests type a whole onboarding form ending in ctrl+s in that window.
- Esc and the keys right behind it in one burst (tmux sends them in one write):
  Esc then 3 is not "£", Esc then a letter is not Alt.

The installed app runs in tmux, and the saved files are compared with the intent.
"""

from __future__ import annotations

import datetime as dt
import os
import shlex
import subprocess
import time
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from support.install import LEAKY_ENV
from support.terminal import Terminal

from pmcoach.cache.opener import open_store
from pmcoach.domain.model import Config

pytestmark = pytest.mark.slow

TerminalFactory = Callable[..., Terminal]

TODAY = "2026-11-23"  # a Monday: the review is due
STEP = 30.0
# Onboarding: the second track, Monday kept, 07:45, Europe/Berlin, saved.
ONBOARDING = [
    *("Down", "Space", "Tab", "Tab", "C-a", "C-k", *"07:45"),
    *("Tab", "C-a", "C-k", *"Europe/Berlin", "C-s"),
]


@pytest.fixture
def home(monkeypatch: pytest.MonkeyPatch) -> Path:
    for name in LEAKY_ENV:  # the terminal inherits this environment
        monkeypatch.delenv(name, raising=False)
    return Path(os.environ["PMCOACH_HOME"])


def stty(term: Terminal) -> str:
    return subprocess.run(
        ["stty", "-a", "-F", term.tty()], capture_output=True, text=True, check=True
    ).stdout


def flags(settings: str) -> set[str]:
    return set(settings.replace(";", " ").split())


def in_a_shell(pmcoach: Path, folder: Path, *args: str) -> str:
    """pmcoach between two `stty -a` in the same terminal, written to files in `folder`."""
    before, status, after = (
        shlex.quote(str(folder / name)) for name in ("before", "status", "after")
    )
    command = shlex.join([str(pmcoach), *args])
    return f"stty -a > {before}; {command}; echo exit=$? > {status}; stty -a > {after}"


def wait_for_file(path: Path, timeout: float = STEP) -> str:
    """The file's text once the shell has written it."""
    deadline = time.monotonic() + timeout
    while not path.exists() or not path.read_text():
        assert time.monotonic() < deadline, f"{path.name} was not written"
        time.sleep(0.05)
    time.sleep(0.1)
    return path.read_text()


def test_ctrl_s_typed_while_the_app_starts_saves_the_form(
    fresh_venv: Path, terminal: TerminalFactory, home: Path
) -> None:
    """The report: the whole onboarding typed within 0.1 s of the start filled every
    field, but ctrl+s did nothing and no settings were written (4 times out of 4)."""
    term = terminal([str(fresh_venv / "bin" / "pmcoach")])
    # Send the keys as soon as flow control is off, which must be while the terminal
    # is still in cooked mode: long before Textual takes it.
    deadline = time.monotonic() + STEP
    while "-ixon" not in flags(settings := stty(term)):
        assert time.monotonic() < deadline, settings
        time.sleep(0.002)
    term.send_keys(*ONBOARDING)
    assert "icanon" in flags(settings), "flow control went off only with Textual's raw mode"
    term.wait_for("Skill", timeout=STEP)  # the dashboard: the settings were saved
    config = tomllib.loads((home / "config.toml").read_text(encoding="utf-8"))
    assert config["track"] != "new" and config["review_day"] == "monday", config
    assert config["review_time"] == dt.time(7, 45)
    assert config["time_zone"] == "Europe/Berlin"
    term.send_keys("q")
    assert term.wait_for_exit(timeout=STEP) == 0


def test_the_terminal_gets_its_settings_back_after_the_app(
    fresh_venv: Path, terminal: TerminalFactory, home: Path, tmp_path: Path
) -> None:
    term = terminal(in_a_shell(fresh_venv / "bin" / "pmcoach", tmp_path))
    wait_for_file(tmp_path / "before")
    deadline = time.monotonic() + STEP
    while "-icanon" not in flags(stty(term)):  # the app has the terminal
        assert time.monotonic() < deadline
        time.sleep(0.02)
    term.send_keys("C-q")
    assert wait_for_file(tmp_path / "status").strip() == "exit=0"
    after = wait_for_file(tmp_path / "after")
    before = (tmp_path / "before").read_text()
    assert "ixon" in flags(before)
    assert after == before


def test_the_settings_come_back_when_the_app_does_not_start(
    fresh_venv: Path, terminal: TerminalFactory, home: Path, tmp_path: Path
) -> None:
    """A command that would open the app but stops at an error still gives them back."""
    command = in_a_shell(fresh_venv / "bin" / "pmcoach", tmp_path, "drill", "answer-first")
    terminal(command)  # the folder is not set up: a one-line error, exit 2
    assert wait_for_file(tmp_path / "status").strip() == "exit=2"
    assert wait_for_file(tmp_path / "after") == (tmp_path / "before").read_text()


def test_esc_then_ratings_in_one_burst_leave_the_note_and_rate(
    fresh_venv: Path, terminal: TerminalFactory, home: Path
) -> None:
    """The report: w, Enter, then `v draft Escape 3 4` in one burst left "draft£4" in
    the note box and saved no rating."""
    store = open_store(home)
    store.save_config(
        Config(track="senior", review_day=0, review_time=dt.time(9), time_zone="Europe/Berlin")
    )
    term = terminal([str(fresh_venv / "bin" / "pmcoach")], env={"PMCOACH_TODAY": TODAY})
    term.wait_for("DUE", timeout=STEP)
    term.send_keys("w")
    term.wait_for("· Weekly check-in", timeout=STEP)
    term.send_keys("v", *"draft", "Escape", "3", "4")  # one burst: a single tmux command
    term.wait_for("Previous answer saved: 4", timeout=STEP)  # on the third question
    # Two notes, each left with Esc, in one burst: the second Esc used to turn the first
    # into "^" and the keys behind it into the note.
    term.send_keys("n", *"more", "Escape", "5", "n", *"last", "Escape", "2")
    term.wait_for("Previous answer saved: 2", timeout=STEP)
    term.send_keys("C-q")
    assert term.wait_for_exit(timeout=STEP) == 0
    files = sorted((home / "sessions").rglob("*.toml"))
    assert len(files) == 1, files
    answers: list[dict[str, Any]] = tomllib.loads(files[0].read_text(encoding="utf-8"))["answers"]
    assert answers[0]["note"] == {"text": "draft", "private": True}
    assert [a["count"] if "count" in a else a["rating"] for a in answers[:4]] == [3, 4, 5, 2]
    assert answers[2]["note"] == {"text": "more", "private": False}
    assert answers[3]["note"] == {"text": "last", "private": False}
