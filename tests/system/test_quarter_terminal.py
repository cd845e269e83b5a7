"""A scripted quarter in the installed app: 13 weeks, each day a new `pmcoach` in an 80x24
tmux terminal with `PMCOACH_TODAY`, driven by keys sent in bursts: each step (a whole
check-in, from `w` to the ctrl+q that quits from its results; an edit; the settings) is
one tmux command, with no wait between its keys, though dialogs and forms open mid-burst.
Only a screen is waited for: the dashboard before a step (and the review, where the test
looks at it).

The same quarter as tests/cli/test_quarter_plain.py, through the app: a full assessment
between weekly check-ins, a week off, the manager's ratings, exercises marked both on the
exercises screen and in reviews, a commitment renegotiated after its due date, one edited,
one withdrawn, a switch from the new to the senior track. Each check-in's saved session
must hold what its keys meant; at the end the saved files, `pmcoach status` and the JSON
export must say what the script meant.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import time
import tomllib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar
from zoneinfo import ZoneInfo

import pytest
import support.quarter as quarter_support
from support.cli import home
from support.install import LEAKY_ENV, clean_env, run
from support.quarter import (
    RUBRIC,
    SENIOR,
    SWITCHED,
    TRACK,
    day,
    exercise_marks,
    questions,
    sessions,
    title,
)
from support.terminal import Terminal, TerminalError, Typed

from pmcoach.domain import ledger, rotation
from pmcoach.domain.model import Question, Track
from pmcoach.storage.store import Store

pytestmark = pytest.mark.slow

TerminalFactory = Callable[..., Terminal]
T = TypeVar("T")

ZONE = "Europe/Berlin"
STEP = 30.0  # seconds for one screen to appear; it only runs out when a step is broken
BURST = 120.0  # seconds for the app to handle a whole step's keys and quit
REVIEW_TITLE = "Last week · keep your word"
OPEN_ROW = re.compile(r"\s\?\s*$", re.MULTILINE)  # a review line still without an outcome


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


def key_for(question: Question) -> str:
    """Every question gets a 3 (a count of 3 of 5 rates 3): no rating asks for evidence.
    The open reflection question is skipped."""
    return "Right" if question.kind == "reflection" else "3"


def review_keys(said: str) -> list[str | Typed]:
    """A review line's keys: `m`, `x`, or `r DATE`, whose dialog opens with a date
    that ctrl+u clears."""
    key, _, date = said.partition(" ")
    return [key, "C-u", Typed(date), "Enter"] if date else [key]


@dataclass
class Quarter:
    bindir: Path
    terminal: TerminalFactory
    states: dict[str, str] = field(default_factory=dict)
    weeks_done: int = 0
    exercises_done: int = 0
    track: Track = TRACK  # the track the next check-in is taken on

    # -------------------------------------------------------------- one day in the app

    def open(self, today: dt.date) -> Terminal:
        env = {"PMCOACH_TODAY": today.isoformat(), "TZ": "UTC"}
        term = self.terminal([str(self.bindir / "pmcoach")], width=80, height=24, env=env)
        term.wait_for(f"pmcoach · {self.track.title}", timeout=45)
        return term

    def close(self, term: Terminal) -> None:
        """The step's burst ended with ctrl+q: the app must quit cleanly once every key
        before it has been handled. (Not esc and then `q`: the terminal's input reads an
        esc with a key right behind it as one alt chord.)"""
        status = term.wait_for_exit(timeout=BURST)
        screen = term.screen()
        assert status == 0 and "Traceback" not in screen, screen

    def day_in_the_app(self, today: dt.date, *keys: str | Typed) -> None:
        """One step: the app opened on `today`, the step's keys and ctrl+q in one burst."""
        term = self.open(today)
        term.burst(*keys, "C-q")
        self.close(term)

    # -------------------------------------------------------------- a check-in

    def checkin(
        self,
        week: int,
        review: list[tuple[str, str]],
        exercises: list[str],
        made: list[tuple[str, str]] = (),  # type: ignore[assignment]
        *,
        weekday: int = 0,
        full: bool = False,
        look: bool = False,
    ) -> str:
        """`w` (or `a`) and the whole check-in in one burst: the review's keys, one line
        for each commitment offered (`(text, "m")`, `"x"` or `"r DATE"`), one key per
        exercise the session before proposed (`exercises` cut or padded with Down, which
        leaves a line open), every question, the reflection, each commitment made (what,
        tab, to whom, ctrl+s), ctrl+f and ctrl+q. With `look`, the burst stops once the review
        is open, for its screen (returned), and the rest follows in a second burst.

        The session saved must hold exactly what the keys meant."""
        history = sessions()
        plan = questions(self.track, history, full=full)
        marks = exercise_marks(history, exercises, "Down")
        self.exercises_done += sum(1 for m in marks if m in ("d", "p"))
        reflection = f"Week {week}: gave the date first."
        keys: list[str | Typed] = [key for _, said in review for key in review_keys(said)]
        keys += marks
        if review or marks:
            keys.append("Enter")  # on to the questions
        keys += [key_for(q) for q in plan]
        if not full:
            keys += [Typed(reflection), "C-s"]
            for what, to in made:
                keys += [Typed(what), "Tab", Typed(to), "C-s"]
            keys.append("C-f")
        keys.append("C-q")  # from the results

        term = self.open(day(week, weekday))
        seen = ""
        if look:
            term.burst("a" if full else "w")
            term.wait_for(REVIEW_TITLE, timeout=STEP)
            seen = wait_until(
                term, "the review's lines", lambda s: s if OPEN_ROW.search(s) else None
            )
            term.burst(*keys)
        else:
            term.burst("a" if full else "w", *keys)
        self.close(term)
        self.weeks_done += 1

        # ---- what was saved is what the keys meant
        store = Store.open(home())
        after = store.sessions()
        new = [s for s in after if s.id not in {h.id for h in history}]
        assert [s.kind for s in new] == ["full" if full else "weekly"], new
        session = new[0]
        assert session.finished is not None and session.track == self.track.id, session
        assert [a.question for a in session.answers] == [q.id for q in plan]
        assert all(a.rating is not None and not a.skipped for a in session.answers)
        texts = {e.id: e.original.text for e in ledger.build(after, store.events()).commitments}
        outcomes = {"m": "met", "x": "missed", "r": "renegotiated"}
        assert [(texts[r.commitment], r.outcome, r.due) for r in session.commitment_reviews] == [
            (text, outcomes[said[0]], dt.date.fromisoformat(said[2:]) if said[2:] else None)
            for text, said in review
        ]
        words = {"d": "done", "p": "partly", "n": "not"}
        assert [r.outcome for r in session.exercise_reviews] == [
            words[m] for m in marks if m != "Down"
        ]
        if not full:
            assert session.reflection is not None and session.reflection.text == reflection
            assert [(c.text, c.to) for c in session.commitments] == list(made)
        return seen

    # -------------------------------------------------------------- between check-ins

    def exercise_done(self, today: dt.date, how: str) -> None:
        self.day_in_the_app(today, "e", "d", Typed(how), "C-s")
        self.exercises_done += 1

    def manager(self, today: dt.date) -> None:
        self.day_in_the_app(today, "m", *["3"] * len(self.track.skills))

    def edit(self, today: dt.date, text: str, due: dt.date) -> None:
        """The first commitment in the list: its text and date typed over (ctrl+u clears a
        field, tab goes to the next, enter saves)."""
        keys = ["c", "e", "C-u", Typed(text), "Tab", "Tab", "C-u", Typed(due.isoformat())]
        self.day_in_the_app(today, *keys, "Enter")

    def withdraw_first(self, today: dt.date) -> None:
        self.day_in_the_app(today, "c", "w", "y")

    def switch_track(self, today: dt.date, to: Track) -> str:
        """Settings: the next track in the list chosen, ctrl+s saves; returns the dashboard
        as it shows once the switch has been taken in (its title names the new track)."""
        term = self.open(today)
        term.burst("s", "Down", "Enter", "C-s")
        self.track = to
        screen = term.wait_for(f"pmcoach · {to.title}", timeout=STEP)
        term.burst("C-q")
        self.close(term)
        return screen


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
    from pmcoach.domain.model import Config

    store.save_config(Config(track="new", review_day=0, review_time=dt.time(9), time_zone=ZONE))
    q = Quarter(bindir, terminal)

    # Week 1: two promises, due at the next review.
    q.checkin(1, [], [], [("Send the Q1 plan", "Dana"), ("Share the launch risks", "Lee")])
    # Week 2, on Wednesday (late): the plan was sent; the risks renegotiated after their
    # due date to Monday in two weeks; both exercises done.
    late = day(4)
    q.checkin(
        2,
        [("Send the Q1 plan", "m"), ("Share the launch risks", f"r {late.isoformat()}")],
        ["d", "d"],
        [("Write the pricing memo", "Priya"), ("Book the design review", "Sam")],
        weekday=2,
    )
    q.states["Send the Q1 plan"] = "met"
    # Friday: the first exercise of week 2 done on the exercises screen.
    q.exercise_done(day(2, 4), "Rewrote two emails")
    # Week 3: the full assessment reviews week 2's promises (made the week before it);
    # the exercise done on Friday shows so (Down leaves it), the other partly done.
    seen = q.checkin(
        3,
        [("Write the pricing memo", "m"), ("Book the design review", "x")],
        ["Down", "p"],
        full=True,
        look=True,
    )
    assert "Write the pricing memo" in seen and "done 18 Sep" in seen, seen
    q.states["Write the pricing memo"] = "met"
    q.states["Book the design review"] = "missed"
    q.manager(day(3, 3))
    # Week 4: the renegotiated risks come back on their new date and are kept.
    q.checkin(
        4,
        [("Share the launch risks", "m")],
        ["d", "n"],
        [("Send the churn analysis", "the team"), ("Call the partner", "Sam")],
    )
    q.states["Share the launch risks"] = "met"
    # Wednesday: the churn analysis edited (more in it, two days more); Thursday: the call,
    # now first in the list (due sooner), withdrawn.
    q.edit(day(4, 2), "Send the churn analysis and the plan", day(5, 2))
    q.withdraw_first(day(4, 3))
    q.states["Call the partner"] = "withdrawn"
    # Week 5 is marked off.
    pmcoach(day(4, 4), "skip", "--week", day(5).isoformat())
    # Week 6: the edited commitment is missed; the withdrawn one is not offered.
    seen = q.checkin(
        6,
        [("Send the churn analysis", "x")],
        [],
        [("Publish the metrics note", "the team")],
        look=True,
    )
    assert "Send the churn analysis and t" in seen and "Call the partner" not in seen, seen
    q.states["Send the churn analysis and the plan"] = "missed"

    # Tuesday of week 6: the track switched from new to senior in settings. The senior
    # track's emphasised skills the new track never asked about have no score, so the
    # first of them in rubric order is the focus, "not rated yet", on the dashboard and in
    # status.
    fresh = quarter_support.never_rated(RUBRIC, TRACK, SENIOR)
    assert fresh == ["think-big", "earn-trust", "drive-impact"]
    first = title(fresh[0])
    screen = q.switch_track(SWITCHED, SENIOR)
    assert f"Focus: {first}: not rated yet" in screen, screen
    assert Store.open(home()).load_config().track == "senior"
    assert f"focus {first} (not rated yet)" in pmcoach(SWITCHED, "status")
    # Week 7, the first check-in on the senior track: those skills' questions come before
    # all others (each of the other skills keeps its one place), so one check-in rates
    # them; then the focus is the largest weighted gap again.
    q.checkin(7, [("Publish the metrics note", "m")], [], [("Weekly promise 7", "the team")])
    q.states["Publish the metrics note"] = "met"
    week7 = max(sessions(), key=lambda s: s.started)
    asked = Counter((a.question or "").split(".", 1)[0] for a in week7.answers)
    expected = quarter_support.first_checkin_after_switch(RUBRIC, TRACK, SENIOR)
    assert asked == expected, asked
    for skill in fresh:  # never rated, so each taken in rubric order
        ids = [a.question for a in week7.answers if (a.question or "").startswith(f"{skill}.")]
        rubric_first = [q.id for q in rotation.full_questions(RUBRIC, SENIOR) if q.skill == skill]
        assert ids == rubric_first[: expected[skill]], (skill, ids)
    config = Store.open(home()).load_config()
    assert config is not None
    now = dt.datetime.combine(day(7, 1), dt.time(12), tzinfo=ZoneInfo(ZONE))
    rated = quarter_support.focus_once_rated(RUBRIC, config, SENIOR, sessions(), now)
    assert f"focus {title(rated)} ·" in pmcoach(day(7, 1), "status")
    # Weeks 8 to 13: each week keeps last week's promise and makes one.
    promise = "Weekly promise 7"
    for week in range(8, 14):
        made = f"Weekly promise {week}"
        q.checkin(week, [(promise, "m")], [], [(made, "the team")])
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
    # Each session's file names the track it was taken on: new until the switch.
    files = list((home() / "sessions").rglob("*.toml"))
    assert len(files) == len(kinds)
    for path in files:
        saved = tomllib.loads(path.read_text(encoding="utf-8"))
        meant = "senior" if saved["started"].date() >= SWITCHED else "new"
        assert saved["track"] == meant, (path.name, saved["track"])
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
    assert exported["config"]["track"] == "senior"
