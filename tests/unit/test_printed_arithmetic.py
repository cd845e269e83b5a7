"""Figures written side by side add up as written.

A change, a gap and a manager's difference are shown beside the scores they come
from. Worked out on the exact scores and rounded afterwards, "3.3 → 4.2" could read
"+1.0" and "4.3 against a target of 5" could read "a gap of 0.8": a reader checks the
arithmetic and stops trusting every number. Each is the difference of the figures as
written (docs/definitions.md, "How figures are written").
"""

from __future__ import annotations

import datetime as dt

from support.coaching import MONDAY, make_rubric, make_session, track_of

from pmcoach.domain import manager, scores
from pmcoach.domain.model import Config
from pmcoach.export.report_model import SkillLine
from pmcoach.export.review_model import Level, SkillReview
from pmcoach.text import figures

# 3.25 is written 3.3 (half up), 4.2 is 4.2: the change read is +0.9, not the exact 0.95.
WEEK_AGO = {"communicate.q0": 3, "communicate.q1": 3, "communicate.q2": 3, "communicate.q3": 4}
NOW = {f"communicate.q{i}": 4 for i in range(4)} | {"communicate.q4": 5}


def test_a_change_is_the_difference_of_the_two_scores_as_written() -> None:
    rubric = make_rubric({"communicate": 5})
    sessions = [
        make_session(MONDAY - dt.timedelta(days=8), WEEK_AGO),
        make_session(MONDAY - dt.timedelta(hours=1), NOW),
    ]
    (item,) = scores.skill_scores(sessions, rubric, MONDAY)
    assert (figures.score(item.previous), figures.score(item.score)) == ("3.3", "4.2")
    assert figures.change(item.change) == "▲ +0.9"


def test_the_reports_and_the_reviews_change_add_up() -> None:
    line = SkillLine("communicate", "Communicate", start=3.25, now=4.2, target=5, trend=())
    assert figures.format_change(line.change) == "+0.9"
    review = SkillReview(
        "communicate", "Communicate", 5, Level(3.25, 3, None), Level(4.2, 4, None), None, (), 0, ()
    )
    assert figures.format_change(review.change) == "+0.9"


def test_a_gap_is_the_target_minus_the_score_as_written() -> None:
    # 4.25 is written 4.3: 0.7 to go, not the exact 0.75 rounded up to 0.8.
    assert figures.gap(scores.gap(5, 4.25)) == "0.7"
    line = SkillLine("communicate", "Communicate", start=3.0, now=4.25, target=5, trend=())
    assert figures.gap(line.gap) == "0.7"


def test_the_focus_line_gives_the_gap_of_the_figures_it_names() -> None:
    rubric = make_rubric({"communicate": 4}, emphasis=("communicate",))
    sessions = [
        make_session(
            MONDAY - dt.timedelta(hours=1),
            {"communicate.q0": 5} | {f"communicate.q{i}": 4 for i in range(1, 4)},
        )
    ]
    focus = scores.focus(
        rubric, track_of(rubric), Config(targets={"communicate": 5}), sessions, MONDAY
    )
    assert focus is not None
    assert "4.3 against a target of 5, a gap of 0.7" in focus.reason
    assert "(1.1: ×1.5" in focus.reason  # 0.7 × 1.5 = 1.05, written 1.1


def test_a_managers_difference_is_from_the_score_as_written() -> None:
    # Self 4.25 is written 4.3; a manager's 5 is +0.7 from it.
    apart = manager.difference(4.25, 5, on_levels=True)
    assert manager.difference_text(apart) == "+0.7"
    # A difference that reads 2.0 is flagged: 3.04 is written 3.0, 5 − 3.0 = 2.0.
    assert manager.flagged(manager.difference(3.04, 5, on_levels=True))
