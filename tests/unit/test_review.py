"""The self-review draft: what it says, what it leaves out, and what no text can do to it.

Built on the hand-made history of tests/support/exports.py, which holds every kind of
text twice, once public and once private.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

import pytest
from support.exports import (
    CONFIG,
    PRIVATE_TEXTS,
    RUBRIC,
    TODAY,
    at,
    event,
    export_data,
    history,
    peer,
    weekly,
)

from pmcoach.domain.model import Answer, Text
from pmcoach.export import ExportError
from pmcoach.export.review import build_review, review_period
from pmcoach.export.review_html import render as render_html
from pmcoach.export.review_markdown import render as render_md

FORMATS = {"md": render_md, "html": render_html}
# What a private text shown in a draft looks like once it is in: the ones the draft uses.
SHOWN_PRIVATE = ("PRIVATE note on answer-first", "PRIVATE graded meeting", "PRIVATE win")


def test_the_default_is_the_last_six_months_and_the_export_words_work() -> None:
    assert review_period(TODAY).start == dt.date(2026, 5, 23)
    assert review_period(TODAY, last="26w").start == dt.date(2026, 6, 1)
    assert review_period(TODAY, since="2026-09-01").label == "since 01 Sep 2026"
    with pytest.raises(ExportError, match="not both"):
        review_period(TODAY, since="2026-09-01", last="6m")
    with pytest.raises(ExportError, match="not a length"):
        review_period(TODAY, last="half a year")


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_private_texts_are_left_out_and_counted(fmt: str) -> None:
    sessions, events = history()
    data = export_data(sessions, events, include_private=False)
    text = FORMATS[fmt](data)
    assert not [t for t in PRIVATE_TEXTS if t in text]
    assert data.left_out > 0
    assert f"{data.left_out} private texts of this period left out" in text


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_include_private_puts_them_in_and_says_nothing_was_left_out(fmt: str) -> None:
    sessions, events = history()
    text = FORMATS[fmt](export_data(sessions, events, include_private=True))
    assert [t for t in SHOWN_PRIVATE if t in text] == list(SHOWN_PRIVATE)
    assert "left out" not in text


def test_a_peer_name_never_appears() -> None:
    sessions, events = history()
    data = export_data((*sessions, peer(at("2026-11-20"), name="Quinn Peer")), events)
    for render in FORMATS.values():
        assert "Quinn Peer" not in render(data)


def test_each_skill_has_its_start_now_and_the_rubric_words_for_its_levels() -> None:
    sessions, events = history()
    review = build_review(export_data(sessions, events))
    communicate = next(s for s in review.skills if s.skill == "communicate")
    assert communicate.now is not None and communicate.now.score == pytest.approx(3.2)
    skill = RUBRIC.skill("communicate")
    assert skill is not None
    assert communicate.now.level == 3 and communicate.now.words == skill.level("senior", 3)
    assert communicate.target == 5 and communicate.target_words == skill.level("senior", 5)
    text = render_md(export_data(sessions, events))
    assert f"Target, level 5: {skill.level('senior', 5)}" in text.replace("\\", "")


def test_the_name_heads_the_draft_and_no_name_is_no_name() -> None:
    sessions, events = history()
    named = export_data(sessions, events, config=replace(CONFIG, name="Alex Doe"))
    assert render_md(named).startswith("# Self-review: Alex Doe\n")
    assert render_md(export_data(sessions, events)).startswith("# Self-review\n")


def test_missed_commitments_come_first_and_every_one_is_counted() -> None:
    day = dt.date(2026, 11, 20)
    made = weekly(
        at("2026-11-09"),
        "a001",
        commitments=tuple(
            replace(c, id=f"c-{i:04d}", text=f"Promise {i}", due=day, private=False)
            for i, c in enumerate([*weekly(at("2026-11-09")).commitments] * 5)
        ),
    )
    outcomes = ["met"] * 8 + ["missed"] * 2
    from pmcoach.domain.model import CommitmentReview

    reviewed = weekly(
        at("2026-11-23"),
        "a002",
        commitments=(),
        commitment_reviews=tuple(
            CommitmentReview(f"c-{i:04d}", o)  # type: ignore[arg-type]
            for i, o in enumerate(outcomes)
        ),
    )
    review = build_review(export_data((made, reviewed), ()))
    assert review.commitment_states == (8, 2, 0)
    assert [d.label for d in review.missed] == ["missed", "missed"]
    assert len(review.kept) + review.more_kept == 8
    text = render_md(export_data((made, reviewed), ()))
    assert text.index("missed: Promise 8") < text.index("kept: Promise")
    assert "I kept 8 and missed 2 (say/do 80%)" in text


HOSTILE = (
    "# Heading [click](javascript:alert(1)) | cell | <script>alert(1)</script> "
    "<img src=http://example.com/x.png> \x1b]0;title\x07 \x1b[31mred \u202eevil\r\nnext"
)


def hostile_history() -> tuple[tuple[object, ...], tuple[object, ...]]:
    sessions, events = history()
    first = sessions[0]
    answers = (replace(first.answers[0], note=Text(HOSTILE, False)), *first.answers[1:])
    sessions = (replace(first, answers=answers), *sessions[1:])
    win = event(at("2026-11-21", 15), "win", "e001", skill="execute", text=Text(HOSTILE))
    return sessions, (*events, win)


def test_hostile_texts_are_escaped_in_markdown() -> None:
    sessions, events = hostile_history()
    text = render_md(export_data(sessions, events))  # type: ignore[arg-type]
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e]", text)
    assert "\\# Heading \\[click\\](javascript:alert(1)) \\| cell \\| \\<script\\>" in text
    assert not [line for line in text.splitlines() if line.startswith("# Heading")]


def test_hostile_texts_are_escaped_in_html_and_nothing_is_fetched_or_run() -> None:
    sessions, events = hostile_history()
    page = render_html(export_data(sessions, events))  # type: ignore[arg-type]
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e]", page)
    assert "<script" not in page and "<img" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "default-src 'none'" in page
    assert not re.search(r"<[^>]*\b(src|href)=", page)


def test_an_empty_folder_makes_a_draft_that_says_so() -> None:
    for render in FORMATS.values():
        text = render(export_data((), ()))
        assert "No ratings in this period" in text
        assert "No skill rose or fell" in text


def test_a_note_on_a_question_the_rubric_no_longer_has_is_kept_out_of_the_skills() -> None:
    sessions, events = history()
    odd = replace(
        sessions[0], answers=(Answer(question="gone.question", rating=2, note=Text("x")),)
    )
    review = build_review(export_data((odd,), events))
    assert all(s.skill != "gone" for s in review.skills)


def test_drill_results_are_scores_never_the_replies() -> None:
    sessions, events = history()
    drills = tuple(
        event(
            at(day, 18),
            "drill",
            f"f00{index}",
            skill="communicate",
            text=Text(f"PRIVATE reply {index}", True),
            data={"drill": "answer-first", "card": "c", "score": score},
        )
        for index, (day, score) in enumerate(
            [("2026-11-02", 40), ("2026-11-09", 90), ("2026-11-16", 75)]
        )
    )
    text = render_md(export_data(sessions, (*events, *drills), include_private=True))
    assert "The answer-first drill: 3 attempts, scored 40 first and 75 last, best 90" in text
    assert "PRIVATE reply" not in text


def test_a_track_the_rubric_does_not_have_is_said() -> None:
    sessions, events = history()
    data = export_data(sessions, events, config=replace(CONFIG, track="gone\x1b[2J"))
    for render in FORMATS.values():
        text = render(data)
        assert "No skills to show: the track" in text and "\x1b" not in text
