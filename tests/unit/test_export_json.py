"""The JSON export: its layout, dates as ISO strings, privacy, periods, a stable order,
and that it reads back into exactly the sessions and events it was made from.

Property tests run 50 examples; `PMCOACH_FULL=1` runs 10,000 (benchmarks/run --full).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from support.exports import (
    CONFIG,
    EVERYTHING,
    PRIVATE_COUNT,
    PRIVATE_TEXTS,
    TODAY,
    at,
    event,
    export_data,
    history,
    weekly,
)

from pmcoach.domain.model import Answer, Commitment, Text
from pmcoach.export import Period, json_read, render

EXAMPLES = 10_000 if os.environ.get("PMCOACH_FULL", "") not in ("", "0") else 50

# Any Unicode text a user could type or paste, but no lone surrogates (not UTF-8 at all).
TEXTS = st.text(st.characters(blacklist_categories=("Cs",)), max_size=60)


def exported(**options: object) -> dict[str, object]:
    sessions, events = history()
    text = render("json", export_data(sessions, events, **options))  # type: ignore[arg-type]
    doc: dict[str, object] = json.loads(text)
    return doc


# --------------------------------------------------------------------------- layout


def test_the_envelope_in_its_fixed_order() -> None:
    doc = exported()
    assert list(doc) == [
        "format",
        "version",
        "exported",
        "complete",
        "include_private",
        "left_out",
        "unreadable",
        "period",
        "config",
        "sessions",
        "events",
    ]
    assert doc["format"] == "pmcoach-export"
    assert doc["version"] == 1
    assert doc["exported"] == "2026-11-23T12:00:00+01:00"
    assert doc["complete"] is True
    assert doc["include_private"] is True
    assert doc["left_out"] == 0
    assert doc["unreadable"] == []
    assert doc["period"] == {"start": None, "end": None, "label": "everything"}


def test_text_is_utf8_indented_and_ends_in_one_newline() -> None:
    sessions, events = history()
    first = dataclasses.replace(sessions[0], reflection=Text("Zoë said “ship it” ✓", False))
    text = render("json", export_data((first, *sessions[1:]), events))
    assert "Zoë said “ship it” ✓" in text  # not \\u escapes
    assert text.endswith("}\n") and not text.endswith("\n\n")
    assert text.startswith('{\n  "format": "pmcoach-export",\n')
    assert "NaN" not in text


def test_config_and_sessions_are_their_files_with_iso_dates() -> None:
    doc = exported()
    assert doc["config"] == {
        "schema": 1,
        "track": "senior",
        "review_day": "monday",
        "review_time": "09:00:00",
        "time_zone": "Europe/Berlin",
        "targets": {"communicate": 5, "think-big": 3},
    }
    sessions = doc["sessions"]
    assert isinstance(sessions, list)
    first = sessions[0]
    assert list(first)[:9] == [
        "schema",
        "id",
        "kind",
        "track",
        "rubric",
        "device",
        "started",
        "updated",
        "finished",
    ]
    assert first["id"] == "20261116T080000Z-weekly-a001"
    assert first["started"] == "2026-11-16T09:00:00+01:00"
    assert first["finished"] == "2026-11-16T09:08:00+01:00"
    assert first["commitments"][0] == {
        "id": "c-0001",
        "text": "Send the Q1 plan",
        "to": "Dana (finance)",
        "due": "2026-11-27",
        "private": False,
    }
    assert first["answers"][1] == {
        "question": "communicate.updates-with-numbers",
        "count": 3,
        "out_of": 5,
        "rating": 3,
        "note": {"text": "Launch update, with numbers", "private": False},
    }
    assert first["answers"][2] == {"question": "communicate.gave-the-date", "skipped": True}
    assert first["assigned"] == [{"exercise": "communicate.hedge-hunt"}]


def test_events_keep_the_order_of_their_files() -> None:
    events = exported()["events"]
    assert isinstance(events, list)
    drill = next(e for e in events if e["kind"] == "drill")
    # The codec's own keys, the kind's keys, and arrays of tables last, as in the file.
    assert list(drill) == [
        "schema",
        "id",
        "kind",
        "at",
        "device",
        "updated",
        "skill",
        "card",
        "answer",
        "score",
        "on",
        "reviewed",
        "feedback",
    ]
    assert drill["on"] == "2026-11-22"
    assert list(drill["reviewed"].items()) == [("when", "2026-11-22T10:00:00+00:00"), ("ok", True)]
    assert drill["score"] == 1.5
    grade = next(e for e in events if e["kind"] == "grade")
    assert grade["text"] == {"text": "Budget email, ask in paragraph three", "private": False}
    assert list(grade["note"]) == ["text", "private"]


def test_everything_includes_in_progress_sessions_in_time_order() -> None:
    doc = exported()
    sessions, events = doc["sessions"], doc["events"]
    assert isinstance(sessions, list) and isinstance(events, list)
    assert len(sessions) == 4 and len(events) == 6
    assert [s["started"] for s in sessions] == sorted(s["started"] for s in sessions)
    assert "finished" not in sessions[-1]  # the unfinished check-in is in a backup


def test_the_order_does_not_depend_on_the_order_read() -> None:
    sessions, events = history()
    expected = render("json", export_data(sessions, events))
    shuffled = random.Random(4)
    for _ in range(5):
        s, e = list(sessions), list(events)
        shuffled.shuffle(s)
        shuffled.shuffle(e)
        assert render("json", export_data(tuple(s), tuple(e))) == expected


def test_nan_is_refused_not_written() -> None:
    odd = event(at("2026-11-20"), "drill", "e001", data={"score": float("nan")})
    with pytest.raises(ValueError):
        render("json", export_data((), (odd,)))


# --------------------------------------------------------------------------- privacy


def test_without_include_private_no_private_text_is_in_it() -> None:
    sessions, events = history()
    text = render("json", export_data(sessions, events, include_private=False))
    for secret in PRIVATE_TEXTS:
        assert secret not in text, secret
    assert "Launch update, with numbers" in text  # public text stays
    assert "Lead with the ask" in text
    doc = json.loads(text)
    assert doc["complete"] is False
    assert doc["include_private"] is False
    assert doc["left_out"] == PRIVATE_COUNT


def test_a_left_out_text_leaves_its_mark() -> None:
    doc = exported(include_private=False)
    first = doc["sessions"][0]  # type: ignore[index]
    assert first["reflection"] == {"private": True}
    assert first["answers"][0]["note"] == {"private": True}
    assert first["answers"][3]["text"] == {"private": True}
    assert first["commitments"][1] == {"id": "c-0002", "due": "2026-11-28", "private": True}
    assert first["commitment_reviews"][1]["note"] == {"private": True}
    events = {e["id"][-4:]: e for e in doc["events"]}  # type: ignore[union-attr]
    assert events["d002"]["text"] == {"private": True}
    assert events["d002"]["note"] == {"private": True}
    assert events["d002"]["rating"] == 4  # the rating is not private, only the words
    assert events["d006"]["answer"] == {"private": True}
    assert events["d006"]["feedback"] == [{"private": False, "text": "Good: no hedging"}]


def test_with_include_private_every_text_is_in_it() -> None:
    sessions, events = history()
    text = render("json", export_data(sessions, events, include_private=True))
    for secret in PRIVATE_TEXTS:
        assert secret in text, secret


def test_nothing_private_and_everything_is_complete_without_the_flag() -> None:
    sessions, events = history()
    public = dataclasses.replace(sessions[1], answers=sessions[1].answers[1:])
    doc = json.loads(render("json", export_data((public,), events[:1], include_private=False)))
    assert doc["left_out"] == 0
    assert doc["complete"] is True


# --------------------------------------------------------------------------- periods


def test_a_period_keeps_what_happened_in_it() -> None:
    period = Period(dt.date(2026, 11, 20), TODAY, "since 20 Nov 2026")
    doc = exported(period=period)
    assert doc["period"] == {"start": "2026-11-20", "end": "2026-11-23", "label": period.label}
    assert doc["complete"] is False
    assert [s["id"][-4:] for s in doc["sessions"]] == ["a002", "c001"]  # type: ignore[union-attr]
    assert [e["id"][-4:] for e in doc["events"]] == ["d003", "d004", "d005", "d006"]  # type: ignore[union-attr]


def test_a_period_counts_days_in_the_configured_zone() -> None:
    # 23:30 in New York on the 19th is the 20th in Berlin, the configured zone.
    new_york = dt.timezone(dt.timedelta(hours=-5))
    late = weekly(dt.datetime(2026, 11, 19, 23, 30, tzinfo=new_york), "f001")
    period = Period(dt.date(2026, 11, 20), TODAY, "since 20 Nov 2026")
    doc = json.loads(render("json", export_data((late,), (), period=period)))
    assert len(doc["sessions"]) == 1


def test_everything_keeps_a_session_dated_after_today() -> None:
    ahead = weekly(at("2026-11-30"), "f002")  # a clock set wrong on one machine
    doc = json.loads(render("json", export_data((ahead,), (), period=EVERYTHING)))
    assert len(doc["sessions"]) == 1


# --------------------------------------------------------------------------- reading back


def test_it_reads_back_into_the_same_sessions_and_events() -> None:
    sessions, events = history()
    backup = json_read.parse_export(render("json", export_data(sessions, events)).encode())
    assert backup.config == CONFIG
    assert sorted(backup.sessions, key=lambda s: s.id) == sorted(sessions, key=lambda s: s.id)
    by_id = {e.id: e for e in backup.events}
    for original in events:
        restored = by_id[original.id]
        if original.kind == "drill":  # TOML dates in kind-specific values come back as text
            assert restored.data["on"] == "2026-11-22"
            assert restored.data["reviewed"] == {"when": "2026-11-22T10:00:00+00:00", "ok": True}
        else:
            assert restored == original


@settings(max_examples=EXAMPLES, deadline=None)
@given(note=TEXTS, reflection=TEXTS, promise=TEXTS, to=TEXTS, said=TEXTS, private=st.booleans())
def test_any_text_survives_export_and_reading_back(
    note: str, reflection: str, promise: str, to: str, said: str, private: bool
) -> None:
    session = weekly(
        at("2026-11-16"),
        reflection=Text(reflection, private),
        answers=(Answer(question="execute.x", rating=2, note=Text(note)),),
        commitments=(Commitment("c-1", promise, to, TODAY, private),),
    )
    logged = event(
        at("2026-11-17"),
        "grade",
        "e001",
        skill="communicate",
        text=Text(said, private),
        data={"rating": 3, "note": {"text": note, "private": private}, "extra": said},
    )
    text = render("json", export_data((session,), (logged,)))
    backup = json_read.parse_export(text.encode("utf-8"))
    assert backup.sessions == (session,)
    assert backup.events == (logged,)
    assert json.loads(text)["sessions"][0]["reflection"]["text"] == reflection
