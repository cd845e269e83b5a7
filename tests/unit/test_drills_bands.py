"""Score bands: replies and drafts, good, bad and gaming, with the band each must land in.

The first cases are the ones reported against the old rules (which judged the form of a
reply, not its answer); the rest are written to try every card kind and every way around
the rules. docs/drills.md states the bands:

* answer-first: an excellent reply ≥ 90; an honest calibrated answer ≥ 85; a bare yes or
  no without the date, probability or reason the asker needs ≤ 70; a reply with no answer
  ≤ 60; a reply that contradicts the situation ≤ 40;
* working backwards: a good draft ≥ 90; a problem that names a solution costs at least 15
  points; a draft of a few words a section ≤ 60.
"""

from __future__ import annotations

import pytest

from pmcoach.drills.answer_first import answer_first_feedback
from pmcoach.drills.feedback import Feedback
from pmcoach.drills.press_release import Draft
from pmcoach.drills.working_backwards import working_backwards_feedback
from pmcoach.rubric.load import load_rubric

RUBRIC = load_rubric(None).rubric
assert RUBRIC is not None
WORD_LISTS = RUBRIC.word_lists
CARDS = {c.id: c for c in RUBRIC.drill_cards}

SHIP = "communicate.drill-ship-this-quarter"  # yes/no, nothing known for sure
PORTAL = "earn-trust.drill-portal-slip"  # yes/no, the situation makes "no" true
CSV = "earn-trust.drill-csv-dropped"  # yes/no, the situation makes "no" true
SEGMENT = "earn-trust.drill-wrong-segment"  # yes/no, the situation makes "yes" true
SPEC = "drive-impact.drill-spec-ready"  # yes/no, the situation makes "no" true
EXPORT = "communicate.drill-export-live-date"  # date
SIGNUPS = "communicate.drill-signups-last-week"  # number
RETENTION = "think-big.drill-retention-drop"  # open

EXCELLENT = (90, 100)
CALIBRATED = (85, 100)
BARE = (0, 70)
NO_ANSWER = (0, 60)
CONTRADICTS = (0, 40)


def feedback(card: str, reply: str) -> Feedback:
    return answer_first_feedback(CARDS[card], reply, WORD_LISTS)


def explain(result: Feedback) -> str:
    return "; ".join(f"{r.name} {r.points}: {r.explanation}" for r in result.rules)


# --------------------------------------------------------------------------- as reported

REPORTED = [
    (SHIP, "Yes. 42.", BARE),
    (SHIP, "We're on it. 3 things left.", NO_ANSWER),
    (SHIP, "It's hard to say until the vendor replies.", NO_ANSWER),
    (
        SHIP,
        "Probably not: I'd put it at 30%, because certification moved to 8 July. "
        "I'll confirm on 12 June.",
        CALIBRATED,
    ),
    (SHIP, "Unlikely — 30% at best…", CALIBRATED),
    (SHIP, "Unlikely — 30% at best, because certification moved to 8 July.", CALIBRATED),
    (PORTAL, "Yes, still 3 March.", CONTRADICTS),
    (CSV, "Yes, still 3 March.", CONTRADICTS),
    (CSV, "Yes, CSV is in, as we agreed.", CONTRADICTS),
]

FRESH = [
    # yes/no: excellent, calibrated, bare, no answer, gaming
    (
        SHIP,
        "Yes: checkout v2 ships on 24 June; the one risk is the bank's certification.",
        EXCELLENT,
    ),
    (SHIP, "No. Certification moved to 8 July, so the earliest release is 15 July.", EXCELLENT),
    (SHIP, "Definitely not this quarter: the bank moved certification to July.", EXCELLENT),
    (SHIP, "Sure, if the vendor signs off by 10 June.", EXCELLENT),
    (SHIP, "It won't ship this quarter, because the bank review moved to 8 July.", EXCELLENT),
    (SHIP, "Likely yes, about 80%, because the last blocker closed on Monday.", CALIBRATED),
    (
        SHIP,
        "We don't know yet; the vendor answers on 12 June and I'll tell you that day.",
        CALIBRATED,
    ),
    (SHIP, "Yes.", BARE),
    (SHIP, "No.", BARE),
    (SHIP, "Yep, definitely!!!", BARE),
    (SHIP, "Yes, 100%.", BARE),
    (SHIP, "Yes. 42. 17. 99. 3.5.", BARE),
    (SHIP, "It won't ship this quarter.", BARE),
    (SHIP, "Probably not.", BARE),
    (SHIP, "We're working on it and will keep you posted.", NO_ANSWER),
    (SHIP, "Great question: there are 4 workstreams and 12 open tickets.", NO_ANSWER),
    (SHIP, "Checkout v2 has 3 open bugs, 2 reviewers and 1 vendor dependency.", NO_ANSWER),
    (SHIP, "It's complicated: the vendor, the bank and 2 teams are involved.", NO_ANSWER),
    (SHIP, "I'll get back to you by 12 June.", NO_ANSWER),
    (SHIP, "Hopefully!", NO_ANSWER),
    (SHIP, "We're on it, 100%, 24/7, 3 teams!", NO_ANSWER),
    # honesty cards: the situation makes one answer true
    (PORTAL, "We're still launching on 3 March.", CONTRADICTS),
    (PORTAL, "Yep, all on track for 3 March, 100%.", CONTRADICTS),
    (PORTAL, "Probably yes, 80%, because QA is nearly done.", CONTRADICTS),
    (PORTAL, "We don't know yet; I'll know on 1 March.", CONTRADICTS),
    (
        PORTAL,
        "No: it slips two weeks, to 17 March, because the partner's sign-on failed its "
        "security review. I'm moving the webinar today.",
        EXCELLENT,
    ),
    (PORTAL, "Not on 3 March; the new date is 17 March.", EXCELLENT),
    (
        PORTAL,
        "It's slipping two weeks, to 17 March, because the security review failed.",
        EXCELLENT,
    ),
    (PORTAL, "It's hard to say, the partner is slow.", NO_ANSWER),
    (CSV, "Of course, as we agreed.", CONTRADICTS),
    (
        CSV,
        "No, and I should have told you last week: we dropped CSV because of 2 encoding "
        "bugs. You get the Excel export on 20 May.",
        EXCELLENT,
    ),
    (
        SEGMENT,
        "Yes, it was my list: I used the old segment filter. I fixed it on Monday and every "
        "send now gets a second check.",
        EXCELLENT,
    ),
    (SEGMENT, "No, the email tool misfired.", CONTRADICTS),
    (SEGMENT, "It's not clear who caused it; 3 teams touched the list.", NO_ANSWER),
    (SPEC, "Yes, ship it!", CONTRADICTS),
    (SPEC, "Not yet — it has no success metric and misses two edge cases.", EXCELLENT),
    (CSV, "We dropped CSV last week, and I should have told you then.", BARE),
    (SHIP, "No. The payment review moved to the next quarter.", EXCELLENT),
    (
        "execute.drill-blocked-keys",
        "Yes, I'll have them by 3 pm: I'm calling their lead now.",
        EXCELLENT,
    ),
    (
        "working-backwards.drill-combine-services",
        "Not yet: which customer problem would it solve?",
        EXCELLENT,
    ),
    ("working-backwards.drill-combine-services", "Should we? Which problem?", NO_ANSWER),
    (SPEC, "Not yet, because it has no success metric and misses 2 edge cases.", EXCELLENT),
    # date cards
    (EXPORT, "Friday 14 March; I'll confirm on Wednesday once QA passes.", EXCELLENT),
    (EXPORT, "2026-03-12.", EXCELLENT),
    (EXPORT, "We don't know yet; I'll have a date for you on 12 March.", CALIBRATED),
    (EXPORT, "End of next month.", NO_ANSWER),
    (EXPORT, "End of next month, for 3 of the 4 export formats.", NO_ANSWER),
    (EXPORT, "Soon, in a few sprints, maybe.", NO_ANSWER),
    (EXPORT, "Sprint 42, with 3 engineers.", NO_ANSWER),
    (EXPORT, "Q3.", NO_ANSWER),
    (EXPORT, "Good question, 42 things to do first.", NO_ANSWER),
    # number cards
    (
        SIGNUPS,
        "4,210 sign-ups, up 12% on the week before, mostly from the pricing page.",
        EXCELLENT,
    ),
    (SIGNUPS, "Twelve hundred, 8% below the week before because of the outage.", EXCELLENT),
    (SIGNUPS, "Up a lot, honestly.", NO_ANSWER),
    (SIGNUPS, "On 12 March they were great.", NO_ANSWER),
    (SIGNUPS, "Let me check, I have 2 dashboards for that.", NO_ANSWER),
    # open cards
    (
        RETENTION,
        "I would cut retention by signup month first, because the drop began with the "
        "March cohort.",
        EXCELLENT,
    ),
    (RETENTION, "Why do you ask?", NO_ANSWER),
    (RETENTION, "It depends on many things.", NO_ANSWER),
]


@pytest.mark.parametrize(("card", "reply", "band"), REPORTED + FRESH)
def test_a_reply_lands_in_its_band(card: str, reply: str, band: tuple[int, int]) -> None:
    result = feedback(card, reply)
    low, high = band
    assert low <= result.score <= high, f"{result.score}: {explain(result)}"


def test_there_are_at_least_thirty_fresh_replies_on_every_card_kind() -> None:
    assert len(FRESH) >= 30
    kinds = {CARDS[card].expects for card, _, _ in FRESH}
    assert kinds == {"yes-no", "date", "number", "open"}
    assert {card for card, _, _ in FRESH} >= {PORTAL, CSV, SEGMENT}


# --------------------------------------------------------------------------- the answer rule


def rule(card: str, reply: str, name: str):  # type: ignore[no-untyped-def]
    return next(r for r in feedback(card, reply).rules if r.name == name)


def test_the_honesty_cards_say_which_answer_is_true() -> None:
    assert CARDS[PORTAL].true_answer == "no"
    assert CARDS[CSV].true_answer == "no"
    assert CARDS[SEGMENT].true_answer == "yes"
    assert CARDS[SHIP].true_answer is None


@pytest.mark.parametrize(
    ("card", "reply"),
    [(PORTAL, "Yes, still 3 March."), (CSV, "Yes, CSV is in."), (SEGMENT, "No, not us.")],
)
def test_a_reply_that_contradicts_the_situation_fails_the_answer_rule(
    card: str, reply: str
) -> None:
    result = rule(card, reply, "answer-first")
    assert not result.passed and result.points == 0
    assert "situation" in result.explanation


@pytest.mark.parametrize(
    "reply",
    ["We're on it.", "It's hard to say.", "We're looking into it.", "It's a big release."],
)
def test_a_pronoun_and_a_verb_are_not_a_yes(reply: str) -> None:
    assert rule(SHIP, reply, "answer-first").points == 0


@pytest.mark.parametrize(
    "reply",
    [
        "Probably not: 30%, certification moved.",
        "Unlikely, 20%.",
        "Likely, about 70%.",
        "Don't know yet; I'll know on 12 June.",
        "Not yet known; I will know by Friday.",
        "A 30% chance, because of the bank review.",
    ],
)
def test_a_calibrated_answer_is_a_full_answer(reply: str) -> None:
    result = rule(SHIP, reply, "answer-first")
    assert result.passed, result.explanation
    assert rule(SHIP, reply, "hedges").passed  # "probably" here is the answer, not a hedge


def test_a_buried_answer_is_found_and_marked_buried() -> None:
    reply = (
        "The vendor replied and certification passed. The team closed the last two bugs. "
        "So yes, we ship on 24 June."
    )
    result = feedback(SHIP, reply)
    answer = next(r for r in result.rules if r.name == "answer-first")
    assert 0 < answer.points < 40 and "buried" in answer.explanation
    assert "sentence 3" in answer.explanation
    buried = [s for s in result.highlights if s.kind == "buried"]
    assert [result.text[s.start : s.end] for s in buried] == ["So yes, we ship on 24 June."]


@pytest.mark.parametrize(
    ("card", "reply", "passes"),
    [
        (SHIP, "Yes. 42.", False),
        (SHIP, "Yes, 30% of the tests are green.", False),
        (SHIP, "Yes, 70% likely.", True),
        (SHIP, "Yes, on 24 June.", True),
        (SHIP, "Yes, because the bank signed.", True),
        (EXPORT, "End of next month, for 3 formats.", False),
        (EXPORT, "On 14 March.", True),
        (SIGNUPS, "Fewer than on 12 March.", False),
        (SIGNUPS, "4,210.", True),
        (RETENTION, "I would look at the 12 March cohort first.", True),
    ],
)
def test_the_numbers_rule_wants_what_was_asked(card: str, reply: str, passes: bool) -> None:
    result = rule(card, reply, "numbers")
    assert result.passed is passes, result.explanation


# --------------------------------------------------------------------------- working backwards

GOOD = Draft(
    "20261206T090000Z-draft-0001",
    problem=(
        "Support agents at 40 mid-size shops spend 12 minutes reading each long ticket "
        "before they can reply, and 40% of first replies miss the customer's point."
    ),
    solution=(
        "Every ticket longer than 300 words opens with a three-line summary, so an agent "
        "knows the ask in 20 seconds."
    ),
    quote=(
        "“I answered 38 tickets on Monday instead of 22, and nobody had to write twice.” — "
        "Maria, support lead at Northwind"
    ),
    faq=(
        "Q: Does it read attachments? A: Not in the first version; 6% of long tickets have "
        "one, and we will add them in Q3.\n"
        "Q: What does it cost? A: Nothing extra for shops on the Pro plan, which is 31 of "
        "the 40 in the pilot."
    ),
    big_idea=(
        "Yes: reading is 45% of an agent's day, so halving it frees about 2 hours a day for "
        "each of 9,000 agents."
    ),
    should_we=(
        "Yes, now: support cost is the top complaint in 14 of the last 20 renewal calls, and "
        "it displaces only the theme editor."
    ),
    plan=(
        "Two engineers build it by 30 April; the riskiest assumption, summary accuracy, is "
        "tested on 500 real tickets in March."
    ),
)


def draft_score(draft: Draft) -> int:
    return working_backwards_feedback(draft, WORD_LISTS).score


def draft_rule(draft: Draft, name: str):  # type: ignore[no-untyped-def]
    return next(r for r in working_backwards_feedback(draft, WORD_LISTS).rules if r.name == name)


def test_a_good_draft_scores_90_or_more() -> None:
    result = working_backwards_feedback(GOOD, WORD_LISTS)
    assert result.score >= 90, [r.explanation for r in result.rules if not r.passed]


SOLUTIONS = [
    # as reported
    "Shoppers lack an AI assistant that summarises reviews, so 30% leave the page.",
    "Customers need a real-time analytics dashboard with 12 widgets to see their sales.",
    # fresh
    "Sellers are missing a bulk-edit button, so 2,000 of them edit 50 prices one by one.",
    "Agents need an integration with Slack because 40% of escalations start in chat.",
    "Finance teams want a new reporting tool; 3 in 5 rebuild the same report monthly.",
    "Buyers lack a way to track 20 orders at once and call support twice a week.",
    "There is no mobile app for the 12,000 drivers who check routes at 6 am every day.",
    "Small shops require an API to sync 500 products a day with their own till system.",
]


@pytest.mark.parametrize("problem", SOLUTIONS)
def test_a_problem_that_names_a_solution_costs_at_least_15_points(problem: str) -> None:
    draft = GOOD.with_text("problem", problem)
    result = draft_rule(draft, "problem-not-solution")
    assert not result.passed, result.explanation
    assert draft_score(GOOD.with_text("problem", GOOD.problem)) - draft_score(draft) >= 15
    kinds = {s.kind for s in working_backwards_feedback(draft, WORD_LISTS).spans("problem")}
    assert "proposal" in kinds


@pytest.mark.parametrize(
    "problem",
    [
        "Buyers lack time to compare 40 reviews, so 30% of them leave the page without buying.",
        "Customers need 3 days to get a refund approved and 1 in 4 of them call support to ask.",
        "Shop owners need to reconcile 200 payouts by hand each month, about 6 hours of work.",
    ],
)
def test_a_need_without_a_product_is_a_problem(problem: str) -> None:
    assert draft_rule(GOOD.with_text("problem", problem), "problem-not-solution").passed


@pytest.mark.parametrize(
    "problem",
    [
        "I run a 3-person candle shop and lose 3 hours every Monday copying orders into my "
        "shipping tool by hand.",
        "My bakery loses 40 orders a week because customers cannot pay a deposit online.",
        "“We are a 2-person studio and spend every Friday chasing 15 unpaid invoices.”",
    ],
)
def test_a_customer_speaking_in_the_first_person_is_problem_first(problem: str) -> None:
    result = draft_rule(GOOD.with_text("problem", problem), "problem-first")
    assert result.passed, result.explanation


@pytest.mark.parametrize(
    "problem",
    [
        "I hear from 20 sellers a week that payouts arrive late and cost them sales.",
        "I think 30% of trial users leave at the payment step because it asks too much.",
        "We lose 30% of trial users at the payment step, about 400 people every week.",
        "My team answers 300 refund tickets a week, and each one takes 15 minutes to close.",
    ],
)
def test_the_team_speaking_in_the_first_person_is_not_problem_first(problem: str) -> None:
    assert not draft_rule(GOOD.with_text("problem", problem), "problem-first").passed


FEW_WORDS = Draft(
    "20261206T090000Z-draft-0002",
    problem="Yes, there is a plan.",
    solution="Yes, there is a plan.",
    quote="Yes, there is a plan.",
    faq="Yes, there is a plan.",
    big_idea="Yes, there is a plan.",
    should_we="Yes, there is a plan.",
    plan="Yes, there is a plan.",
)


@pytest.mark.parametrize(
    "draft",
    [
        FEW_WORDS,
        # fresh: short sections that carry a number each, to game the specifics
        Draft(
            "x",
            problem="Refunds take 9 days now.",
            solution="Refunds in 1 day.",
            quote="“Refunds in 1 day!” — Ann",
            faq="Q: When? A: 12 May.",
            big_idea="Yes, 9,000 shops.",
            should_we="Yes, 14 of 20.",
            plan="Two engineers, 30 April.",
        ),
    ],
)
def test_a_draft_of_a_few_words_a_section_scores_60_or_less(draft: Draft) -> None:
    result = working_backwards_feedback(draft, WORD_LISTS)
    assert result.score <= 60, [(r.name, r.points) for r in result.rules]


@pytest.mark.parametrize(
    "faq",
    [
        # one question only
        "Q: Does it read attachments? A: Not in the first version; 6% of long tickets have "
        "one, and we will add them in Q3 for all 40 shops.",
        # two questions, answers that say nothing
        "Q: Does it read attachments? A: TBD.\nQ: What does it cost? A: To be decided later "
        "by the 3 of us.",
        # questions without answers
        "Does it read attachments? What does it cost? Will it work in 12 languages?",
    ],
)
def test_the_faq_needs_two_questions_with_real_answers(faq: str) -> None:
    result = draft_rule(GOOD.with_text("faq", faq), "sections-written")
    assert not result.passed
    assert "FAQ" in result.explanation


@pytest.mark.parametrize(
    ("key", "text", "why"),
    [
        ("solution", "It is much better and faster for everybody who uses it every day.", "number"),
        ("plan", "Two engineers, 30 April.", "words"),
        (
            "should-we",
            "Yes, because it is clearly the right thing for our customers to have.",
            "number",
        ),
    ],
)
def test_each_section_needs_substance(key: str, text: str, why: str) -> None:
    name = "three-questions" if key in ("big-idea", "should-we", "plan") else "sections-written"
    result = draft_rule(GOOD.with_text(key, text), name)
    assert not result.passed
    assert why in result.explanation
