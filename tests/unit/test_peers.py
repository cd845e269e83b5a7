"""A skill's peer mean: each peer's latest reply, shown from two peers on."""

from __future__ import annotations

from dataclasses import replace

from support.exports import at, event, peer
from support.rubric import builtin

from pmcoach.domain import peer_request, peers
from pmcoach.domain.model import Answer, Text
from pmcoach.domain.peer_request import PeerRequest


def test_one_peer_is_not_shown_two_are() -> None:
    rubric = builtin()
    one = [peer(at("2026-11-24"), "d001", name="Sam", rating=2)]
    assert peers.view(one, rubric, "communicate") == peers.PeerView("communicate", 1, None)
    two = [*one, peer(at("2026-11-25"), "d002", name="Ana", rating=5)]
    assert peers.view(two, rubric, "communicate").mean == 3.5


def test_a_peer_counts_with_their_latest_reply_only() -> None:
    rubric = builtin()
    replies = [
        peer(at("2026-11-20"), "d001", name="Sam", rating=1),
        peer(at("2026-11-24"), "d002", name=" sam ", rating=5),
        peer(at("2026-11-25"), "d003", name="Ana", rating=3),
    ]
    assert peers.view(replies, rubric, "communicate") == peers.PeerView("communicate", 2, 4.0)


def test_a_reply_counts_for_the_skill_of_each_question_and_skips_count_for_none() -> None:
    rubric = builtin()
    reply = replace(
        peer(at("2026-11-24")),
        answers=(
            Answer(question="communicate.answer-first", rating=2),
            Answer(question="communicate.updates-with-numbers", rating=5),
            Answer(question="communicate.gave-the-date", skipped=True),
            Answer(question="no.such-question", rating=1),
        ),
    )
    [point] = peers.points([reply], rubric, "communicate")
    assert point.rating == 3.5 and point.peer == "Sam Lee"
    assert peers.points([reply], rubric, "execute") == ()


def test_a_request_is_found_by_its_code_or_as_the_latest() -> None:
    first = PeerRequest("K7QF", ("communicate.answer-first",), at("2026-11-20"), Text("Sam"))
    second = PeerRequest("MN23", ("execute.shipped-on-time",), at("2026-11-22"))
    events = [
        peer_request.as_event(first, "20261120T080000Z-peer-request-0001", "laptop"),
        peer_request.as_event(second, "20261122T080000Z-peer-request-0002", "laptop"),
        event(at("2026-11-23"), "peer-request", "0003", data={"code": "bad code"}),
    ]
    assert peer_request.find(events, "k7qf") == replace(
        first, event="20261120T080000Z-peer-request-0001"
    )
    found = peer_request.find(events, None)
    assert found is not None and found.code == "MN23"
    assert peer_request.find(events, "ZZZZ") is None
    assert peer_request.CODE_PATTERN.fullmatch(peer_request.new_code())
