"""Esc and the key right behind it, read in one go, are Esc and then that key.

A terminal cannot tell Esc then 3 from Alt+3: both are the bytes ESC 3. Textual's
input parser reads them, when they arrive together, as one key (`alt+d`, or a
character such as "£" for ESC 3). The keys here are the events Textual's own
parser makes of the bytes a fast typist or a script sends, so these tests follow
the parser if a new Textual reads those bytes differently.
"""

from __future__ import annotations

import datetime as dt
import time
import tomllib
from typing import Any

import pytest
from support.tui import TODAY, configured, data_dir, finished_session, local, settle, typed
from textual import constants, events
from textual._xterm_parser import XTermParser  # the bytes as the app reads them
from textual.app import App

from pmcoach.domain.model import Commitment
from pmcoach.tui import key_order, textual_gaps
from pmcoach.tui.app import make_app
from pmcoach.tui.screens.dashboard import DashboardScreen
from pmcoach.tui.screens.help import HelpScreen
from pmcoach.tui.screens.question import QuestionScreen
from pmcoach.tui.screens.week_review import WeekReviewScreen
from pmcoach.tui.widgets.text_field import TextField

ESC = "\x1b"


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PMCOACH_TODAY", TODAY)
    monkeypatch.setenv("PMCOACH_NO_FSYNC", "1")


def read(data: str) -> list[events.Key]:
    """The key events Textual's parser makes of `data` arriving in one read, then nothing:
    as the app would read them (its parser table as the app sets it)."""
    textual_gaps.read_esc_then_a_key()
    parser = XTermParser()
    found = list(parser.feed(data))
    time.sleep(constants.ESCAPE_DELAY + 0.05)
    found += parser.tick()
    found += parser.feed("")  # the end of input
    return [event for event in found if isinstance(event, events.Key)]


def names(keys: list[Any]) -> list[tuple[str, str | None]]:
    return [(key.key, key.character) for key in keys]


def split(keys: list[events.Key]) -> list[Any]:
    return [part for key in keys for part in key_order.apart(key)]


def sent(app: App[object], data: str) -> None:
    """`data` as one terminal read: every event queued before the app handles the first."""
    for event in read(data):
        app.post_message(event)


def only_session(newest: bool = False) -> dict[str, Any]:
    files = sorted((data_dir() / "sessions").rglob("*.toml"))
    assert files and (newest or len(files) == 1), files
    return tomllib.loads(files[-1].read_text(encoding="utf-8"))


def last_week_with_a_commitment() -> None:
    store = configured()
    last = finished_session(store, local("2026-11-16"), {"communicate.answer-first": 3})
    commitment = Commitment("c-1", "Send the plan", "Dana", dt.date(2026, 11, 23), False)
    store.save_session(
        type(last)(**{**last.__dict__, "commitments": (commitment,)})  # type: ignore[arg-type]
    )


# --------------------------------------------------------------------------- the reading


def test_the_parser_reads_esc_and_a_key_together_as_one_key() -> None:
    """Why the split is needed: what Textual makes of the bytes (with the app's table)."""
    assert names(read(ESC + "3")) == [(textual_gaps.MARKER + "3", None)]  # not "£"
    assert names(read(ESC + "é")) == [("alt+é", "é")]
    assert names(read("£")) == [("pound_sign", "£")]  # typed on its own, kept


def one_at_a_time(*parts: str) -> list[tuple[str, str | None]]:
    return [name for part in parts for name in names(read(part))]


# Esc b and Esc f are what macOS Terminal sends for Option+Left and Option+Right, and
# Textual reads them so (word left, word right): a note's editing keys, kept.
WORD_MOVES = "bf"


@pytest.mark.parametrize(
    "char", sorted((textual_gaps.THEN - set(WORD_MOVES)) | set("éÉßä")), ids=ascii
)
def test_esc_and_a_key_are_the_two_keys_typed_one_at_a_time(char: str) -> None:
    assert names(split(read(ESC + char))) == one_at_a_time(ESC, char)


@pytest.mark.parametrize(
    "keys",
    [
        ["draft", ESC, "34", ESC],  # another Esc in the same read: was "^34"
        ["?", ESC, "dp\r" + "1234567890" * 4],  # more than 32 keys after Esc: was "^dp…"
        [ESC, "?", ESC, "\r", ESC, " ", ESC, "-="],  # the Esc was lost, or "–≠"
        [ESC + "[A", ESC + "Ox", ESC + ESC],  # sequences keep their meaning (up, keypad 8)
    ],
    ids=ascii,
)
def test_a_burst_with_esc_is_the_keys_typed_one_at_a_time(keys: list[str]) -> None:
    assert names(split(read("".join(keys)))) == one_at_a_time(*keys)


def test_option_left_and_right_stay_word_moves() -> None:
    assert names(read(ESC + "b")) == [("ctrl+left", None)]
    assert names(read(ESC + "f")) == [("ctrl+right", None)]


def test_keys_that_are_not_an_esc_chord_are_left_as_they_are() -> None:
    for key in [
        events.Key("alt+d", None),  # Alt pressed, under a protocol that tells it from Esc
        events.Key("alt+backspace", None),
        events.Key("pound_sign", "£"),
        events.Key("escape", ESC),
        events.Key("ctrl+s", "\x13"),
    ]:
        assert key_order.apart(key) == [key]


# --------------------------------------------------------------------------- in the app


async def test_esc_then_ratings_read_in_one_go_leave_the_note_and_rate() -> None:
    """The report: w, Enter, then `v draft Esc 3 4` in one burst saved "draft£4" as the
    note and no rating."""
    last_week_with_a_commitment()
    app = make_app(data_dir())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await typed(pilot, "w")
        assert isinstance(app.screen, WeekReviewScreen)
        await typed(pilot, "enter")
        screen = app.screen
        assert isinstance(screen, QuestionScreen)
        first, second = screen.checkin.questions[:2]
        sent(app, "vdraft" + ESC + "34")
        await typed(pilot)
        assert not screen.query_one("#note", TextField).has_focus
        assert screen.checkin.position == 2
    answers = {a["question"]: a for a in only_session(newest=True)["answers"]}
    assert answers[first.id]["note"] == {"text": "draft", "private": True}
    assert [answers[q.id]["rating"] for q in (first, second)] == [3, 4]


async def test_esc_closes_the_help_and_the_keys_behind_it_go_on() -> None:
    """The report: `? Esc d p Enter` and digits in one burst left the help open and
    every key after it ignored."""
    last_week_with_a_commitment()
    app = make_app(data_dir())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await typed(pilot, "w")
        assert isinstance(app.screen, WeekReviewScreen)
        sent(app, "?" + ESC + "dm\r34")
        await typed(pilot)
        screen = app.screen
        assert not isinstance(screen, HelpScreen | WeekReviewScreen | DashboardScreen)
        assert isinstance(screen, QuestionScreen)
        first, second = screen.checkin.questions[:2]
        assert screen.checkin.position == 2
    doc = only_session(newest=True)
    assert doc["commitment_reviews"] == [{"commitment": "c-1", "outcome": "met"}]
    answers = {a["question"]: a for a in doc["answers"]}
    assert [answers[q.id]["rating"] for q in (first, second)] == [3, 4]
