"""One history of commitments and exercises: every path reads the same ledger.

Each test here is a defect seen over a simulated quarter: a commitment made before a
full assessment never reviewed, exercises counted in two histories that disagree, a
renegotiation after the due date counted as missed, commitments that could not be
edited or withdrawn.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import tomllib
from dataclasses import replace

import pytest
from support.cli import run
from support.tui import TODAY, configured, data_dir, finished_session, local, settle
from textual.widgets import DataTable, Input

from pmcoach.app.present import dashboard
from pmcoach.app.records import commitment_outcome, edit_commitment, mark_exercise_done
from pmcoach.app.workspace import Workspace
from pmcoach.domain import ledger, streak
from pmcoach.domain.model import Commitment, CommitmentReview, Event, ExerciseReview, Text
from pmcoach.storage.codec import decode_event
from pmcoach.storage.store import Store
from pmcoach.tui.app import make_app
from pmcoach.tui.screens.commitment_list import CommitmentListScreen
from pmcoach.tui.screens.exercises import ExercisesScreen
from pmcoach.tui.screens.question import QuestionScreen
from pmcoach.tui.screens.week_review import WeekReviewScreen

EXERCISE = "communicate.rewrite-answer-first"


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PMCOACH_TODAY", TODAY)
    monkeypatch.setenv("PMCOACH_NO_FSYNC", "1")


def plain(*answers: str) -> subprocess.CompletedProcess[str]:
    return run(
        "checkin", "--plain", stdin="".join(a + "\n" for a in answers), today=None, timeout=60
    )


def promised(store: Store, day: str, *commitments: Commitment, kind: str = "weekly") -> None:
    """A finished session on `day` that made these commitments and proposed the exercise."""
    session = finished_session(
        store, local(day), {"communicate.answer-first": 3}, kind=kind, track="new"
    )
    store.save_session(replace(session, commitments=commitments, assigned=(EXERCISE,)))


def full_assessment(store: Store, day: str) -> None:
    session = finished_session(
        store, local(day), {"communicate.answer-first": 3}, kind="full", track="new", suffix="f001"
    )
    store.save_session(replace(session, assigned=(EXERCISE,)))


PLAN_MEMO = Commitment("c-0001", "Send the Q1 plan", "Dana", dt.date(2026, 11, 13))


def history() -> ledger.Ledger:
    store = Store.open(data_dir())
    return ledger.build(store.sessions(), store.events())


def newest(kind: str) -> dict[str, object]:
    docs = [tomllib.loads(p.read_text()) for p in (data_dir() / "sessions").rglob("*.toml")]
    return max((d for d in docs if d["kind"] == kind), key=lambda d: d["started"])  # type: ignore[arg-type, return-value]


def events(kind: str) -> list[Event]:
    found = [
        decode_event(tomllib.loads(p.read_text())) for p in data_dir().rglob("events/**/*.toml")
    ]
    return [e for e in found if e.kind == kind]


# ------------------------------------------------------------------ before a full assessment


async def test_a_full_assessment_opens_with_the_commitments_due() -> None:
    store = configured(track="new")
    promised(store, "2026-11-09", PLAN_MEMO)
    app = make_app(data_dir())
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, WeekReviewScreen), "a skipped the review"
        await pilot.press("m")
        await pilot.pause()
    doc = newest("full")
    assert doc["commitment_reviews"] == [{"commitment": "c-0001", "outcome": "met"}]
    assert history().commitments[0].state == "met"


def test_a_commitment_left_open_by_a_full_assessment_is_offered_by_the_next_checkin() -> None:
    store = configured(track="new")
    promised(store, "2026-11-09", PLAN_MEMO)
    full_assessment(store, "2026-11-16")  # no review there (or it was left open)
    result = plain("x", "q")
    assert "Commitment 1 of 1: Send the Q1 plan" in result.stdout
    doc = newest("weekly")
    assert doc["commitment_reviews"] == [{"commitment": "c-0001", "outcome": "missed"}]
    said = streak.say_do(history(), local(TODAY).tzinfo, local(TODAY, 12))  # type: ignore[arg-type]
    assert (said.met, said.missed) == (0, 1), "the outcome counts in say/do"


def test_a_commitment_is_offered_until_it_has_an_outcome() -> None:
    store = configured(track="new")
    promised(store, "2026-11-02", PLAN_MEMO)
    full_assessment(store, "2026-11-09")
    finished_session(store, local("2026-11-16"), {"communicate.answer-first": 3}, track="new")
    (entry,) = history().commitments
    assert entry.is_open
    result = plain("", "q")  # left open again
    assert "Commitment 1 of 1: Send the Q1 plan" in result.stdout


# --------------------------------------------------------------------------- exercises


def test_an_exercise_done_on_the_exercises_screen_shows_in_the_next_review() -> None:
    store = configured(track="new")
    promised(store, "2026-11-16")
    workspace = Workspace.open(data_dir())
    try:
        exercise = workspace.rubric.exercise(EXERCISE)
        assert exercise is not None
        mark_exercise_done(workspace, exercise, Text("Rewrote the launch email"))
    finally:
        workspace.close()
    result = plain("", "q")  # the exercise line: an empty line keeps the mark
    assert "Already marked done 23 Nov; an empty line keeps that." in result.stdout
    assert newest("weekly").get("exercise_reviews") is None, "not written a second time"
    marks = history().done()
    assert [(m.exercise, m.outcome) for m in marks] == [(EXERCISE, "done")]


async def test_the_review_shows_an_exercise_marked_done_and_e_shows_one_done_in_a_review() -> None:
    store = configured(track="new")
    promised(store, "2026-11-09")
    # Done last week in the review of the check-in of the 16th...
    reviewed = finished_session(
        store, local("2026-11-16"), {"communicate.answer-first": 3}, track="new", suffix="0002"
    )
    store.save_session(
        replace(
            reviewed,
            exercise_reviews=(ExerciseReview(EXERCISE, "done", Text("Two emails")),),
            assigned=("communicate.hedge-hunt",),
        )
    )
    # ...and this week's exercise marked done on the exercises screen on Wednesday.
    store.save_event(
        Event(
            id="20261118T110000Z-exercise-done-0001",
            kind="exercise-done",
            at=local("2026-11-18", 12),
            device="test-device",
            skill="communicate",
            data={"exercise": "communicate.hedge-hunt"},
        )
    )
    app = make_app(data_dir())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("e", "h")
        await pilot.pause()
        assert isinstance(app.screen, ExercisesScreen)
        table = app.screen.query_one(DataTable)
        assert table.row_count == 2, "the exercise done in a review is in 'done so far'"
        await pilot.press("escape", "w")
        await pilot.pause()
        assert isinstance(app.screen, WeekReviewScreen)
        table = app.screen.query_one(DataTable)
        outcomes = [str(table.get_row_at(i)[2]) for i in range(table.row_count)]
        assert outcomes == ["done 18 Nov"], outcomes


def test_an_exercise_marked_in_both_places_counts_once() -> None:
    store = configured(track="new")
    promised(store, "2026-11-09")
    store.save_event(
        Event(
            id="20261111T110000Z-exercise-done-0001",
            kind="exercise-done",
            at=local("2026-11-11", 12),
            device="test-device",
            skill="communicate",
            data={"exercise": EXERCISE},
        )
    )
    reviewed = finished_session(
        store, local("2026-11-16"), {"communicate.answer-first": 3}, track="new", suffix="0002"
    )
    store.save_session(replace(reviewed, exercise_reviews=(ExerciseReview(EXERCISE, "done"),)))
    from pmcoach.export import Period
    from pmcoach.export.report import build_report

    workspace = Workspace.open(data_dir())
    try:
        data = workspace.export_data(Period(None, local(TODAY).date(), "everything"), True)
        report = build_report(data)
    finally:
        workspace.close()
    assert len(report.exercises.items) == 1


# --------------------------------------------------------------------------- renegotiated


def test_renegotiated_after_the_due_date_is_not_counted_as_missed() -> None:
    store = configured(track="new")
    promised(store, "2026-11-09", PLAN_MEMO)  # due Fri 13 Nov
    late = finished_session(
        store, local("2026-11-16"), {"communicate.answer-first": 3}, track="new", suffix="0002"
    )
    store.save_session(
        replace(late, commitment_reviews=(CommitmentReview("c-0001", "renegotiated"),))
    )
    workspace = Workspace.open(data_dir())
    try:
        text = dashboard.overview(workspace).status_text
    finally:
        workspace.close()
    assert "say/do 100%" in text, text


def test_renegotiating_records_the_new_date_and_the_commitment_comes_back_then() -> None:
    store = configured(track="new")
    promised(store, "2026-11-16", replace(PLAN_MEMO, due=dt.date(2026, 11, 20)))
    result = plain("r 2026-12-04", "", "q")
    assert "Saved: renegotiated → Fri 04 Dec." in result.stdout
    doc = newest("weekly")
    assert doc["commitment_reviews"] == [
        {"commitment": "c-0001", "outcome": "renegotiated", "due": dt.date(2026, 12, 4)}
    ]
    (entry,) = history().commitments
    assert (entry.state, entry.due) == ("open", dt.date(2026, 12, 4))
    # Not offered before the new date (not even as last check-in's), offered from it on.
    sessions = Store.open(data_dir()).sessions()
    reviewing = next(s for s in sessions if s.id == doc["id"])

    def offered_on(day: str) -> list[str]:
        later = replace(
            reviewing,
            id=f"{day.replace('-', '')}T080000Z-weekly-0009",
            started=local(day),
            finished=None,
            commitment_reviews=(),
        )
        built = ledger.build([*sessions, later], ())
        return [e.id for e in built.to_review(later)]

    assert offered_on("2026-11-30") == []
    assert offered_on("2026-12-07") == ["c-0001"]


# --------------------------------------------------------------------------- edit and withdraw


async def test_a_commitment_is_edited_and_withdrawn_from_the_commitments_list() -> None:
    store = configured(track="new")
    promised(
        store,
        "2026-11-16",
        replace(PLAN_MEMO, due=dt.date(2026, 11, 27)),
        Commitment("c-0002", "Share the launch risks", "Lee", dt.date(2026, 11, 27)),
    )
    app = make_app(data_dir())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, CommitmentListScreen)
        await pilot.press("down", "w", "y")  # the second: withdrawn
        await pilot.pause()
        await pilot.press("up", "e")  # the first (open ones come first): edited
        await pilot.pause()
        app.screen.query_one("#what", Input).value = "Send the Q1 plan and the budget"
        app.screen.query_one("#due", Input).value = "2026-11-30"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CommitmentListScreen)
    app.workspace.close()
    edits = events("commitment-edit")
    assert len(edits) == 1 and edits[0].data == {
        "commitment": "c-0001",
        "due": dt.date(2026, 11, 30),
    }
    assert edits[0].text == Text("Send the Q1 plan and the budget", False)
    (withdrawn,) = events("commitment-withdrawn")
    assert withdrawn.data == {"commitment": "c-0002"}
    first, second = history().commitments
    assert (first.text, first.due, first.original.text) == (
        "Send the Q1 plan and the budget",
        dt.date(2026, 11, 30),
        "Send the Q1 plan",
    )
    assert second.state == "withdrawn"
    # Withdrawn: never offered again, out of say/do.
    result = plain("m", "q")
    assert "Commitment 1 of 1: Send the Q1 plan and the budget" in result.stdout
    said = streak.say_do(history(), local(TODAY).tzinfo, local(TODAY, 12))  # type: ignore[arg-type]
    assert (said.met, said.missed) == (1, 0)


async def test_r_in_a_review_asks_the_new_date_and_records_it() -> None:
    store = configured(track="new")
    promised(store, "2026-11-09", PLAN_MEMO)  # due Fri 13 Nov: the review is late
    app = make_app(data_dir())
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("w", "r", "ctrl+u", *"2026-12-04", "enter", "enter")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
    app.workspace.close()
    doc = newest("weekly")
    assert doc["commitment_reviews"] == [
        {"commitment": "c-0001", "outcome": "renegotiated", "due": dt.date(2026, 12, 4)}
    ]
    (entry,) = history().commitments
    assert (entry.state, entry.due) == ("open", dt.date(2026, 12, 4))
    said = streak.say_do(history(), local(TODAY).tzinfo, local(TODAY, 12))  # type: ignore[arg-type]
    assert said.ratio is None, "open until the new date: neither met nor missed"


# --------------------------------------------------------------------------- the files


def _event(kind: str, **data: object) -> dict[str, object]:
    return {
        "schema": 1,
        "id": f"20261123T110000Z-{kind}-0001",
        "kind": kind,
        "at": local(TODAY, 12),
        "device": "laptop",
        **data,
    }


@pytest.mark.parametrize(
    ("doc", "reason"),
    [
        (_event("commitment-review", outcome="met"), "commitment: missing"),
        (_event("commitment-review", commitment=7, outcome="met"), "commitment"),
        (_event("commitment-review", commitment="c-1", outcome="kept"), "outcome"),
        (_event("commitment-review", commitment="c-1", outcome="renegotiated"), "due: missing"),
        (
            _event("commitment-review", commitment="c-1", outcome="met", due=dt.date(2026, 12, 1)),
            "only a renegotiation",
        ),
        (_event("commitment-edit", commitment="c-1", due="soon"), "due"),
        (_event("commitment-edit", commitment="c-1"), "changes nothing"),
        (_event("commitment-edit", commitment="c-1", to="Dana"), "to"),
        (_event("commitment-withdrawn"), "commitment: missing"),
    ],
)
def test_a_commitment_event_the_ledger_cannot_use_is_a_problem(
    doc: dict[str, object], reason: str
) -> None:
    from pmcoach.storage.codec import SchemaError

    with pytest.raises(SchemaError, match=reason):
        decode_event(doc)


def test_a_private_commitments_edit_stays_private_in_the_json_export() -> None:
    store = configured(track="new")
    promised(store, "2026-11-16", replace(PLAN_MEMO, private=True, due=dt.date(2026, 11, 27)))
    workspace = Workspace.open(data_dir())
    try:
        (entry,) = workspace.ledger().commitments
        edit_commitment(workspace, entry, "Send the secret plan", "Dana's boss", entry.due)
        from pmcoach.export import Period
        from pmcoach.export.json import render

        period = Period(None, local(TODAY).date(), "everything")
        shared = render(workspace.export_data(period, False))
        full = render(workspace.export_data(period, True))
    finally:
        workspace.close()
    assert "secret" not in shared and "Dana's boss" not in shared
    assert "Send the secret plan" in full and "Dana's boss" in full


def test_an_edit_reads_back_from_a_backup_with_its_date() -> None:
    store = configured(track="new")
    promised(store, "2026-11-16", replace(PLAN_MEMO, due=dt.date(2026, 11, 27)))
    workspace = Workspace.open(data_dir())
    try:
        (entry,) = workspace.ledger().commitments
        edit_commitment(workspace, entry, entry.text, entry.to, dt.date(2026, 12, 4))
        commitment_outcome(
            workspace, workspace.ledger().commitments[0], "renegotiated", dt.date(2026, 12, 11)
        )
        from pmcoach.export import Period
        from pmcoach.export.json import render

        backup = render(
            workspace.export_data(Period(None, local(TODAY).date(), "everything"), True)
        )
    finally:
        workspace.close()
    from pmcoach.app.importer import restore
    from pmcoach.export.json_read import parse_export

    restored = Store.open(data_dir().parent / "restored")
    restore(restored, parse_export(backup.encode("utf-8")))
    restored.refresh()
    (entry,) = ledger.build(restored.sessions(), restored.events()).commitments
    assert (entry.due, entry.renegotiations) == (dt.date(2026, 12, 11), 1)
    edit = next(e for e in restored.events() if e.kind == "commitment-edit")
    assert edit.data["due"] == dt.date(2026, 12, 4)
