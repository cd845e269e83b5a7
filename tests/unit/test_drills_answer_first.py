"""The answer-first drill's rules: for each rule, replies that must and must not trigger it.

"Trigger" means the rule fails (✗) on that reply. Every case names its card's `expects`,
so the tests read like the table in docs/drills.md.
"""

from __future__ import annotations

import pytest

from pmcoach.domain.model import DrillCard, Expects, WordList
from pmcoach.drills.answer_first import answer_first_feedback
from pmcoach.drills.answer_first_points import (
    ANSWER_WINDOW,
    EXPLANATION_WORDS,
    EXPLANATION_WORDS_HALF,
    MAX_REPLY_CHARS,
    POINTS,
)
from pmcoach.drills.feedback import Feedback, RuleResult
from pmcoach.rubric.load import load_rubric

WORD_LISTS = load_rubric().rubric.word_lists  # type: ignore[union-attr]


def card(expects: Expects) -> DrillCard:
    return DrillCard(
        id=f"communicate.test-{expects}", skill="communicate", situation="?", expects=expects
    )


def check(expects: Expects, reply: str, lists: tuple[WordList, ...] = WORD_LISTS) -> Feedback:
    return answer_first_feedback(card(expects), reply, lists)


def rule(expects: Expects, reply: str, name: str) -> RuleResult:
    return next(r for r in check(expects, reply).rules if r.name == name)


# --------------------------------------------------------------------------- answer-first

ANSWERED = [
    ("yes-no", "Yes, checkout v2 ships on 12 March."),
    ("yes-no", "No. The payment review moved to April."),
    ("yes-no", "Not this quarter: the payment review moved to April."),
    ("yes-no", "Not yet known; I will know by Friday."),
    ("yes-no", "Hi Dana, yes — it ships in March."),
    ("yes-no", "Hi Dana!\nNo, it slips to April."),
    ("yes-no", "Short answer: no."),
    ("yes-no", "We will ship it on 14 January."),
    ("yes-no", "It won’t ship this quarter."),
    ("yes-no", "We're on track for Friday."),
    ("yes-no", "I think we will make it."),
    ("yes-no", "Probably not: 30%, the review moved."),
    ("yes-no", "Don't know yet; I will know on Friday."),
    ("date", "Friday, and I will confirm on Wednesday."),
    ("date", "12 March, once QA signs off."),
    ("date", "2026-03-12."),
    ("date", "March 12, if the partner signs."),
    ("date", "Tomorrow at noon."),
    ("date", "By end of day."),
    ("date", "On 3 May."),
    ("number", "4,210 sign-ups, up 12% on the week before."),
    ("number", "About 3.1%, down from 3.4%."),
    ("number", "€40k a year, support included."),
    ("number", "Three projects; checkout matters most."),
    ("number", "None so far."),
    ("open", "I would cut the data by signup cohort first."),
    ("open", "It gets your launch its date back."),
]

NOT_ANSWERED = [
    ("yes-no", "Hopefully, if the review goes well."),
    ("yes-no", "We're on it."),
    ("yes-no", "It's a big release."),
    ("yes-no", "The team is working hard on it."),
    ("yes-no", "Good question."),
    ("yes-no", "It depends on the payment review."),
    ("yes-no", "Do you mean web or iOS?"),
    ("yes-no", "I'm not sure yet."),
    ("yes-no", "No idea yet, checking."),
    ("date", "Soon."),
    ("date", "When the bulk API is done."),
    ("date", "We may have it by then."),
    ("number", "Sign-ups were up on 12 March."),
    ("number", "v2 did well."),
    ("number", "Q3 was strong."),
    ("number", "Up a lot, the pricing page helped."),
    ("open", "Why do you ask?"),
    ("open", "Great question, let me think."),
    ("open", "Background: we tried this before."),
    ("open", "Because."),
]


@pytest.mark.parametrize(("expects", "reply"), ANSWERED)
def test_answer_first_passes(expects: Expects, reply: str) -> None:
    result = rule(expects, reply, "answer-first")
    assert result.passed, result.explanation
    assert result.points == POINTS["answer-first"]


@pytest.mark.parametrize(("expects", "reply"), NOT_ANSWERED)
def test_answer_first_fails(expects: Expects, reply: str) -> None:
    result = rule(expects, reply, "answer-first")
    assert not result.passed
    assert result.points == 0, result.explanation


@pytest.mark.parametrize(
    "reply", ["In March.", "Q3.", "Next week.", "End of the month.", "In two weeks.", "In 2027."]
)
def test_an_approximate_date_earns_half(reply: str) -> None:
    result = rule("date", reply, "answer-first")
    assert not result.passed
    assert result.points == POINTS["answer-first"] // 2
    assert "range" in result.explanation


def test_an_answer_in_a_later_sentence_earns_ten_and_says_where() -> None:
    result = rule(
        "yes-no", "The payment review moved. No, it won't ship this quarter.", "answer-first"
    )
    assert result.points == 10
    assert "sentence 2" in result.explanation


def test_an_answer_after_an_evasion_is_buried() -> None:
    result = rule("yes-no", "Good question. No.", "answer-first")
    assert result.points == 10 and "buried in sentence 2" in result.explanation


def test_the_answer_must_come_within_the_first_words() -> None:
    padding = " ".join(["word"] * ANSWER_WINDOW)
    assert rule("date", f"{padding} Friday.", "answer-first").points < POINTS["answer-first"]
    short = " ".join(["word"] * (ANSWER_WINDOW - 1))
    assert rule("date", f"{short} Friday.", "answer-first").passed


def test_an_evasion_is_named_in_the_explanation() -> None:
    result = rule("yes-no", "It depends on the payment review.", "answer-first")
    assert "“It depends”" in result.explanation


# --------------------------------------------------------------------------- numbers


# On a yes-no card: a probability, a date or a reason (tests/unit/test_drills_bands.py has the
# other card kinds).
@pytest.mark.parametrize(
    "reply",
    [
        "Yes, by 12 March.",
        "Yes, v2 ships in Q3.",
        "No: 30% likely at most.",
        "No, 1 in 4 chance.",
        "Yes, because the review passed.",
        "Yes, if the review passes.",
    ],
)
def test_numbers_pass(reply: str) -> None:
    assert rule("yes-no", reply, "numbers").passed


@pytest.mark.parametrize(
    "reply",
    [
        "Yes, it ships.",
        "Yes, 12 of 40 customers.",
        "No, 3.1% of tests.",
        "Yes, twenty people.",
        "Yes, 100%.",
        "No, the one risk is the review.",
        "Yes, on v2.",
    ],
)
def test_numbers_fail(reply: str) -> None:
    result = rule("yes-no", reply, "numbers")
    assert not result.passed and result.points == 0


# --------------------------------------------------------------------------- hedges


@pytest.mark.parametrize(
    ("reply", "word"),
    [
        ("Yes, I think so.", "I think"),
        ("Maybe.", "Maybe"),
        ("Yes, we'll try to ship it.", "we'll try"),
        ("Yes, we’ll try.", "we’ll try"),
        ("Yes, PROBABLY.", "PROBABLY"),
        ("Yes, it should   be fine.", "should   be"),
        ("Yes, I\nthink so.", "I\nthink"),
    ],
)
def test_hedges_trigger(reply: str, word: str) -> None:
    feedback = check("yes-no", reply)
    result = next(r for r in feedback.rules if r.name == "hedges")
    assert not result.passed
    assert result.points == POINTS["hedges"] - 5
    spans = [s for s in feedback.highlights if s.kind == "hedge"]
    assert [feedback.text[s.start : s.end] for s in spans] == [word]


@pytest.mark.parametrize(
    "reply",
    ["Yes.", "Thinking about it: yes.", "Yes, Maybelline ships.", "Yes, we tried and shipped."],
)
def test_hedges_do_not_trigger(reply: str) -> None:
    assert rule("yes-no", reply, "hedges").passed


def test_each_hedge_costs_five_points_down_to_zero() -> None:
    assert rule("yes-no", "Yes, I think.", "hedges").points == 5
    assert rule("yes-no", "Yes, I think maybe.", "hedges").points == 0
    assert rule("yes-no", "Yes, I think maybe, perhaps, probably.", "hedges").points == 0


def test_a_users_own_hedge_list_counts_too() -> None:
    mine = WordList(id="acme", kind="hedge", title="Acme", explain="x", words=("circle back",))
    feedback = check("yes-no", "Yes, let us circle back.", (*WORD_LISTS, mine))
    assert not next(r for r in feedback.rules if r.name == "hedges").passed


# --------------------------------------------------------------------------- weasel words


@pytest.mark.parametrize(
    "reply",
    [
        "Yes, many customers asked.",
        "Yes, we will ship soon.",
        "Yes, significantly better.",
        "Yes, a number of teams.",
    ],
)
def test_weasel_words_trigger(reply: str) -> None:
    feedback = check("yes-no", reply)
    assert not next(r for r in feedback.rules if r.name == "weasel-words").passed
    assert any(s.kind == "weasel" for s in feedback.highlights)


@pytest.mark.parametrize(
    "reply", ["Yes, somewhere in Berlin.", "Yes, mostly done.", "Yes, 40 customers asked."]
)
def test_weasel_words_do_not_trigger(reply: str) -> None:
    assert rule("yes-no", reply, "weasel-words").passed


# --------------------------------------------------------------------------- short explanation


def words(count: int) -> str:
    return " ".join(["word"] * count) + "."


@pytest.mark.parametrize(
    ("after", "points"),
    [
        (0, 10),
        (EXPLANATION_WORDS, 10),
        (EXPLANATION_WORDS + 1, 5),
        (EXPLANATION_WORDS_HALF, 5),
        (EXPLANATION_WORDS_HALF + 1, 0),
    ],
)
def test_short_explanation_counts_the_words_after_the_answer(after: int, points: int) -> None:
    reply = "Yes, it ships on Friday with all twelve fixes." + (f" {words(after)}" if after else "")
    feedback = check("yes-no", reply)
    result = next(r for r in feedback.rules if r.name == "short-explanation")
    assert result.points == points
    assert feedback.words_after == after


# --------------------------------------------------------------------------- the whole


def test_the_score_is_the_sum_of_the_rules() -> None:
    feedback = check("yes-no", "Hi Dana, I think we will probably ship soon, maybe.")
    assert feedback.score == sum(r.points for r in feedback.rules)
    assert [r.name for r in feedback.rules] == list(POINTS)
    perfect = check("yes-no", "Yes: checkout v2 ships on 12 March. The one risk is the review.")
    assert perfect.score == 100 and not perfect.failed


def test_the_same_reply_always_gets_the_same_feedback() -> None:
    reply = "Hi Dana, I think we will probably ship soon. Many risks remain, 3 of them big."
    assert check("yes-no", reply) == check("yes-no", reply)


@pytest.mark.parametrize("reply", ["", "   \n\t", "\x1b\x07"])
def test_an_empty_reply_gets_a_message_not_a_score(reply: str) -> None:
    feedback = check("date", reply)
    assert not feedback.checked
    assert feedback.problem == "Write a reply first: its first sentence should give a date."
    assert feedback.rules == ()


def test_an_enormous_reply_gets_a_message_not_a_score() -> None:
    feedback = check("yes-no", "Yes. " * MAX_REPLY_CHARS)
    assert not feedback.checked
    assert "Shorten it" in (feedback.problem or "")


def test_control_characters_are_removed_and_markup_kept_as_written() -> None:
    feedback = check("yes-no", "[bold]Yes[/] \x1b]0;title\x07 it ships.")
    assert "\x1b" not in feedback.text and "\x07" not in feedback.text
    assert "[bold]Yes[/]" in feedback.text
    for span in feedback.highlights:
        assert 0 <= span.start < span.end <= len(feedback.text)
