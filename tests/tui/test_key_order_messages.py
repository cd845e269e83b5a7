"""A key typed right behind enter in a dialog lands where the dialog's answer put it.

Enter in a dialog's field runs the field's binding at the app; the binding posts a
message (`Input.Submitted`) to the field, which bubbles up to the dialog, and the
dialog closes itself there. The line of keys (`pmcoach/tui/key_order.py`) handed out
the next key as soon as the enter had been through the field and its containers, so a
key right behind it, in one burst, went into the closing dialog's field and was lost.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from support.tui import TODAY, configured, data_dir, finished_session, local, typed

from pmcoach.domain import ledger
from pmcoach.domain.model import Commitment
from pmcoach.storage.store import Store
from pmcoach.tui.app import make_app
from pmcoach.tui.screens.commitment_list import CommitmentListScreen
from pmcoach.tui.screens.week_review import WeekReviewScreen

PLAN = Commitment("c-0001", "Send the Q1 plan", "Dana", dt.date(2026, 11, 13))
RISKS = Commitment("c-0002", "Share the launch risks", "Lee", dt.date(2026, 11, 13))
EXERCISES = ("communicate.rewrite-answer-first", "communicate.hedge-hunt")


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PMCOACH_TODAY", TODAY)
    monkeypatch.setenv("PMCOACH_NO_FSYNC", "1")


def promised(day: str) -> Store:
    """Two commitments and two exercises from a check-in on `day`."""
    store = configured(track="new")
    session = finished_session(store, local(day), {"communicate.answer-first": 3}, track="new")
    store.save_session(replace(session, commitments=(PLAN, RISKS), assigned=EXERCISES))
    return store


async def test_the_review_goes_on_right_after_the_new_date_is_entered() -> None:
    promised("2026-11-09")
    app = make_app(data_dir())
    async with app.run_test(size=(80, 24)) as pilot:
        await typed(pilot, "w", "m", "r", "ctrl+u", *"2026-12-04", "enter", "d", "p")
        assert isinstance(app.screen, WeekReviewScreen)
        session = app.screen.checkin.session
    app.workspace.close()
    reviews = [(r.commitment, r.outcome, r.due) for r in session.commitment_reviews]
    assert reviews == [
        ("c-0001", "met", None),
        ("c-0002", "renegotiated", dt.date(2026, 12, 4)),
    ]
    outcomes = [(r.exercise, r.outcome) for r in session.exercise_reviews]
    assert outcomes == [(EXERCISES[0], "done"), (EXERCISES[1], "partly")]


async def test_the_list_takes_the_next_key_right_after_an_edit_is_saved() -> None:
    store = promised("2026-11-16")
    app = make_app(data_dir())
    async with app.run_test(size=(80, 24)) as pilot:
        keys = ["c", "e", "ctrl+u", *"Send the Q1 plan and the budget", "enter"]
        await typed(pilot, *keys, "w", "y")  # then withdrawn
        assert isinstance(app.screen, CommitmentListScreen)
    app.workspace.close()
    history = ledger.build(store.sessions(), store.events())
    assert [(e.text, e.state) for e in history.commitments] == [
        ("Send the Q1 plan and the budget", "withdrawn"),
        ("Share the launch risks", "open"),
    ]
