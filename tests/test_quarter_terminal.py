"""A scripted quarter in the installed app: 13 weeks, each day a new `pmcoach` in an 80x24
tmux terminal with `PMCOACH_TODAY`, driven by keys sent in bursts (one burst per screen or
form field, then a wait on the screen's own text).

The same quarter as tests/test_quarter_plain.py, through the app: a full assessment
between weekly check-ins, a week off, the manager's ratings, exercises marked both on the
exercises screen and in reviews, a commitment renegotiated after its due date, one edited,
one withdrawn. At the end the saved files, `pmcoach status` and the JSON export must say
what the script meant.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import pytest
from install_support import LEAKY_ENV, clean_env, run
from terminal import Terminal, TerminalError

from pmcoach import coach, ledger
from pmcoach.model import Question, Session
from pmcoach.rubric import load_rubric
from pmcoach.store import Store

pytestmark = pytest.mark.slow

TerminalFactory = Callable[..., Terminal]
T = TypeVar("T")

RUBRIC = load_rubric(None).rubric
assert RUBRIC is not None
TRACK = RUBRIC.track("new")
assert TRACK is not None
FIRST_MONDAY = dt.date(2026, 9, 7)  # 2026-W37; the quarter runs to W49
ZONE = "Europe/Berlin"
STEP = 30.0  # seconds for one screen to appear; it only runs out when a step is broken
DASHBOARD = "pmcoach · New PM"
REVIEW_TITLE = "Last week · keep your word"
OPEN_ROW = re.compile(r"\s\?\s*$", re.MULTILINE)  # a review line still without an outcome
OUTCOME = re.compile(r"\s(?:met|missed|renegotiated|done|partly|not)\s*$", re.MULTILINE)


def day(week: int, weekday: int = 0) -> dt.date:
    return FIRST_MONDAY + dt.timedelta(weeks=week - 1, days=weekday)


def home() -> Path:
    return Path(os.environ["PMCOACH_HOME"])


def sessions() -> list[Session]:
    return Store.open(home()).sessions()


def wait_until(term: Terminal, what: str, found: Callable[[str], T | None]) -> T:
    """Poll the screen until `found(screen)` gives something; fail with the screen."""
    deadline = time.monotonic() + STEP
    while True:
        screen = term.screen()
        result = found(screen)
        if result is not None:
            return result
        if time.monotonic() > deadline or term.exit_status() is not None:
            raise TerminalError(f"no {what} within {STEP:g} s.\n{screen}")
        time.sleep(0.05)


def line_with(screen: str, pattern: str) -> tuple[int, str] | None:
    for row, line in enumerate(screen.splitlines()):
        if re.search(pattern, line):
            return row, line
    return None


def focus_on(term: Terminal, pattern: str, what: str) -> None:
    """Wait until the terminal's cursor (where Textual puts the focused text field) is on
    the first line matching `pattern`, so that what is typed next lands in that field."""

    def cursor_row() -> int:
        tmux = [term.tmux, "-f", os.devnull, "-S", term.socket]
        out = subprocess.run(
            [*tmux, "display-message", "-p", "-t", term.session, "#{cursor_y}"],
            env=term.env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        return int(out.strip())

    def focused(screen: str) -> bool | None:
        found = line_with(screen, pattern)
        return True if found is not None and cursor_row() == found[0] else None

    wait_until(term, f"focus in {what}", focused)


def clear_field(term: Terminal, shows: str, empty: str = r"▊\s+▎") -> None:
    """ctrl+u until the field whose line matches `shows` is empty (its line matches `empty`,
    blank or its placeholder): a form just opened takes keys only once its field has focus,
    and an empty field is the proof that it has."""
    for _ in range(int(STEP / 0.5)):
        term.send_keys("C-u")
        deadline = time.monotonic() + 0.5
        while time.monotonic() < deadline:
            screen = term.screen()
            if line_with(screen, shows) is None and line_with(screen, empty) is not None:
                return
            time.sleep(0.05)
    raise TerminalError(f"the field {shows!r} never emptied.\n{term.screen()}")


def focus_field(term: Terminal, label: str) -> None:
    focus_on(term, rf"^ {re.escape(label)}\b", f"the field {label!r}")


def field_shows(term: Terminal, label: str, text: str) -> None:
    """Wait until the field labelled `label` holds exactly `text`: every key arrived."""
    pattern = rf"^ {re.escape(label)}\s+▊\s+{re.escape(text)}\s+▎"
    wait_until(term, f"{text!r} in the field {label!r}", lambda s: line_with(s, pattern))


def key_for(question: Question) -> str:
    """Every question gets a 3 (a count of 3 of 5 rates 3): no rating asks for evidence.
    The open reflection question is skipped."""
    return "Right" if question.kind == "reflection" else "3"


@dataclass
class Quarter:
    bindir: Path
    terminal: TerminalFactory
    states: dict[str, str] = field(default_factory=dict)
    weeks_done: int = 0
    exercises_done: int = 0

    # -------------------------------------------------------------- one day in the app

    def open(self, today: dt.date) -> Terminal:
        env = {"PMCOACH_TODAY": today.isoformat(), "TZ": "UTC"}
        term = self.terminal([str(self.bindir / "pmcoach")], width=80, height=24, env=env)
        term.wait_for(DASHBOARD, timeout=45)
        return term

    def close(self, term: Terminal) -> None:
        term.wait_for(DASHBOARD, timeout=STEP)
        term.send_keys("q")
        status = term.wait_for_exit(timeout=STEP)
        screen = term.screen()
        assert status == 0 and "Traceback" not in screen, screen

    # -------------------------------------------------------------- a check-in

    def checkin(
        self,
        week: int,
        review: list[str],
        exercises: list[str],
        made: list[tuple[str, str]] = (),  # type: ignore[assignment]
        *,
        weekday: int = 0,
        full: bool = False,
    ) -> str:
        """`w` (or `a`): the review's keys (`r DATE` renegotiates), one key per exercise the
        session before proposed (`exercises` cut or padded with Down, which leaves a line
        open), every question in one burst, then the reflection and the commitments."""
        history = sessions()
        if full:
            plan = list(coach.full_questions(RUBRIC, TRACK))
        else:
            plan = list(coach.weekly_questions(RUBRIC, TRACK, history))
        previous = max(
            (s for s in history if s.finished and s.kind != "manager"),
            key=lambda s: s.started,
            default=None,
        )
        proposed = len(previous.assigned) if previous else 0
        marks = (exercises + ["Down"] * proposed)[:proposed]
        self.exercises_done += sum(1 for m in marks if m in ("d", "p"))
        term = self.open(day(week, weekday))
        term.send_keys("a" if full else "w")
        seen = ""
        if review or marks:
            term.wait_for(REVIEW_TITLE, timeout=STEP)
            # The table's rows, not only the title, before any key: a key needs its line.
            seen = wait_until(
                term, "the review's lines", lambda s: s if OPEN_ROW.search(s) else None
            )
            for said in review:
                key, _, date = said.partition(" ")
                term.send_keys(key)
                if date:
                    term.wait_for("The new date agreed", timeout=STEP)
                    clear_field(term, r"▊  \d{4}-\d\d-\d\d", r"▊  YYYY-MM-DD ")
                    term.type(date)
                    term.wait_for(date, timeout=STEP)
                    term.send_keys("Enter")
                    term.wait_for(REVIEW_TITLE, timeout=STEP)
            term.send_keys(*marks)
            given = len(review) + sum(1 for m in marks if m != "Down")
            wait_until(
                term,
                f"{given} outcomes given",
                lambda s: s if len(OUTCOME.findall(s)) >= given else None,
            )
            term.send_keys("Enter")
        kind = "Full assessment" if full else "Weekly check-in"
        term.wait_for(f"· {kind}", timeout=STEP)
        term.send_keys(*(key_for(q) for q in plan))
        if full:
            seen += term.wait_for("Done. Full assessment", timeout=STEP)
        else:
            term.wait_for("Reflection · Weekly check-in", timeout=STEP)
            text = f"Week {week}: gave the date first."
            term.type(text)
            term.wait_for(text, timeout=STEP)
            term.send_keys("C-s")
            term.wait_for("Commitments · by your next review", timeout=STEP)
            for what, to in made:
                # "I will" has focus from the start, and again once a commitment is added.
                term.type(what)
                field_shows(term, "I will", what)
                term.send_keys("Tab")
                focus_field(term, "To whom")
                term.type(to)
                field_shows(term, "To whom", to)
                term.send_keys("C-s")
                row = rf"^\s+{re.escape(what)}\s+{re.escape(to)}\s+\w\w\w \d\d \w\w\w\s*$"
                wait_until(term, f"{what!r} in the table", lambda s, r=row: line_with(s, r))
            term.send_keys("C-f")
            seen += term.wait_for("Done. Weekly check-in", timeout=STEP)
        term.send_keys("Escape")
        self.close(term)
        self.weeks_done += 1
        return seen

    # -------------------------------------------------------------- between check-ins

    def exercise_done(self, today: dt.date, how: str) -> None:
        term = self.open(today)
        term.send_keys("e")
        term.wait_for("Exercises · this week", timeout=STEP)
        term.send_keys("d")
        term.wait_for("Done: ", timeout=STEP)
        term.type(how)
        term.wait_for(how, timeout=STEP)
        term.send_keys("C-s")
        term.wait_for("✓ done", timeout=STEP)
        term.send_keys("Escape")
        self.close(term)
        self.exercises_done += 1

    def manager(self, today: dt.date) -> None:
        term = self.open(today)
        term.send_keys("m")
        term.wait_for("Manager", timeout=STEP)
        term.send_keys(*["3"] * len(TRACK.skills))
        term.wait_for("You and your manager", timeout=STEP)
        term.send_keys("Escape")
        self.close(term)

    def edit(self, today: dt.date, text: str, due: dt.date) -> None:
        """The first commitment in the list: its text and date typed over."""
        term = self.open(today)
        term.send_keys("c")
        term.wait_for("Commitments", timeout=STEP)
        term.send_keys("e")
        term.wait_for("Edit the commitment", timeout=STEP)
        clear_field(term, r"▊  Send the churn analysis")
        term.type(text)
        term.wait_for(text[:40], timeout=STEP)
        term.send_keys("Tab", "Tab")
        clear_field(term, r"▊  \d{4}-\d\d-\d\d")
        term.type(due.isoformat())
        term.wait_for(due.isoformat(), timeout=STEP)
        term.send_keys("Enter")
        term.wait_for("edited, now: ", timeout=STEP)  # the history under the list
        term.send_keys("Escape")
        self.close(term)

    def withdraw_first(self, today: dt.date) -> None:
        term = self.open(today)
        term.send_keys("c")
        term.wait_for("Commitments", timeout=STEP)
        term.send_keys("w")
        term.wait_for("Withdraw", timeout=STEP)
        term.send_keys("y")
        term.wait_for("withdrawn", timeout=STEP)
        term.send_keys("Escape")
        self.close(term)


def test_a_quarter_in_the_installed_app(
    fresh_venv: Path,
    terminal: TerminalFactory,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for name in LEAKY_ENV:  # the terminal inherits this environment
        monkeypatch.delenv(name, raising=False)
    bindir = fresh_venv / "bin"

    def pmcoach(today: dt.date, *args: str) -> str:
        env = clean_env(PMCOACH_TODAY=today.isoformat(), PMCOACH_HOME=str(home()))
        return run([bindir / "pmcoach", *args], cwd=tmp_path, env=env)

    # Set up as onboarding would leave it (onboarding by keys is the first-week test's).
    store = Store.open(home())
    from pmcoach.model import Config

    store.save_config(Config(track="new", review_day=0, review_time=dt.time(9), time_zone=ZONE))
    q = Quarter(bindir, terminal)

    # Week 1: two promises, due at the next review.
    q.checkin(1, [], [], [("Send the Q1 plan", "Dana"), ("Share the launch risks", "Lee")])
    # Week 2, on Wednesday (late): the plan was sent; the risks renegotiated after their
    # due date to Monday in two weeks; both exercises done.
    late = day(4)
    q.checkin(
        2,
        ["m", f"r {late.isoformat()}"],
        ["d", "d"],
        [("Write the pricing memo", "Priya"), ("Book the design review", "Sam")],
        weekday=2,
    )
    q.states["Send the Q1 plan"] = "met"
    # Friday: the first exercise of week 2 done on the exercises screen.
    q.exercise_done(day(2, 4), "Rewrote two emails")
    # Week 3: the full assessment reviews week 2's promises (made the week before it);
    # the exercise done on Friday shows so (Down leaves it), the other partly done.
    seen = q.checkin(3, ["m", "x"], ["Down", "p"], full=True)
    assert "Write the pricing memo" in seen and "done 18 Sep" in seen, seen
    q.states["Write the pricing memo"] = "met"
    q.states["Book the design review"] = "missed"
    q.manager(day(3, 3))
    # Week 4: the renegotiated risks come back on their new date and are kept.
    seen = q.checkin(
        4,
        ["m"],
        ["d", "n"],
        [("Send the churn analysis", "the team"), ("Call the partner", "Sam")],
    )
    assert "Share the launch risks" in seen, seen
    q.states["Share the launch risks"] = "met"
    # Wednesday: the churn analysis edited (more in it, two days more); Thursday: the call,
    # now first in the list (due sooner), withdrawn.
    q.edit(day(4, 2), "Send the churn analysis and the plan", day(5, 2))
    q.states["Call the partner"] = "withdrawn"
    q.withdraw_first(day(4, 3))
    # Week 5 is marked off.
    pmcoach(day(4, 4), "skip", "--week", day(5).isoformat())
    # Week 6: the edited commitment is missed.
    seen = q.checkin(6, ["x"], [], [("Publish the metrics note", "the team")])
    assert "Send the churn analysis and t" in seen and "Call the partner" not in seen, seen
    q.states["Send the churn analysis and the plan"] = "missed"
    # Weeks 7 to 13: each week keeps last week's promise and makes one.
    promise = "Publish the metrics note"
    for week in range(7, 14):
        made = f"Weekly promise {week}"
        q.checkin(week, ["m"], [], [(made, "the team")])
        q.states[promise] = "met"
        promise = made
    q.states[promise] = "open"

    # ------------------------------------------------------------------ the files
    store = Store.open(home())
    kinds = sorted(s.kind for s in store.sessions())
    assert kinds == ["full", "manager", *["weekly"] * 11]
    history = ledger.build(store.sessions(), store.events())
    assert {e.text: e.state for e in history.commitments} == q.states
    churn = next(e for e in history.commitments if e.original.text == "Send the churn analysis")
    assert (churn.due, churn.edited) == (day(5, 2), True)
    risks = next(e for e in history.commitments if e.text == "Share the launch risks")
    assert risks.renegotiations == 1
    assert len(history.done()) == q.exercises_done
    manager = next(s for s in store.sessions() if s.kind == "manager")
    assert [a.rating for a in manager.answers] == [3] * len(TRACK.skills)
    assert sorted(e.kind for e in store.events()) == [
        "commitment-edit",
        "commitment-withdrawn",
        "exercise-done",
        "skip-week",
    ]

    # ------------------------------------------------------------------ status and export
    kept = sum(1 for s in q.states.values() if s == "met")
    missed = sum(1 for s in q.states.values() if s == "missed")
    status = pmcoach(day(13), "status")
    assert f"streak {q.weeks_done}" in status, status
    assert f"say/do {round(100 * kept / (kept + missed))}%" in status, status
    target = tmp_path / "export.json"
    pmcoach(day(13), "export", "--format", "json", "--include-private", "-o", str(target))
    exported = json.loads(target.read_text(encoding="utf-8"))
    assert sorted(s["kind"] for s in exported["sessions"]) == kinds
    reviews = [r for s in exported["sessions"] for r in s.get("commitment_reviews", [])]
    assert [r["due"] for r in reviews if r["outcome"] == "renegotiated"] == [late.isoformat()]
    assert sum(1 for r in reviews if r["outcome"] == "met") == kept
    assert sum(1 for r in reviews if r["outcome"] == "missed") == missed
    edit = next(e for e in exported["events"] if e["kind"] == "commitment-edit")
    assert edit["text"]["text"] == "Send the churn analysis and the plan"
