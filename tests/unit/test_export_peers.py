"""Peers' replies in the exports: JSON carries them (name and comments private when marked
so), CSV has a row per rating with who answered, import restores them exactly, and the
report never takes a peer's reply for one's own check-in.

Property tests run 50 examples; `PMCOACH_FULL=1` runs 10,000 (benchmarks/run --full).
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from support.exports import at, export_data, fill, from_store, history, peer, weekly

from pmcoach.app import importer
from pmcoach.cache.opener import open_store
from pmcoach.domain.model import Answer, Text
from pmcoach.export import json_read, render
from pmcoach.export.report import build_report

EXAMPLES = 10_000 if os.environ.get("PMCOACH_FULL", "") not in ("", "0") else 50
TEXTS = st.text(st.characters(blacklist_categories=("Cs",)), max_size=60)

PUBLIC = peer(at("2026-11-20"), "d001", name="Sam Lee", rating=4)
SECRET = dataclasses.replace(
    peer(at("2026-11-21"), "d002", name="PRIVATE peer name", rating=2),
    peer=Text("PRIVATE peer name", True),
)


def rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


# --------------------------------------------------------------------------- JSON


def test_json_leaves_a_private_name_and_comment_out_and_counts_them() -> None:
    text = render("json", export_data((PUBLIC, SECRET), (), include_private=False))
    assert "PRIVATE" not in text
    doc = json.loads(text)
    public, secret = doc["sessions"]
    assert public["peer"] == {"text": "Sam Lee", "private": False}
    assert public["request"] == "K7QF"
    assert secret["peer"] == {"private": True}
    assert secret["reflection"] == {"private": True}
    assert secret["answers"][0] == {"question": "communicate.answer-first", "rating": 2}
    assert doc["left_out"] == 3  # both comments and the name
    assert doc["complete"] is False


def test_json_with_private_reads_back_into_the_same_sessions() -> None:
    text = render("json", export_data((PUBLIC, SECRET), (), include_private=True))
    assert json_read.parse_export(text.encode()).sessions == (PUBLIC, SECRET)


@settings(max_examples=EXAMPLES, deadline=None)
@given(name=TEXTS.filter(str.strip), note=TEXTS, private=st.booleans(), rating=st.integers(1, 5))
def test_any_peer_reply_survives_export_and_reading_back(
    name: str, note: str, private: bool, rating: int
) -> None:
    reply = dataclasses.replace(
        peer(at("2026-11-20"), rating=rating),
        peer=Text(name, private),
        reflection=Text(note, private),
    )
    text = render("json", export_data((reply,), ()))
    assert json_read.parse_export(text.encode("utf-8")).sessions == (reply,)


def test_import_restores_peer_replies_exactly(tmp_path: Path) -> None:
    sessions, events = history()
    source = fill(tmp_path / "source", (*sessions, PUBLIC, SECRET), events)
    backup = json_read.parse_export(render("json", from_store(source)).encode())
    target = open_store(tmp_path / "target")
    with target.lock():
        outcome = importer.restore(target, backup)
    assert outcome.sessions == len(sessions) + 2
    target.refresh()
    restored = {s.id: s for s in target.sessions()}
    assert restored[PUBLIC.id] == PUBLIC and restored[SECRET.id] == SECRET
    for reply in (PUBLIC, SECRET):
        rel = f"sessions/2026/{reply.id}.toml"
        assert (target.root / rel).read_bytes() == (source.root / rel).read_bytes()


def test_an_export_without_the_private_name_cannot_be_imported() -> None:
    text = render("json", export_data((SECRET,), (), include_private=False))
    with pytest.raises(json_read.ImportRefused, match="--include-private"):
        json_read.parse_export(text.encode())


# --------------------------------------------------------------------------- CSV


def test_csv_has_a_row_per_peer_rating_with_who_answered() -> None:
    found = rows(render("csv", export_data((PUBLIC,), ())))
    assert found[0][-1] == "peer"
    # The rated question has a row; the one left open has none.
    assert len(found) == 2
    assert found[1] == [
        "2026-11-20",
        "peer",
        "communicate",
        "communicate.answer-first",
        found[1][4],
        "4",
        "",
        "Sam Lee",
    ]
    assert found[1][4]  # the question's text


def test_csv_leaves_a_private_name_out_unless_asked() -> None:
    without = rows(render("csv", export_data((SECRET,), (), include_private=False)))
    assert without[1][1:4] == ["peer", "communicate", "communicate.answer-first"]
    assert without[1][5:] == ["2", "", ""]
    included = rows(render("csv", export_data((SECRET,), (), include_private=True)))
    assert included[1][-1] == "PRIVATE peer name"


# --------------------------------------------------------------------------- the report


def test_the_report_never_counts_a_peer_reply_as_a_check_in() -> None:
    own = weekly(at("2026-11-16"), answers=(Answer(question="communicate.answer-first", rating=2),))
    alone = build_report(export_data((own,), ()))
    with_peers = build_report(export_data((own, PUBLIC, SECRET), ()))
    assert with_peers.checkins == alone.checkins == 1
    assert with_peers.full == alone.full
    assert [s.now for s in with_peers.skills] == [s.now for s in alone.skills]
    assert with_peers.evidence == alone.evidence


def test_csv_names_the_question_as_the_peer_was_asked_it() -> None:
    from support.exports import RUBRIC

    question = RUBRIC.question("communicate.answer-first")
    assert question is not None and question.observer is not None
    found = rows(render("csv", export_data((PUBLIC,), ())))
    assert found[1][4] == question.observer.prompt
