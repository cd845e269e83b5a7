"""Any text at all gets feedback, never an error: empty, 100 KB, markup, control characters,
lone surrogates. And the same text always gets the same feedback."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pmcoach.domain.model import EXPECTS, DrillCard
from pmcoach.drills import drafts
from pmcoach.drills.answer_first import answer_first_feedback
from pmcoach.drills.answer_first_points import MAX_REPLY_CHARS
from pmcoach.drills.feedback import Feedback
from pmcoach.drills.press_release import SECTION_KEYS, Draft
from pmcoach.drills.working_backwards import working_backwards_feedback
from pmcoach.rubric.load import load_rubric

WORD_LISTS = load_rubric().rubric.word_lists  # type: ignore[union-attr]
CARDS = [DrillCard(f"communicate.p-{e}", "communicate", "?", e) for e in EXPECTS]

# Pieces the rules look for, mixed with what breaks naive display code.
PIECES = [
    "Yes",
    "No",
    "Not yet",
    "We will",
    "I think",
    "maybe",
    "many",
    "soon",
    "we have",
    "we could combine",
    "12 March",
    "May",
    "Q3",
    "3.1%",
    "€40k",
    "1:1",
    "v2",
    "e.g.",
    "Hi Dana,",
    "Short answer:",
    "It depends",
    "?",
    ".",
    "!",
    "…",
    "\n",
    "\r\n",
    "\t",
    " ",
    "’",
    "#",
    "## ",
    "> ",
    "\\",
    "[bold]",
    "[/",
    "[@click=app.quit]x[/]",
    "\x1b]0;title\x07",
    "\x9b31m",
    "\u202e",
    "\x00",
    "\x7f",
    "漢字",
    "😀",
    "\ud800",
]
ANY_TEXT = st.one_of(
    st.text(),
    st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0x10FFFF)),  # surrogates too
    st.lists(st.sampled_from(PIECES), max_size=60).map("".join),
)


def well_formed(feedback: Feedback) -> None:
    assert 0 <= feedback.score <= 100
    assert feedback.score == sum(r.points for r in feedback.rules)
    for span in feedback.highlights:
        assert 0 <= span.start < span.end <= len(feedback.text)
    if feedback.checked:
        assert len(feedback.rules) == 5
        assert all(r.explanation for r in feedback.rules)
    else:
        assert feedback.problem and feedback.rules == ()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(card=st.sampled_from(CARDS), reply=ANY_TEXT)
def test_any_reply_gets_feedback(card: DrillCard, reply: str) -> None:
    feedback = answer_first_feedback(card, reply, WORD_LISTS)
    well_formed(feedback)
    assert feedback == answer_first_feedback(card, reply, WORD_LISTS)


@pytest.mark.parametrize(
    "reply",
    [
        "",
        "x" * 100_000,
        "Yes. " * 20_000,
        "I think maybe " * 7_000,
        ("[bold]Yes[/] \x1b]0;t\x07 many soon 12 March. " * 2_500)[:100_000],
        ("Yes, many. " * 1_000)[:MAX_REPLY_CHARS],
        "\n" * MAX_REPLY_CHARS,
        "." * MAX_REPLY_CHARS,
    ],
)
def test_big_and_odd_replies_get_feedback(reply: str) -> None:
    for card in CARDS:
        well_formed(answer_first_feedback(card, reply, WORD_LISTS))


SECTION_TEXT = st.one_of(
    st.text(max_size=400), st.lists(st.sampled_from(PIECES), max_size=40).map("".join)
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts=st.fixed_dictionaries({key: SECTION_TEXT for key in SECTION_KEYS}))
def test_any_draft_gets_feedback_and_reads_back_from_its_file(texts: dict[str, str]) -> None:
    draft = Draft("20261123T081500Z-draft-0a1b")
    for key, text in texts.items():
        draft = draft.with_text(key, text)
    feedback = working_backwards_feedback(draft, WORD_LISTS)
    assert 0 <= feedback.score <= 100
    assert feedback.score == sum(r.points for r in feedback.rules)
    for span in feedback.highlights:
        assert 0 <= span.start < span.end <= len(draft.get(span.section))
    assert feedback == working_backwards_feedback(draft, WORD_LISTS)
    if draft.headline != drafts.UNTITLED:
        assert drafts.parse(draft.id, drafts.render(draft)) == draft


@settings(max_examples=150, deadline=None)
@given(markdown=ANY_TEXT)
def test_any_file_reads_as_a_draft(markdown: str) -> None:
    draft = drafts.parse("any", markdown)
    working_backwards_feedback(draft, WORD_LISTS)


def test_a_draft_with_100_kb_sections_gets_a_message() -> None:
    draft = Draft("x", problem="We have " * 12_500, faq="many " * 20_000)
    feedback = working_backwards_feedback(draft, WORD_LISTS)
    assert not feedback.checked and "Shorten it" in (feedback.problem or "")
