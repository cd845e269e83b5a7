"""The app without a terminal: `pmcoach </dev/null`, `pmcoach | less` or a cron job must
end at once with one line and exit 2, never wait for keys that cannot come."""

from __future__ import annotations

import datetime as dt
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest
from support.cli import run

from pmcoach.domain.model import Config
from pmcoach.storage.store import Store

pytestmark = pytest.mark.slow

# Far more than a refusal takes, far less than "forever".
TIMEOUT = 30
REFUSAL = (
    "pmcoach: the app needs a terminal, and standard input or output is not one; "
    "run a command instead (pmcoach --help lists them)\n"
)


def _env(home: Path) -> dict[str, str]:
    return {**os.environ, "PMCOACH_HOME": str(home), "PMCOACH_NO_FSYNC": "1"}


def _run(args: list[str], home: Path, *, stdin: int | None, stdout: int | None) -> tuple[int, str]:
    result = run(*args, stdin=stdin, stdout=stdout, today=None, env=_env(home), timeout=TIMEOUT)
    return result.returncode, result.stderr


def _set_up(home: Path) -> None:
    Store.open(home).save_config(
        Config(track="new", review_day=0, review_time=dt.time(9), time_zone="UTC")
    )


COMMANDS = [[], ["drill", "answer-first"], ["assess", "--manager"]]


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_no_terminal_at_all_is_one_line_and_exit_2(args: list[str], tmp_path: Path) -> None:
    """`pmcoach </dev/null >out`: neither end is a terminal."""
    _set_up(tmp_path / "home")
    code, err = _run(args, tmp_path / "home", stdin=subprocess.DEVNULL, stdout=subprocess.PIPE)
    assert (code, err) == (2, REFUSAL)


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_input_from_a_terminal_output_into_a_pipe(args: list[str], tmp_path: Path) -> None:
    """`pmcoach | cat` typed at a prompt: the keys would come, the screen would not."""
    _set_up(tmp_path / "home")
    leader, follower = pty.openpty()
    try:
        code, err = _run(args, tmp_path / "home", stdin=follower, stdout=subprocess.PIPE)
    finally:
        os.close(leader)
        os.close(follower)
    assert (code, err) == (2, REFUSAL)


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_output_to_a_terminal_input_from_nowhere(args: list[str], tmp_path: Path) -> None:
    """`pmcoach </dev/null` at a prompt: the screen would come, the keys would not."""
    _set_up(tmp_path / "home")
    leader, follower = pty.openpty()
    try:
        code, err = _run(args, tmp_path / "home", stdin=subprocess.DEVNULL, stdout=follower)
    finally:
        os.close(leader)
        os.close(follower)
    assert (code, err) == (2, REFUSAL)


def test_in_a_shell_pipe(tmp_path: Path) -> None:
    """As a user writes it: `pmcoach </dev/null | cat`, through a shell."""
    result = subprocess.run(
        ["bash", "-c", f"'{sys.executable}' -m pmcoach </dev/null | cat; exit ${{PIPESTATUS[0]}}"],
        env=_env(tmp_path / "home"),
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
    assert (result.returncode, result.stdout, result.stderr) == (2, "", REFUSAL)
    assert not (tmp_path / "home").exists()  # refused before anything was made
