"""What the weekly ritual looks like, pinned at 80×24 and 120×40 on a fixed day: this week's
exercises, last week's review at the start of a check-in (and the new date a renegotiation
asks for), the commitments at its end and in their list, and the manager's ratings after a 1:1.

Regenerate after an intended change with
`pytest tests/tui/test_ritual_snapshots.py --snapshot-update` and look at the report before
committing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from support.tui import TODAY, configured, data_dir, finished_session, local

from pmcoach.domain.model import Commitment, Event, Text
from pmcoach.tui.app import make_app
from pmcoach.tui.screens.question import QuestionScreen
from pmcoach.tui.screens.reflection import ReflectionScreen

SIZES = [(80, 24), (120, 40)]
SIZE_IDS = lambda s: f"{s[0]}x{s[1]}"  # noqa: E731


@pytest.fixture(autouse=True)
def history(monkeypatch: pytest.MonkeyPatch) -> None:
    """Two finished check-ins; the later one left two commitments and two exercises, one of
    which is already marked done."""
    monkeypatch.setenv("PMCOACH_TODAY", TODAY)
    monkeypatch.setenv("PMCOACH_NO_FSYNC", "1")
    store = configured(track="new")
    finished_session(
        store,
        local("2026-11-09"),
        {
            "communicate.answer-first": 2,
            "prioritize.said-no": 3,
            "execute.unblocked": 3,
            "working-backwards.problem-first": 2,
        },
        suffix="a001",
    )
    last = finished_session(
        store,
        local("2026-11-16"),
        {
            "communicate.answer-first": 3,
            "communicate.updates-with-numbers": 4,
            "prioritize.said-no": 4,
            "working-backwards.problem-first": 2,
        },
        suffix="a002",
    )
    store.save_session(
        replace(
            last,
            commitments=(
                Commitment("c-0001", "Send the Q1 plan", "Dana (finance)", dt.date(2026, 11, 20)),
                Commitment("c-0002", "Review the checkout spec", "Lee", dt.date(2026, 11, 19)),
            ),
            assigned=("communicate.rewrite-answer-first", "communicate.hedge-hunt"),
        )
    )
    store.save_event(
        Event(
            id="20261118T160000Z-exercise-done-e001",
            kind="exercise-done",
            at=local("2026-11-18", 17),
            device="test-device",
            skill="communicate",
            text=Text("Rewrote the launch update; the date came first"),
            data={"exercise": "communicate.rewrite-answer-first"},
        )
    )


async def to_commitments(pilot) -> None:  # type: ignore[no-untyped-def]
    """Through a whole weekly check-in to its last screen, with one commitment added."""
    await pilot.press("w")
    await pilot.pause()
    await pilot.press("m", "x", "d")  # last week: one met, one missed, the exercise done
    await pilot.press("enter")
    await pilot.pause()
    for _ in range(100):
        if not isinstance(pilot.app.screen, QuestionScreen):
            break
        await pilot.press("3")
        await pilot.pause()
    assert isinstance(pilot.app.screen, ReflectionScreen)
    await pilot.press("ctrl+s")
    await pilot.pause()
    await pilot.press(*"Send the launch date", "tab", *"Dana (finance)", "ctrl+s")
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_exercises(snap_compare, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(data_dir()), press=["e"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_week_review(snap_compare, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(data_dir()), press=["w", "m"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_commitments(snap_compare, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(data_dir()), run_before=to_commitments, terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_manager_after_rating(snap_compare, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(data_dir()), press=["m", "1"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_manager_back_to_rated(snap_compare, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(data_dir()), press=["m", "1", "left"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_commitment_list(snap_compare, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(data_dir()), press=["c"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_renegotiate_new_date(snap_compare, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(data_dir()), press=["w", "r"], terminal_size=size)
