"""The "no occasion in the window" answer: an answer of its own, saved and read back
strictly, shown and exported as such, and never scored."""

from __future__ import annotations

import csv
import datetime as dt
import io
import tomllib
from dataclasses import replace

import pytest
from support.coaching import MONDAY, kept_in, make_rubric, make_session, track_of
from support.exports import at, export_data, weekly

from pmcoach.domain import rotation, scores
from pmcoach.domain.checkin import CheckIn
from pmcoach.domain.model import Answer, Config, Session, Text
from pmcoach.export import json_read, render
from pmcoach.export.csv import unescape_cell
from pmcoach.storage.sessions import decode_session, encode_session
from pmcoach.storage.toml_io import SchemaError

RUBRIC = make_rubric({"communicate": 3})


def with_no_occasion(session: Session, question: str, note: Text | None = None) -> Session:
    answers = tuple(
        Answer(question=question, no_occasion=True, note=note) if a.question == question else a
        for a in session.answers
    )
    return replace(session, answers=answers)


def test_it_is_saved_as_a_field_of_its_own_and_read_back() -> None:
    session = with_no_occasion(
        make_session(MONDAY, {"communicate.q0": 3, "communicate.q1": 1}), "communicate.q1"
    )
    data = encode_session(session)
    doc = tomllib.loads(data.decode())
    assert doc["answers"][1] == {"question": "communicate.q1", "no_occasion": True}
    back = decode_session(doc)
    assert back == session
    assert back.answers[1].no_occasion and not back.answers[1].skipped
    assert back.answers[1].extra == {}


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"no_occasion": "yes"}, "answers[0].no_occasion: expected true or false"),
        ({"no_occasion": True, "rating": 3}, "answers[0]: a 'no occasion' answer has no rating"),
        (
            {"no_occasion": True, "count": 1, "out_of": 4},
            "answers[0]: a 'no occasion' answer has no rating or count",
        ),
        ({"no_occasion": True, "skipped": True}, "answers[0]: an answer is either skipped"),
    ],
)
def test_the_codec_refuses_what_it_cannot_mean(fields: dict[str, object], message: str) -> None:
    doc = tomllib.loads(encode_session(make_session(MONDAY, {"communicate.q0": 3})).decode())
    answer = {"question": "communicate.q0", **fields}
    doc["answers"] = [answer]
    with pytest.raises(SchemaError) as caught:
        decode_session(doc)
    assert str(caught.value).startswith(message)


def test_a_manager_rating_cannot_be_no_occasion() -> None:
    session = make_session(MONDAY, kind="manager", manager={"communicate": 3})
    doc = tomllib.loads(encode_session(session).decode())
    doc["answers"][0]["no_occasion"] = True
    del doc["answers"][0]["rating"]
    with pytest.raises(SchemaError, match="no_occasion"):
        decode_session(doc)


def test_it_is_never_scored_and_does_not_hide_the_rating_before_it() -> None:
    earlier = make_session(MONDAY - dt.timedelta(weeks=1), {"communicate.q0": 2})
    now = with_no_occasion(
        make_session(MONDAY, {"communicate.q0": None, "communicate.q1": 4}), "communicate.q0"
    )
    # q0's latest *rating* is still last week's 2; "no occasion" neither scores nor erases it.
    assert scores.skill_score([earlier, now], RUBRIC, "communicate", MONDAY) == 3.0
    alone = with_no_occasion(make_session(MONDAY, {"communicate.q0": None}), "communicate.q0")
    assert scores.skill_score([alone], RUBRIC, "communicate", MONDAY) is None


def test_it_counts_as_asked_for_the_rotation() -> None:
    """A skipped question comes back soon; one answered "no occasion" waits for its turn."""
    rubric = make_rubric({"communicate": 4})
    track = track_of(rubric)
    first = make_session(MONDAY - dt.timedelta(weeks=1), {"communicate.q0": None})
    first = with_no_occasion(first, "communicate.q0")
    skipped = make_session(MONDAY - dt.timedelta(weeks=1), {"communicate.q0": None})
    asked = rotation.weekly_questions(rubric, track, [first], max_questions=1)
    unasked = rotation.weekly_questions(rubric, track, [skipped], max_questions=1)
    assert [q.id for q in unasked] == ["communicate.q0"]
    assert [q.id for q in asked] != ["communicate.q0"]


def test_the_checkin_saves_it_at_once_keeps_the_note_and_moves_on() -> None:
    saved: list[Session] = []
    rubric = make_rubric({"communicate": 2})
    checkin = CheckIn.start(
        kind="weekly",
        config=Config(),
        rubric=rubric,
        questions=rubric.questions,
        device="test",
        now=MONDAY,
        save=saved.append,
        create=kept_in(saved),
    )
    checkin.set_note("No review this month", False, MONDAY)
    checkin.no_occasion(MONDAY)
    checkin.advance_to_open()
    assert checkin.position == 1
    answer = saved[-1].answers[0]
    assert answer.no_occasion and answer.rating is None and not answer.skipped
    assert answer.note == Text("No review this month")
    # Skipping it afterwards keeps the answer, as a skip keeps any answer.
    checkin.back()
    checkin.skip(MONDAY)
    assert saved[-1].answers[0].no_occasion


def _history() -> tuple[Session, ...]:
    session = weekly(at("2026-11-23"))
    answers = tuple(
        Answer(question=a.question, no_occasion=True, note=Text("No launch this month"))
        if a.question == "communicate.answer-first"
        else a
        for a in session.answers
    )
    return (replace(session, answers=answers),)


def test_csv_shows_it_as_no_occasion() -> None:
    text = render("csv", export_data(_history(), ()))
    rows = [[unescape_cell(c) for c in r] for r in csv.reader(io.StringIO(text, newline=""))]
    row = next(r for r in rows if r[3] == "communicate.answer-first")
    assert row[5] == "no occasion"
    assert row[6] == "No launch this month"


def test_json_keeps_it_and_import_restores_it() -> None:
    sessions = _history()
    text = render("json", export_data(sessions, ()))
    assert '"no_occasion": true' in text
    backup = json_read.parse_export(text.encode())
    assert list(backup.sessions) == list(sessions)


@pytest.mark.parametrize("kind", ["md", "html"])
def test_the_report_names_a_note_on_it_no_occasion(kind: str) -> None:
    text = render(kind, export_data(_history(), ()))
    assert "note, no occasion" in text
