"""The working-backwards drill's rules: drafts that must and must not trigger each one."""

from __future__ import annotations

import pytest

from pmcoach.domain.model import WordList
from pmcoach.drills.press_release import SECTIONS, Draft
from pmcoach.drills.working_backwards import (
    MAX_SECTION_CHARS,
    POINTS,
    step_checks,
    working_backwards_feedback,
)
from pmcoach.rubric.load import load_rubric

WORD_LISTS = load_rubric().rubric.word_lists  # type: ignore[union-attr]

GOOD_PROBLEM = (
    "Support agents spend 12 minutes reading each long ticket before they can reply, "
    "and 40% of first replies miss the customer's point."
)
COMPLETE = Draft(
    "20261123T080512Z-draft-0001",
    problem=GOOD_PROBLEM,
    solution="A three-line summary sits at the top of every ticket longer than 300 words.",
    quote="I answer twice as fast and I never miss the point. — Maria, agent at Northwind",
    faq=(
        "Q: Does it read attachments? A: Not in the first version; 6% of tickets have one.\n"
        "Q: What does it cost? A: Nothing extra on the Pro plan, which 31 of 40 shops use."
    ),
    big_idea="Yes: it changes every agent's day, on every long ticket, for 9,000 agents.",
    should_we="Yes, reading time is the largest cost in support today: 45% of an agent's day.",
    plan="Two engineers build it; a pilot with the billing queue in four weeks, by 30 April.",
)


def rule(draft: Draft, name: str, lists: tuple[WordList, ...] = WORD_LISTS):  # type: ignore[no-untyped-def]
    return next(r for r in working_backwards_feedback(draft, lists).rules if r.name == name)


def with_problem(text: str) -> Draft:
    return COMPLETE.with_text("problem", text)


def test_a_complete_draft_scores_full_marks() -> None:
    feedback = working_backwards_feedback(COMPLETE, WORD_LISTS)
    assert feedback.score == 100, [r.explanation for r in feedback.rules if not r.passed]
    assert [r.name for r in feedback.rules] == list(POINTS)


# --------------------------------------------------------------------------- problem-first


@pytest.mark.parametrize(
    ("problem", "flagged"),
    [
        (
            "We have the recommendations engine and the notification service. "
            "We could combine them for 2,000 shops.",
            "We have",
        ),
        ("Our platform already handles payments for 2,000 shops that want loans.", "Our platform"),
        (
            "Now that we have the data lake, 30% of analysts could query it directly.",
            "Now that we have",
        ),
        (
            "Analysts wait 3 days for reports, and we already built a query engine.",
            "we already built",
        ),
        ("Leverage our search index so 5,000 sellers find buyers faster.", "Leverage our"),
    ],
)
def test_problem_first_flags_pieces_in_the_pantry(problem: str, flagged: str) -> None:
    draft = with_problem(problem)
    result = rule(draft, "problem-first")
    assert not result.passed and result.points == 0
    assert "pieces in the pantry" in result.explanation
    feedback = working_backwards_feedback(draft, WORD_LISTS)
    marked = [draft.problem[s.start : s.end] for s in feedback.spans("problem")]
    assert flagged in marked


@pytest.mark.parametrize(
    "problem",
    [
        "We lose 30% of trial users at the payment step.",
        "Our team answers 300 refund tickets a week.",
        "I hear from 20 sellers a week that payouts are late.",
    ],
)
def test_problem_first_flags_a_paragraph_that_starts_from_the_team(problem: str) -> None:
    result = rule(with_problem(problem), "problem-first")
    assert not result.passed
    assert "start from the customer" in result.explanation


@pytest.mark.parametrize(
    "problem",
    [
        GOOD_PROBLEM,
        "Shoppers who return an item wait 9 days for their refund, and 30% of them call support.",
        "Finance teams rebuild the same report by hand every month; 40% miss the deadline.",
        "Weekend sellers lose 2 sales a week because payouts arrive on Tuesdays.",
        "Our customers wait 9 days for a refund.",
    ],
)
def test_problem_first_passes_a_customer_problem(problem: str) -> None:
    assert rule(with_problem(problem), "problem-first").passed


# --------------------------------------------------------------------------- problem-not-solution


@pytest.mark.parametrize(
    "problem",
    [
        "Agents spend 12 minutes per ticket, so we will build AI summaries.",
        "Agents spend 12 minutes per ticket; a new feature would fix this.",
        "Agents spend 12 minutes per ticket. Our solution is a summary box.",
        "Agents spend 12 minutes per ticket. This will let users reply faster.",
        "Agents spend 12 minutes per ticket, which we'd fix by adding summaries.",
        "Agents spend 12 minutes per ticket. Let's build a summary for them.",
    ],
)
def test_problem_not_solution_flags_a_proposal(problem: str) -> None:
    draft = with_problem(problem)
    result = rule(draft, "problem-not-solution")
    assert not result.passed and result.points == 0
    kinds = {s.kind for s in working_backwards_feedback(draft, WORD_LISTS).spans("problem")}
    assert "proposal" in kinds


@pytest.mark.parametrize(
    "problem",
    [
        GOOD_PROBLEM,
        "Buyers cannot find last year's orders; 1 in 5 support calls is about it.",
        "Sellers build their own spreadsheets because the payout page shows 3 months only.",
    ],
)
def test_problem_not_solution_passes_a_description(problem: str) -> None:
    assert rule(with_problem(problem), "problem-not-solution").passed


def test_a_phrase_is_not_counted_by_both_problem_rules() -> None:
    draft = with_problem("Shops ask for loans; we could combine our payments data with 2 lenders.")
    assert not rule(draft, "problem-first").passed
    assert rule(draft, "problem-not-solution").passed


# --------------------------------------------------------------------------- problem-sized


@pytest.mark.parametrize(
    "problem",
    [
        "Shoppers wait a long time for their refunds and call support.",
        "Refund requests pile up every March and nobody answers them.",
        "Shoppers on v2 of the app cannot find their refunds in Q3.",
    ],
)
def test_problem_sized_flags_a_paragraph_without_a_number(problem: str) -> None:
    assert not rule(with_problem(problem), "problem-sized").passed


@pytest.mark.parametrize(
    "problem",
    [
        "Shoppers wait 9 days for their refunds, and most of them call support to ask why.",
        "Half of all refund tickets come from confusing invoice emails sent after a purchase.",
        "Each late payout costs a seller €120 in fees and a day of chasing the bank.",
    ],
)
def test_problem_sized_passes_a_paragraph_with_a_number(problem: str) -> None:
    assert rule(with_problem(problem), "problem-sized").passed


def test_a_problem_too_short_to_size_fails_problem_sized() -> None:
    result = rule(with_problem("Shoppers wait 9 days for refunds."), "problem-sized")
    assert not result.passed and "too few to size" in result.explanation


def test_a_problem_too_short_to_be_one_fails_every_problem_rule() -> None:
    draft = with_problem("Refunds are slow.")
    for name in ("problem-first", "problem-not-solution", "problem-sized"):
        result = rule(draft, name)
        assert result.points == 0 and "No problem paragraph yet" in result.explanation


# --------------------------------------------------------------------------- sections and questions


def test_sections_written_counts_five_points_a_section() -> None:
    result = rule(COMPLETE.with_text("quote", ""), "sections-written")
    assert result.points == 10 and "the customer quote: 0 words" in result.explanation
    assert (
        rule(COMPLETE.with_text("quote", "").with_text("faq", "Q: A."), "sections-written").points
        == 5
    )
    assert rule(COMPLETE, "sections-written").passed


def test_three_questions_each_need_an_answer_with_substance() -> None:
    result = rule(COMPLETE.with_text("should-we", "Yes."), "three-questions")
    assert result.points == 10 and "whether to do it: 1 word" in result.explanation
    empty = Draft("20261123T080512Z-draft-0002", problem=GOOD_PROBLEM)
    assert rule(empty, "three-questions").points == 0
    assert rule(COMPLETE, "three-questions").passed


# --------------------------------------------------------------------------- weasel words


def test_weasel_words_anywhere_in_the_draft_cost_five_each() -> None:
    draft = COMPLETE.with_text("faq", "Q: Will many agents use it? A: Most of them, soon.")
    result = rule(draft, "weasel-words")
    assert result.points == 0
    spans = working_backwards_feedback(draft, WORD_LISTS).spans("faq")
    assert [draft.faq[s.start : s.end] for s in spans] == ["many", "Most", "soon"]
    assert (
        rule(
            COMPLETE.with_text("plan", "Many engineers will do it, in four weeks."), "weasel-words"
        ).points
        == 10
    )


def test_weasel_words_pass_a_draft_without_them() -> None:
    assert rule(COMPLETE, "weasel-words").passed


# --------------------------------------------------------------------------- the whole


def test_the_same_draft_always_gets_the_same_feedback() -> None:
    draft = with_problem("We have two engines; we could combine them, and it will let users win.")
    assert working_backwards_feedback(draft, WORD_LISTS) == working_backwards_feedback(
        draft, WORD_LISTS
    )


def test_a_section_far_too_long_gets_a_message_not_a_score() -> None:
    feedback = working_backwards_feedback(
        COMPLETE.with_text("faq", "Q? " * MAX_SECTION_CHARS), WORD_LISTS
    )
    assert not feedback.checked and "FAQ" in (feedback.problem or "")


def test_the_guided_steps_put_the_problem_first_and_ask_the_three_questions() -> None:
    keys = [s.key for s in SECTIONS]
    assert keys[0] == "problem"
    assert keys.index("big-idea") < keys.index("should-we") < keys.index("plan")
    assert all(not s.optional for s in SECTIONS if s.key != "headline")


def test_a_draft_keeps_its_text_without_control_characters_or_blank_edges() -> None:
    draft = Draft(
        "x", problem="\n  Refunds \x1b]0;t\x07take 9 days.  \n", headline="  Fast   refunds \n"
    )
    assert draft.problem == "Refunds ]0;ttake 9 days."
    assert draft.headline == "Fast refunds"


def test_a_step_is_judged_on_its_own_section() -> None:
    problem = step_checks("problem", "We have two engines; many teams want them.", WORD_LISTS)
    assert [r.name for r in problem.rules] == [
        "problem-first",
        "problem-not-solution",
        "problem-sized",
        "weasel-words",
    ]
    assert {s.kind for s in problem.highlights} == {"solution-first", "weasel"}
    quote = step_checks("quote", "I love it.", WORD_LISTS)
    assert [(r.name, r.passed, r.explanation) for r in quote.rules] == [
        ("sections-written", False, "Not yet: 3 words (about 12 needed)."),
        ("weasel-words", True, "No weasel words."),
    ]
    plan = step_checks(
        "plan", "Two engineers, and a pilot with the billing queue in four weeks.", WORD_LISTS
    )
    assert plan.rules[0].name == "three-questions" and plan.rules[0].passed
    faq = step_checks(
        "faq", "Q: Does it read attachments? A: Not in the first version.", WORD_LISTS
    )
    assert "Not yet: 11 words" in faq.rules[0].explanation
    assert [r.name for r in step_checks("headline", "Fast refunds", WORD_LISTS).rules] == [
        "weasel-words"
    ]
