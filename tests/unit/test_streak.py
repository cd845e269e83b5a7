"""Weeks in the configured zone: due, overdue, done, off, streak; and the say/do ratio."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from zoneinfo import ZoneInfo

import pytest

from pmcoach.domain import ledger, rules, streak
from pmcoach.domain.model import Commitment, CommitmentReview, Config, Event, Session

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
UTC = dt.UTC

_counter = 0


def checkin(
    started: dt.datetime,
    *,
    kind: str = "weekly",
    finished: bool = True,
    commitments: Sequence[Commitment] = (),
    reviews: Sequence[CommitmentReview] = (),
) -> Session:
    global _counter
    _counter += 1
    return Session(
        id=f"{started.astimezone(UTC):%Y%m%dT%H%M%SZ}-{kind}-{_counter:04x}",
        kind=kind,  # type: ignore[arg-type]
        track="new",
        rubric="builtin@test",
        device="test",
        started=started,
        updated=started + dt.timedelta(minutes=9),
        finished=started + dt.timedelta(minutes=9) if finished else None,
        commitments=tuple(commitments),
        commitment_reviews=tuple(reviews),
    )


def skip(at: dt.datetime, week: object = None) -> Event:
    data: dict[str, object] = {} if week is None else {"week": week}
    return Event(id=f"skip-{at:%Y%m%d}", kind="skip-week", at=at, device="test", data=data)


def berlin(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=BERLIN)


def config(review_day: int = 0, zone: str = "Europe/Berlin") -> Config:
    return Config(review_day=review_day, review_time=dt.time(9, 0), time_zone=zone)


def status(
    sessions: Sequence[Session],
    now: dt.datetime,
    *,
    events: Sequence[Event] = (),
    cfg: Config | None = None,
) -> streak.WeekStatus:
    return streak.week_status(cfg or config(), sessions, events, now)


# Monday 23 November 2026 is the first day of 2026-W48.
MON = berlin(2026, 11, 23, 12, 0)
WEEK = dt.timedelta(weeks=1)


# --------------------------------------------------------------------------- state


def test_first_week_ever_on_review_day_is_due_with_no_streak() -> None:
    result = status([], MON)
    assert (result.state, result.streak, result.week) == ("due", 0, "2026-W48")
    assert result.week_start == dt.date(2026, 11, 23)
    assert result.review_at == berlin(2026, 11, 23, 9, 0)
    assert result.checkin is None


def test_first_week_ever_before_review_day_is_upcoming() -> None:
    result = status([], MON, cfg=config(review_day=3))
    assert (result.state, result.streak) == ("upcoming", 0)
    assert result.review_at == berlin(2026, 11, 26, 9, 0)


@pytest.mark.parametrize(
    ("day", "state"),
    [(23, "due"), (24, "due"), (25, "due"), (26, "overdue"), (29, "overdue")],
)
def test_overdue_when_the_review_day_passed_more_than_two_days_ago(day: int, state: str) -> None:
    assert status([], berlin(2026, 11, day, 0, 1)).state == state
    assert status([], berlin(2026, 11, day, 23, 59)).state == state


def test_due_is_judged_by_date_not_review_time() -> None:
    assert status([], berlin(2026, 11, 23, 0, 0)).state == "due"  # before 09:00, same day
    late = status([], berlin(2026, 11, 22, 23, 59), cfg=config(review_day=6))  # Sunday, W47
    assert (late.week, late.state) == ("2026-W47", "due")
    assert status([], berlin(2026, 11, 22, 8, 0), cfg=config(review_day=6)).state == "due"


def test_sunday_review_day_is_never_overdue_within_its_week() -> None:
    cfg = config(review_day=6)
    assert status([], berlin(2026, 11, 28, 12, 0), cfg=cfg).state == "upcoming"
    assert status([], berlin(2026, 11, 29, 12, 0), cfg=cfg).state == "due"
    assert status([], berlin(2026, 11, 30, 12, 0), cfg=cfg).state == "upcoming"  # a new week


def test_the_streak_says_the_monday_it_runs_back_to() -> None:
    """`streak_since`: the oldest week the streak covers (weeks off stepped over), so a
    caller given only part of the history can tell whether it may run back further."""
    weeks = [checkin(MON - n * WEEK) for n in (1, 2, 4)]  # W47, W46, W44; W45 off
    result = status(weeks, MON, events=[skip(MON - 3 * WEEK)])
    assert (result.streak, result.streak_since) == (3, dt.date(2026, 10, 26))
    broken = status(weeks[:2], MON)  # W45 neither done nor off: the streak stops after it
    assert (broken.streak, broken.streak_since) == (2, dt.date(2026, 11, 9))
    assert status([], MON).streak_since == dt.date(2026, 11, 23)


def test_finished_check_in_this_week_is_done() -> None:
    done = checkin(berlin(2026, 11, 23, 9, 5))
    result = status([done], MON)
    assert (result.state, result.streak, result.checkin) == ("done", 1, done.id)


def test_unfinished_check_in_is_not_done() -> None:
    assert status([checkin(berlin(2026, 11, 23, 9, 5), finished=False)], MON).state == "due"


def test_full_assessment_counts_as_the_weeks_check_in() -> None:
    assert status([checkin(berlin(2026, 11, 23, 9, 5), kind="full")], MON).state == "done"


def test_manager_session_does_not() -> None:
    assert status([checkin(berlin(2026, 11, 23, 9, 5), kind="manager")], MON).state == "due"


def test_two_check_ins_in_one_week_count_once() -> None:
    first = checkin(berlin(2026, 11, 23, 9, 5))
    second = checkin(berlin(2026, 11, 26, 18, 0))
    previous = checkin(berlin(2026, 11, 16, 9, 0))
    result = status([second, first, previous], berlin(2026, 11, 27, 12, 0))
    assert (result.state, result.streak, result.checkin) == ("done", 2, first.id)


def test_check_in_started_late_on_sunday_belongs_to_that_week() -> None:
    # 23:30 on Sunday in New York is 04:30 on Monday in UTC.
    cfg = config(zone="America/New_York")
    sunday = dt.datetime(2026, 11, 22, 23, 30, tzinfo=NEW_YORK)
    assert sunday.astimezone(UTC).date() == dt.date(2026, 11, 23)
    monday = dt.datetime(2026, 11, 23, 12, 0, tzinfo=NEW_YORK)
    result = status([checkin(sunday)], monday, cfg=cfg)
    assert (result.state, result.streak) == ("due", 1)  # last week is done, this week is not
    assert status([checkin(sunday)], sunday + dt.timedelta(minutes=20), cfg=cfg).state == "done"


def test_week_is_taken_in_the_configured_zone_not_the_recorded_offset() -> None:
    # Recorded while travelling: Monday 07:30 in Tokyo is still Sunday 23:30 in Berlin.
    tokyo = dt.timezone(dt.timedelta(hours=9))
    travelling = checkin(dt.datetime(2026, 11, 23, 7, 30, tzinfo=tokyo))
    result = status([travelling], MON)
    assert (result.state, result.streak) == ("due", 1)


def test_now_in_another_zone_is_converted() -> None:
    done = checkin(berlin(2026, 11, 23, 9, 5))
    # 23:30 UTC on Sunday 29 November is already Monday 30 November in Berlin: a new week.
    late = dt.datetime(2026, 11, 29, 23, 30, tzinfo=UTC)
    result = status([done], late)
    assert (result.week, result.state, result.streak) == ("2026-W49", "due", 1)


def test_dst_change_week_in_berlin() -> None:
    # Summer time ends on Sunday 25 October 2026 at 03:00.
    before = checkin(berlin(2026, 10, 19, 9, 0))  # Monday W43, +02:00
    sunday_night = checkin(berlin(2026, 10, 25, 23, 30))  # Sunday W43, +01:00
    after = checkin(berlin(2026, 10, 26, 9, 0))  # Monday W44, +01:00
    assert sunday_night.started.utcoffset() == dt.timedelta(hours=1)
    result = status([before, after], berlin(2026, 10, 26, 12, 0))
    assert (result.week, result.state, result.streak) == ("2026-W44", "done", 2)
    assert result.review_at.utcoffset() == dt.timedelta(hours=1)
    only_sunday = status([sunday_night], berlin(2026, 10, 26, 12, 0))
    assert (only_sunday.state, only_sunday.streak) == ("due", 1)


def test_dst_change_week_in_new_york() -> None:
    # Daylight saving time ends on Sunday 1 November 2026 at 02:00.
    cfg = config(review_day=0, zone="America/New_York")
    sunday = dt.datetime(2026, 11, 1, 23, 30, tzinfo=NEW_YORK)  # W44, -05:00, Monday in UTC
    earlier = dt.datetime(2026, 10, 26, 9, 0, tzinfo=NEW_YORK)  # W44, -04:00
    monday = dt.datetime(2026, 11, 2, 8, 0, tzinfo=NEW_YORK)
    result = status([checkin(sunday), checkin(earlier)], monday, cfg=cfg)
    assert (result.week, result.state, result.streak) == ("2026-W45", "due", 1)
    assert result.review_at == dt.datetime(2026, 11, 2, 9, 0, tzinfo=NEW_YORK)
    assert result.review_at.utcoffset() == dt.timedelta(hours=-5)


# --------------------------------------------------------------------------- streak


def weekly_from(first: dt.datetime, weeks: int, missing: Sequence[int] = ()) -> list[Session]:
    return [checkin(first + WEEK * i) for i in range(weeks) if i not in missing]


def test_streak_counts_back_from_last_week_while_this_week_is_open() -> None:
    sessions = weekly_from(berlin(2026, 11, 2, 9, 0), 3)  # W45, W46, W47
    assert status(sessions, MON).streak == 3
    assert status(sessions, berlin(2026, 11, 21, 12, 0)).streak == 3  # Saturday of W47: done
    assert status(sessions, berlin(2026, 11, 21, 12, 0)).state == "done"


def test_streak_counts_this_week_once_done() -> None:
    sessions = weekly_from(berlin(2026, 11, 2, 9, 0), 4)  # W45 … W48
    assert status(sessions, MON).streak == 4


def test_a_missed_week_breaks_the_streak() -> None:
    sessions = weekly_from(berlin(2026, 10, 26, 9, 0), 4, missing=[2])  # W44, W45, –, W47
    result = status(sessions, MON)
    assert (result.state, result.streak) == ("due", 1)


def test_missing_last_week_means_no_streak() -> None:
    sessions = weekly_from(berlin(2026, 10, 26, 9, 0), 3)  # W44 … W46
    assert status(sessions, MON).streak == 0


def test_a_week_off_neither_breaks_nor_counts() -> None:
    sessions = weekly_from(berlin(2026, 10, 26, 9, 0), 4, missing=[2])  # W44, W45, –, W47
    events = [skip(berlin(2026, 11, 6, 10, 0), "2026-W46")]
    assert status(sessions, MON, events=events).streak == 3


def test_this_week_off() -> None:
    sessions = weekly_from(berlin(2026, 11, 9, 9, 0), 2)  # W46, W47
    events = [skip(berlin(2026, 11, 20, 10, 0), "2026-W48")]  # marked ahead of time
    result = status(sessions, berlin(2026, 11, 27, 12, 0), events=events)
    assert (result.state, result.streak) == ("off", 2)


def test_a_week_off_that_was_done_anyway_counts() -> None:
    sessions = weekly_from(berlin(2026, 11, 16, 9, 0), 2)  # W47, W48
    events = [skip(berlin(2026, 11, 16, 8, 0), "2026-W48")]
    result = status(sessions, MON, events=events)
    assert (result.state, result.streak) == ("done", 2)


def test_skip_week_without_a_week_marks_the_week_it_was_recorded_in() -> None:
    events = [skip(berlin(2026, 11, 24, 10, 0))]
    assert status([], berlin(2026, 11, 26, 12, 0), events=events).state == "off"


def test_skip_week_with_a_malformed_week_falls_back_to_when_it_was_recorded() -> None:
    for bad in ("2026-48", "2025-W53", 48, None):
        events = [skip(berlin(2026, 11, 24, 10, 0), bad)]
        assert status([], berlin(2026, 11, 26, 12, 0), events=events).state == "off", bad


def test_other_events_do_not_mark_weeks_off() -> None:
    win = Event(
        id="w", kind="win", at=berlin(2026, 11, 24, 10, 0), device="t", data={"week": "2026-W48"}
    )
    assert status([], berlin(2026, 11, 24, 12, 0), events=[win]).state == "due"


def test_weeks_off_before_the_first_check_in_end_the_count() -> None:
    sessions = weekly_from(berlin(2026, 11, 16, 9, 0), 1)  # W47
    events = [
        skip(berlin(2026, 11, 2, 9, 0), "2026-W45"),
        skip(berlin(2026, 11, 9, 9, 0), "2026-W46"),
    ]
    assert status(sessions, MON, events=events).streak == 1


def test_a_long_streak_across_years() -> None:
    sessions = weekly_from(berlin(2016, 12, 5, 9, 0), 521)  # ten years of Mondays up to W48
    result = status(sessions, MON)
    assert (result.state, result.streak) == ("done", 521)


def test_review_day_out_of_range_is_refused() -> None:
    with pytest.raises(ValueError, match="review_day"):
        status([], MON, cfg=Config(review_day=7, time_zone="UTC"))


def test_unknown_configured_zone_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="unknown time zone"):
        status([], MON, cfg=Config(time_zone="Mars/Base"))


# --------------------------------------------------------------------------- say/do


def commitment(cid: str, due: dt.date) -> Commitment:
    return Commitment(id=cid, text="Send the plan", to="Dana", due=due)


def review(cid: str, outcome: str) -> CommitmentReview:
    return CommitmentReview(commitment=cid, outcome=outcome)  # type: ignore[arg-type]


def said(
    sessions: Sequence[Session], tz: dt.tzinfo, now: dt.datetime, weeks: int = rules.SAY_DO_WEEKS
) -> streak.SayDo:
    return streak.say_do(ledger.build(sessions, ()), tz, now, weeks)


def test_say_do_is_met_over_met_plus_missed() -> None:
    made = checkin(
        berlin(2026, 11, 16, 9, 0),
        commitments=[commitment(c, dt.date(2026, 11, 20)) for c in ("c-1", "c-2", "c-3", "c-4")],
    )
    reviewed = checkin(
        berlin(2026, 11, 23, 9, 0),
        reviews=[
            review("c-1", "met"),
            review("c-2", "met"),
            review("c-3", "met"),
            review("c-4", "missed"),
        ],
    )
    result = said([made, reviewed], BERLIN, MON)
    assert (result.met, result.missed, result.ratio) == (3, 1, 0.75)


def test_say_do_without_reviews_is_none() -> None:
    assert said([], BERLIN, MON).ratio is None
    made = checkin(
        berlin(2026, 11, 16, 9, 0), commitments=[commitment("c-1", dt.date(2026, 11, 20))]
    )
    assert said([made], BERLIN, MON).ratio is None


@pytest.mark.parametrize(
    "reviewed_on",
    [
        berlin(2026, 11, 26, 9, 0),  # before the due date
        berlin(2026, 11, 27, 23, 59),  # on it
        berlin(2026, 11, 28, 0, 1),  # after it: still what `?` says, never a miss
    ],
)
def test_renegotiated_without_a_date_counts_as_kept_whenever_it_was_said(
    reviewed_on: dt.datetime,
) -> None:
    made = checkin(
        berlin(2026, 11, 23, 9, 0), commitments=[commitment("c-1", dt.date(2026, 11, 27))]
    )
    reviewed = checkin(reviewed_on, reviews=[review("c-1", "renegotiated")])
    result = said([made, reviewed], BERLIN, reviewed_on + dt.timedelta(hours=1))
    assert (result.met, result.missed) == (1, 0)
    assert (result.renegotiated_kept, result.renegotiated_missed) == (1, 0)


def test_renegotiated_to_a_new_date_stays_open_and_counts_by_what_happens_then() -> None:
    made = checkin(
        berlin(2026, 11, 16, 9, 0), commitments=[commitment("c-1", dt.date(2026, 11, 20))]
    )
    late = CommitmentReview("c-1", "renegotiated", due=dt.date(2026, 12, 4))
    reviewed = checkin(berlin(2026, 11, 23, 9, 0), reviews=[late])
    history = ledger.build([made, reviewed], ())
    (entry,) = history.commitments
    assert (entry.state, entry.due, entry.renegotiations) == ("open", dt.date(2026, 12, 4), 1)
    assert streak.say_do(history, BERLIN, MON).ratio is None
    missed = checkin(berlin(2026, 12, 7, 9, 0), reviews=[review("c-1", "missed")])
    result = said([made, reviewed, missed], BERLIN, berlin(2026, 12, 7, 10, 0))
    assert (result.met, result.missed, result.renegotiated_missed) == (0, 1, 1)


def test_an_outcome_counts_in_the_week_of_the_configured_zone() -> None:
    made = checkin(
        berlin(2026, 11, 16, 9, 0), commitments=[commitment("c-1", dt.date(2026, 11, 20))]
    )
    # 23:30 UTC on Sunday the 22nd is already Monday (W48) in Berlin, still W47 in New York.
    reviewed = checkin(
        dt.datetime(2026, 11, 22, 23, 30, tzinfo=UTC), reviews=[review("c-1", "met")]
    )
    weeks = dict(streak.say_do_by_week(ledger.build([made, reviewed], ()), BERLIN, MON))
    assert weeks["2026-W48"] == streak.SayDo(met=1)
    weeks = dict(streak.say_do_by_week(ledger.build([made, reviewed], ()), NEW_YORK, MON))
    assert weeks["2026-W47"] == streak.SayDo(met=1)


def test_a_review_of_a_commitment_no_session_holds_is_left_out() -> None:
    made = checkin(MON - WEEK, commitments=[commitment("c-x", dt.date(2026, 11, 20))])
    reviewed = checkin(MON, reviews=[review("c-gone", "renegotiated"), review("c-x", "met")])
    result = said([made, reviewed], BERLIN, MON)
    assert (result.met, result.missed, result.ratio) == (1, 0, 1.0)


def test_a_commitment_reviewed_twice_counts_once_with_its_latest_outcome() -> None:
    made = checkin(MON - WEEK * 2, commitments=[commitment("c-1", dt.date(2026, 11, 13))])
    first = checkin(MON - WEEK, reviews=[review("c-1", "missed")])
    again = checkin(MON, reviews=[review("c-1", "met")])
    assert said([made, first, again], BERLIN, MON) == streak.SayDo(met=1)


def test_say_do_by_week_covers_twelve_weeks_oldest_first() -> None:
    made = checkin(
        MON - WEEK * 13, commitments=[commitment(c, dt.date(2026, 8, 1)) for c in "abcd"]
    )
    old = checkin(MON - WEEK * 12, reviews=[review("a", "missed")])  # W36: outside
    first = checkin(MON - WEEK * 11, reviews=[review("b", "met")])  # W37: inside
    now = checkin(MON, reviews=[review("c", "missed"), review("d", "met")])
    history = ledger.build([made, old, first, now], ())
    weeks = streak.say_do_by_week(history, BERLIN, MON)
    assert len(weeks) == 12
    assert weeks[0][0] == "2026-W37" and weeks[-1][0] == "2026-W48"
    assert weeks[0][1] == streak.SayDo(met=1)
    assert weeks[-1][1] == streak.SayDo(met=1, missed=1)
    assert all(tally.ratio is None for _, tally in weeks[1:-1])
    total = streak.say_do(history, BERLIN, MON)
    assert (total.met, total.missed) == (2, 1)
    assert streak.say_do(history, BERLIN, MON, weeks=1) == streak.SayDo(met=1, missed=1)


def test_say_do_window_must_be_positive() -> None:
    with pytest.raises(ValueError):
        streak.say_do(ledger.build([], []), BERLIN, MON, weeks=0)
