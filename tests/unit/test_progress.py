"""The progress view: series per skill, the weekly review rows, say/do, and the empty states."""

from __future__ import annotations

import datetime as dt
import time
from zoneinfo import ZoneInfo

import pytest
from support.rubric import builtin

from pmcoach.app import demo
from pmcoach.app.present.progress import RANGES, ProgressView, build_progress, range_start
from pmcoach.domain import scores
from pmcoach.domain.model import (
    LEVELS_SCALE,
    Answer,
    Commitment,
    CommitmentReview,
    Config,
    Rubric,
    Session,
    Track,
)
from pmcoach.tui.widgets.chart import BOTH, MANAGER, OLD_SCALE, SELF, TARGET, chart_lines

ZONE = ZoneInfo("Europe/Berlin")
CONFIG = Config(track="new", time_zone="Europe/Berlin", targets={"prioritize": 3})
NOW = dt.datetime(2026, 11, 23, 12, tzinfo=ZONE)  # a Monday


@pytest.fixture(scope="module")
def rubric() -> Rubric:
    return builtin()


@pytest.fixture(scope="module")
def track(rubric: Rubric) -> Track:
    found = rubric.track("new")
    assert found is not None
    return found


def session(
    day: str,
    ratings: dict[str, int],
    *,
    kind: str = "weekly",
    suffix: str = "0000",
    commitments: tuple[Commitment, ...] = (),
    reviews: tuple[CommitmentReview, ...] = (),
    scale: str | None = LEVELS_SCALE,
) -> Session:
    started = dt.datetime.fromisoformat(f"{day}T09:00:00").replace(tzinfo=ZONE)
    if kind == "manager":
        answers = tuple(Answer(skill=s, rating=r) for s, r in ratings.items())
    else:
        answers = tuple(Answer(question=q, rating=r) for q, r in ratings.items())
    return Session(
        id=f"{started.astimezone(dt.UTC):%Y%m%dT%H%M%SZ}-{kind}-{suffix}",
        kind=kind,  # type: ignore[arg-type]
        track="new",
        rubric="builtin@2026.11",
        device="test",
        started=started,
        updated=started,
        finished=started + dt.timedelta(minutes=8),
        answers=answers,
        commitments=commitments,
        commitment_reviews=reviews,
        scale=scale if kind == "manager" else None,
    )


def build(
    rubric: Rubric, track: Track, sessions: list[Session], range_name: str = "12w"
) -> ProgressView:
    return build_progress(sessions, rubric, track, CONFIG, NOW, range_name)  # type: ignore[arg-type]


def test_no_history_has_empty_series_and_says_what_to_do(rubric: Rubric, track: Track) -> None:
    view = build(rubric, track, [])
    assert [s.skill for s in view.skills] == list(track.skills)
    assert all(p.score is None and p.manager is None for s in view.skills for p in s.points)
    assert len(view.skills[0].points) == 12
    assert all(s.review.this_week is None and s.review.gap is None for s in view.skills)
    assert view.say_do.ratio is None
    assert len(view.say_do_weeks) == 12
    assert "No check-in yet" in view.notice(0)
    assert "press esc, then w" in view.notice(0).lower()
    # "All" with no history is just this week, not an error.
    everything = build(rubric, track, [], "all")
    assert everything.first == everything.last == dt.date(2026, 11, 23)


def test_single_session(rubric: Rubric, track: Track) -> None:
    view = build(rubric, track, [session("2026-11-16", {"communicate.answer-first": 3})])
    communicate = view.skills[0]
    assert [p.score for p in communicate.points][-2:] == [3.0, 3.0]
    assert communicate.review.this_week == 3.0
    assert communicate.review.gap == 1.0  # target − score: 1 still to go
    assert communicate.review.average == 3.0
    assert "One check-in so far" in view.notice(0)
    # A skill the one check-in did not rate says so, and how to get a score.
    assert "No score for Prioritize" in view.notice(1)


def test_gappy_history_leaves_weeks_without_a_score(rubric: Rubric, track: Track) -> None:
    sessions = [
        session("2026-01-05", {"communicate.answer-first": 2}, suffix="0001"),
        session("2026-11-16", {"communicate.answer-first": 4}, suffix="0002"),
    ]
    view = build(rubric, track, sessions, "all")
    points = view.skills[0].points
    assert points[0].start == dt.date(2026, 1, 5)
    assert points[0].score == 2.0
    assert points[-1].score == 4.0
    assert any(p.score is None for p in points)  # more than 8 weeks apart
    assert view.skills[0].has_gaps
    assert "Blank weeks" in view.notice(0)
    # The 4-week range does not reach back to the first session.
    four = build(rubric, track, sessions, "4w")
    assert [p.start for p in four.skills[0].points] == [
        dt.date(2026, 11, 2),
        dt.date(2026, 11, 9),
        dt.date(2026, 11, 16),
        dt.date(2026, 11, 23),
    ]


def test_review_row_matches_the_dashboard_and_averages_four_weeks(
    rubric: Rubric, track: Track
) -> None:
    sessions = [
        session("2026-10-26", {"prioritize.said-no": 1}, suffix="0001"),
        session("2026-11-02", {"prioritize.said-no": 2}, suffix="0002"),
        session("2026-11-09", {"prioritize.said-no": 3}, suffix="0003"),
        session("2026-11-16", {"prioritize.said-no": 4}, suffix="0004"),
        session("2026-11-23", {"prioritize.said-no": 5}, suffix="0005"),
    ]
    view = build(rubric, track, sessions, "4w")
    row = view.skills[1].review
    expected = {s.skill: s for s in scores.skill_scores(sessions, rubric, NOW)}["prioritize"]
    assert (row.this_week, row.last_week, row.change) == (5.0, 4.0, 1.0)
    assert (row.this_week, row.last_week, row.change) == (
        expected.score,
        expected.previous,
        expected.change,
    )
    assert row.average == pytest.approx((2 + 3 + 4 + 5) / 4)
    assert row.target == 3
    assert row.gap == -2.0  # target − score: 2 past the target
    # The chart's last point is the dashboard's number.
    assert view.skills[1].points[-1].score == row.this_week


def test_average_does_not_depend_on_the_range(rubric: Rubric, track: Track) -> None:
    sessions = [
        session("2026-11-02", {"execute.unblocked": 2}, suffix="0001"),
        session("2026-11-16", {"execute.unblocked": 4}, suffix="0002"),
    ]
    averages = {r: build(rubric, track, sessions, r).skills[2].review.average for r in RANGES}
    assert len(set(averages.values())) == 1


def test_manager_ratings_only_in_the_weeks_they_were_given(rubric: Rubric, track: Track) -> None:
    sessions = [
        session("2026-11-02", {"communicate.answer-first": 3}, suffix="0001"),
        session("2026-11-04", {"communicate": 2}, kind="manager", suffix="0002"),
        session("2026-11-05", {"communicate": 3}, kind="manager", suffix="0003"),
    ]
    view = build(rubric, track, sessions, "4w")
    managers = [p.manager for p in view.skills[0].points]
    assert managers == [3, None, None, None]  # the later rating that week wins
    assert view.skills[0].manager_weeks == 1
    assert all(p.manager is None for p in view.skills[1].points)


def test_say_do_per_week_and_over_twelve(rubric: Rubric, track: Track) -> None:
    promise = Commitment(id="c-1", text="plan", to="finance", due=dt.date(2026, 11, 13))
    other = Commitment(id="c-2", text="spec", to="design", due=dt.date(2026, 11, 13))
    sessions = [
        session("2026-11-09", {}, commitments=(promise, other), suffix="0001"),
        session(
            "2026-11-16",
            {},
            reviews=(CommitmentReview("c-1", "met"), CommitmentReview("c-2", "missed")),
            suffix="0002",
        ),
    ]
    view = build(rubric, track, sessions)
    assert view.say_do.met == 1 and view.say_do.missed == 1
    assert view.say_do.ratio == 0.5
    by_week = {w.week: w for w in view.say_do_weeks}
    assert by_week["2026-W47"].ratio == 0.5
    assert by_week["2026-W46"].ratio is None
    assert view.say_do_weeks[-1].week == "2026-W48"


def test_range_start() -> None:
    monday = dt.date(2026, 11, 23)
    assert range_start("4w", monday, None) == dt.date(2026, 11, 2)
    assert range_start("1y", monday, None) == monday - dt.timedelta(weeks=51)
    assert range_start("all", monday, dt.date(2020, 1, 6)) == dt.date(2020, 1, 6)
    assert range_start("all", monday, None) == monday


def test_ten_years_of_history_is_quick(rubric: Rubric) -> None:
    history = demo.generate(rubric, demo.DemoPlan(weeks=520, track="senior"), dt.date(2026, 11, 23))
    config, sessions = history.config, history.sessions
    senior = rubric.track("senior")
    assert senior is not None
    build_progress(sessions, rubric, senior, config, NOW, "all")  # warm up
    began = time.perf_counter()
    view = build_progress(sessions, rubric, senior, config, NOW, "all")
    elapsed = time.perf_counter() - began
    assert len(view.skills[0].points) >= 519
    assert elapsed < 0.5, f"{elapsed * 1000:.0f} ms"


# --------------------------------------------------------------------------- the chart


def test_chart_draws_each_series_with_its_own_character(rubric: Rubric, track: Track) -> None:
    sessions = [
        session("2026-11-02", {"communicate.answer-first": 2}, suffix="0001"),
        session("2026-11-09", {"communicate": 4}, kind="manager", suffix="0002"),
        session("2026-11-16", {"communicate.answer-first": 3}, suffix="0003"),
        session("2026-11-16", {"communicate": 3}, kind="manager", suffix="0004"),
    ]
    skill = build(rubric, track, sessions, "4w").skills[0]
    lines = [line.plain for line in chart_lines(skill.points, skill.target, 60, 12)]
    text = "\n".join(lines)
    assert all(len(line) <= 60 for line in lines)
    assert SELF in text and MANAGER in text and BOTH in text and TARGET in text
    assert "02 Nov" in lines[-2] and "23 Nov" in lines[-2]
    assert "target 4" in lines[-1]
    # The target row is labelled 4 and holds the dashes.
    target_line = next(line for line in lines if line.startswith("4 ┤"))
    assert TARGET in target_line


def test_an_old_scale_rating_is_drawn_as_such_never_as_both(rubric: Rubric, track: Track) -> None:
    """A manager's 3 "at the bar" is not level 3: drawn on one's own dot it read as agreement."""
    sessions = [
        session("2026-11-16", {"communicate.answer-first": 3}, suffix="0001"),
        session("2026-11-16", {"communicate": 3}, kind="manager", suffix="0002", scale=None),
    ]
    skill = build(rubric, track, sessions, "4w").skills[0]
    assert [p.manager_old for p in skill.points if p.manager is not None] == [True]
    lines = [line.plain for line in chart_lines(skill.points, skill.target, 60, 12)]
    text = "\n".join(lines)
    assert BOTH not in text and MANAGER not in text.replace("manager", "")
    assert SELF in text and f"{OLD_SCALE} manager, old scale" in lines[-1]


def test_chart_folds_many_weeks_into_the_width(rubric: Rubric) -> None:
    history = demo.generate(rubric, demo.DemoPlan(weeks=520), dt.date(2026, 11, 23))
    config, sessions = history.config, history.sessions
    senior = rubric.track("senior")
    assert senior is not None
    skill = build_progress(sessions, rubric, senior, config, NOW, "all").skills[0]
    lines = [line.plain for line in chart_lines(skill.points, skill.target, 80, 14)]
    assert all(len(line) <= 80 for line in lines)
    assert "wk/col" in lines[-1]
    dates = lines[-2]
    assert "'16" in dates and "'25" in dates


def test_chart_with_no_points_still_draws_axes_and_target() -> None:
    lines = [line.plain for line in chart_lines((), 4, 40, 8)]
    assert lines[0].startswith("5 ┤")
    assert any(TARGET in line for line in lines)
    assert all(len(line) <= 40 for line in lines)
