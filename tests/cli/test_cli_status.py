"""`pmcoach status`: one line for a shell prompt, and the week's state in the exit status.

0 when the review is done, the week is off or the review day has not come; 3 due; 4 overdue;
2 (with one line on stderr) when the folder is not set up or cannot be used.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from collections.abc import Sequence
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from support.cli import home, run
from support.rubric import builtin

from pmcoach.app.present.status import status
from pmcoach.cache.opener import open_store
from pmcoach.cli.dispatch import BARE_COMMANDS, parsed
from pmcoach.cli.parser import build_parser
from pmcoach.domain.model import (
    Answer,
    Commitment,
    CommitmentReview,
    Config,
    Event,
    Session,
)
from pmcoach.storage.store import Store

BERLIN = ZoneInfo("Europe/Berlin")


RUBRIC = builtin()


def config(review_day: int = 0) -> Config:
    return Config(
        track="new", review_day=review_day, review_time=dt.time(9), time_zone="Europe/Berlin"
    )


def checkin(
    day: dt.date,
    answers: Sequence[Answer] = (),
    *,
    finished: bool = True,
    commitments: Sequence[Commitment] = (),
    reviews: Sequence[CommitmentReview] = (),
    number: int = 0,
) -> Session:
    started = dt.datetime.combine(day, dt.time(9, 5), tzinfo=BERLIN)
    done = started + dt.timedelta(minutes=8)
    return Session(
        id=f"{started.astimezone(dt.UTC):%Y%m%dT%H%M%SZ}-weekly-{number:04x}",
        kind="weekly",
        track="new",
        rubric="builtin@test",
        device="test-device",
        started=started,
        updated=done,
        finished=done if finished else None,
        answers=tuple(answers),
        commitments=tuple(commitments),
        commitment_reviews=tuple(reviews),
    )


def set_up(*sessions: Session, events: Sequence[Event] = (), review_day: int = 0) -> Store:
    store = open_store(home())
    store.save_config(config(review_day))
    for session in sessions:
        store.save_session(session)
    for event in events:
        store.save_event(event)
    return store


def week(monday_offset: int) -> dt.date:
    return dt.date(2026, 11, 23) + dt.timedelta(weeks=monday_offset)


def one_line(result: subprocess.CompletedProcess[str]) -> str:
    assert result.stdout.count("\n") == 1, result.stdout
    assert result.stderr == ""
    return result.stdout.strip()


# --------------------------------------------------------------------------- states


def test_due_on_the_review_day_exits_3() -> None:
    set_up(checkin(week(-1)), checkin(week(-2), number=1))
    result = run("status")
    assert result.returncode == 3
    line = one_line(result)
    assert line.startswith("Week 2026-W48 · review due (Monday 09:00) · streak 2 · ")


def test_overdue_from_the_third_day_after_exits_4() -> None:
    set_up()
    result = run("status", today="2026-11-26")
    assert result.returncode == 4
    assert "review overdue (was due Monday 09:00) · streak 0" in one_line(result)
    # Wednesday is still only due.
    assert run("status", today="2026-11-25").returncode == 3


def test_before_the_review_day_is_upcoming_and_exits_0() -> None:
    set_up(review_day=4)
    result = run("status")
    assert result.returncode == 0
    assert "review upcoming (Friday 09:00)" in one_line(result)


def test_done_exits_0_and_counts_this_week_in_the_streak() -> None:
    set_up(checkin(week(0)), checkin(week(-1), number=1), checkin(week(-3), number=2))
    result = run("status")
    assert result.returncode == 0
    assert "· review done · streak 2 ·" in one_line(result)


def test_an_unfinished_checkin_leaves_the_review_due() -> None:
    set_up(checkin(week(0), finished=False))
    assert run("status").returncode == 3


def test_a_week_off_exits_0_and_does_not_break_the_streak() -> None:
    at = dt.datetime(2026, 11, 23, 10, tzinfo=BERLIN)
    off = Event(
        id="20261123T090000Z-skip-week-0001",
        kind="skip-week",
        at=at,
        device="test-device",
        data={"week": "2026-W48"},
    )
    set_up(checkin(week(-1)), events=[off])
    result = run("status")
    assert result.returncode == 0
    assert "· week off · streak 1 ·" in one_line(result)


def test_focus_and_say_do_are_on_the_line() -> None:
    promise = Commitment("c-0001", "Send the plan", "Dana", dt.date(2026, 11, 20))
    promise2 = Commitment("c-0002", "Call Sam", "Sam", dt.date(2026, 11, 20))
    earlier = checkin(
        week(-1),
        [
            Answer(question="communicate.answer-first", rating=4),
            Answer(question="execute.unblocked", rating=4),
        ],
        commitments=[promise, promise2],
    )
    later = checkin(
        week(0),
        [Answer(question="prioritize.said-no", rating=1)],
        reviews=[CommitmentReview("c-0001", "met"), CommitmentReview("c-0002", "missed")],
        number=1,
    )
    set_up(earlier, later)
    line = one_line(run("status"))
    assert line.endswith("· focus Prioritize · say/do 50%")


def test_no_history_names_the_first_emphasised_skill_and_no_ratio() -> None:
    set_up()
    line = one_line(run("status"))
    assert line.endswith("· focus Communicate (not rated yet) · say/do –")


def test_unreadable_files_are_mentioned() -> None:
    set_up()
    broken = home() / "sessions" / "2026" / "20261116T080000Z-weekly-0bad.toml"
    broken.parent.mkdir(parents=True, exist_ok=True)
    broken.write_text("schema = 1\nid = \n")
    line = one_line(run("status"))
    assert line.endswith("1 unreadable file (see pmcoach doctor)")


# --------------------------------------------------------------------------- refusals


def test_not_set_up_says_so_and_creates_nothing() -> None:
    result = run("status")
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith("pmcoach: not set up yet: run pmcoach")
    assert result.stderr.count("\n") == 1
    assert not home().exists()


def test_a_folder_without_config_is_not_set_up() -> None:
    home().mkdir(mode=0o700)
    result = run("status")
    assert result.returncode == 2 and "not set up yet" in result.stderr


def test_data_dir_that_is_a_file_is_one_line(tmp_path: Path) -> None:
    afile = tmp_path / "afile"
    afile.write_text("x")
    result = run("status", "--data-dir", str(afile))
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr


def test_broken_config_is_one_line() -> None:
    home().mkdir(mode=0o700)
    (home() / "config.toml").write_text('schema = 1\ntime_zone = "Mars/Olympus"\n')
    result = run("status")
    assert result.returncode == 2
    assert "time_zone" in result.stderr and result.stderr.count("\n") == 1


# --------------------------------------------------------------------------- in-process


@pytest.mark.parametrize(
    ("state", "code"), [("done", 0), ("off", 0), ("upcoming", 0), ("due", 3), ("overdue", 4)]
)
def test_exit_codes_follow_the_design(state: str, code: int) -> None:
    from pmcoach.app.present.status import EXIT_FOR_STATE

    assert EXIT_FOR_STATE[state] == code


def test_status_line_in_process() -> None:
    now = dt.datetime(2026, 11, 23, 12, tzinfo=BERLIN)
    result = status(config(), RUBRIC, [checkin(week(0))], [], now, unreadable=2)
    assert result.state == "done" and result.exit_code == 0
    assert result.line == (
        "Week 2026-W48 · review done · streak 1 · focus Communicate (not rated yet) · "
        "say/do – · 2 unreadable files (see pmcoach doctor)"
    )


@pytest.mark.parametrize("name", sorted(BARE_COMMANDS))
def test_a_bare_command_is_read_as_the_parser_reads_it(name: str) -> None:
    """status and config alone skip building the parser: what they are given must be
    what the parser would give, so nothing they read differs."""
    assert vars(parsed([name])) == vars(build_parser().parse_args([name]))
