"""An exercise that includes a built-in drill counts the attempts saved while it is
assigned, reads "2 of 3 drills" where exercises are listed, and is done at the last one.

No file records the link: the ledger derives it from the drill events, so an attempt
made anywhere counts and nothing is written twice (docs/definitions.md, "Exercises").
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from support.cli import run
from support.tui import TODAY, configured, data_dir, finished_session, local, logged, settle
from textual.widgets import DataTable

from pmcoach.cache.opener import open_store
from pmcoach.domain import ledger
from pmcoach.domain.model import Event
from pmcoach.rubric.load import load_rubric
from pmcoach.storage.store import Store
from pmcoach.tui.app import make_app
from pmcoach.tui.screens.exercises import ExercisesScreen
from pmcoach.tui.screens.week_review import WeekReviewScreen

EXERCISE = "communicate.answer-first-drills"


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PMCOACH_TODAY", TODAY)
    monkeypatch.setenv("PMCOACH_NO_FSYNC", "1")


def proposed(store: Store, day: str, suffix: str = "0000") -> None:
    session = finished_session(
        store, local(day), {"communicate.answer-first": 3}, track="new", suffix=suffix
    )
    store.save_session(replace(session, assigned=(EXERCISE,)))


def attempt(store: Store, when: dt.datetime, suffix: str, drill: str = "answer-first") -> Event:
    event = logged("drill", when, "Yes: on Friday.", suffix, drill=drill, score=90)
    store.save_event(event)
    return event


def history() -> ledger.Ledger:
    store = open_store(data_dir())
    rubric = load_rubric(None).rubric
    assert rubric is not None
    return ledger.build(store.sessions(), store.events(), rubric.exercises)


def test_the_built_in_writing_exercises_include_their_drill() -> None:
    rubric = load_rubric(None).rubric
    assert rubric is not None
    linked = {e.id: e.drill for e in rubric.exercises if e.drill is not None}
    assert {k: (d.kind, d.attempts) for k, d in linked.items()} == {
        "communicate.answer-first-drills": ("answer-first", 3),
        "working-backwards.drills-then-a-proposal": ("working-backwards", 3),
    }


def test_attempts_while_assigned_count_and_the_last_one_marks_it_done() -> None:
    store = configured(track="new")
    attempt(store, local("2026-11-13", 12), "a000")  # before it was proposed: not counted
    proposed(store, "2026-11-16")
    attempt(store, local("2026-11-17", 12), "a001")
    attempt(store, local("2026-11-18", 12), "a002", drill="working-backwards")  # other drill
    attempt(store, local("2026-11-18", 13), "a003")
    proposal = history().proposals[0]
    assert proposal.drills is not None and proposal.drills.words == "2 of 3 drills"
    assert proposal.mark is None
    assert history().done() == ()

    third = attempt(store, local("2026-11-19", 12), "a004")
    attempt(store, local("2026-11-20", 12), "a005")  # past the last: still 3 of 3
    found = history()
    proposal = found.proposals[0]
    assert proposal.drills is not None and proposal.drills.words == "3 of 3 drills"
    assert proposal.mark is not None
    assert (proposal.mark.outcome, proposal.mark.source) == ("done", third.id)
    assert proposal.mark.by_drills
    assert [m.source for m in found.done()] == [third.id]


def test_marking_it_done_yourself_counts_once() -> None:
    store = configured(track="new")
    proposed(store, "2026-11-16")
    for index, day in enumerate(("2026-11-17", "2026-11-18", "2026-11-19")):
        attempt(store, local(day, 12), f"a00{index}")
    done = logged("exercise-done", local("2026-11-20", 12), "Harder than it looked.", "d001")
    store.save_event(replace(done, data={"exercise": EXERCISE}))
    assert [m.source for m in history().done()] == [done.id]


def test_proposed_again_starts_a_new_count() -> None:
    store = configured(track="new")
    proposed(store, "2026-11-09", "0001")
    attempt(store, local("2026-11-10", 12), "a001")
    proposed(store, "2026-11-16", "0002")
    attempt(store, local("2026-11-17", 12), "a002")
    first, second = history().proposals
    assert first.drills is not None and first.drills.done == 1
    assert second.drills is not None and second.drills.done == 1


async def test_the_exercises_screen_reads_how_far_the_drills_came() -> None:
    store = configured(track="new")
    proposed(store, "2026-11-16")
    attempt(store, local("2026-11-17", 12), "a001")
    attempt(store, local("2026-11-18", 12), "a002")
    app = make_app(data_dir())
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ExercisesScreen)
        table = app.screen.query_one(DataTable)
        assert str(table.get_row_at(0)[0]) == "2 of 3 drills"
        assert "Drills: 3 answer-first drills" in str(app.screen.query_one("#detail").render())


async def test_the_review_reads_how_far_the_drills_came() -> None:
    store = configured(track="new")
    proposed(store, "2026-11-16")
    attempt(store, local("2026-11-17", 12), "a001")
    app = make_app(data_dir())
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("w")
        await settle(pilot)
        assert isinstance(app.screen, WeekReviewScreen)
        rows = app.screen.query_one(DataTable)
        assert str(rows.get_row(f"e:{EXERCISE}")[2]) == "1 of 3 drills"


def test_the_plain_review_says_how_far_the_drills_came() -> None:
    """The plain check-in's review names the drills' progress as the app's does."""
    store = configured(track="new")
    proposed(store, "2026-11-16")
    attempt(store, local("2026-11-17", 12), "a001")
    done = run("checkin", "--plain", stdin="q\n")
    assert f"Exercise 1 of 1: {exercise_title()}" in done.stdout
    assert "So far: 1 of 3 drills." in done.stdout


def exercise_title() -> str:
    rubric = load_rubric(None).rubric
    assert rubric is not None
    return next(e.title for e in rubric.exercises if e.id == EXERCISE)
