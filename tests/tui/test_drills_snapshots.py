"""What the drills look like at 80×24: the answer-first feedback, and a working-backwards
draft as the problem is flagged and at its review.

Regenerate after an intended change with
`pytest tests/tui/test_drills_snapshots.py --snapshot-update` and look at the report.
"""

from __future__ import annotations

import pytest
from support.tui import TODAY, configured, data_dir

from pmcoach.drills.press_release import Draft
from pmcoach.tui.app import make_app
from pmcoach.tui.screens.working_backwards import WorkingBackwardsScreen
from pmcoach.tui.widgets.text_field import TextField

SIZE = (80, 24)
DRAFT = Draft(
    "20261123T080000Z-draft-0001",
    problem="We have the recommendations engine and the notification service. "
    "We could combine them, and it will let users act faster.",
    solution="A morning digest of the three orders most likely to need attention.",
    quote="I fix late orders before customers notice them.",
    faq="Q: Can I turn it off? A: Yes, in settings, in one click.",
    big_idea="Maybe: many sellers might like it.",
    should_we="Yes.",
    plan="Two engineers and a pilot with 50 sellers in four weeks.",
)


@pytest.fixture(autouse=True)
def folder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PMCOACH_TODAY", TODAY)
    monkeypatch.setenv("PMCOACH_NO_FSYNC", "1")
    configured(track="new")


def test_answer_first_feedback(snap_compare) -> None:  # type: ignore[no-untyped-def]
    async def reply(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.pause()
        pilot.app.screen.query_one(TextField).text = (
            "Hi Dana, I think we will probably ship soon. [bold]Many[/] risks remain, "
            "3 of them big.\nThe payment review is the one to watch."
        )
        await pilot.press("ctrl+s")
        await pilot.pause()

    app = make_app(data_dir(), start="answer-first")
    assert snap_compare(app, run_before=reply, terminal_size=SIZE)


def test_answer_first_buried_answer(snap_compare) -> None:  # type: ignore[no-untyped-def]
    async def reply(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.pause()
        pilot.app.screen.query_one(TextField).text = (
            "The vendor replied and certification passed. The team closed the last two "
            "bugs. So yes, we ship on 24 June."
        )
        await pilot.press("ctrl+s")
        await pilot.pause()

    app = make_app(data_dir(), start="answer-first")
    assert snap_compare(app, run_before=reply, terminal_size=SIZE)


def test_working_backwards_problem_flagged(snap_compare) -> None:  # type: ignore[no-untyped-def]
    async def problem(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.pause()
        pilot.app.push_screen(WorkingBackwardsScreen(DRAFT))
        await pilot.pause()
        pilot.app.screen.query_one(TextField).blur()
        await pilot.pause()

    assert snap_compare(make_app(data_dir()), run_before=problem, terminal_size=SIZE)


def test_working_backwards_review(snap_compare) -> None:  # type: ignore[no-untyped-def]
    async def review(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.pause()
        pilot.app.push_screen(WorkingBackwardsScreen(DRAFT))
        await pilot.pause()
        await pilot.press("escape", "8")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()

    assert snap_compare(make_app(data_dir()), run_before=review, terminal_size=SIZE)
