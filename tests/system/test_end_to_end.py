"""A first week with pmcoach as a user lives it: the wheel installed into a fresh virtual
environment, the app driven by keys in a real 80x24 terminal, then its files and its report.

Unit and pilot tests check each screen alone, against the source tree. Only this test shows
that the pieces a user meets in order (onboarding, the questions, reflection, commitments,
results, the dashboard, the command line) fit together in the package as shipped, with its
pinned dependencies, and that what the keys did is what lands on disk and in the report.

Every wait is on the screen's own text (never a bare sleep), and every failure prints the
screen, so a slow machine only makes the test slower and a broken step says where it broke.
Each form gets its keys in one burst, moves between fields included, as a fast typist or a
script sends them: the files show whether every key landed in the field it was meant for.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import stat
import time
import tomllib
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pytest
from support.install import LEAKY_ENV, REPO, clean_env, run
from support.terminal import Terminal, TerminalError

pytestmark = pytest.mark.slow

TerminalFactory = Callable[..., Terminal]
T = TypeVar("T")

TODAY = "2026-11-23"  # a Monday: the review is due
NEXT_REVIEW = dt.date(2026, 11, 30)
TRACK = "senior"
ZONE = "Europe/Berlin"
REFLECTION = "I should have said no to the pricing review sooner."
COMMITMENT = "Send the Q1 plan to finance"
TO_WHOM = "Dana"
TOPIC = "Ask who owns the pricing page after the reorg"

# Stable texts of the screens (titles, headers, answer rows), never the footer.
QUESTION_HEADER = re.compile(r"· Weekly check-in +(\d+)/(\d+)\s*$", re.MULTILINE)
# A "how many of your last N" question lists its answers as "  0  0 of N" … "  N  N of N".
FREQUENCY_ROW = re.compile(r"^\s+0\s+0 of (\d+)\s*$", re.MULTILINE)
REFLECTION_TITLE = "Reflection · Weekly check-in"
RATINGS = ("4", "3", "2")  # the first rating invites evidence, without holding the screen
FREQUENCY_KEY = "1"  # a count of 1 is valid for every N ≥ 1
# Seconds to wait for one step; generous, since it only runs out when a step is broken.
STEP = 20.0


# ---------------------------------------------------------------------------- terminal helpers


def _framed(term: Terminal, screen: str) -> str:
    rule = "-" * term.width
    return f"{rule}\n{screen}\n{rule}"


def wait_until(
    term: Terminal, what: str, found: Callable[[str], T | None], timeout: float = STEP
) -> T:
    """Poll the screen until `found(screen)` returns something; fail with the screen if the
    app exits or `timeout` passes first."""
    deadline = time.monotonic() + timeout
    while True:
        screen = term.screen()
        result = found(screen)
        if result is not None:
            return result
        status = term.exit_status()
        if status is not None:
            raise TerminalError(
                f"pmcoach exited with status {status} while waiting for {what}."
                f"\n{_framed(term, term.screen())}"
            )
        if time.monotonic() > deadline:
            raise TerminalError(f"no {what} within {timeout:g} s.\n{_framed(term, screen)}")
        time.sleep(0.05)


def line_with(screen: str, pattern: str) -> tuple[int, str] | None:
    """The row number and text of the first screen line matching `pattern`."""
    for row, line in enumerate(screen.splitlines()):
        if re.search(pattern, line):
            return row, line
    return None


# ---------------------------------------------------------------------------- the week by keys


def onboard(term: Terminal) -> None:
    term.wait_for("Welcome to pmcoach", timeout=45)  # a fresh venv's first start is slow
    # In one burst: the second track, chosen by keys with the choice focused; review day and
    # time keep their defaults (Monday 09:00); the time zone is typed over; then save.
    term.send_keys("Down", "Enter", "Tab", "Tab", "Tab", ZONE, "C-s")
    term.wait_for("pmcoach · Senior PM", timeout=STEP)
    term.wait_for("DUE", timeout=STEP)


def answer_questions(term: Terminal) -> list[tuple[str, int | None, str]]:
    """Answer every question with one digit; returns (kind, N, key) for each, in order."""
    term.send_keys("w")
    given: list[tuple[str, int | None, str]] = []
    ratings = iter(RATINGS * 10)
    screen = term.wait_for("· Weekly check-in", timeout=STEP)
    while True:
        header = QUESTION_HEADER.search(screen)
        assert header is not None, _framed(term, screen)
        position, total = int(header[1]), int(header[2])
        assert position == len(given) + 1, _framed(term, screen)
        frequency = FREQUENCY_ROW.search(screen)
        if frequency is not None:
            given.append(("frequency", int(frequency[1]), FREQUENCY_KEY))
        else:
            given.append(("rating", None, next(ratings)))
        term.send_keys(given[-1][2])

        def moved(screen: str, position: int = position) -> str | None:
            header = QUESTION_HEADER.search(screen)
            if header is not None and int(header[1]) == position + 1:
                return screen
            return screen if REFLECTION_TITLE in screen else None

        screen = wait_until(term, f"the question after {position}/{total}", moved)
        if REFLECTION_TITLE in screen:
            assert position == total, _framed(term, screen)
            return given


def reflect_and_commit(term: Terminal) -> None:
    """The reflection, the commitment's two fields, a topic for the next 1:1 (past by when
    and private) and finishing, in one burst: each key typed right after ctrl+s or tab goes
    to the field the form moved to."""
    term.wait_for("What could I have said or done better this week?", timeout=STEP)
    term.send_keys(REFLECTION, "C-s", COMMITMENT, "Tab", TO_WHOM, "C-s", *["Tab"] * 4, TOPIC, "C-f")


# ---------------------------------------------------------------------------- the test


def test_a_first_week_from_install_to_report(
    fresh_venv: Path,
    terminal: TerminalFactory,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    bindir = fresh_venv / "bin"
    home = Path(os.environ["PMCOACH_HOME"])
    for name in LEAKY_ENV:  # the terminal inherits this environment
        monkeypatch.delenv(name, raising=False)
    env = {"PMCOACH_TODAY": TODAY, "TZ": "UTC"}  # UTC: the typed zone differs from the default

    term = terminal([str(bindir / "pmcoach")], width=80, height=24, env=env)
    onboard(term)
    config = tomllib.loads((home / "config.toml").read_text(encoding="utf-8"))
    assert (config["track"], config["time_zone"]) == (TRACK, ZONE), config

    given = answer_questions(term)
    reflect_and_commit(term)

    screen = term.wait_for("Done. Weekly check-in", timeout=STEP)
    assert "finished" in screen, _framed(term, screen)
    term.send_keys("Escape")
    screen = term.wait_for("review done", timeout=STEP)
    assert "pmcoach · Senior PM" in screen, _framed(term, screen)
    # The commitment, with nothing run into it: the name typed after tab went to its field.
    listed = rf"{re.escape(COMMITMENT)}\b.*\b{TO_WHOM}\b.*due {NEXT_REVIEW:%a %d %b}"
    wait_until(term, "the commitment on the dashboard", lambda s: line_with(s, listed))
    term.send_keys("q")
    status = term.wait_for_exit(timeout=STEP)
    screen = term.screen()
    assert "Traceback" not in screen, _framed(term, screen)
    assert status == 0, _framed(term, screen)

    check_session_file(home, given)
    check_report(bindir, tmp_path)
    out = run([bindir / "pmcoach", "status"], cwd=tmp_path, env=clean_env(PMCOACH_TODAY=TODAY))
    assert "review done" in out, out


def check_session_file(home: Path, given: list[tuple[str, int | None, str]]) -> None:
    folder = home / "sessions" / "2026"
    files = sorted(folder.glob("*.toml"))
    assert len(files) == 1, files
    path = files[0]
    session = tomllib.loads(path.read_text(encoding="utf-8"))
    assert session["kind"] == "weekly", session
    assert session["track"] == TRACK, session
    assert isinstance(session.get("finished"), dt.datetime), session

    answers = session["answers"]
    assert len(answers) == len(given), answers
    for answer in answers:
        assert answer.get("skipped") is True or 1 <= answer.get("rating", 0) <= 5, answer
    # What was pressed is what was saved: a count on a frequency question, else a rating.
    saved = Counter(
        ("frequency", a["out_of"], str(a["count"]))
        if "count" in a
        else ("rating", None, str(a["rating"]))
        for a in answers
    )
    assert saved == Counter(given), (saved, given)

    assert session["reflection"] == {"text": REFLECTION, "private": False}, session
    commitments = session["commitments"]
    assert len(commitments) == 1, commitments
    assert commitments[0]["text"] == COMMITMENT, commitments
    assert commitments[0]["to"] == TO_WHOM, commitments
    assert commitments[0]["due"] == NEXT_REVIEW, commitments
    assert commitments[0]["private"] is False, commitments

    assert stat.S_IMODE(path.stat().st_mode) == 0o600, oct(path.stat().st_mode)
    for each in (folder, folder.parent, home):
        assert stat.S_IMODE(each.stat().st_mode) == 0o700, (each, oct(each.stat().st_mode))


def section(markdown: str, heading: str) -> list[str]:
    """The lines under `## heading`, up to the next heading."""
    lines = markdown.splitlines()
    assert f"## {heading}" in lines, markdown
    start = lines.index(f"## {heading}") + 1
    end = next((i for i in range(start, len(lines)) if lines[i].startswith("#")), len(lines))
    return lines[start:end]


def check_report(bindir: Path, cwd: Path) -> None:
    env = clean_env(PMCOACH_TODAY=TODAY)
    report = run([bindir / "pmcoach", "export", "--format", "md"], cwd=cwd, env=env)
    assert report.startswith("# Skills report:"), report
    assert re.search(r"\b1 weekly check-in\b(?!s)", report), report

    # The track's skills, in rubric order, each with a score now that all were rated.
    tracks = tomllib.loads((REPO / "questions" / "tracks.toml").read_text(encoding="utf-8"))
    titles = {skill["id"]: skill["title"] for skill in tracks["skill"]}
    track = next(t for t in tracks["track"] if t["id"] == TRACK)
    rows = [line for line in section(report, "Skills") if line.startswith("| ")]
    assert rows[0].startswith("| Skill | Start | Now |"), report
    cells = [[cell.strip() for cell in row.strip("|").split("|")] for row in rows[1:]]
    assert [c[0] for c in cells] == [titles[s] for s in track["skills"]], report
    for row in cells:
        assert 1 <= float(row[2]) <= 5, row

    commitments = [line for line in section(report, "Commitments") if COMMITMENT in line]
    assert len(commitments) == 1, report
    assert f"(to {TO_WHOM})" in commitments[0], commitments
    # The agenda: the topic raised at the end of the check-in, not the reflection.
    discuss = section(report, "What I want to discuss")
    assert any(line.startswith("- ") and line.endswith(f"topic: {TOPIC}") for line in discuss)
    assert not any(REFLECTION in line for line in discuss), report
