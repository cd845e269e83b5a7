"""A scripted quarter: 13 weeks of check-ins through `pmcoach checkin --plain`, day by day
with `PMCOACH_TODAY`, and what happens between them done in the app as a user would.

The script says what it means as it goes (each commitment's fate, each exercise marked,
the week off, the track); at the end the saved files, `pmcoach status` and the JSON export
must say the same. The quarter holds the cases that went wrong once: a commitment made the
week before a full assessment, exercises marked both on the exercises screen and in
reviews, a commitment renegotiated after its due date, one edited, one withdrawn, and a
switch from the new to the senior track (its unrated emphasised skills first in the next
check-in, one of them the focus until then). Each visit to the app is one burst of keys.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import tomllib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import support.quarter as quarter_support
from support.cli import run
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
from support.tui import ZONE, configured, data_dir, settle, typed
from textual.widgets import Static

from pmcoach.domain import ledger, rotation
from pmcoach.domain.model import Question, Track
from pmcoach.storage.store import Store
from pmcoach.tui.app import make_app
from pmcoach.tui.screens.commitment_list import CommitmentListScreen
from pmcoach.tui.screens.dashboard import DashboardScreen
from pmcoach.tui.screens.exercise_done import ExerciseDoneScreen
from pmcoach.tui.screens.manager import ManagerScreen

REFLECTION_ANSWER = "Lead with the ask."


@pytest.fixture(autouse=True)
def quiet(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PMCOACH_NO_FSYNC", "1")


def pmcoach(today: dt.date, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    result = run(*args, today=today, stdin=stdin)
    assert result.returncode in (0, 3, 4), f"{args}: {result.stderr}\n{result.stdout}"
    return result


def answer(question: Question, rating: int) -> str:
    """The line the script types for a question: a rating, a count, or the reflection."""
    if question.kind == "reflection":
        return REFLECTION_ANSWER
    if question.kind == "frequency":
        return str(min(rating, question.out_of or rating))
    return str(rating)


@dataclass
class Script:
    """What the quarter means, written down as it is played."""

    states: dict[str, str] = field(default_factory=dict)  # commitment text -> final state
    texts: dict[str, str] = field(default_factory=dict)  # first text -> text now
    dues: dict[str, dt.date] = field(default_factory=dict)  # text now -> due now
    exercises_done: int = 0  # proposals done or partly done, each once
    weeks_done: list[int] = field(default_factory=list)
    track: Track = TRACK  # the track the next check-in is taken on
    tracks: dict[int, str] = field(default_factory=dict)  # week -> track of its check-in

    def checkin(
        self,
        week: int,
        review: list[str],
        exercises: list[str],
        made: list[tuple[str, str, str]] | None = None,
        *,
        weekday: int = 0,
        rating: int = 3,
        full: bool = False,
    ) -> str:
        """One plain check-in: the review's answers (commitments, then one line per exercise
        the session before proposed: `exercises` cut or padded with empty lines), every
        question answered with `rating`, the reflection and the commitments made."""
        today = day(week, weekday)
        history = sessions()
        plan = questions(self.track, history, full=full)
        marks = exercise_marks(history, exercises, "")
        self.exercises_done += sum(1 for m in marks if m in ("d", "p"))
        lines = [*review, *marks, *(answer(q, rating) for q in plan)]
        if not full:
            lines.append(f"Week {week}: gave the date first.")
            for text, to, due in made or []:
                lines += [text, to, due]
            lines.append("")
        kind = ["--full"] if full else []
        result = pmcoach(today, "checkin", "--plain", *kind, stdin="\n".join(lines) + "\n")
        assert "Done:" in result.stdout, result.stdout
        self.weeks_done.append(week)
        self.tracks[week] = self.track.id
        return result.stdout


async def in_the_app(today: dt.date, monkeypatch: pytest.MonkeyPatch, *keys: str) -> str:
    """Keys sent to the app in one burst on `today` (all queued before the first is handled;
    `pilot.press` would wait after each), then the app is closed; returns the focus line
    of the screen left on top (the dashboard's, once the keys went back to it)."""
    monkeypatch.setenv("PMCOACH_TODAY", today.isoformat())
    app = make_app(data_dir())
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await typed(pilot, *keys)
        assert not isinstance(app.screen, ExerciseDoneScreen | ManagerScreen), "left open"
        shown = app.screen.query("#focus").results(Static)
        focus = str(next(shown).render()) if isinstance(app.screen, DashboardScreen) else ""
    app.workspace.close()
    return focus


async def edit_in_the_app(
    today: dt.date, monkeypatch: pytest.MonkeyPatch, row: int, text: str, due: dt.date
) -> None:
    """`c`, the row, `e` and the form's keys in one burst (ctrl+u clears a field, tab goes
    to the next), and enter saves."""
    monkeypatch.setenv("PMCOACH_TODAY", today.isoformat())
    app = make_app(data_dir())
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await typed(
            pilot,
            "c",
            *["down"] * row,
            "e",
            "ctrl+u",
            *text,
            "tab",
            "tab",
            "ctrl+u",
            *due.isoformat(),
            "enter",
        )
        assert isinstance(app.screen, CommitmentListScreen)
    app.workspace.close()


async def test_a_quarter_through_the_plain_checkin(monkeypatch: pytest.MonkeyPatch) -> None:
    configured(track="new")
    script = Script()
    skills = len(TRACK.skills)

    # Week 1: the first check-in; two promises, due at the next review.
    out = script.checkin(
        1, [], [], [("Send the Q1 plan", "Dana", ""), ("Share the launch risks", "Lee", "")]
    )
    assert "Commitment 1 of" not in out

    # Week 2, on Wednesday (late): the plan was sent; the risks are renegotiated after
    # their due date (Monday) to Monday in two weeks; the exercises were done.
    late = day(4)
    out = script.checkin(
        2,
        ["m", f"r {late.isoformat()}"],
        ["d", "d"],
        [
            ("Write the pricing memo", "Priya", day(3, 2).isoformat()),
            ("Book the design review", "", ""),
        ],
        weekday=2,
    )
    assert f"Saved: renegotiated → {late:%a %d %b}." in out
    script.states["Send the Q1 plan"] = "met"

    # Friday: the first exercise of week 2 done on the exercises screen.
    await in_the_app(day(2, 4), monkeypatch, "e", "d", *"Rewrote two emails", "ctrl+s")
    script.exercises_done += 1

    # Week 3: the full assessment reviews the two promises of week 2; the exercise done
    # on Friday shows as done (an empty line keeps it), the other is partly done.
    out = script.checkin(3, ["m", "x"], ["", "p"], full=True, rating=4)
    assert "Commitment 1 of 2: Write the pricing memo" in out
    assert "Already marked done 18 Sep; an empty line keeps that." in out
    script.states["Write the pricing memo"] = "met"
    script.states["Book the design review"] = "missed"

    # Thursday of week 3: the manager's ratings after the 1:1.
    await in_the_app(day(3, 3), monkeypatch, "m", *["3"] * skills)

    # Week 4: the renegotiated risks come back on their new date and are kept; the full
    # assessment's exercises: done and not.
    out = script.checkin(
        4,
        ["m"],
        ["d", "n"],
        [("Send the churn analysis", "the team", ""), ("Call the partner", "Sam", "")],
    )
    assert "Commitment 1 of 1: Share the launch risks" in out
    script.states["Share the launch risks"] = "met"

    # Wednesday of week 4: the churn analysis is edited (more in it, two days more); on
    # Thursday the call, now first in the list (due sooner), is withdrawn.
    await edit_in_the_app(
        day(4, 2), monkeypatch, 0, "Send the churn analysis and the plan", day(5, 2)
    )
    await in_the_app(day(4, 3), monkeypatch, "c", "w", "y")
    script.states["Call the partner"] = "withdrawn"

    # Week 5 is marked off beforehand.
    pmcoach(day(4, 4), "skip", "--week", day(5).isoformat())

    # Week 6: the edited commitment (due Wednesday of week 5) is missed.
    out = script.checkin(6, ["x"], [], [("Publish the metrics note", "the team", "")])
    assert "Commitment 1 of 1: Send the churn analysis and the plan" in out
    assert "Call the partner" not in out
    script.states["Send the churn analysis and the plan"] = "missed"

    # Tuesday of week 6: the track switched from new to senior in settings. The senior
    # track's emphasised skills the new track never asked about have no score, so the first
    # of them in rubric order is the focus, "not rated yet", on the dashboard and in status.
    fresh = quarter_support.never_rated(RUBRIC, TRACK, SENIOR)
    assert fresh == ["think-big", "earn-trust", "drive-impact"]
    first = title(fresh[0])
    focus = await in_the_app(SWITCHED, monkeypatch, "s", "down", "enter", "ctrl+s")
    assert focus.startswith(f"◆ Focus: {first}: not rated yet"), focus
    assert Store.open(data_dir()).load_config().track == "senior"
    status = pmcoach(SWITCHED, "status").stdout
    assert f"focus {first} (not rated yet)" in status, status
    script.track = SENIOR

    # Week 7, the first check-in on the senior track: those skills' questions come before
    # all others (each of the other skills keeps its one place), so one check-in rates them.
    out = script.checkin(7, ["m"], [], [("Weekly promise 7", "the team", "")])
    script.states["Publish the metrics note"] = "met"
    asked = re.findall(r"^(.+) · Question \d+ of \d+$", out, re.MULTILINE)
    expected = quarter_support.first_checkin_after_switch(RUBRIC, TRACK, SENIOR)
    assert Counter(asked) == {title(s): n for s, n in expected.items()}, asked
    week7 = max(sessions(), key=lambda s: s.started)
    for skill in fresh:  # never rated, so each taken in rubric order
        ids = [a.question for a in week7.answers if (a.question or "").startswith(f"{skill}.")]
        rubric_first = [q.id for q in rotation.full_questions(RUBRIC, SENIOR) if q.skill == skill]
        assert ids == rubric_first[: expected[skill]], (skill, ids)
    # Rated now: the focus is the largest weighted gap again.
    store = Store.open(data_dir())
    config = store.load_config()
    assert config is not None
    now = dt.datetime.combine(day(7, 1), dt.time(12), tzinfo=ZoneInfo(ZONE))
    rated = quarter_support.focus_once_rated(RUBRIC, config, SENIOR, sessions(), now)
    status = pmcoach(day(7, 1), "status").stdout
    assert f"focus {title(rated)} ·" in status, status

    # Weeks 8 to 13: each week keeps last week's promise and makes one; exercises left open.
    promise = "Weekly promise 7"
    for week in range(8, 14):
        made = f"Weekly promise {week}"
        script.checkin(week, ["m"], [], [(made, "the team", "")])
        script.states[promise] = "met"
        promise = made
    script.states[promise] = "open"

    # ------------------------------------------------------------------ the files
    found = sessions()
    kinds = sorted(s.kind for s in found)
    assert kinds == ["full", "manager", *["weekly"] * 11]
    assert all(s.finished for s in found)
    # Each session's file names the track it was taken on: new until the switch.
    files = list((data_dir() / "sessions").rglob("*.toml"))
    assert len(files) == len(found)
    for path in files:
        saved = tomllib.loads(path.read_text(encoding="utf-8"))
        meant = "senior" if saved["started"].date() >= SWITCHED else "new"
        assert saved["track"] == meant, (path.name, saved["track"])
    assert [script.tracks[w] for w in range(7, 14)] == ["senior"] * 7
    store = Store.open(data_dir())
    history = ledger.build(store.sessions(), store.events())
    assert {e.text: e.state for e in history.commitments} == script.states
    risks = next(e for e in history.commitments if e.original.text == "Share the launch risks")
    assert risks.renegotiations == 1
    churn = next(e for e in history.commitments if e.original.text == "Send the churn analysis")
    assert (churn.text, churn.due, churn.edited) == (
        "Send the churn analysis and the plan",
        day(5, 2),
        True,
    )
    assert len(history.done()) == script.exercises_done
    kinds_of_events = sorted(e.kind for e in store.events())
    assert kinds_of_events == [
        "commitment-edit",
        "commitment-withdrawn",
        "exercise-done",
        "skip-week",
    ]

    # ------------------------------------------------------------------ status
    kept = sum(1 for s in script.states.values() if s == "met")
    missed = sum(1 for s in script.states.values() if s == "missed")
    status = pmcoach(day(13), "status").stdout
    assert f"streak {len(script.weeks_done)}" in status, status
    assert f"say/do {round(100 * kept / (kept + missed))}%" in status, status

    # ------------------------------------------------------------------ the JSON export
    target = data_dir().parent / "export.json"
    pmcoach(day(13), "export", "--format", "json", "--include-private", "-o", str(target))
    exported = json.loads(target.read_text(encoding="utf-8"))
    assert sorted(s["kind"] for s in exported["sessions"]) == kinds
    reviews = [r for s in exported["sessions"] for r in s.get("commitment_reviews", [])]
    assert sum(1 for r in reviews if r["outcome"] == "met") == kept
    assert sum(1 for r in reviews if r["outcome"] == "missed") == missed
    assert [r["due"] for r in reviews if r["outcome"] == "renegotiated"] == [late.isoformat()]
    edit = next(e for e in exported["events"] if e["kind"] == "commitment-edit")
    assert edit["text"]["text"] == "Send the churn analysis and the plan"
    assert edit["due"] == day(5, 2).isoformat()
    assert any(e["kind"] == "skip-week" and e["week"] == "2026-W41" for e in exported["events"])
    assert Path(data_dir()).is_dir()
    assert exported["config"]["time_zone"] == ZONE
    assert exported["config"]["track"] == "senior"
