"""The trust ledger: commit at the end of a check-in, review at the start of the next."""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import replace

import pytest
from support.tui import TODAY, configured, data_dir, finished_session, local
from textual.widgets import DataTable, Input, Static

from pmcoach.app.present import dashboard
from pmcoach.domain.model import Commitment
from pmcoach.storage.codec import decode_session
from pmcoach.tui.app import make_app
from pmcoach.tui.screens.commitments import CommitmentsScreen
from pmcoach.tui.screens.question import QuestionScreen
from pmcoach.tui.screens.reflection import ReflectionScreen
from pmcoach.tui.screens.results import ResultsScreen
from pmcoach.tui.screens.week_review import WeekReviewScreen


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PMCOACH_TODAY", TODAY)
    monkeypatch.setenv("PMCOACH_NO_FSYNC", "1")


def newest_session() -> dict[str, object]:
    files = sorted((data_dir() / "sessions").rglob("*.toml"))
    docs = [tomllib.loads(p.read_text()) for p in files]
    return max(docs, key=lambda d: d["started"])  # type: ignore[arg-type, return-value]


async def rate_all(pilot, app) -> None:  # type: ignore[no-untyped-def]
    for _ in range(100):
        if not isinstance(app.screen, QuestionScreen):
            return
        await pilot.press("3")
        await pilot.pause()


async def test_commit_then_review_next_week() -> None:
    store = configured(track="new")
    last = finished_session(store, local("2026-11-16"), {"communicate.answer-first": 3})
    store.save_session(
        replace(
            last,
            commitments=(
                Commitment("c-0001", "Send the Q1 plan", "Dana (finance)", dt.date(2026, 11, 20)),
                Commitment("c-0002", "Review the spec", "Lee", dt.date(2026, 11, 19)),
            ),
            assigned=("communicate.rewrite-answer-first",),
        )
    )
    app = make_app(data_dir())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, WeekReviewScreen)
        assert app.screen.query_one(DataTable).row_count == 3
        await pilot.press("m")  # first commitment met, cursor moves on
        await pilot.press("x")  # second missed
        await pilot.press("p")  # exercise partly done
        await pilot.pause()
        doc = newest_session()
        assert doc["commitment_reviews"] == [
            {"commitment": "c-0001", "outcome": "met"},
            {"commitment": "c-0002", "outcome": "missed"},
        ]
        assert doc["exercise_reviews"] == [
            {"exercise": "communicate.rewrite-answer-first", "outcome": "partly"}
        ]
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        await rate_all(pilot, app)
        assert isinstance(app.screen, ReflectionScreen)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, CommitmentsScreen)
        screen = app.screen
        # Empty text is refused in place.
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Say what you commit to" in str(screen.query_one("#form-error", Static).render())
        # A date in the past is refused in place.
        screen.query_one("#what", Input).value = "Ship the [bold]pricing[/] page"
        screen.query_one("#to", Input).value = "Sales"
        screen.query_one("#due", Input).value = "2026-11-01"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "in the past" in str(screen.query_one("#form-error", Static).render())
        screen.query_one("#due", Input).value = "2026-11-27"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert screen.query_one("#commitments", DataTable).row_count == 1
        await pilot.press("ctrl+f")
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
    session = decode_session(newest_session())
    assert session.finished is not None
    assert [(c.text, c.to, c.due) for c in session.commitments] == [
        ("Ship the [bold]pricing[/] page", "Sales", dt.date(2026, 11, 27))
    ]


async def test_without_anything_to_review_the_questions_come_first() -> None:
    configured()
    app = make_app(data_dir())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)


def test_the_dashboard_shows_say_do_over_12_weeks() -> None:
    from pmcoach.app.workspace import Workspace
    from pmcoach.domain.model import CommitmentReview

    store = configured(track="new")
    first = finished_session(store, local("2026-11-09"), {"communicate.answer-first": 3})
    store.save_session(
        replace(
            first,
            commitments=(
                Commitment("c-0001", "Send the plan", "Dana", dt.date(2026, 11, 13)),
                Commitment("c-0002", "Review the spec", "Lee", dt.date(2026, 11, 13)),
            ),
        )
    )
    second = finished_session(
        store, local("2026-11-16"), {"communicate.answer-first": 3}, suffix="b002"
    )
    store.save_session(
        replace(
            second,
            commitment_reviews=(
                CommitmentReview("c-0001", "met"),
                CommitmentReview("c-0002", "missed"),
            ),
        )
    )
    workspace = Workspace.open(data_dir())
    try:
        assert "say/do 50% (12 weeks)" in dashboard.overview(workspace).status_text
    finally:
        workspace.close()


async def test_the_whole_due_date_shows_after_adding_a_commitment() -> None:
    """At 80×24 the "By" field showed `026-12-09` after ctrl+s: a typed date leaves the
    cursor after its last character, and the field had no column for it."""
    from support.tui import typed

    configured(track="new")
    app = make_app(data_dir())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("w")
        await pilot.pause()
        await rate_all(pilot, app)
        await pilot.press("ctrl+s")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CommitmentsScreen)
        due = screen.query_one("#due", Input)
        keys = [*"Send the plan", "tab", *"Dana", "tab", *["backspace"] * 10, *"2026-12-09"]
        await typed(pilot, *keys)
        assert due.has_focus
        assert due.render_line(0).text.strip() == "2026-12-09"
        await typed(pilot, "ctrl+s")
        assert screen.query_one("#commitments", DataTable).row_count == 1
        assert due.render_line(0).text.strip() == "2026-12-09"
    assert newest_session()["commitments"][0]["due"] == dt.date(2026, 12, 9)  # type: ignore[index]
