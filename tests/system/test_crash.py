"""A `kill -9` in the middle of a check-in loses nothing that was confirmed on screen."""

from __future__ import annotations

import os
import signal
import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest
from support.terminal import Terminal
from support.tui import configured

TerminalFactory = Callable[..., Terminal]


@pytest.mark.slow
def test_sigkill_mid_check_in_keeps_every_confirmed_answer(
    tmp_path: Path, terminal: TerminalFactory, require_tool: Callable[[str], str]
) -> None:
    pmcoach = require_tool("pmcoach")
    configured()
    env = {
        "PMCOACH_HOME": os.environ["PMCOACH_HOME"],
        "PMCOACH_CACHE_HOME": os.environ["PMCOACH_CACHE_HOME"],
        "PMCOACH_DEVICE": "test-device",
        "PMCOACH_TODAY": "2026-11-23",
    }
    term = terminal([pmcoach], env=env)
    term.wait_for("streak", timeout=30)
    term.send_keys("w")
    term.wait_for("1/", timeout=10)
    # Ratings of 3 after no history ask for no evidence: each key moves to the next question,
    # and the next question on screen is the confirmation that the answer was saved.
    for shown in range(2, 5):
        term.send_keys("3")
        term.wait_for(f"{shown}/", timeout=10)
    os.kill(term.pid(), signal.SIGKILL)
    term.wait_for_exit(timeout=10)

    files = list((Path(env["PMCOACH_HOME"]) / "sessions").rglob("*.toml"))
    assert len(files) == 1
    doc = tomllib.loads(files[0].read_text())
    assert "finished" not in doc
    assert [a["rating"] for a in doc["answers"]] == [3, 3, 3]
    assert not list(Path(env["PMCOACH_HOME"]).rglob("*.tmp"))

    again = terminal([pmcoach], env=env)
    again.wait_for("unfinished", timeout=30)
    again.send_keys("r")
    screen = again.wait_for("4/", timeout=10)
    assert "Traceback" not in screen
