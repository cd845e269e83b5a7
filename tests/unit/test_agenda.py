"""The agenda for the next 1:1: topics written once, marked discussed once, differences
suggested as topics (manager on the levels scale, peers from two on), and the report's
"What I want to discuss" made of it."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from support import exports as x

from pmcoach.domain import agenda
from pmcoach.domain.model import LEVELS_SCALE, Answer, Event, Session, Text
from pmcoach.export.markdown import render_report
from pmcoach.export.report import build_report
from pmcoach.storage import toml_io
from pmcoach.storage.events import decode_event, encode_event

NOW = x.NOW
TRACK = x.RUBRIC.track("senior")


def topic(day: str, text: str, private: bool = False, skill: str | None = None) -> Event:
    return agenda.topic_event(Text(text, private), x.at(day), "laptop", skill)


def own(when: dt.datetime, suffix: str, *ratings: tuple[str, int]) -> Session:
    return x.weekly(when, suffix, answers=tuple(Answer(question=q, rating=r) for q, r in ratings))


def communicate(rating: int, day: str = "2026-11-16", suffix: str = "a001") -> Session:
    """One's own communicate score: answer-first and gave-the-date, both `rating`."""
    return own(
        x.at(day),
        suffix,
        ("communicate.answer-first", rating),
        ("communicate.gave-the-date", rating),
    )


def open_now(sessions: tuple[Session, ...], events: tuple[Event, ...]) -> list[str]:
    return [t.text.text for t in agenda.open_topics(sessions, events, x.RUBRIC, TRACK, NOW)]


# --------------------------------------------------------------------------- written


def test_topics_are_listed_oldest_first_until_marked_discussed() -> None:
    first = topic("2026-11-10", "Promo timeline")
    second = topic("2026-11-12", "Hiring plan", skill="prioritize")
    assert open_now((), (second, first)) == ["Promo timeline", "Hiring plan"]
    (shown, _) = agenda.open_topics((), (first, second), x.RUBRIC, TRACK, NOW)
    done = agenda.done_event(shown, x.at("2026-11-20"), "laptop")
    assert done.data == {"topic": first.id}
    assert open_now((), (first, second, done)) == ["Hiring plan"]


def test_a_topic_written_after_the_moment_is_not_yet_on_it() -> None:
    later = topic("2026-11-30", "Next quarter")
    assert open_now((), (later,)) == []


def test_an_empty_topic_is_refused() -> None:
    with pytest.raises(ValueError, match="what to raise"):
        topic("2026-11-10", "   ")


def test_topic_files_round_trip_and_a_broken_one_is_a_problem() -> None:
    written = topic("2026-11-10", "Promo timeline", private=True, skill="communicate")
    assert decode_event(toml_io.parse_document(encode_event(written))) == written
    done = agenda.done_event(agenda.written([written])[0], x.at("2026-11-11"), "laptop")
    assert decode_event(toml_io.parse_document(encode_event(done))) == done
    doc = toml_io.parse_document(encode_event(written))
    del doc["text"]
    with pytest.raises(toml_io.SchemaError, match="what to raise"):
        decode_event(doc)
    doc = toml_io.parse_document(encode_event(done))
    del doc["topic"]
    with pytest.raises(toml_io.SchemaError, match="topic"):
        decode_event(doc)


# --------------------------------------------------------------------------- suggested


def levels_manager(day: str, suffix: str, rating: int) -> Session:
    session = x.manager(x.at(day, 15), suffix, scale=LEVELS_SCALE)
    return replace(session, answers=(Answer(skill="communicate", rating=rating),))


def test_a_manager_difference_of_two_is_suggested_and_marked_discussed_stays_away() -> None:
    sessions = (communicate(4), levels_manager("2026-11-18", "b001", 2))
    (suggestion,) = agenda.suggested(sessions, x.RUBRIC, TRACK, NOW)
    assert suggestion.suggested and suggestion.skill == "communicate"
    assert suggestion.text.text == (
        "Communicate: my manager rates 2, I rate myself 4.0 (difference −2.0)"
    )
    done = agenda.done_event(suggestion, x.at("2026-11-19"), "laptop")
    assert open_now(sessions, (done,)) == []
    # A new rating is a new difference: it is suggested again.
    again = (*sessions, levels_manager("2026-11-20", "b002", 2))
    assert len(open_now(again, (done,))) == 1


def test_a_difference_under_two_or_on_the_old_scale_is_not_suggested() -> None:
    close = (communicate(4), levels_manager("2026-11-18", "b001", 3))
    assert agenda.suggested(close, x.RUBRIC, TRACK, NOW) == ()
    old = replace(levels_manager("2026-11-18", "b001", 1), scale=None)
    assert agenda.suggested((communicate(4), old), x.RUBRIC, TRACK, NOW) == ()


def test_a_peer_difference_is_suggested_from_two_peers_on() -> None:
    sessions: tuple[Session, ...] = (communicate(2),)
    one = x.peer(x.at("2026-11-17"), "d001", name="Sam", rating=5)
    assert agenda.suggested((*sessions, one), x.RUBRIC, TRACK, NOW) == ()
    two = x.peer(x.at("2026-11-18"), "d002", name="Kim", rating=4)
    (suggestion,) = agenda.suggested((*sessions, one, two), x.RUBRIC, TRACK, NOW)
    assert suggestion.text.text == (
        "Communicate: 2 peers rate me 4.5, I rate myself 2.0 (difference +2.5)"
    )
    assert "Sam" not in suggestion.text.text and "Kim" not in suggestion.text.text
    done = agenda.done_event(suggestion, x.at("2026-11-19"), "laptop")
    assert open_now((*sessions, one, two), (done,)) == []
    three = x.peer(x.at("2026-11-20"), "d003", name="Lee", rating=5)
    assert len(open_now((*sessions, one, two, three), (done,))) == 1


# --------------------------------------------------------------------------- the report


def test_the_report_discusses_the_agenda_not_the_reflections() -> None:
    """Before: the section was the reflections, the same one twice when a reflection and an
    open answer said the same; nothing the person chose to raise."""
    said = Text("I keep burying the date", False)
    sessions = (
        x.weekly(x.at("2026-11-09"), "a001", reflection=said),
        x.weekly(x.at("2026-11-16"), "a002", reflection=said),
    )
    events = (
        topic("2026-11-17", "Promo timeline"),
        topic("2026-11-18", "Salary band", private=True),
    )
    report = build_report(x.export_data(sessions, events, include_private=False))
    assert [(i.label, i.text) for i in report.discuss.items] == [("topic", "Promo timeline")]
    assert report.left_out >= 1
    page = render_report(report)
    section = page.split("## What I want to discuss", 1)[1]
    assert "Promo timeline" in section
    assert "burying the date" not in section and "Salary band" not in page
    shared = build_report(x.export_data(sessions, events, include_private=True))
    assert [i.text for i in shared.discuss.items] == ["Promo timeline", "Salary band"]


def test_the_report_lists_a_suggested_topic_and_says_when_there_is_none() -> None:
    sessions = (communicate(4), levels_manager("2026-11-18", "b001", 2))
    report = build_report(x.export_data(sessions, ()))
    assert [i.label for i in report.discuss.items] == ["suggested"]
    empty = render_report(build_report(x.export_data((communicate(4),), ())))
    assert "Nothing on the agenda" in empty.split("## What I want to discuss", 1)[1]
