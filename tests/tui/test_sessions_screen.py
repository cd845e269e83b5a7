"""The session list (`l`) and a past session opened from it: the manager's ratings shown
and corrected, each session with its own track, deletes that say which session, a trash
that says kind and date, and a cursor that stays where it was."""

from __future__ import annotations

import datetime as dt
import os
import tomllib
from dataclasses import replace
from pathlib import Path

import pytest
from support.tui import TODAY, configured, data_dir, finished_session, local, settle
from textual.widgets import DataTable, Static

from pmcoach.domain.model import Answer, Session, Text
from pmcoach.storage.sessions import decode_session
from pmcoach.storage.store import Store
from pmcoach.tui.app import PMCoachApp, make_app
from pmcoach.tui.screens.confirm import ConfirmScreen
from pmcoach.tui.screens.results import ResultsScreen
from pmcoach.tui.screens.sessions import SessionListScreen
from pmcoach.tui.widgets.skill_table import SkillTable


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PMCOACH_TODAY", TODAY)
    monkeypatch.setenv("PMCOACH_NO_FSYNC", "1")


def manager_session(store: Store, day: str) -> Session:
    when = local(day, 15)
    session = Session(
        id=f"{when.astimezone(dt.UTC):%Y%m%dT%H%M%SZ}-manager-e001",
        kind="manager",
        track="senior",
        rubric="builtin@2026.11",
        device="test-device",
        started=when,
        updated=when,
        finished=when,
        answers=(
            Answer(skill="communicate", rating=3, note=Text("clear updates")),
            Answer(skill="think-big", rating=2),
            Answer(skill="earn-trust", skipped=True),
        ),
    )
    store.save_session(session)
    return session


def rows(app: PMCoachApp, selector: str) -> list[list[str]]:
    table = app.screen.query_one(selector, DataTable)
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


def session_file(session: Session) -> Path:
    found = [p for p in (data_dir() / "sessions").rglob("*.toml") if p.stem == session.id]
    assert len(found) == 1, found
    return found[0]


async def open_list(pilot) -> None:  # type: ignore[no-untyped-def]
    await settle(pilot)
    await pilot.press("l")
    await pilot.pause()
    assert isinstance(pilot.app.screen, SessionListScreen)


async def test_a_managers_session_shows_its_ratings_and_can_be_corrected() -> None:
    store = configured(track="senior")
    session = manager_session(store, "2026-11-19")
    app = make_app(data_dir())
    async with app.run_test(size=(120, 40)) as pilot:
        await open_list(pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        shown = rows(app, "#answers")
        assert [r[0] for r in shown] == ["Communicate", "Think big", "Earn trust"]
        assert [r[2] for r in shown] == ["3", "2", "skipped"]
        assert shown[0][4] == "clear updates"  # skill, you, manager, difference, note
        assert "Manager's ratings · Thu 19 Nov 2026 15:00" in str(
            app.screen.query_one("#title", Static).render()
        )
        # The footer offers 1-5 Correct: the keys do what it says, burst and all.
        await pilot.press("down", "4", "down", "5")
        await pilot.pause()
        assert [r[2] for r in rows(app, "#answers")] == ["3", "4", "5"]
    fixed = decode_session(tomllib.loads(session_file(session).read_text()))
    assert [(a.skill, a.rating, a.skipped) for a in fixed.answers] == [
        ("communicate", 3, False),
        ("think-big", 4, False),
        ("earn-trust", 5, False),
    ]
    assert fixed.answers[0].note == Text("clear updates")
    assert fixed.updated > session.updated and fixed.finished == session.finished


async def test_a_past_session_shows_its_own_tracks_skills() -> None:
    store = configured(track="senior")  # switched to senior since
    finished_session(store, local("2026-10-05"), {"communicate.answer-first": 2}, track="new")
    app = make_app(data_dir())
    async with app.run_test(size=(120, 40)) as pilot:
        await open_list(pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        titles = [str(row[0]) for row in app.screen.query_one(SkillTable).rows_text()]
        assert titles == ["Communicate", "Prioritize", "Execute", "Working backwards"]


async def test_the_delete_question_names_the_session_and_the_trash_shows_kind_and_date() -> None:
    store = configured(track="new")
    finished_session(store, local("2026-11-16"), {"communicate.answer-first": 2}, track="new")
    finished_session(
        store, local("2026-11-09"), {"communicate.answer-first": 3}, track="new", suffix="0001"
    )
    app = make_app(data_dir())
    async with app.run_test(size=(120, 40)) as pilot:
        await open_list(pilot)
        await pilot.press("down", "delete")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert app.screen.question == "Move Weekly check-in of Mon 09 Nov 2026 09:00 to trash/?"
        await pilot.press("y", "t")
        await pilot.pause()
        assert rows(app, "#sessions") == [["2026-11-09 09:00", "Weekly check-in", "1", "in trash"]]
        await pilot.press("t", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        await pilot.press("delete")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert app.screen.question.startswith(
            "Move Weekly check-in of Mon 16 Nov 2026 09:00 to trash/?"
        )


async def test_a_name_in_the_trash_that_is_not_an_id_is_shown_as_it_is() -> None:
    configured(track="new")
    trash = data_dir() / "trash" / "sessions" / "2026"
    trash.mkdir(parents=True)
    (trash / "notes[@click=app.quit].toml").write_text("x")
    (trash / "20260924T100000Z-full-0a1b~2.toml").write_text("x")
    app = make_app(data_dir())
    async with app.run_test(size=(120, 40)) as pilot:
        await open_list(pilot)
        await pilot.press("t")
        await pilot.pause()
        assert rows(app, "#sessions") == [
            ["notes[@click=app.quit].toml", "unknown", "?", "in trash"],
            ["2026-09-24 12:00", "Full assessment", "?", "in trash"],
        ]


async def test_the_trash_counts_answers_as_the_live_list_does() -> None:
    """The Answered column was blank in the trash. A trashed session counts its answers
    as the live list counts them (skipped ones left out), whatever its kind."""
    store = configured(track="new")
    weekly = finished_session(
        store,
        local("2026-11-16"),
        {"communicate.answer-first": 3, "communicate.gave-the-date": 4},
        track="new",
    )
    store.save_session(
        replace(
            weekly, answers=(*weekly.answers, Answer(question="prioritize.said-no", skipped=True))
        )
    )
    manager_session(store, "2026-11-10")
    app = make_app(data_dir())
    async with app.run_test(size=(120, 40)) as pilot:
        await open_list(pilot)
        live = [row[2] for row in rows(app, "#sessions")]
        assert live == ["2", "2"]
        await pilot.press("delete", "y")
        await pilot.pause()
        await pilot.press("delete", "y")
        await pilot.pause()
        await pilot.press("t")
        await pilot.pause()
        assert [row[1:3] for row in rows(app, "#sessions")] == [
            ["Weekly check-in", "2"],
            ["Manager's ratings", "2"],
        ]


async def test_a_trashed_file_that_cannot_be_read_counts_as_a_question_mark() -> None:
    """The trash may hold anything: each file is read as the store reads a session, and
    what it cannot read shows `?`, without a hang on a FIFO or a read behind a link."""
    store = configured(track="new")
    real = finished_session(store, local("2026-11-16"), {"communicate.answer-first": 3})
    trash = data_dir() / "trash" / "sessions" / "2026"
    trash.mkdir(parents=True)
    names = {
        "20261101T100000Z-weekly-0001": b"\xff\xfe not text",
        "20261102T100000Z-weekly-0002": b'schema = 1\nkind = "weekly"\n',  # not a session
        "20261103T100000Z-weekly-0003": b"x = [" + b"[" * 5000,
        "20261104T100000Z-weekly-0004": b"# " + b"a" * (2 * 1024 * 1024),
    }
    for name, data in names.items():
        (trash / f"{name}.toml").write_bytes(data)
    (trash / "20261105T100000Z-weekly-0005.toml").symlink_to(session_file(real))
    os.mkfifo(trash / "20261106T100000Z-weekly-0006.toml")
    app = make_app(data_dir())
    async with app.run_test(size=(120, 40)) as pilot:
        await open_list(pilot)
        await pilot.press("t")
        await pilot.pause()
        assert [row[2] for row in rows(app, "#sessions")] == ["?"] * 6


async def test_the_cursor_stays_on_the_session_after_opening_it_or_deleting_one() -> None:
    store = configured(track="new")
    for index, day in enumerate(("2026-11-16", "2026-11-09", "2026-11-02", "2026-10-26")):
        finished_session(
            store, local(day), {"communicate.answer-first": 3}, track="new", suffix=f"{index:04x}"
        )
    app = make_app(data_dir())
    async with app.run_test(size=(120, 40)) as pilot:
        await open_list(pilot)
        table = app.screen.query_one("#sessions", DataTable)
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, SessionListScreen)
        assert table.cursor_row == 2
        await pilot.press("delete", "y")
        await pilot.pause()
        assert table.row_count == 3
        assert table.cursor_row == 2  # the next older session, now in its place
        assert str(table.get_row_at(2)[0]) == "2026-10-26 09:00"


@pytest.mark.parametrize("size", [(80, 24), (160, 50)])
async def test_the_question_column_takes_the_width_there_is(size: tuple[int, int]) -> None:
    """At 160 columns the questions were cut at 36 characters with half the row empty,
    and at 80 the note ran off the right edge: the question takes what the skill,
    rating and note columns leave, and every row fits the terminal."""
    store = configured(track="new")
    note = Text("Opened the launch update with the date and the one risk")
    finished_session(
        store,
        local("2026-11-16"),
        {"communicate.answer-first": 3, "prioritize.said-no": 4},
        track="new",
        note=note,
    )
    app = make_app(data_dir())
    width = size[0]
    async with app.run_test(size=size) as pilot:
        await open_list(pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        table = app.screen.query_one("#answers", DataTable)
        assert table.virtual_size.width <= table.scrollable_content_region.width
        first = table.render_line(1).text
        prompt = app.workspace.rubric.question("communicate.answer-first").prompt  # type: ignore[union-attr]
        shown = first.split("  ")[1:]
        question = next(part.strip() for part in shown if part.strip())
        assert question.endswith("…")
        assert prompt.startswith(question[:-1])
        # Skill (16), rating, note and the cells between them: the question has the rest.
        assert len(question) >= width - 2 - 16 - 6 - 30 - 8 - 2 - 4
        assert "Opened the" in first
        await pilot.resize_terminal(width + 40, size[1])
        await pilot.pause()
        assert table.virtual_size.width <= table.scrollable_content_region.width
        wider = table.render_line(1).text
        assert len(wider.rstrip()) > len(first.rstrip()) + 30


async def test_a_past_session_shows_no_occasion_and_an_old_count_rescored() -> None:
    """A count of 2 of 5 from old history reads 2.6 (not the 3 its file keeps), and a "no
    occasion" answer reads as such, not as skipped; opening it leaves the file as it was."""
    store = configured(track="senior")
    when = local("2026-11-19", 15)
    session = Session(
        id=f"{when.astimezone(dt.UTC):%Y%m%dT%H%M%SZ}-weekly-e002",
        kind="weekly",
        track="senior",
        rubric="builtin@2026.11",
        device="test-device",
        started=when,
        updated=when,
        finished=when,
        answers=(
            Answer(question="communicate.answer-first", no_occasion=True),
            Answer(question="communicate.updates-with-numbers", count=2, out_of=5, rating=3),
        ),
    )
    store.save_session(session)
    before = session_file(session).read_bytes()
    app = make_app(data_dir())
    async with app.run_test(size=(120, 40)) as pilot:
        await open_list(pilot)
        assert rows(app, "#sessions")[0][2] == "2"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        assert [r[2] for r in rows(app, "#answers")] == ["no occasion", "2/5 → 2.6"]
    assert session_file(session).read_bytes() == before


async def test_o_corrects_a_past_answer_to_no_occasion_and_a_digit_back() -> None:
    store = configured(track="senior")
    session = finished_session(
        store,
        local("2026-11-19", 15),
        {"communicate.answer-first": 4, "communicate.gave-the-date": 2},
        note=Text("kept"),
    )
    app = make_app(data_dir())
    async with app.run_test(size=(120, 40)) as pilot:
        await open_list(pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        await pilot.press("o", "down", "o", "3")
        await pilot.pause()
        assert [r[2] for r in rows(app, "#answers")] == ["no occasion", "3"]
    fixed = decode_session(tomllib.loads(session_file(session).read_text()))
    first, second = fixed.answers
    assert first.no_occasion and first.rating is None and first.note == Text("kept")
    assert second.rating == 3 and not second.no_occasion
