"""The built-in rubric's content rules: scales that keep information, the whole job covered.

These read the shipped questions, not the loader's rules: they fail when the content drifts
back to scales that merge counts, windowless "last time" questions, anchors that describe a
feeling or someone else's decision, nominal citations or done-criteria that wait on others.
"""

from __future__ import annotations

import re

import pytest

from pmcoach.domain.model import Question, Rubric, Track
from pmcoach.domain.ratings import frequency_rating
from pmcoach.rubric.load import load_rubric
from pmcoach.rubric.validate import validate


@pytest.fixture(scope="module")
def rubric() -> Rubric:
    loaded = load_rubric(None).rubric
    assert loaded is not None
    return loaded


def _track(rubric: Rubric, track_id: str) -> Track:
    track = rubric.track(track_id)
    assert track is not None
    return track


def _scored(rubric: Rubric, track: Track) -> list[Question]:
    return [q for q in rubric.active_questions(track) if q.scored]


def _active(rubric: Rubric) -> list[Question]:
    return [q for q in rubric.questions if not q.retired]


# --------------------------------------------------------------------------- scales


def test_every_count_of_a_frequency_question_has_its_own_rating(rubric: Rubric) -> None:
    merged = {}
    for question in _active(rubric):
        if question.kind != "frequency":
            continue
        assert question.out_of is not None
        ratings = [frequency_rating(n, question.out_of) for n in range(question.out_of + 1)]
        if len(set(ratings)) != len(ratings):
            merged[question.id] = ratings
    assert merged == {}


def test_frequency_questions_ask_of_the_last_four(rubric: Rubric) -> None:
    """out_of = 4 maps count c to rating 1 + c, and the prompt says the same N."""
    wrong = [
        (q.id, q.out_of, q.prompt)
        for q in _active(rubric)
        if q.kind == "frequency" and (q.out_of != 4 or "last 4 " not in q.prompt)
    ]
    assert wrong == []


_WINDOW = re.compile(
    r"\b(this week|in the last (\d+|two|four) (days|weeks|working weeks|months)"
    r"|in the four weeks after|in the last \d+ months)\b",
    re.IGNORECASE,
)


def test_every_rating_question_names_its_window(rubric: Rubric) -> None:
    """ "The last time …" without a window mixes last week with last year."""
    windowless = [
        (q.id, q.prompt)
        for q in _active(rubric)
        if q.kind == "rating" and not _WINDOW.search(q.prompt)
    ]
    assert windowless == []


# Words that rate an inner state rather than an act someone else could see.
_INNER = {"felt", "feel", "wondered", "know", "believe", "thought", "uneasy", "sure"}
# Phrases that make the top of a scale depend on someone else's decision.
_OTHERS_DECIDE = re.compile(
    r"\bwe (chose|changed|dropped|decided|wrote)\b|\bwent away\b|\bthe person chose\b"
)
_REWRITTEN = (
    "think-big.limits-list",
    "think-big.bigger-version",
    "think-big.constraint-removed",
    "execute.metrics-from-memory",
    "working-backwards.pantry-check",
)


def _words(text: str) -> set[str]:
    return {w.strip(".,;:!?()\"'").lower() for w in text.split()}


def test_the_rewritten_anchors_are_acts_someone_else_could_see(rubric: Rubric) -> None:
    inner = []
    for question_id in _REWRITTEN:
        question = rubric.question(question_id)
        assert question is not None, question_id
        inner += [(question_id, a) for a in question.anchors if _words(a) & _INNER]
    assert inner == []


def test_the_rewritten_anchors_put_level_five_in_the_pms_control(rubric: Rubric) -> None:
    for question_id in _REWRITTEN:
        question = rubric.question(question_id)
        assert question is not None, question_id
        if question.kind == "rating":
            top = question.anchors[4]
            assert top.startswith("I "), (question_id, top)
            assert not _OTHERS_DECIDE.search(top), (question_id, top)
        else:
            # The counted act is the PM's own step, not an outcome others decide.
            assert "did you remove" not in question.prompt, question_id
            assert "could you" not in question.prompt, question_id
            assert "did you" in question.prompt, question_id


# --------------------------------------------------------------------------- the whole job

# Scored questions per skill and track. Prioritization, the first tool of the PM that
# multiplies impact, has the most in every track.
COUNTS = {
    "new": {"communicate": 6, "prioritize": 9, "execute": 7, "working-backwards": 7},
    "senior": {
        "communicate": 5,
        "prioritize": 9,
        "execute": 6,
        "think-big": 6,
        "earn-trust": 8,
        "drive-impact": 7,
        "working-backwards": 7,
    },
}


def test_scored_questions_per_skill_and_track(rubric: Rubric) -> None:
    for track_id, expected in COUNTS.items():
        track = _track(rubric, track_id)
        counts = {skill: 0 for skill in track.skills}
        for question in _scored(rubric, track):
            counts[question.skill] += 1
        assert counts == expected, track_id


def test_prioritize_has_the_most_questions_in_every_track(rubric: Rubric) -> None:
    for track in rubric.tracks:
        counts: dict[str, int] = {}
        for question in _scored(rubric, track):
            counts[question.skill] = counts.get(question.skill, 0) + 1
        others = [n for skill, n in counts.items() if skill != "prioritize"]
        assert counts["prioritize"] > max(others), (track.id, counts)


def test_the_weekly_rotation_still_fits() -> None:
    result = validate([])
    assert [str(i) for i in result.issues] == []


# Each area of the job the rubric covers: its questions, exercises and drill cards, and the
# tracks whose PMs are asked about it.
COVERAGE = {
    "customer discovery": (
        ["working-backwards.customer-contact"],
        ["working-backwards.hear-three-customers"],
        ["working-backwards.drill-customers-heard"],
        ("new", "senior"),
    ),
    "vision and roadmap": (
        ["prioritize.vision-and-roadmap"],
        ["prioritize.one-year-page"],
        ["prioritize.drill-offline-this-year"],
        ("new", "senior"),
    ),
    "quality bar": (
        ["execute.quality-bar"],
        ["execute.walk-as-a-new-customer"],
        ["execute.drill-hidden-button"],
        ("new", "senior"),
    ),
    "disagree and commit": (
        ["earn-trust.disagree-and-commit"],
        ["earn-trust.disagree-then-commit"],
        ["earn-trust.drill-behind-the-decision"],
        ("senior",),
    ),
    "developing others": (
        ["drive-impact.grew-someone"],
        ["drive-impact.stretch-task"],
        ["drive-impact.drill-write-it-for-me"],
        ("senior",),
    ),
    "trust journey": (
        ["earn-trust.context-not-control"],
        ["earn-trust.trust-ladder", "earn-trust.context-brief"],
        ["earn-trust.drill-screens-or-problem"],
        ("senior",),
    ),
    "prioritization weight": (
        ["prioritize.what-came-next", "prioritize.impact-side-by-side"],
        ["prioritize.price-the-ranking"],
        [],
        ("new", "senior"),
    ),
}


@pytest.mark.parametrize("area", list(COVERAGE))
def test_the_area_has_questions_exercises_and_drills(rubric: Rubric, area: str) -> None:
    question_ids, exercise_ids, card_ids, track_ids = COVERAGE[area]
    for track_id in track_ids:
        scored = {q.id for q in _scored(rubric, _track(rubric, track_id))}
        assert set(question_ids) <= scored, (area, track_id)
    exercises = {e.id for e in rubric.exercises if not e.retired}
    assert set(exercise_ids) <= exercises, area
    cards = {c.id for c in rubric.drill_cards if not c.retired}
    assert set(card_ids) <= cards, area


# --------------------------------------------------------------------------- citations

# Citations that named an idea the item does not carry.
NOMINAL = [
    ("working-backwards.read-not-presented", "communicate.writing-clarifies"),
    ("prioritize.said-no", "prioritize.impact-multiplier"),
    ("prioritize.ranked-list", "prioritize.impact-multiplier"),
    ("prioritize.kill-one-project", "prioritize.impact-multiplier"),
    ("execute.blocker-sweep", "execute.ambiguity-to-clarity"),
]


def test_nominal_citations_are_gone(rubric: Rubric) -> None:
    sources = {
        item.id: item.source for item in (*rubric.questions, *rubric.exercises, *rubric.drill_cards)
    }
    still = [(item, idea) for item, idea in NOMINAL if idea in sources[item]]
    assert still == []


def test_every_new_item_cites_a_seed_idea(rubric: Rubric) -> None:
    new_ids = [item for area in COVERAGE.values() for group in area[:3] for item in group]
    sources = {
        item.id: item.source for item in (*rubric.questions, *rubric.exercises, *rubric.drill_cards)
    }
    assert [i for i in new_ids if not sources[i]] == []


# --------------------------------------------------------------------------- exercises

# Done-criteria that wait on someone else's reply, choice or agreement.
_WAITS_ON_OTHERS = re.compile(
    r"has replied|have replied|has told you|you have a decision|has chosen|an agreed"
    r"|agreed next|a decision on each|reviewed with your manager|proposed the approach"
    r"|you agreed it|reader's choice|a peer has read|reviewer's question added"
    r"|pieces of feedback noted|replies received|you have the \w+'s answer"
    r"|you have (the team's|two attendees') answers|owns it from now on|an agreed next step"
    r"|discussed with your manager|meeting held with|was read in the meeting",
    re.IGNORECASE,
)


def test_every_done_criterion_is_in_the_pms_control(rubric: Rubric) -> None:
    waiting = [
        (e.id, e.done_when)
        for e in rubric.exercises
        if not e.retired and _WAITS_ON_OTHERS.search(e.done_when)
    ]
    assert waiting == []


# Each writing skill and the built-in drill that practises it.
WRITING_DRILLS = {
    "communicate": "answer-first",
    "working-backwards": "working-backwards",
}


@pytest.mark.parametrize(("skill", "drill"), list(WRITING_DRILLS.items()))
def test_a_writing_skill_has_an_exercise_that_runs_its_drill(
    rubric: Rubric, skill: str, drill: str
) -> None:
    pointing = [
        e
        for e in rubric.exercises
        if not e.retired
        and skill in e.skills
        and any(f"pmcoach drill {drill}" in step for step in e.steps)
        and f"{drill} drills" in e.done_when
    ]
    assert pointing, skill
