"""`pmcoach discuss`: the agenda for the next 1:1 from the shell, and the last question of
`checkin --plain`. Each change is one event file; a refusal is one line, exit 2, no file."""

from __future__ import annotations

import datetime as dt

import pytest
from support.cli import home, run
from support.hostile import FORBIDDEN
from support.rubric import builtin

from pmcoach.cache.opener import open_store
from pmcoach.domain import rotation
from pmcoach.domain.model import TOPIC, TOPIC_DONE, Config, Event, Text
from pmcoach.storage.store import Store

CONFIG = Config(track="new", review_day=0, review_time=dt.time(9), time_zone="Europe/Berlin")
RUBRIC = builtin()
TRACK = RUBRIC.track("new")
assert TRACK is not None
PLAN = rotation.weekly_questions(RUBRIC, TRACK, [])


@pytest.fixture
def store() -> Store:
    opened = open_store(home())
    opened.save_config(CONFIG)
    return opened


def events(kind: str) -> list[Event]:
    return [e for e in open_store(home()).events() if e.kind == kind]


def ok(*args: str) -> str:
    done = run("discuss", *args)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    return done.stdout


def test_add_list_and_mark_discussed(store: Store) -> None:
    assert "Nothing on your agenda" in ok()
    assert "saved" in ok("Ask about the promotion timeline", "--private")
    assert "saved" in ok("Hiring plan for Q1", "--skill", "Prioritize")
    topics = events(TOPIC)
    assert {(e.text, e.skill) for e in topics} == {
        (Text("Ask about the promotion timeline", True), None),
        (Text("Hiring plan for Q1", False), "prioritize"),
    }
    listed = ok().splitlines()
    assert listed[0] == "Your agenda for the next 1:1 (2 open):"
    numbered = {line.split(". ", 1)[1]: line.split(".", 1)[0] for line in listed[1:3]}
    assert set(numbered) == {
        "Ask about the promotion timeline · private",
        "Hiring plan for Q1 · Prioritize",
    }
    number = numbered["Hiring plan for Q1 · Prioritize"]
    assert ok("--done", number) == 'discussed: "Hiring plan for Q1"\n'
    (done,) = events(TOPIC_DONE)
    hiring = next(e for e in topics if e.skill == "prioritize")
    assert done.data == {"topic": hiring.id}
    assert ok().splitlines()[1] == "1. Ask about the promotion timeline · private"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["   "], "the topic is empty"),
        (["--done", "1"], "no topic 1"),
        (["--done", "0"], "numbered from 1"),
        (["--done", "two"], "not a number"),
        (["x", "--done", "1"], "not both"),
        (["--private"], "go with a topic"),
        (["x", "--skill", "juggling"], "no skill"),
    ],
)
def test_refusals_are_one_line_and_write_nothing(
    store: Store, args: list[str], message: str
) -> None:
    done = run("discuss", *args)
    assert done.returncode == 2
    assert message in done.stderr and done.stderr.count("\n") == 1, done.stderr
    assert events(TOPIC) == [] and events(TOPIC_DONE) == []


def test_a_hostile_topic_is_kept_as_written_and_listed_without_control_characters(
    store: Store,
) -> None:
    hostile = "Budget \x1b]0;pwned\x07 [bold]x[/] \u202eevil\u202c"
    ok(hostile)
    assert events(TOPIC)[0].text == Text(hostile, False)
    out = ok()
    assert not any(c in out for c in FORBIDDEN), repr(out)


def test_not_set_up() -> None:
    done = run("discuss", "Anything")
    assert done.returncode == 2 and "not set up" in done.stderr


def test_the_plain_checkin_ends_with_a_topic_for_the_next_one_to_one(store: Store) -> None:
    """Typed in one go: the answers, a reflection, no commitment, then a private topic."""
    script = ["3"] * len(PLAN) + ["Gave the date last", "", "p Ask for the promo criteria"]
    done = run("checkin", "--plain", stdin="".join(f"{line}\n" for line in script))
    assert done.returncode == 0, done.stderr
    assert "Anything to raise at your next 1:1?" in done.stdout
    (session,) = open_store(home()).sessions()
    assert session.finished is not None
    assert session.reflection == Text("Gave the date last", False)
    (topic,) = events(TOPIC)
    assert topic.text == Text("Ask for the promo criteria", True)


def test_the_plain_checkin_topic_is_optional(store: Store) -> None:
    script = ["3"] * len(PLAN) + ["", "", ""]
    done = run("checkin", "--plain", stdin="".join(f"{line}\n" for line in script))
    assert done.returncode == 0, done.stderr
    assert open_store(home()).sessions()[0].finished is not None
    assert events(TOPIC) == []


@pytest.mark.parametrize("word", ["list", "List", " ls "])
def test_discuss_list_lists_and_adds_no_topic_named_list(store: Store, word: str) -> None:
    """`pmcoach discuss list` is what a user types to list: it once saved a topic "list"."""
    ok("Hiring plan for Q1")
    listed = ok(word).splitlines()
    assert listed[:2] == ["Your agenda for the next 1:1 (1 open):", "1. Hiring plan for Q1"]
    assert [e.text for e in events(TOPIC)] == [Text("Hiring plan for Q1", False)]
