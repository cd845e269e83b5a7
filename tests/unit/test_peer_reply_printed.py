"""Replies to a request exactly as `pmcoach ask` prints it, read as `feedback add` reads
them: the request's words laid out again from its record.

Property tests run 50 examples; `PMCOACH_FULL=1` runs 10,000 (benchmarks/run --full).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from support.exports import CONFIG, RUBRIC
from support.replies import WAYS, intended

from pmcoach.app.peer_feedback import request_words
from pmcoach.domain.model import Text
from pmcoach.domain.peer_reply import parse
from pmcoach.domain.peer_request import PeerRequest
from pmcoach.export.peer_request import render

EXAMPLES = 10_000 if os.environ.get("PMCOACH_FULL", "") not in ("", "0") else 50
# Words no request line holds alone, so a note made of them is the peer's own.
NOTE_WORDS = ("Great", "launch", "memo", "honest", "roadmap", "cheers", "Kim", "loved", "demo")
NOTE_LINES = st.lists(st.sampled_from(NOTE_WORDS), min_size=1, max_size=6).map(" ".join)
NOTES = st.one_of(st.none(), st.lists(NOTE_LINES, min_size=1, max_size=3).map("\n".join))

FORMS = [q for q in RUBRIC.questions if q.observer is not None and q.skill == "execute"][:3]
FORMS += [q for q in RUBRIC.questions if q.observer is not None and q.skill == "earn-trust"][:3]
CONFIG_NAMED = dataclasses.replace(CONFIG, name="Alex Kim")
RECORD = PeerRequest(
    "K7QF", tuple(q.id for q in FORMS), dt.datetime(2026, 11, 20, tzinfo=dt.UTC), Text("Sam")
)
PRINTED = render(FORMS, "K7QF", "Alex Kim", "Sam")
ASKED, OTHER = request_words(RECORD, RUBRIC, CONFIG_NAMED)


def test_the_words_laid_out_again_are_those_printed() -> None:
    assert len(ASKED) == len(FORMS) == 6
    assert all("Alex Kim" in a.text for a in ASKED if "Alex Kim" in PRINTED)
    assert "Hi Sam," in OTHER and "Anything else:" in OTHER


@pytest.mark.parametrize("way", sorted(WAYS))
def test_each_way_of_filling_a_printed_request_reads_as_meant(way: str) -> None:
    ratings = (4, None, 2, 5, 1, None)
    note = "Great launch memo\nloved the demo"
    reply = parse(WAYS[way](PRINTED, ratings, note), ASKED, OTHER)
    assert reply.ratings == intended(way, ratings)
    assert reply.note == note


@settings(max_examples=EXAMPLES, deadline=None)
@given(
    way=st.sampled_from(sorted(WAYS)),
    ratings=st.lists(st.one_of(st.none(), st.integers(1, 5)), min_size=6, max_size=6),
    note=NOTES,
)
def test_any_reply_to_a_printed_request_reads_as_meant(
    way: str, ratings: list[int | None], note: str | None
) -> None:
    expected = intended(way, ratings)
    if not any(r is not None for r in expected):
        return
    text = WAYS[way](PRINTED, ratings, note)
    reply = parse(text, ASKED, OTHER)
    assert reply.ratings == expected, text
    assert reply.note == note, text


def test_a_question_the_rubric_no_longer_has_is_read_by_its_id() -> None:
    record = dataclasses.replace(RECORD, questions=(*RECORD.questions[:2], "execute.gone"))
    asked, other = request_words(record, RUBRIC, CONFIG_NAMED)
    assert [a.text for a in asked][2] == "execute.gone"
    assert other == ()
    assert parse("1: 4\n3: 2\n", asked, other).ratings == (4, None, 2)
