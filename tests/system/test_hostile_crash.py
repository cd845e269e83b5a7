"""An error nobody expected, in a command or in the app: the terminal comes back, one line
says what happened and where the report is, the report holds no user text (0600, in the
cache folder), and the exit status is not 0.

The failure is injected into a real process (a small script patches one function, then runs
pmcoach's entry point), with private notes in the failing function's local variables, as
when a traceback with locals once printed 189 of them.
"""

from __future__ import annotations

import os
import re
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from support.cli import run
from support.terminal import Terminal

from pmcoach.app.crash import REPORT_PREFIX
from pmcoach.app.demo_notes import WORDS
from pmcoach.cli.exits import EXIT_CRASH

TerminalFactory = Callable[..., Terminal]
SECRET = "MY-PRIVATE-NOTE: the reorg is not public yet"
# What the demo's private notes say, whatever fills their slots.
PRIVATE_NOTES = tuple(
    max(re.split(r"\{[a-z]+\}", template), key=len)
    for words in WORDS.values()
    for template in words.private_notes
)

CHILD = """
import sys

import {module} as target

SECRET = {secret!r}


def failing(*args, **kwargs):
    notes = [SECRET] * 189
    private = {{"note": notes[0]}}
    raise KeyError(private["note"])


setattr({owner}, {name!r}, failing)

from pmcoach.cli.main import main

raise SystemExit(main(sys.argv[1:]))
"""


def child(tmp_path: Path, module: str, owner: str, name: str) -> Path:
    script = tmp_path / "child.py"
    script.write_text(CHILD.format(module=module, owner=owner, name=name, secret=SECRET))
    return script


def reports() -> list[Path]:
    cache = Path(os.environ["PMCOACH_CACHE_HOME"])
    return sorted(cache.glob(f"{REPORT_PREFIX}*")) if cache.is_dir() else []


def check_report(shown: str) -> Path:
    [report] = reports()
    assert stat.S_IMODE(report.stat().st_mode) == 0o600
    assert stat.S_IMODE(report.parent.stat().st_mode) == 0o700
    text = report.read_text()
    assert SECRET not in text and "MY-PRIVATE-NOTE" not in text
    assert not any(note in text for note in PRIVATE_NOTES)
    assert "KeyError" in text  # the type, and where: enough to find the fault
    assert "in failing" in text
    assert str(report) in shown
    return report


def set_up_demo() -> Path:
    home = Path(os.environ["PMCOACH_HOME"])
    result = run("demo", "--data-dir", str(home), "--weeks", "8", today=None)
    assert result.returncode == 0, result.stderr
    return home


@pytest.mark.parametrize(
    ("args", "module", "owner", "name"),
    [
        (["doctor"], "pmcoach.rubric.load", "target", "load_rubric"),
        (["export", "--format", "csv"], "pmcoach.export", "target", "render"),
        (
            ["win", "shipped it", "--skill", "communicate"],
            "pmcoach.app.capture",
            "target",
            "win",
        ),
    ],
)
def test_a_command_that_fails_unexpectedly_says_one_line_and_writes_a_report(
    args: list[str], module: str, owner: str, name: str, tmp_path: Path
) -> None:
    set_up_demo()
    result = subprocess.run(
        [sys.executable, str(child(tmp_path, module, owner, name)), *args],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PMCOACH_NO_FSYNC": "1"},
        timeout=120,
    )
    assert result.returncode == EXIT_CRASH, result.stderr
    assert result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.startswith("pmcoach: unexpected error (KeyError")
    assert SECRET not in result.stderr + result.stdout
    check_report(result.stderr)


def test_a_report_that_cannot_be_written_is_said_in_the_same_line(tmp_path: Path) -> None:
    set_up_demo()
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache folder should be")
    result = subprocess.run(
        [
            sys.executable,
            str(child(tmp_path, "pmcoach.rubric.load", "target", "load_rubric")),
            "doctor",
        ],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PMCOACH_CACHE_HOME": str(blocked / "cache")},
        timeout=120,
    )
    assert result.returncode == EXIT_CRASH
    assert result.stderr.count("\n") == 1, result.stderr
    assert "no report could be written" in result.stderr
    assert SECRET not in result.stderr


@pytest.mark.slow
def test_the_app_failing_in_an_action_restores_the_terminal_and_says_one_line(
    tmp_path: Path, terminal: TerminalFactory
) -> None:
    home = set_up_demo()
    script = child(tmp_path, "pmcoach.tui.app", "target.PMCoachApp", "action_help")
    env = {"PMCOACH_NO_FSYNC": "1", "PMCOACH_HOME": str(home)}
    term = terminal([sys.executable, str(script)], width=250, height=30, env=env)
    term.wait_for("pmcoach", timeout=30)
    term.send_keys("?")
    status = term.wait_for_exit(timeout=30)
    screen = term.scrollback()
    assert status == EXIT_CRASH, screen
    assert "Traceback" not in screen and SECRET not in screen, screen
    # The app's screen is gone (the terminal's own is back) and one line is left, above
    # the note the test terminal adds when its command ends.
    lines = [line for line in screen.splitlines() if line.strip() and "Pane is dead" not in line]
    assert len(lines) == 1, screen
    assert lines[0].startswith("pmcoach: unexpected error (KeyError"), screen
    check_report(lines[0])


def test_a_report_names_types_and_frames_of_the_whole_chain_and_no_message() -> None:
    from pmcoach.app import crash

    def inner(note: str) -> None:
        raise ValueError(f"cannot parse {note!r}")

    def outer(note: str) -> None:
        try:
            inner(note)
        except ValueError as exc:
            raise RuntimeError(note) from exc

    try:
        outer(SECRET)
    except RuntimeError as error:
        text = crash.report_text(error, "export")
    assert SECRET not in text and "cannot parse" not in text
    assert "error: RuntimeError" in text and "raised while handling: ValueError" in text
    assert " in inner" in text and " in outer" in text
    assert "command: export" in text


def test_a_report_of_a_recursion_stays_short() -> None:
    from pmcoach.app import crash

    def down(depth: int) -> int:
        return down(depth + 1)

    try:
        down(0)
    except RecursionError as error:
        text = crash.report_text(error)
    assert len(text.splitlines()) < 40
    assert "more times]" in text
