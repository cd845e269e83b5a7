"""A weekly check-in typed in one burst into the installed `pmcoach`, in a real terminal.

The pilot tests send keys faster than anyone types, but through Textual's own test
driver. Here tmux delivers a whole check-in's keys at once to the installed app
(and, separately, a whole script to `pmcoach checkin --plain` at a terminal, where
the old evidence prompt used to wait), and the saved session file must hold
exactly what the keys meant: no rating one question off, the evidence on the
answer it was written for.
"""

from __future__ import annotations

import datetime as dt
import os
import re
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
HEADER = re.compile(r"· Weekly check-in +(\d+)/(\d+)\s*$", re.MULTILINE)
# Every builtin "how many of your last N" question has N = 5, so each of these is an
# answer to every question; 4s and 5s invite evidence.
VALUES = (5, 4, 1, 4, 3, 4, 2, 5, 5, 1, 4, 3)
EVIDENCE = "Sent the plan early"
REFLECTION = "Slowed down"
TOPIC = "Hiring plan"
STEP = 30.0


def keys_for(text: str) -> list[str]:
    """tmux key names that type `text`."""
    return ["Space" if c == " " else c for c in text]


def saved_session(home: Path) -> dict[str, Any]:
    files = sorted((home / "sessions").rglob("*.toml"))
    assert len(files) == 1, files
    return tomllib.loads(files[0].read_text(encoding="utf-8"))


@pytest.fixture
def home(monkeypatch: pytest.MonkeyPatch) -> Path:
    for name in LEAKY_ENV:  # the terminal inherits this environment
        monkeypatch.delenv(name, raising=False)
    folder = Path(os.environ["PMCOACH_HOME"])
    open_store(folder).save_config(
        Config(track="senior", review_day=0, review_time=dt.time(9), time_zone="Europe/Berlin")
    )
    return folder


def test_a_weekly_check_in_in_one_burst(
    fresh_venv: Path, terminal: TerminalFactory, home: Path
) -> None:
    term = terminal([str(fresh_venv / "bin" / "pmcoach")], env={"PMCOACH_TODAY": TODAY})
    term.wait_for("DUE", timeout=45)  # a fresh venv's first start is slow
    term.send_keys("w")
    screen = term.wait_for("· Weekly check-in", timeout=STEP)
    header = HEADER.search(screen)
    assert header is not None and header[1] == "1", screen
    total = int(header[2])
    values = VALUES[:total]
    assert len(values) == total
    keys = [str(v) for v in values]
    # Evidence for the first answer, written after the screen has moved on.
    keys[1:1] = ["e", *keys_for(EVIDENCE), "C-s"]
    term.send_keys(*keys)  # one burst: a single tmux command
    term.wait_for("What could I have said or done better this week?", timeout=STEP)
    term.type(REFLECTION)
    term.wait_for(REFLECTION, timeout=STEP)
    term.send_keys("C-s")
    term.wait_for("Commitments · by your next review", timeout=STEP)
    term.send_keys("C-f")
    term.wait_for("Done. Weekly check-in", timeout=STEP)
    term.send_keys("Escape")
    term.wait_for("review done", timeout=STEP)
    term.send_keys("q")
    assert term.wait_for_exit(timeout=STEP) == 0

    session = saved_session(home)
    assert "finished" in session
    answers = session["answers"]
    saved = [a["count"] if "count" in a else a["rating"] for a in answers]
    assert saved == list(values), (saved, values)
    assert answers[0]["note"] == {"text": EVIDENCE, "private": False}
    assert all("note" not in a for a in answers[1:]), answers
    assert session["reflection"] == {"text": REFLECTION, "private": False}


def test_a_plain_check_in_typed_ahead_at_a_terminal(
    fresh_venv: Path, terminal: TerminalFactory, home: Path
) -> None:
    term = terminal(
        [str(fresh_venv / "bin" / "pmcoach"), "checkin", "--plain"],
        env={"PMCOACH_TODAY": TODAY},
    )
    term.wait_for("Question 1 of", timeout=45)
    keys: list[str] = []
    for index, value in enumerate(VALUES):
        keys += [str(value), "Enter"]
        if index == 0:
            keys += ["e", "Space", *keys_for(EVIDENCE), "Enter"]
    # The reflection, no commitment, then the last question: a topic for the next 1:1.
    keys += [*keys_for(REFLECTION), "Enter", "Enter", *keys_for(TOPIC), "Enter"]
    term.send_keys(*keys)
    term.wait_for("Done: weekly check-in saved", timeout=STEP)
    assert term.wait_for_exit(timeout=STEP) == 0

    session = saved_session(home)
    answers = session["answers"]
    saved = [a["count"] if "count" in a else a["rating"] for a in answers]
    assert saved == list(VALUES[: len(saved)]) and len(saved) == 12, saved
    assert answers[0]["note"] == {"text": EVIDENCE, "private": False}
    assert session["reflection"] == {"text": REFLECTION, "private": False}
    topics = [e.text for e in open_store(home).events() if e.kind == "topic"]
    assert [t.text for t in topics if t is not None] == [TOPIC]
