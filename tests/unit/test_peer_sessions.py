"""A peer's reply is a session of its own: read strictly, and never counted as one's own."""

from __future__ import annotations

import tomllib
from dataclasses import replace
from pathlib import Path

import pytest
from support.exports import at, fill, peer, weekly
from support.rubric import builtin

from pmcoach.app import records
from pmcoach.app.workspace import Workspace
from pmcoach.domain import scores
from pmcoach.domain.model import Answer, Session
from pmcoach.storage.sessions import decode_session, encode_session, session_doc
from pmcoach.storage.toml_io import SchemaError


def test_a_peer_session_reads_back_exactly() -> None:
    session = peer(at("2026-11-24"))
    assert decode_session(tomllib.loads(encode_session(session).decode())) == session


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"peer": None}, "peer: missing"),
        ({"request": "no spaces"}, "request: a request code"),
        ({"answers": (Answer(question="q", count=2, out_of=4),)}, "answers[0]: a peer's answer"),
        ({"answers": (Answer(question="q", no_occasion=True),)}, "answers[0]: a peer's answer"),
        ({"answers": (Answer(skill="communicate", rating=3),)}, "answers[0].question: missing"),
    ],
)
def test_a_malformed_peer_session_is_refused(change: dict[str, object], message: str) -> None:
    doc = session_doc(replace(peer(at("2026-11-24")), **change))  # type: ignore[arg-type]
    with pytest.raises(SchemaError) as caught:
        decode_session(doc)
    assert str(caught.value).startswith(message)


def test_only_a_peer_session_names_a_peer() -> None:
    doc = session_doc(weekly(at("2026-11-24")))
    doc["peer"] = {"text": "Sam", "private": False}
    with pytest.raises(SchemaError, match="only a peer session"):
        decode_session(doc)


def test_a_peers_rating_never_moves_ones_own_score() -> None:
    rubric = builtin()
    own: Session = weekly(at("2026-11-23"))
    others = [peer(at("2026-11-24"), f"d00{i}", rating=1) for i in range(3)]
    assert not others[0].by_self and own.by_self
    later = at("2026-11-30")
    alone = scores.skill_scores([own], rubric, later)
    assert scores.skill_scores([own, *others], rubric, later) == alone
    assert alone[0].score is not None


def test_the_weeks_plan_comes_from_ones_own_latest_check_in(tmp_path: Path) -> None:
    """A peer's reply added after the check-in is not "the last check-in"."""
    store = fill(tmp_path, (weekly(at("2026-11-23")), peer(at("2026-11-24"))), ())
    workspace = Workspace(tmp_path, store, take_lock=False)
    latest, _ = records.this_weeks_exercises(workspace)
    assert latest is not None and latest.kind == "weekly"
