"""The question screen at any typing speed: every key lands where it was meant.

Keys are sent in one burst (see `tui_support.typed`), then the saved session
file is compared with what the keys meant: a digit rates the question on screen
when it arrives, a note typed right after `n`, `v` or `e` is in the note, and
nothing changes an answer already given unless the person went back to it.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from typing import Any

import pytest
from support.tui import (
    TODAY,
    configured,
    data_dir,
    finished_session,
    local,
    only_session,
    session_files,
    settle,
    typed,
)
from textual.widgets import Static

from pmcoach.domain.checkin import CheckIn
from pmcoach.domain.model import Commitment, Question
from pmcoach.tui.app import PMCoachApp, make_app
from pmcoach.tui.screens.confirm import ConfirmScreen
from pmcoach.tui.screens.dashboard import DashboardScreen
from pmcoach.tui.screens.manager import ComparisonScreen, ManagerScreen
from pmcoach.tui.screens.question import QuestionScreen
from pmcoach.tui.screens.reflection import ReflectionScreen
from pmcoach.tui.screens.results import ResultsScreen
from pmcoach.tui.screens.week_review import WeekReviewScreen
from pmcoach.tui.widgets.key_bar import KeyBar
from pmcoach.tui.widgets.text_field import TextField


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PMCOACH_TODAY", TODAY)
    monkeypatch.setenv("PMCOACH_NO_FSYNC", "1")


def answers_by_question(doc: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {a["question"]: a for a in doc["answers"]}


def value(answer: dict[str, Any]) -> int:
    return int(answer["count"] if "count" in answer else answer["rating"])


def screen_text(app: PMCoachApp) -> str:
    return "\n".join(str(w.render()) for w in app.screen.query(Static))


def intended(questions: list[Question]) -> list[int]:
    """A mix of 5s, 4s and small numbers, within each question's range."""
    cycle = [5, 3, 1, 4, 2, 5, 4]
    values = []
    for index, question in enumerate(questions):
        wanted = cycle[index % len(cycle)]
        if question.kind == "frequency":
            wanted = min(wanted, question.out_of or 0)
        values.append(wanted)
    return values


async def start_weekly(pilot: Any, app: PMCoachApp) -> QuestionScreen:
    await settle(pilot)
    await pilot.press("w")
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, QuestionScreen)
    return screen


# --------------------------------------------------------------------------- ratings


async def test_ratings_typed_in_one_burst_land_on_their_questions() -> None:
    configured()
    app = make_app(data_dir())
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start_weekly(pilot, app)
        questions = list(screen.checkin.questions)
        values = intended(questions)
        await typed(pilot, *(str(v) for v in values))
        assert isinstance(app.screen, ReflectionScreen)
    saved = answers_by_question(only_session())
    assert [q.id for q in questions] == list(saved)
    assert [value(saved[q.id]) for q in questions] == values


async def test_five_three_one_in_one_burst() -> None:
    """The report: `5 3 1` saved 3 on the first question and 1 on the second."""
    configured()
    app = make_app(data_dir())
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start_weekly(pilot, app)
        first = screen.checkin.questions[:3]
        assert all(q.kind == "rating" or q.out_of == 5 for q in first)
        await typed(pilot, "5", "3", "1")
        assert screen.checkin.position == 3
        assert "4/" in str(app.screen.query_one("#question-header", Static).render())
    saved = answers_by_question(only_session())
    assert [value(saved[q.id]) for q in first] == [5, 3, 1]


async def test_w_and_the_ratings_in_one_burst_from_the_dashboard() -> None:
    configured()
    app = make_app(data_dir())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await typed(pilot, "w", "5", "3", "1")
        screen = app.screen
        assert isinstance(screen, QuestionScreen)
        assert screen.checkin.position == 3
        first = screen.checkin.questions[:3]
    saved = answers_by_question(only_session())
    assert [value(saved[q.id]) for q in first] == [5, 3, 1]


async def test_skipping_every_question_and_leaving_at_the_reflection_keeps_nothing() -> None:
    configured()
    app = make_app(data_dir())
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start_weekly(pilot, app)
        await typed(pilot, *["right"] * screen.checkin.total)
        assert isinstance(app.screen, ReflectionScreen)
        await typed(pilot, "escape")  # leaves the text box
        await typed(pilot, "escape")  # leaves the check-in
        assert isinstance(app.screen, DashboardScreen)
    assert session_files() == []


async def test_evidence_for_the_answer_just_given_attaches_to_it() -> None:
    configured()
    app = make_app(data_dir())
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start_weekly(pilot, app)
        first, second, third = screen.checkin.questions[:3]
        await typed(pilot, "5")
        text = screen_text(app)
        assert "That is a 5" in text and "e adds evidence" in text
        assert screen.checkin.position == 1  # the invitation does not hold the screen
        await typed(pilot, "e", *"Sent the plan 2 days early", "ctrl+s", "3", "1")
        assert screen.checkin.position == 3
    saved = answers_by_question(only_session())
    assert value(saved[first.id]) == 5
    assert saved[first.id]["note"] == {"text": "Sent the plan 2 days early", "private": False}
    assert value(saved[second.id]) == 3 and "note" not in saved[second.id]
    assert value(saved[third.id]) == 1


async def test_enter_after_a_five_does_not_move_the_next_answer() -> None:
    """Enter was how the old invitation was left; pressed from habit, it changes nothing."""
    configured()
    app = make_app(data_dir())
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start_weekly(pilot, app)
        first, second, third = screen.checkin.questions[:3]
        await typed(pilot, "5", "enter", "4", "enter", "2")
        assert screen.checkin.position == 3
    saved = answers_by_question(only_session())
    assert [value(saved[q.id]) for q in (first, second, third)] == [5, 4, 2]


async def test_only_going_back_changes_an_answer() -> None:
    configured()
    app = make_app(data_dir())
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start_weekly(pilot, app)
        first_four = screen.checkin.questions[:4]
        await typed(pilot, "5", "4", "left", "2", "backspace", "backspace", "1", "3", "3")
        assert screen.checkin.position == 4
    saved = answers_by_question(only_session())
    # Each digit after going back changes that answer, then goes on past the answers given.
    assert [value(saved[q.id]) for q in first_four] == [1, 2, 3, 3]


async def test_a_corrected_answer_goes_on_to_the_next_open_question() -> None:
    """Back two questions to fix one, then typing on: the next digit is for the first
    question not answered yet, never for the answer already given after the fixed one."""
    configured()
    app = make_app(data_dir())
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start_weekly(pilot, app)
        q = screen.checkin.questions
        await typed(pilot, "3", "2", "3", "left", "left", "1", "4", "2")
        assert screen.checkin.position == 5
    saved = answers_by_question(only_session())
    assert [value(saved[x.id]) for x in q[:5]] == [3, 1, 3, 4, 2]


async def test_a_digit_out_of_range_is_refused_and_does_not_move_on() -> None:
    configured()
    counted = Question(
        id="communicate.counted",
        skill="communicate",
        kind="frequency",
        prompt="Of your last 4 updates, how many opened with the answer?",
        out_of=4,
    )
    app = make_app(data_dir())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        workspace = app.workspace
        rated = workspace.plan("weekly")[0]
        assert rated.kind == "rating"
        checkin = CheckIn.start(
            kind="weekly",
            config=workspace.config,  # type: ignore[arg-type]
            rubric=workspace.rubric,
            questions=[counted, rated],
            device=workspace.device,
            now=workspace.now(),
            save=workspace.save_session,
            create=workspace.add_session,
        )
        screen = QuestionScreen(checkin)
        await app.push_screen(screen)
        await pilot.pause()
        await typed(pilot, "5")
        assert checkin.position == 0
        assert "5 is not an answer here" in screen_text(app)
        await typed(pilot, "9", "2", "0", "6", "4")
        assert checkin.position == 2
        assert "0 is not an answer here" in screen_text(app) or checkin.done
    saved = answers_by_question(only_session())
    assert saved[counted.id]["count"] == 2
    assert saved[rated.id]["rating"] == 4


# --------------------------------------------------------------------------- the note box


async def test_n_then_a_note_typed_at_once_goes_into_the_note() -> None:
    configured()
    app = make_app(data_dir())
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start_weekly(pilot, app)
        first, second = screen.checkin.questions[:2]
        await typed(pilot, "n", *"v2 shipped? 5 days late", "escape", "4", "2")
        assert screen.checkin.position == 2
    saved = answers_by_question(only_session())
    assert saved[first.id]["note"] == {"text": "v2 shipped? 5 days late", "private": False}
    assert [value(saved[q.id]) for q in (first, second)] == [4, 2]


async def test_edits_in_a_note_act_in_the_order_typed() -> None:
    configured()
    app = make_app(data_dir())
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start_weekly(pilot, app)
        first = screen.checkin.questions[0]
        keys = ["n", *"abc", "backspace", "d", "left", "X", "ctrl+s", "2"]
        await typed(pilot, *keys)
        assert screen.checkin.position == 1
    saved = answers_by_question(only_session())
    assert saved[first.id]["note"]["text"] == "abXd"
    assert saved[first.id]["rating"] == 2


async def test_v_opens_a_private_note_with_the_cursor_in_it() -> None:
    configured()
    app = make_app(data_dir())
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start_weekly(pilot, app)
        first = screen.checkin.questions[0]
        await typed(pilot, "v")
        field = app.screen.query_one("#note", TextField)
        assert field.has_focus and not field.has_class("hidden")
        assert "private" in screen_text(app)
        await typed(pilot, *"very private view", "escape", "3")
        assert screen.checkin.position == 1
    saved = answers_by_question(only_session())
    assert saved[first.id]["note"] == {"text": "very private view", "private": True}
    assert saved[first.id]["rating"] == 3


async def test_the_footer_lists_only_keys_that_work_where_the_focus_is() -> None:
    configured()
    app = make_app(data_dir())
    async with app.run_test(size=(100, 24)) as pilot:
        await start_weekly(pilot, app)
        bar = app.screen.query_one(KeyBar)
        outside = str(bar.render())
        assert "1-5" in outside and "? Help" in outside and "n Note" in outside
        assert "o No occasion" in outside
        await typed(pilot, "n")
        inside = str(bar.render())
        for gone in ("1-5", "? ", "v ", "n Note", "← ", "→ ", "o No occasion"):
            assert gone not in inside, inside
        assert "esc" in inside and "ctrl+s" in inside
        await typed(pilot, "escape")
        assert "1-5" in str(bar.render())


# --------------------------------------------------------------------------- whole sessions


async def test_a_full_assessment_in_one_burst() -> None:
    configured(track="new")
    app = make_app(data_dir())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, QuestionScreen)
        questions = list(screen.checkin.questions)
        values = intended(questions)
        keys = [str(v) for v in values]
        keys[0:1] = [keys[0], "e", *"Led the review", "ctrl+s"]
        await typed(pilot, *keys)
        assert isinstance(app.screen, ResultsScreen)
    doc = only_session()
    assert doc["kind"] == "full" and "finished" in doc
    saved = answers_by_question(doc)
    assert [value(saved[q.id]) for q in questions] == values
    assert saved[questions[0].id]["note"]["text"] == "Led the review"


async def test_the_managers_ratings_in_one_burst() -> None:
    configured(track="new")
    app = make_app(data_dir())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("m")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ManagerScreen) and screen.ratings is not None
        skills = [s.id for s in screen.ratings.skills]
        values = [5, 4, 2, 3, 1, 5, 4][: len(skills)] + [3] * (len(skills) - 7)
        keys = [str(v) for v in values]
        keys[1:2] = ["n", *"said 4, then 5?", "escape", "9", "0", keys[1]]
        await typed(pilot, *keys)
        assert isinstance(app.screen, ComparisonScreen)
    doc = only_session()
    assert doc["kind"] == "manager" and "finished" in doc
    by_skill = {a["skill"]: a for a in doc["answers"]}
    assert [by_skill[s]["rating"] for s in skills] == values
    assert by_skill[skills[1]]["note"]["text"] == "said 4, then 5?"


# --------------------------------------------------------------------------- no phantom sessions


async def test_leaving_a_check_in_with_no_answer_leaves_nothing() -> None:
    configured()
    app = make_app(data_dir())
    async with app.run_test(size=(80, 24)) as pilot:
        await start_weekly(pilot, app)
        await typed(pilot, "right", "escape")
        assert isinstance(app.screen, DashboardScreen)
        assert session_files() == []
    app.workspace.close()
    app = make_app(data_dir())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)  # nothing to resume
    assert session_files() == []


async def test_leaving_the_managers_ratings_with_no_answer_leaves_nothing() -> None:
    configured()
    app = make_app(data_dir())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await typed(pilot, "m", "escape")
        assert isinstance(app.screen, DashboardScreen)
    assert session_files() == []


async def test_leaving_the_review_of_last_week_with_nothing_marked_leaves_nothing() -> None:
    store = configured()
    last = finished_session(store, local("2026-11-16"), {"communicate.answer-first": 3})
    commitment = Commitment("c-1", "Send the plan", "Dana", dt.date(2026, 11, 23), False)
    store.save_session(
        type(last)(**{**last.__dict__, "commitments": (commitment,)})  # type: ignore[arg-type]
    )
    app = make_app(data_dir())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await typed(pilot, "w")
        assert isinstance(app.screen, WeekReviewScreen)
        await typed(pilot, "escape")
        assert isinstance(app.screen, DashboardScreen)
    assert len(session_files()) == 1  # last week's only


async def test_enter_on_the_review_of_last_week_goes_on_to_the_questions() -> None:
    store = configured()
    last = finished_session(store, local("2026-11-16"), {"communicate.answer-first": 3})
    first = Commitment("c-1", "Send the plan", "Dana", dt.date(2026, 11, 23), False)
    second = Commitment("c-2", "Book the review", "", dt.date(2026, 11, 23), False)
    store.save_session(
        type(last)(**{**last.__dict__, "commitments": (first, second)})  # type: ignore[arg-type]
    )
    app = make_app(data_dir())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await typed(pilot, "w")
        assert isinstance(app.screen, WeekReviewScreen)
        await typed(pilot, "m", "enter", "3")
        screen = app.screen
        assert isinstance(screen, QuestionScreen)
        assert screen.checkin.position == 1
    files = session_files()
    assert len(files) == 2
    doc = tomllib.loads(files[-1].read_text())
    assert doc["commitment_reviews"] == [{"commitment": "c-1", "outcome": "met"}]
    assert doc["answers"][0]["rating"] == 3


async def test_an_empty_unfinished_session_is_not_offered() -> None:
    """Left by an older version: nothing in it, so nothing to ask about on every start."""
    configured()
    app = make_app(data_dir())
    workspace = app.workspace
    workspace.store.save_session(workspace.start("weekly").session)
    assert len(session_files()) == 1
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        await typed(pilot, "w")
        assert isinstance(app.screen, QuestionScreen)
    assert session_files() == []


async def test_w_after_this_weeks_check_in_asks_before_another() -> None:
    store = configured()
    finished_session(store, local(TODAY, 8), {"communicate.answer-first": 3})
    app = make_app(data_dir())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await typed(pilot, "w")
        assert isinstance(app.screen, ConfirmScreen)
        assert "already" in screen_text(app)
        await typed(pilot, "n")
        assert isinstance(app.screen, DashboardScreen)
        assert len(session_files()) == 1
        await typed(pilot, "w", "y")
        assert isinstance(app.screen, QuestionScreen)


# --------------------------------------------------------------------------- no occasion


async def test_no_occasion_in_one_burst_is_saved_as_its_own_answer() -> None:
    """`o` between ratings: that question "no occasion", unscored; the rest rated in turn."""
    configured()
    app = make_app(data_dir())
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start_weekly(pilot, app)
        first, second, third, fourth = screen.checkin.questions[:4]
        assert "No occasion" in str(app.screen.query_one(KeyBar).render())
        await typed(pilot, "2", "o", "3", "o")
        assert screen.checkin.position == 4
        text = screen_text(app)
        assert "Previous answer saved: no occasion (not scored)" in text
    saved = answers_by_question(only_session())
    assert saved[second.id] == {"question": second.id, "no_occasion": True}
    assert saved[fourth.id] == {"question": fourth.id, "no_occasion": True}
    assert value(saved[first.id]) == 2 and value(saved[third.id]) == 3
    assert "skipped" not in saved[second.id]


async def test_going_back_to_no_occasion_shows_it_and_a_digit_rates_it() -> None:
    configured()
    app = make_app(data_dir())
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start_weekly(pilot, app)
        first = screen.checkin.questions[0]
        await typed(pilot, "o", "left")
        assert "Your answer: no occasion (not scored)" in screen_text(app)
        await typed(pilot, "enter")  # answered, so enter goes on
        assert screen.checkin.position == 1
        await typed(pilot, "left", "1")
    saved = answers_by_question(only_session())
    assert saved[first.id]["rating"] == 1 and "no_occasion" not in saved[first.id]


def test_the_question_help_names_the_no_occasion_key() -> None:
    from pmcoach.tui.screens.question import HELP

    assert "\n  o        no occasion: what it asks about did not come up" in HELP
    assert "not a skip" in HELP
