"""`pmcoach grade`, `win` and `skip`: one event file each, one confirming line, or nothing.

Every refusal is one line on stderr with exit 2, and leaves the events folder as it was.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from support.cli import home, run
from support.rubric import builtin

from pmcoach.app import capture
from pmcoach.app.capture import CaptureError, Context
from pmcoach.domain import streak
from pmcoach.domain.model import Config, Event, Session, Text
from pmcoach.storage.store import Store

BERLIN = ZoneInfo("Europe/Berlin")


RUBRIC = builtin()
NOW = dt.datetime(2026, 11, 23, 12, tzinfo=BERLIN)

USER_RUBRIC = """\
bank = "acme"
version = "3"

[[skill]]
id = "data-fluency"
title = "Data fluency"
summary = "Reads the numbers behind the product without an analyst in the room."

[[question]]
id = "data-fluency.weekly-metrics"
skill = "data-fluency"
kind = "frequency"
prompt = "Of your last 5 weekly reviews, in how many could you state your top metric?"
out_of = 5
"""


@pytest.fixture
def store() -> Store:
    opened = Store.open(home())
    opened.save_config(
        Config(track="new", review_day=0, review_time=dt.time(9), time_zone="Europe/Berlin")
    )
    return opened


def events() -> list[Event]:
    return Store.open(home()).events()


def event_files() -> list[Path]:
    return sorted((home() / "events").rglob("*.toml"))


def saved(result: subprocess.CompletedProcess[str]) -> Event:
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout.count("\n") == 1 and result.stdout.startswith("saved: ")
    (event,) = events()
    assert f"events/2026/{event.id}.toml" in result.stdout
    return event


def refused(result: subprocess.CompletedProcess[str], words: str) -> None:
    assert result.returncode == 2, result.stdout
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert words in result.stderr
    assert event_files() == []


# --------------------------------------------------------------------------- grade


def test_grade_saves_one_event(store: Store) -> None:
    result = run("grade", "Launch update email", "--rating", "4")
    event = saved(result)
    assert event.kind == "grade"
    assert event.skill == "communicate"
    assert event.text == Text("Launch update email", False)
    assert event.data == {"rating": 4}
    assert event.at == NOW and event.device == "test-device"
    assert event.id.startswith("20261123T110000Z-grade-")
    assert '"Launch update email" graded 4/5 for Communicate' in result.stdout


def test_grade_with_a_skill_a_note_and_private(store: Store) -> None:
    result = run(
        "grade",
        "Exec sync",
        "--rating",
        "2",
        "--skill",
        "Prioritize",
        "--note",
        "Buried the ask",
        "--private",
    )
    event = saved(result)
    assert event.skill == "prioritize"
    assert event.text == Text("Exec sync", True)
    assert event.data == {"rating": 2, "note": {"text": "Buried the ask", "private": True}}
    assert "(private)" in result.stdout
    text = event_files()[0].read_text()
    assert 'note = { text = "Buried the ask", private = true }' in text


def test_grade_accepts_a_skill_from_the_users_rubric(store: Store) -> None:
    (home() / "rubrics" / "acme.toml").write_text(USER_RUBRIC)
    event = saved(run("grade", "Metrics review", "--rating", "5", "--skill", "data-fluency"))
    assert event.skill == "data-fluency"


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--rating", "0"], "rating must be a whole number from 1 to 5"),
        (["--rating", "6"], "rating must be a whole number from 1 to 5"),
        (["--rating", "x"], "rating must be a whole number from 1 to 5"),
        (["--rating", "2.5"], "rating must be a whole number from 1 to 5"),
        (["--rating", "3", "--skill", "juggling"], "no skill 'juggling' (known: communicate"),
        (["--rating", "3", "--note", "  "], "the note is empty"),
        ([], "--rating"),
    ],
)
def test_grade_refusals(store: Store, args: list[str], words: str) -> None:
    refused(run("grade", "Launch update email", *args), words)


@pytest.mark.parametrize("text", ["", "   "])
def test_grade_with_empty_text_is_refused(store: Store, text: str) -> None:
    refused(run("grade", text, "--rating", "3"), "the text is empty")


def test_text_that_is_not_utf8_is_refused(store: Store) -> None:
    refused(run("grade", b"caf\xe9", "--rating", "3"), "cannot be saved")


def test_grade_before_set_up_says_so_and_creates_nothing() -> None:
    result = run("grade", "Launch update email", "--rating", "4")
    assert result.returncode == 2
    assert "not set up yet" in result.stderr and result.stderr.count("\n") == 1
    assert not home().exists()


# --------------------------------------------------------------------------- win


def test_win_saves_one_event(store: Store) -> None:
    # Earn trust is not a skill of the new track, but evidence for it is still evidence.
    result = run("win", "Dana thanked me for the early warning", "--skill", "earn trust")
    event = saved(result)
    assert event.kind == "win" and event.skill == "earn-trust"
    assert event.text == Text("Dana thanked me for the early warning", False)


def test_win_with_kind_and_private(store: Store) -> None:
    result = run(
        "win", "Wrote the Q1 plan", "--skill", "execute", "--kind", "artifact", "--private"
    )
    event = saved(result)
    assert event.kind == "win"
    assert event.skill == "execute"
    assert event.text == Text("Wrote the Q1 plan", True)
    assert event.data == {"win_kind": "artifact"}
    assert "a win for Execute (artifact)" in result.stdout


def test_win_kind_defaults_to_self(store: Store) -> None:
    event = saved(run("win", "Said no to the partner integration", "--skill", "prioritize"))
    assert event.data == {"win_kind": "self"}
    assert event.text == Text("Said no to the partner integration", False)


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["Shipped", "--skill", "execute", "--kind", "boss"], "kind must be one of artifact, peer"),
        (["Shipped", "--skill", "nope"], "no skill 'nope'"),
        (["Shipped"], "--skill"),
        (["", "--skill", "execute"], "the text is empty"),
    ],
)
def test_win_refusals(store: Store, args: list[str], words: str) -> None:
    refused(run("win", *args), words)


# --------------------------------------------------------------------------- skip


def test_skip_marks_this_week_off(store: Store) -> None:
    result = run("skip")
    event = saved(result)
    assert event.kind == "skip-week"
    assert event.data == {"week": "2026-W48"}
    assert event.text is None and event.skill is None
    assert "week 2026-W48 (23 Nov – 29 Nov 2026) is off" in result.stdout
    status = run("status")
    assert status.returncode == 0 and "week off" in status.stdout


@pytest.mark.parametrize(
    ("week", "expected"),
    [
        ("2026-11-29", "2026-W48"),  # a Sunday belongs to the week before it
        ("2026-11-30", "2026-W49"),
        ("2027-01-01", "2026-W53"),  # 2026 has 53 ISO weeks
        ("2026-W50", "2026-W50"),
        ("2026-w05", "2026-W05"),
    ],
)
def test_skip_another_week(store: Store, week: str, expected: str) -> None:
    event = saved(run("skip", "--week", week, "--reason", "Holiday", "--private"))
    assert event.data == {"week": expected}
    assert event.text == Text("Holiday", True)
    assert streak.skip_week(event, BERLIN) == expected


@pytest.mark.parametrize(
    ("week", "words"),
    [
        ("2026-13-01", "is not a date (like 2026-11-23) or a week (like 2026-W48)"),
        ("next week", "is not a date"),
        ("2027-W53", "is not a week of the calendar"),
        ("2026-W00", "is not a week of the calendar"),
    ],
)
def test_skip_with_a_bad_week_is_refused(store: Store, week: str, words: str) -> None:
    refused(run("skip", "--week", week), words)


def test_skip_twice_is_refused(store: Store) -> None:
    saved(run("skip", "--week", "2026-12-21"))
    before = event_files()
    result = run("skip", "--week", "2026-W52")
    assert result.returncode == 2
    assert "week 2026-W52 is already marked off" in result.stderr
    assert result.stderr.count("\n") == 1
    assert event_files() == before


def test_skip_a_week_already_done_is_refused(store: Store) -> None:
    started = dt.datetime(2026, 11, 16, 9, tzinfo=BERLIN)
    store.save_session(
        Session(
            id="20261116T080000Z-weekly-0001",
            kind="weekly",
            track="new",
            rubric="builtin@test",
            device="test-device",
            started=started,
            updated=started,
            finished=started,
        )
    )
    refused(run("skip", "--week", "2026-11-18"), "already has a finished check-in")


# --------------------------------------------------------------------------- in-process


def context() -> Context:
    return Context(rubric=RUBRIC, now=NOW, device="here")


def test_find_skill_by_id_title_or_words() -> None:
    assert capture.find_skill(RUBRIC, "earn-trust") == "earn-trust"
    assert capture.find_skill(RUBRIC, "Earn Trust") == "earn-trust"
    assert capture.find_skill(RUBRIC, "  think   big ") == "think-big"
    with pytest.raises(CaptureError, match="no skill"):
        capture.find_skill(RUBRIC, "earn")


def test_grade_in_process_checks_the_rating_and_keeps_seconds_only() -> None:
    ctx = Context(rubric=context().rubric, now=NOW.replace(microsecond=123), device="here")
    event = capture.grade(ctx, " Launch ", 3)
    assert event.at.microsecond == 0
    assert event.text == Text("Launch", False)
    for bad in (0, 6, True):
        with pytest.raises(CaptureError):
            capture.grade(ctx, "Launch", bad)


def test_parse_rating() -> None:
    assert capture.parse_rating(" 5 ") == 5
    for bad in ("", "٣", "-1", "1e0", "10"):
        with pytest.raises(CaptureError):
            capture.parse_rating(bad)


def test_describe_shortens_long_text_to_one_line() -> None:
    event = capture.win(context(), "line one\nline two " + "x" * 200, "execute", "peer")
    line = capture.describe(event, context().rubric)
    assert "\n" not in line and "…" in line and len(line) < 140
