"""Both drills end to end in the app: keys in, feedback on screen, files in the data folder."""

from __future__ import annotations

import itertools
import os
import stat
import tomllib
from pathlib import Path

import pytest
from support.store_child import new_ids_from
from support.tui import TODAY, configured, data_dir, local, settle
from textual.widgets import DataTable, Static

from pmcoach.cli import main
from pmcoach.cli.commands import opening
from pmcoach.cli.exits import EXIT_USAGE
from pmcoach.domain import ids
from pmcoach.drills import attempts, drafts
from pmcoach.drills.answer_first import answer_first_feedback
from pmcoach.drills.answer_first_points import MAX_REPLY_CHARS
from pmcoach.rubric.load import load_rubric
from pmcoach.tui.app import make_app
from pmcoach.tui.screens.dashboard import DashboardScreen
from pmcoach.tui.screens.drill import AnswerFirstScreen
from pmcoach.tui.screens.drills import DrillsScreen
from pmcoach.tui.screens.help import HelpScreen
from pmcoach.tui.screens.progress import ProgressScreen
from pmcoach.tui.screens.working_backwards import WorkingBackwardsScreen
from pmcoach.tui.widgets.key_bar import KeyBar
from pmcoach.tui.widgets.text_field import TextField

FIRST_CARD = "communicate.drill-ship-this-quarter"


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PMCOACH_TODAY", TODAY)
    monkeypatch.setenv("PMCOACH_NO_FSYNC", "1")


def drill_events() -> list[dict[str, object]]:
    files = sorted((data_dir() / "events").rglob("*.toml"))
    return [tomllib.loads(p.read_text()) for p in files]


def shown(screen: object, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())  # type: ignore[attr-defined]


async def test_answer_first_from_the_dashboard_to_a_saved_attempt() -> None:
    configured(track="new")
    app = make_app(data_dir())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, DrillsScreen)
        await pilot.press("a")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, AnswerFirstScreen)
        assert "will checkout v2 ship this quarter?" in shown(screen, "#situation")
        assert "card 1 of 37" in shown(screen, "#title")
        await pilot.press(*"I think we will probably ship soon.")
        await pilot.press("ctrl+s")
        await pilot.pause()
        verdict = shown(screen, "#verdict")
        assert "Score 60/100" in verdict
        assert "✓ Answer first 40/40" in verdict and "“will probably”" in verdict
        assert "✗ What was asked 0/30" in verdict
        assert "1 hedge (−5 each): “I think”" in verdict
        assert "I think we will probably ship soon." in shown(screen, "#reply-view")
        assert not screen.query_one(TextField).display
        await pilot.press("ctrl+s")  # the same reply again: still one attempt
        await pilot.press("e")
        await pilot.pause()
        field = screen.query_one(TextField)
        assert field.display and field.has_focus
        field.text = "No: it ships in January. The payment review moved."
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Score 100/100" in shown(screen, "#verdict")
        await pilot.press("n")
        await pilot.pause()
        assert "card 2 of 37" in shown(screen, "#title")
        assert screen.query_one(TextField).text == ""
        await pilot.press("escape")  # leaves the text box
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DrillsScreen)
        assert "Your replies: 2 attempts" in shown(app.screen, "#choices")
    # The clock is fixed, so both attempts have the same time: order them by score.
    events = sorted(drill_events(), key=lambda e: int(e["score"]))  # type: ignore[call-overload]
    assert [(e["kind"], e["drill"], e["card"], e["score"]) for e in events] == [
        ("drill", "answer-first", FIRST_CARD, 60),
        ("drill", "answer-first", FIRST_CARD, 100),
    ]
    assert events[0]["skill"] == "communicate"
    assert events[0]["text"] == {"text": "I think we will probably ship soon.", "private": False}
    assert events[0]["failed"] == ["numbers", "hedges", "weasel-words"]
    assert "failed" not in events[1]


@pytest.mark.parametrize(
    ("reply", "message"),
    [("   ", "Write a reply first"), ("x" * (MAX_REPLY_CHARS + 1), "Shorten it")],
)
async def test_an_empty_or_enormous_reply_gets_a_message_and_is_not_saved(
    reply: str, message: str
) -> None:
    configured()
    app = make_app(data_dir(), start="answer-first")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, AnswerFirstScreen)
        screen.query_one(TextField).text = reply
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert message in shown(screen, "#verdict")
        assert screen.query_one(TextField).display
    assert not (data_dir() / "events").exists() or drill_events() == []


async def test_a_hostile_reply_is_shown_literally_and_saved_as_written() -> None:
    configured()
    reply = "[@click=app.quit]Yes[/] [bold]12 March \x1b]0;stolen\x07\u202eevil"
    app = make_app(data_dir(), start="answer-first")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        screen.query_one(TextField).text = reply
        await pilot.press("ctrl+s")
        await pilot.pause()
        view = shown(screen, "#reply-view")
        assert "[@click=app.quit]Yes[/] [bold]12 March" in view
        assert "\x1b" not in view and "\x07" not in view and "\u202e" not in view
        await pilot.click("#reply-view")
        await pilot.pause()
        assert app.is_running and isinstance(app.screen, AnswerFirstScreen)
    assert drill_events()[0]["text"] == {"text": reply, "private": False}


async def test_a_private_reply_is_saved_private() -> None:
    configured()
    app = make_app(data_dir(), start="answer-first")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        await pilot.press(*"Yes.", "escape", "v")
        assert "private: left out of exports" in shown(screen, "#expects")
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert drill_events()[0]["text"] == {"text": "Yes.", "private": True}


async def test_working_backwards_from_the_problem_to_a_finished_draft() -> None:
    configured(track="new")
    app = make_app(data_dir())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("d", "w")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, WorkingBackwardsScreen)
        assert "step 1 of 8 · The problem" in shown(screen, "#title")
        await pilot.press(*"We have the recommendations engine. We could combine them.")
        await pilot.pause()
        checks = shown(screen, "#checks")
        assert "✗ Problem first 0/20" in checks and "pieces in the pantry" in checks
        screen.query_one(
            TextField
        ).text = "Support agents spend 12 minutes reading each long ticket before they can reply."
        await pilot.pause()
        assert "✓ Problem first 20/20" in shown(screen, "#checks")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "step 2 of 8 · The solution" in shown(screen, "#title")
        texts = [
            "A three-line summary at the top of every ticket longer than 300 words.",
            "I answer twice as fast and never miss the point. — Maria, agent at Northwind",
            "Q: Does it read attachments? A: Not in the first version; 6% of tickets do.\n"
            "Q: What does it cost? A: Nothing extra on the Pro plan, used by 31 of 40 shops.",
            "Yes: every agent, on every long ticket, every day: 9,000 agents in all.",
            "Yes, reading time is the largest cost in support today: 45% of each day.",
            "Two engineers, and a pilot with billing in four weeks, from 2 March.",
            "Agents answer long tickets in a minute",
        ]
        for text in texts:
            screen.query_one(TextField).text = text
            await pilot.press("ctrl+s")
            await pilot.pause()
        assert "review" in shown(screen, "#title")
        review = shown(screen, "#checks")
        assert "Score 100/100" in review
        assert "The problem\nSupport agents spend 12 minutes" in review
        await pilot.press("b")  # back to the headline, then forward again
        await pilot.pause()
        assert "step 8 of 8" in shown(screen, "#title")
        assert screen.query_one(TextField).text == "Agents answer long tickets in a minute"
        await pilot.press("escape", "ctrl+s")
        await pilot.pause()
        await pilot.press("ctrl+s")  # finish
        await pilot.pause()
        assert isinstance(app.screen, DrillsScreen)
        table = app.screen.query_one(DataTable)
        assert table.row_count == 1
        assert str(table.get_row_at(0)[1]) == "Agents answer long tickets in a minute"
        assert str(table.get_row_at(0)[2]) == "100"
        await pilot.press("enter")  # open it again
        await pilot.pause()
        assert isinstance(app.screen, WorkingBackwardsScreen)
        assert app.screen.query_one(TextField).text.startswith("Support agents spend")
    files = list((data_dir() / "drafts").iterdir())
    assert len(files) == 1
    path = files[0]
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(path.parent).st_mode) == 0o700
    markdown = path.read_text()
    assert markdown.startswith("# Agents answer long tickets in a minute\n")
    assert "## The problem\n\nSupport agents spend 12 minutes" in markdown
    assert "## What a customer says\n\n> I answer twice as fast" in markdown
    event = drill_events()[0]
    assert event["drill"] == "working-backwards"
    assert event["draft"] == f"drafts/{path.name}"
    assert event["score"] == 100 and "failed" not in event
    assert event["skill"] == "working-backwards"


async def test_leaving_a_draft_keeps_it_and_an_empty_one_leaves_no_file() -> None:
    configured()
    app = make_app(data_dir(), start="working-backwards")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("escape", "escape")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        assert not (data_dir() / "drafts").exists()
        await pilot.press("d", "w")
        await pilot.pause()
        await pilot.press(*"Sellers wait 9 days for payouts.", "escape", "escape")
        await pilot.pause()
        assert isinstance(app.screen, DrillsScreen)
        assert app.screen.query_one(DataTable).row_count == 1
    assert not drill_events()  # left, not finished: no attempt recorded
    (path,) = (data_dir() / "drafts").iterdir()
    assert "Sellers wait 9 days for payouts." in path.read_text()


async def test_each_drill_screen_has_its_help() -> None:
    configured()
    app = make_app(data_dir())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for keys, words in [
            (("d",), "working backwards: a new press release"),
            (("a", "escape"), "Answer first       40"),
            # Back from help the text box has the focus again: esc leaves it, esc goes back.
            (("escape", "escape", "w", "escape"), "Problem first          20"),
        ]:
            for key in keys:
                await pilot.press(key)
                await pilot.pause()
            await pilot.press("question_mark")
            await pilot.pause()
            assert isinstance(app.screen, HelpScreen)
            assert words in str(app.screen.query_one("#help-text Static", Static).render())
            await pilot.press("escape")
            await pilot.pause()


async def test_the_progress_screen_shows_the_answer_first_trend() -> None:
    store = configured(track="new")
    rubric = load_rubric().rubric
    assert rubric is not None
    card = rubric.drill_cards[0]
    for day, reply in [("2026-11-16", "Maybe."), ("2026-11-20", "Yes, on 12 March.")]:
        feedback = answer_first_feedback(card, reply, rubric.word_lists)
        store.save_event(attempts.answer_first_event(card, reply, feedback, local(day), "d"))
    app = make_app(data_dir())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, ProgressScreen)
        line = shown(app.screen, "#drill-trend")
        assert line.startswith("Answer-first drill: 2 attempts · latest 100 · ")
        assert line.endswith("mean of last 2 62 · trend ▲ +75  ▂█")


async def test_without_attempts_the_progress_screen_shows_no_drill_line() -> None:
    configured(track="new")
    app = make_app(data_dir())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await pilot.pause()
        assert not app.screen.query_one("#drill-trend", Static).display


def test_the_drill_command_needs_a_folder_that_is_set_up(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main.main(["drill", "answer-first"]) == EXIT_USAGE
    assert "not set up yet" in capsys.readouterr().err


def test_the_drill_command_opens_the_app_on_the_drill(monkeypatch: pytest.MonkeyPatch) -> None:
    configured()
    opened: list[tuple[Path, str | None]] = []
    import pmcoach.tui.app

    monkeypatch.setattr(
        pmcoach.tui.app, "run_app", lambda d, start=None: opened.append((d, start)) or 0
    )
    monkeypatch.setattr(opening, "_need_terminal", lambda: None)  # as on a terminal
    assert main.main(["drill", "working-backwards"]) == 0
    assert main.main(["drill", "answer-first"]) == 0
    assert [start for _, start in opened] == ["working-backwards", "answer-first"]


def test_an_unknown_drill_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main.main(["drill", "bogus"])
    assert exit_info.value.code == EXIT_USAGE
    assert "answer-first" in capsys.readouterr().err


async def test_the_command_opens_on_the_drill_above_the_dashboard() -> None:
    configured()
    app = make_app(data_dir(), start="answer-first")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, AnswerFirstScreen)
        await pilot.press("escape", "escape")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)


async def test_a_new_draft_never_replaces_another_begun_in_the_same_second(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Another window began a draft in the same second with the same chance part of
    its id: the draft typed here gets a file of its own, and the other keeps its text."""
    configured()
    monkeypatch.setattr(ids, "suffix", new_ids_from(itertools.repeat("beef")))
    app = make_app(data_dir(), start="working-backwards")
    other = drafts.create(
        data_dir(), drafts.new_draft(app.workspace.now()).with_text("problem", "Theirs.")
    )[0]
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press(*"Sellers wait 9 days for payouts.", "escape", "escape")
        await pilot.pause()
    found = {d.draft.id: d.draft.get("problem") for d in drafts.load_all(data_dir())}
    assert found[other.id] == "Theirs."
    assert sorted(found.values()) == ["Sellers wait 9 days for payouts.", "Theirs."]


async def test_a_step_changed_from_the_review_comes_back_to_the_review() -> None:
    """`1-8` on the review changes one step: ctrl+s there brings the review back (not the
    step after it), and on the review the key bar says ctrl+s finishes, as the page does."""
    configured(track="new")
    app = make_app(data_dir(), start="working-backwards")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, WorkingBackwardsScreen)
        for n in range(8):
            screen.query_one(TextField).text = f"Section {n + 1} of the draft, for 40 shops."
            await pilot.press("ctrl+s")
        await pilot.pause()
        assert "review" in shown(screen, "#title")
        bar = str(screen.query_one(KeyBar).render())
        assert "ctrl+s Finish" in bar and "Next" not in bar
        await pilot.press("4", *" Q: Price? A: Free.", "ctrl+s")
        await pilot.pause()
        assert "review" in shown(screen, "#title")
        assert isinstance(app.screen, WorkingBackwardsScreen)
        assert "Q: Price? A: Free." in screen.current.get(drafts.SECTIONS[3].key)
        await pilot.press("ctrl+s")  # finish
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)  # opened above the dashboard
    assert [e["drill"] for e in drill_events()] == ["working-backwards"]
