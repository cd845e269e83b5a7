"""Scores, their change, the weekly chart points and the focus skill (domain.scores)."""

from __future__ import annotations

import datetime as dt
import itertools
import random
import time
from collections.abc import Mapping, Sequence

import pytest
from support.coaching import (
    BERLIN,
    MONDAY,
    RUBRIC,
    TITLES,
    UTC,
    berlin,
    make_rubric,
    make_session,
    random_history,
    track_of,
)

from pmcoach.domain import scores, weeks
from pmcoach.domain.model import (
    Answer,
    Config,
    Question,
    Rubric,
    Session,
    Track,
)


def score(sessions: Sequence[Session], rubric: Rubric, skill: str, at: dt.datetime) -> float | None:
    return scores.skill_score(sessions, rubric, skill, at)


# --------------------------------------------------------------------------- scores


def test_score_is_the_mean_of_each_questions_latest_rating() -> None:
    sessions = [
        make_session(MONDAY - dt.timedelta(weeks=2), {"communicate.q0": 2, "communicate.q1": 3}),
        make_session(MONDAY - dt.timedelta(weeks=1), {"communicate.q0": 4}),
    ]
    # q0's latest is 4 (the 2 is superseded), q1's is 3; q2 never rated.
    assert score(sessions, RUBRIC, "communicate", MONDAY) == 3.5


def test_no_rating_in_the_window_is_no_score() -> None:
    old = [make_session(MONDAY - dt.timedelta(weeks=9), {"communicate.q0": 4})]
    assert score(old, RUBRIC, "communicate", MONDAY) is None
    assert score([], RUBRIC, "communicate", MONDAY) is None
    assert score(old, RUBRIC, "prioritize", MONDAY) is None


def test_skipped_answers_neither_count_nor_hide_an_earlier_rating() -> None:
    sessions = [
        make_session(MONDAY - dt.timedelta(weeks=2), {"communicate.q0": 2}),
        make_session(
            MONDAY - dt.timedelta(weeks=1), {"communicate.q0": None, "communicate.q1": None}
        ),
    ]
    assert score(sessions, RUBRIC, "communicate", MONDAY) == 2


def test_only_skipped_answers_give_no_score() -> None:
    sessions = [make_session(MONDAY, {"communicate.q0": None})]
    assert score(sessions, RUBRIC, "communicate", MONDAY) is None


def test_answers_of_an_unfinished_session_count() -> None:
    sessions = [make_session(MONDAY, {"communicate.q0": 5}, finished=False)]
    assert score(sessions, RUBRIC, "communicate", MONDAY + dt.timedelta(minutes=3)) == 5


def test_full_assessment_counts_and_manager_ratings_do_not() -> None:
    sessions = [
        make_session(MONDAY - dt.timedelta(days=3), {"communicate.q0": 2}, kind="full"),
        make_session(MONDAY - dt.timedelta(days=1), kind="manager", manager={"communicate": 5}),
    ]
    assert score(sessions, RUBRIC, "communicate", MONDAY) == 2


def test_a_question_no_longer_in_the_rubric_counts_for_the_skill_its_id_names() -> None:
    sessions = [make_session(MONDAY, {"communicate.q0": 2, "communicate.old-one": 4})]
    assert score(sessions, RUBRIC, "communicate", MONDAY) == 3


def test_retired_question_still_counts() -> None:
    rubric = make_rubric(
        {"communicate": 1},
        extra_questions=[Question("communicate.gone", "communicate", "rating", "p", retired=True)],
    )
    sessions = [make_session(MONDAY, {"communicate.q0": 2, "communicate.gone": 4})]
    assert score(sessions, rubric, "communicate", MONDAY) == 3


def test_window_is_the_eight_weeks_up_to_and_including_the_moment() -> None:
    at = MONDAY
    exactly = make_session(at - dt.timedelta(weeks=8), {"communicate.q0": 1})
    just_inside = make_session(
        at - dt.timedelta(weeks=8) + dt.timedelta(seconds=1), {"communicate.q1": 3}
    )
    now = make_session(at, {"communicate.q2": 5})
    later = make_session(at + dt.timedelta(seconds=1), {"prioritize.q0": 5})
    sessions = [exactly, just_inside, now, later]
    assert score(sessions, RUBRIC, "communicate", at) == 4  # (3 + 5) / 2; the 1 is out
    assert score(sessions, RUBRIC, "prioritize", at) is None  # the future is not counted


def test_window_is_counted_on_the_calendar_across_a_dst_change() -> None:
    # 8 weeks before Monday 23 November 09:00 CET is Monday 28 September 09:00 CEST,
    # one hour more than 56 × 24 hours ago.
    at = berlin(2026, 11, 23, 9, 0)
    edge = berlin(2026, 9, 28, 9, 0)
    assert at - edge == dt.timedelta(days=56)  # same wall clock
    assert at.astimezone(UTC) - edge.astimezone(UTC) == dt.timedelta(days=56, hours=1)
    assert score([make_session(edge, {"communicate.q0": 4})], RUBRIC, "communicate", at) is None
    inside = berlin(2026, 9, 28, 9, 30)  # 56 days and 30 minutes of elapsed time ago
    assert score([make_session(inside, {"communicate.q0": 4})], RUBRIC, "communicate", at) == 4


def test_sessions_recorded_under_other_offsets_compare_as_instants() -> None:
    tokyo = dt.timezone(dt.timedelta(hours=9))
    # 18:30 in Tokyo is 10:30 in Berlin: after MONDAY 09:00, so not yet counted.
    later = make_session(dt.datetime(2026, 11, 23, 18, 30, tzinfo=tokyo), {"communicate.q0": 1})
    earlier = make_session(berlin(2026, 11, 23, 8, 0), {"communicate.q0": 5})
    assert score([later, earlier], RUBRIC, "communicate", MONDAY) == 5
    assert score([later, earlier], RUBRIC, "communicate", MONDAY + dt.timedelta(hours=2)) == 1


def test_two_ratings_of_one_question_in_one_session_the_later_wins() -> None:
    session = Session(
        id="x",
        kind="weekly",
        track="new",
        rubric="r",
        device="d",
        started=MONDAY,
        updated=MONDAY,
        answers=(
            Answer(question="communicate.q0", rating=2),
            Answer(question="communicate.q0", rating=4),
        ),
    )
    assert score([session], RUBRIC, "communicate", MONDAY) == 4


def test_naive_datetimes_are_refused() -> None:
    with pytest.raises(ValueError, match="aware"):
        score([], RUBRIC, "communicate", dt.datetime(2026, 11, 23))


def test_change_is_score_now_minus_a_week_earlier_as_written() -> None:
    sessions = [
        make_session(
            MONDAY - dt.timedelta(weeks=1),
            {f"communicate.q{i}": r for i, r in enumerate((3, 3, 3))},
        ),
        make_session(MONDAY, {"communicate.q0": 4, "prioritize.q0": 2}),
    ]
    rows = {r.skill: r for r in scores.skill_scores(sessions, RUBRIC, MONDAY)}
    communicate = rows["communicate"]
    assert communicate.previous == 3
    assert communicate.score == pytest.approx(10 / 3)
    # 3.3 − 3.0 as written, with no float residue (not 0.30000000000000027).
    assert communicate.change == 0.3
    assert rows["prioritize"].score == 2
    assert rows["prioritize"].change is None  # no score a week earlier
    assert rows["execute"] == scores.SkillScore("execute", None, None, None)
    assert [r.skill for r in scores.skill_scores(sessions, RUBRIC, MONDAY)] == [
        "communicate",
        "prioritize",
        "execute",
    ]


def test_change_has_no_float_noise() -> None:
    rubric = make_rubric({"communicate": 5})
    before = {f"communicate.q{i}": 3 for i in range(5)}
    sessions = [
        make_session(MONDAY - dt.timedelta(weeks=1), before),
        make_session(MONDAY, {"communicate.q0": 4}),
    ]
    (row,) = scores.skill_scores(sessions, rubric, MONDAY, skills=["communicate"])
    assert row.score == 3.2
    assert row.change == 0.2  # not 0.20000000000000018


# --------------------------------------------------------------------------- over time


@pytest.mark.parametrize("seed", range(6))
def test_weekly_points_equal_the_score_at_each_weeks_end(seed: int) -> None:
    start = berlin(2026, 6, 1, 0, 0)  # the history crosses the end of summer time
    sessions = random_history(seed, 30, start, RUBRIC)
    now = berlin(2026, 12, 30, 15, 0)
    series = scores.scores_over_time(sessions, RUBRIC, BERLIN, now)
    assert list(series) == ["communicate", "prioritize", "execute"]
    for skill, points in series.items():
        for point in points:
            end = dt.datetime.combine(point.start + dt.timedelta(days=7), dt.time(0), tzinfo=BERLIN)
            moment = min(now, end - dt.timedelta(microseconds=1))
            assert point.score == score(sessions, RUBRIC, skill, moment), (skill, point.week)
            assert point.week == weeks.iso_week(point.start)
        assert points[-1].week == "2026-W53"
        mondays = [p.start for p in points]
        assert all(b - a == dt.timedelta(days=7) for a, b in itertools.pairwise(mondays))


def test_last_point_equals_the_dashboard_score() -> None:
    sessions = random_history(7, 20, berlin(2026, 8, 3, 9, 0), RUBRIC)
    now = berlin(2026, 12, 16, 10, 0)
    series = scores.scores_over_time(sessions, RUBRIC, BERLIN, now)
    dashboard = {r.skill: r.score for r in scores.skill_scores(sessions, RUBRIC, now)}
    assert {skill: points[-1].score for skill, points in series.items()} == dashboard


def test_week_window_is_exactly_that_week_and_the_seven_before() -> None:
    rubric = make_rubric({"communicate": 2})
    sessions = [
        make_session(berlin(2026, 9, 27, 23, 59), {"communicate.q0": 1}),  # Sunday of W39
        make_session(berlin(2026, 9, 28, 0, 0), {"communicate.q1": 5}),  # Monday of W40
    ]
    series = scores.scores_over_time(sessions, rubric, BERLIN, berlin(2026, 12, 1, 12, 0))
    by_week = {p.week: p.score for p in series["communicate"]}
    assert by_week["2026-W39"] == 1
    assert by_week["2026-W40"] == 3
    assert by_week["2026-W46"] == 3  # W39 … W46: W39 is 8 weeks back, still in
    assert by_week["2026-W47"] == 5  # W39 has left the window, across the DST change
    assert by_week["2026-W48"] is None  # W40 left too


def test_over_time_without_history_is_empty_and_since_extends_it() -> None:
    now = berlin(2026, 11, 25, 12, 0)
    assert scores.scores_over_time([], RUBRIC, BERLIN, now) == {
        "communicate": (),
        "prioritize": (),
        "execute": (),
    }
    series = scores.scores_over_time(
        [], RUBRIC, BERLIN, now, skills=["execute"], since=dt.date(2026, 11, 12)
    )
    assert [(p.week, p.score) for p in series["execute"]] == [
        ("2026-W46", None),
        ("2026-W47", None),
        ("2026-W48", None),
    ]


def test_since_still_counts_older_answers_in_the_window() -> None:
    sessions = [make_session(berlin(2026, 10, 1, 9, 0), {"communicate.q0": 4})]
    now = berlin(2026, 11, 2, 12, 0)
    series = scores.scores_over_time(sessions, RUBRIC, BERLIN, now, since=dt.date(2026, 11, 2))
    assert [(p.week, p.score) for p in series["communicate"]] == [("2026-W45", 4)]


def test_ten_years_of_weekly_history_is_quick() -> None:
    rubric = make_rubric({s: 8 for s in TITLES})
    ids = [q.id for q in rubric.questions]
    rng = random.Random(1)
    start = berlin(2016, 11, 21, 9, 0)
    sessions = [
        make_session(
            start + dt.timedelta(weeks=w), {q: rng.randint(1, 5) for q in rng.sample(ids, 40)}
        )
        for w in range(520)
    ]
    began = time.perf_counter()
    series = scores.scores_over_time(sessions, rubric, BERLIN, start + dt.timedelta(weeks=520))
    elapsed = time.perf_counter() - began
    assert len(series["communicate"]) == 521
    assert all(p.score is not None for p in series["earn-trust"])
    assert elapsed < 3.0, f"{elapsed:.2f}s for 520 weeks"  # generous: shared CI machines


# --------------------------------------------------------------------------- focus

SENIOR = make_rubric(
    {"communicate": 5, "prioritize": 5, "earn-trust": 5},
    emphasis=("earn-trust",),
    track_id="senior",
)


def ratings_for(skill: str, values: Sequence[int]) -> dict[str, int | None]:
    return {f"{skill}.q{i}": v for i, v in enumerate(values)}


def focus_of(
    rubric: Rubric,
    sessions: Sequence[Session],
    at: dt.datetime = MONDAY,
    targets: Mapping[str, int] | None = None,
) -> scores.Focus:
    result = scores.focus(
        rubric, track_of(rubric), Config(targets=dict(targets or {})), sessions, at
    )
    assert result is not None
    return result


def test_focus_is_the_largest_weighted_gap_and_says_why() -> None:
    sessions = [
        make_session(
            MONDAY,
            {
                **ratings_for("communicate", [3, 2, 3, 2, 3]),  # 2.6 → gap 1.4
                **ratings_for("prioritize", [3, 3, 3, 3, 3]),  # 3.0 → gap 1.0
                **ratings_for("earn-trust", [3, 3, 3, 3, 2]),  # 2.8 → gap 1.2 × 1.5 = 1.8
            },
        )
    ]
    focus = focus_of(SENIOR, sessions)
    assert focus.skill == "earn-trust"
    assert (focus.score, focus.target, focus.weight) == (2.8, 4, 1.5)
    # The gap is target − score as everywhere; the figure chosen by is named weighted.
    assert focus.gap == pytest.approx(1.2)
    assert focus.weighted_gap == pytest.approx(1.8)
    assert focus.reason == (
        "Earn trust: 2.8 against a target of 4, a gap of 1.2 — the largest weighted gap "
        "(1.8: ×1.5, as the senior track emphasises it)."
    )


def test_focus_on_a_skill_not_emphasised_still_says_the_gap_is_weighted() -> None:
    sessions = [
        make_session(
            MONDAY,
            {**ratings_for("communicate", [2, 2, 2, 2, 2]), **ratings_for("earn-trust", [4] * 5)},
        )
    ]
    focus = focus_of(SENIOR, sessions)
    assert focus.skill == "communicate"
    assert focus.reason == (
        "Communicate: 2.0 against a target of 4, a gap of 2.0 — the largest weighted gap "
        "(2.0: ×1, not emphasised by the senior track)."
    )


def test_focus_of_a_track_without_emphasis_says_plain_gap() -> None:
    rubric = make_rubric({"communicate": 1, "prioritize": 1})
    sessions = [make_session(MONDAY, {"communicate.q0": 2, "prioritize.q0": 3})]
    focus = focus_of(rubric, sessions)
    assert focus.reason == "Communicate: 2.0 against a target of 4 — the largest gap (2.0)."
    assert focus.gap == focus.weighted_gap == 2


def test_focus_uses_the_configured_targets() -> None:
    sessions = [
        make_session(
            MONDAY,
            {
                **ratings_for("communicate", [3] * 5),
                **ratings_for("prioritize", [3] * 5),
                **ratings_for("earn-trust", [3] * 5),
            },
        )
    ]
    focus = focus_of(SENIOR, sessions, targets={"prioritize": 5})
    # prioritize: (5 − 3) × 1 = 2 beats earn-trust: (4 − 3) × 1.5 = 1.5
    assert focus.skill == "prioritize"
    assert focus.target == 5


def test_focus_tie_goes_to_the_larger_four_week_decline() -> None:
    rubric = make_rubric({"communicate": 1, "prioritize": 1, "execute": 1})
    sessions = [
        make_session(
            MONDAY - dt.timedelta(weeks=4),
            {"communicate.q0": 3, "prioritize.q0": 4, "execute.q0": 2},
        ),
        make_session(MONDAY, {"communicate.q0": 2, "prioritize.q0": 2, "execute.q0": 3}),
    ]
    # All three sit at gap 2 or less; communicate and prioritize tie at 2.
    # Declines: communicate 3 → 2 (1), prioritize 4 → 2 (2).
    focus = focus_of(rubric, sessions)
    assert focus.skill == "prioritize"
    assert focus.decline == 2
    assert "tied with Communicate" in focus.reason
    assert "it fell more over 4 weeks (by 2.0)" in focus.reason


def test_focus_full_tie_goes_to_rubric_order() -> None:
    rubric = make_rubric({"communicate": 1, "prioritize": 1, "execute": 1})
    sessions = [make_session(MONDAY, {"communicate.q0": 3, "prioritize.q0": 3, "execute.q0": 3})]
    focus = focus_of(rubric, sessions)
    assert focus.skill == "communicate"
    assert focus.decline is None
    assert focus.reason == (
        "Communicate: 3.0 against a target of 4 — the largest gap (1.0), "
        "tied with Prioritize and Execute; it comes first in rubric order."
    )


def test_unknown_decline_ranks_as_no_decline() -> None:
    rubric = make_rubric({"communicate": 1, "prioritize": 1})
    sessions = [
        make_session(MONDAY - dt.timedelta(weeks=4), {"communicate.q0": 1}),  # improved since
        make_session(MONDAY, {"communicate.q0": 3, "prioritize.q0": 3}),
    ]
    focus = focus_of(rubric, sessions)
    assert focus.skill == "prioritize"  # unknown (0) beats an improvement (−2)
    assert focus.reason.endswith("tied with Communicate, which improved more over 4 weeks.")


def test_focus_ignores_unscored_skills_not_emphasised_while_any_skill_has_a_score() -> None:
    sessions = [make_session(MONDAY, {"communicate.q0": 5, "earn-trust.q0": 5})]
    focus = focus_of(SENIOR, sessions)
    assert focus.skill == "communicate"
    assert "at or above its target" in focus.reason
    assert "least weighted margin (1.0: ×1, not emphasised by the senior track)" in focus.reason


def test_an_emphasised_skill_without_a_score_is_the_focus_until_rated() -> None:
    # As after a switch to a track whose emphasised skills were never rated.
    sessions = [make_session(MONDAY, {"communicate.q0": 1})]
    focus = focus_of(SENIOR, sessions)
    assert focus.skill == "earn-trust"
    assert focus.score is None and focus.gap is None
    assert focus.reason == (
        "Earn trust: not rated yet (target 4) — the senior track emphasises it (weighted "
        "×1.5) and it has no rating in the last 8 weeks, so it is the focus until your next "
        "check-in rates it."
    )
    rated = [*sessions, make_session(MONDAY - dt.timedelta(hours=1), {"earn-trust.q0": 4})]
    assert focus_of(SENIOR, rated).skill == "communicate"


def test_focus_with_no_scores_starts_with_the_first_emphasised_skill() -> None:
    focus = focus_of(SENIOR, [])
    assert focus.skill == "earn-trust"
    assert focus.score is None and focus.gap is None
    assert focus.reason.startswith("Earn trust: not rated yet (target 4)")
    assert "weighted ×1.5" in focus.reason


def test_focus_with_no_scores_and_no_emphasis_is_the_first_skill() -> None:
    focus = focus_of(RUBRIC, [make_session(MONDAY - dt.timedelta(weeks=10), {"execute.q0": 1})])
    assert focus.skill == "communicate"
    assert "not rated yet" in focus.reason


def test_focus_of_a_track_without_skills_is_none() -> None:
    rubric = Rubric((), (Track("empty", "Empty", ()),), (), (), ())
    assert scores.focus(rubric, rubric.tracks[0], Config(), [], MONDAY) is None


def test_focus_only_considers_the_tracks_skills() -> None:
    rubric = make_rubric({"communicate": 1, "prioritize": 1})
    track = Track("narrow", "Narrow", ("prioritize",))
    sessions = [make_session(MONDAY, {"communicate.q0": 1, "prioritize.q0": 3})]
    result = scores.focus(rubric, track, Config(), sessions, MONDAY)
    assert result is not None and result.skill == "prioritize"
