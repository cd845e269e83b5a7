"""Reading a peer's reply: every way people fill one in reads as the intended answers.

Property tests run 50 examples; `PMCOACH_FULL=1` runs 10,000 (benchmarks/run --full).
"""

from __future__ import annotations

import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from support.replies import ASKED, WAYS, boilerplate, intended, request_text

from pmcoach.domain.peer_reply import Reply, ReplyError, parse
from pmcoach.domain.request_words import Asked, layout

EXAMPLES = 10_000 if os.environ.get("PMCOACH_FULL", "") not in ("", "0") else 50

REQUEST = request_text()
# Words no request line holds, so a note made of them is the peer's own.
NOTE_WORDS = ("Great", "launch", "memo", "honest", "roadmap", "cheers", "Kim", "loved", "demo")
NOTE_LINES = st.lists(st.sampled_from(NOTE_WORDS), min_size=1, max_size=6).map(" ".join)
NOTES = st.one_of(st.none(), st.lists(NOTE_LINES, min_size=1, max_size=3).map("\n".join))
RATINGS = st.lists(
    st.one_of(st.none(), st.integers(1, 5)), min_size=len(ASKED), max_size=len(ASKED)
).filter(lambda r: any(x is not None for x in r))


def read(text: str) -> Reply:
    return parse(text, ASKED, boilerplate())


@pytest.mark.parametrize("way", sorted(WAYS))
def test_each_way_reads_as_meant(way: str) -> None:
    ratings = (4, None, 2, 5)
    note = "Great launch memo\nloved the demo"
    reply = read(WAYS[way](REQUEST, ratings, note))
    assert reply.ratings == intended(way, ratings)
    assert reply.note == note


@settings(max_examples=EXAMPLES, deadline=None)
@given(way=st.sampled_from(sorted(WAYS)), ratings=RATINGS, note=NOTES)
def test_any_reply_made_any_way_reads_as_meant(
    way: str, ratings: list[int | None], note: str | None
) -> None:
    text = WAYS[way](REQUEST, ratings, note)
    expected = intended(way, ratings)
    if not any(r is not None for r in expected):
        return  # bare numbers for a first question left open: nothing is said
    reply = read(text)
    assert reply.ratings == expected, text
    assert reply.note == note, text


def test_the_code_is_read_from_a_quoted_request() -> None:
    reply = read(WAYS["forwarded, request quoted"](REQUEST, (3, 3, 3, 3), None))
    assert reply.code == "K7QF"
    assert reply.code_line is not None


def test_a_reply_without_the_code_has_none() -> None:
    assert read("4\n3\n").code is None


def test_an_anchor_line_is_never_an_answer() -> None:
    reply = read("   3 They gave a date, or said by when they would have one.\n4\n")
    assert reply.ratings == (4, None, None, None)
    assert reply.note is None


def test_a_quoted_line_is_never_an_answer() -> None:
    reply = read("> 4\n> 1: 5\n2\n")
    assert reply.ratings == (2, None, None, None)


def test_a_number_under_a_quoted_question_answers_it() -> None:
    text = "> 3. When a plan of theirs slipped, how did you hear about it?\n5\n"
    assert read(text).ratings == (None, None, 5, None)


def test_words_between_answers_are_the_note_in_order() -> None:
    reply = read("1: 4\nAlways a date.\n2: 2 - the news was buried\n3:\n4: 5\n")
    assert reply.ratings == (4, 2, None, 5)
    assert reply.note == "Always a date.\n2: 2 - the news was buried"


def test_number_words_and_out_of_five() -> None:
    assert read("1: four\n2: 3/5\n3: (2)\n4: 5 out of 5\n").ratings == (4, 3, 2, 5)


@pytest.mark.parametrize(
    ("text", "line", "says"),
    [
        ("1: 4\n2: 7\n", 2, "7 is not a rating from 1 to 5"),
        ("4\n0\n", 2, "0 is not a rating from 1 to 5"),
        ("1: 3.5\n", 1, "3.5 is not a whole number"),
        ("4\n4\n4\n4\n4\n", 5, "more numbers than questions"),
        ("1: 4\n\n1: 5\n", 3, "a second answer to question 1 (line 1"),
        ("5: 3\n", 1, "question 5: the request asked 4 questions"),
        ("Q9 - 2\n", 1, "question 9"),
        ("4\n1: 3\n", 2, "a second answer to question 1"),
        ("Request code: K7QF\n4\n> Request code: ABCD\n", 3, "a second request code"),
    ],
)
def test_a_line_that_cannot_be_read_is_named(text: str, line: int, says: str) -> None:
    with pytest.raises(ReplyError) as caught:
        read(text)
    assert caught.value.line == line
    assert str(caught.value).startswith(f"line {line} (")
    assert says in str(caught.value)


@pytest.mark.parametrize(
    "text", ["1: 4-5\n", "1: 3 or 4\n", "1: 4 – 5, usually\n", "1: mostly 3 to 4\n"]
)
def test_two_ratings_for_one_question_are_refused_not_one_picked(text: str) -> None:
    """ "4-5" is a peer torn between two levels: taking either one would be a guess (and
    taking the later one, as the end of the line is read, flatters)."""
    with pytest.raises(ReplyError) as caught:
        read(text)
    assert caught.value.line == 1
    assert "two ratings for question 1" in str(caught.value)


def test_a_labelled_answer_with_words_after_it_still_reads() -> None:
    assert read("Q3 - 5\n1: 4 - always a date\n2: mostly, 2\n").ratings == (4, 2, 5, None)


def test_an_error_shows_the_line_without_control_characters() -> None:
    with pytest.raises(ReplyError) as caught:
        read("1: 9 \x1b]0;pwned\x07\x1b[2J\n")
    message = str(caught.value)
    assert "\x1b" not in message and "\x07" not in message
    assert "\n" not in message


def test_a_long_line_is_a_comment_and_costs_no_time() -> None:
    long = "4 " + "x" * 100_000 + " 4"
    reply = read(f"{long}\n3\n")
    assert reply.ratings == (3, None, None, None)
    assert reply.note == long


def test_a_bom_and_lone_carriage_returns() -> None:
    assert read("\ufeff1: 2\r2: 3\r").ratings == (2, 3, None, None)


def test_a_comment_that_starts_with_a_number_is_kept_not_rated() -> None:
    reply = read("3 of my projects went through Alex\n1: 4\n")
    assert reply.ratings == (4, None, None, None)
    assert reply.note == "3 of my projects went through Alex"


def test_a_wrapped_anchors_last_word_does_not_move_to_another_question() -> None:
    # "message." ends an anchor of question 2 and is also a word of question 1's text.
    asked = (
        Asked("Think of the last long message they sent you.", ("a", "b", "c", "d", "e")),
        Asked(
            "How did they ask you for feedback?",
            ("They did not.", "They asked without naming a meeting or message.", "c", "d", "e"),
        ),
    )
    text = (
        "> 2. How did they ask you for feedback?\n"
        ">    1 They did not.\n"
        ">    2 They asked without naming a meeting or\n"
        ">      message.\n"
        "4\n"
    )
    assert parse(text, asked).ratings == (None, 4)
    unquoted = text.replace("> ", "").replace(">", "")
    assert parse(unquoted, asked).ratings == (None, 4)


def test_a_request_text_gives_back_its_questions_and_other_lines() -> None:
    found, other = layout(REQUEST, "Request code")
    assert found == ASKED
    assert "Hi Sam," in other and "Anything else:" in other
    assert not any("Request code" in line for line in other)
    assert all(not line.rstrip(":").isdigit() for line in other)


LINES = st.one_of(
    st.text(max_size=80),
    st.sampled_from(REQUEST.split("\n")),
    st.from_regex(r"\A[>Qq# ]{0,3}\d{1,3}\s?[:.)=\-]?\s?\d{0,3}[^\n]{0,20}\Z"),
)


@settings(max_examples=EXAMPLES, deadline=None)
@given(lines=st.lists(LINES, max_size=30))
def test_any_text_is_a_reply_or_one_named_line(lines: list[str]) -> None:
    try:
        reply = read("\n".join(lines))
    except ReplyError as exc:
        assert "\n" not in str(exc)
        assert exc.line is None or exc.line >= 1
        return
    assert len(reply.ratings) == len(ASKED)
    assert all(r is None or 1 <= r <= 5 for r in reply.ratings)


def test_a_number_under_an_empty_slot_fills_it() -> None:
    assert read("1:\n\n2:\n5\n3:\n4:\n").ratings == (None, 5, None, None)


def test_a_signature_is_not_the_note() -> None:
    text = "1: 4\nThanks!\n-- \nSam Lee\nStaff PM, Payments\n+1 555 0100\n\n> Hi Sam,\n"
    reply = read(text)
    assert reply.ratings == (4, None, None, None)
    assert reply.note == "Thanks!"


def test_a_word_under_an_empty_slot_is_the_note_even_if_a_question_holds_it() -> None:
    # "owned" is a word of question 1's text: under its empty slot, it is the peer's.
    assert read("1:\nowned\n2: 3\n").note == "owned"
    assert read("1:\n4\n").ratings == (4, None, None, None)


def test_a_word_after_a_blank_line_under_a_question_is_the_note() -> None:
    # "owned" is a word of question 1's text; a blank line ends any wrapped line.
    question = '1. The last time you asked them "when?" about something they owned, how'
    reply = read(f"{question}\n\nowned\n")
    assert reply.note == "owned"
    assert read(f"{question}\n   did they reply?\n\n4\n").ratings == (4, None, None, None)


def test_one_word_said_again_is_not_a_question_reworded() -> None:
    assert read("1: 4\nthey they they they\n").note == "they they they they"
