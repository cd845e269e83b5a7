"""`pmcoach remind --ics`: an RFC 5545 file that calendars read the same way pmcoach means it.

The file is read back with `icalendar`, an independent parser, and its recurrence is
expanded with `dateutil`: the reminders must land on the review day at the review time,
local, on both sides of a daylight-saving change. The generated VTIMEZONE is turned into
a time zone by icalendar alone (not looked up by name) and compared with zoneinfo, which
is what a calendar that does not know IANA names would compute.
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
from dateutil import rrule
from support.cli import run

from pmcoach.domain.model import Config
from pmcoach.export import ics
from pmcoach.storage.store import Store

BERLIN = ZoneInfo("Europe/Berlin")


def config(zone: str = "Europe/Berlin", day: int = 0, time: dt.time = dt.time(9)) -> Config:
    return Config(track="new", review_day=day, review_time=time, time_zone=zone)


def parse(data: bytes) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(data)


def occurrences(calendar: icalendar.Calendar, count: int) -> list[dt.datetime]:
    event = calendar.walk("VEVENT")[0]
    start = event.decoded("DTSTART")
    rule = event["RRULE"].to_ical().decode()
    return list(itertools.islice(rrule.rrulestr(rule, dtstart=start), count))


# --------------------------------------------------------------------------- text


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [
        ("plain", "plain"),
        ("a, b; c", "a\\, b\\; c"),
        ("back\\slash", "back\\\\slash"),
        ("two\nlines", "two\\nlines"),
        ("crlf\r\nand cr\r", "crlf\\nand cr\\n"),
    ],
)
def test_text_is_escaped(raw: str, escaped: str) -> None:
    assert ics.escape_text(raw) == escaped


def test_long_lines_fold_at_75_octets_without_splitting_a_character() -> None:
    line = "DESCRIPTION:" + "Übung macht den Meister – 練習 " * 12
    pieces = ics.fold(line)
    assert len(pieces) > 1
    assert len(pieces[0].encode()) <= 75
    assert all(len((" " + p).encode()) <= 75 for p in pieces[1:])
    assert "".join(pieces) == line
    assert ics.fold("SUMMARY:short") == ["SUMMARY:short"]


def test_file_uses_crlf_and_no_physical_line_is_longer_than_75_octets() -> None:
    long = config()
    data = ics.review_calendar(long, dt.datetime(2026, 11, 23, 12, tzinfo=BERLIN), "x" * 200)
    assert data.endswith(b"\r\n")
    assert b"\n" not in data.replace(b"\r\n", b"")
    lines = data.split(b"\r\n")[:-1]
    assert all(len(line) <= 75 for line in lines)
    assert any(line.startswith(b" ") for line in lines)  # the long UID was folded
    assert parse(data).walk("VEVENT")[0]["UID"] == "x" * 200


# --------------------------------------------------------------------------- the event


def test_the_event_says_what_the_configuration_says() -> None:
    now = dt.datetime(2026, 11, 23, 12, tzinfo=BERLIN)
    calendar = parse(ics.review_calendar(config(day=2, time=dt.time(8, 30)), now, "uid-1@pmcoach"))
    assert calendar["VERSION"] == "2.0"
    assert "pmcoach" in str(calendar["PRODID"])
    (event,) = calendar.walk("VEVENT")
    assert event["UID"] == "uid-1@pmcoach"
    assert event.decoded("DTSTAMP") == dt.datetime(2026, 11, 23, 11, tzinfo=dt.UTC)
    start = event.decoded("DTSTART")
    assert start == dt.datetime(2026, 11, 25, 8, 30, tzinfo=BERLIN)
    assert event["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert event.decoded("DURATION") == dt.timedelta(minutes=15)
    assert event["RRULE"]["FREQ"] == ["WEEKLY"]
    assert event["RRULE"]["BYDAY"] == ["WE"]
    assert "pmcoach" in str(event["SUMMARY"])
    (timezone,) = calendar.walk("VTIMEZONE")
    assert timezone["TZID"] == "Europe/Berlin"
    assert {c.name for c in timezone.subcomponents} == {"STANDARD", "DAYLIGHT"}


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        # Monday 12:00: the 09:00 review has passed, so the first is next Monday.
        (dt.datetime(2026, 11, 23, 12, tzinfo=BERLIN), dt.datetime(2026, 11, 30, 9, tzinfo=BERLIN)),
        # Monday 08:00: today's is still to come.
        (dt.datetime(2026, 11, 23, 8, tzinfo=BERLIN), dt.datetime(2026, 11, 23, 9, tzinfo=BERLIN)),
        # Saturday: next Monday.
        (dt.datetime(2026, 11, 28, 8, tzinfo=BERLIN), dt.datetime(2026, 11, 30, 9, tzinfo=BERLIN)),
    ],
)
def test_first_review_is_the_next_one_to_come(now: dt.datetime, expected: dt.datetime) -> None:
    assert ics.first_review(config(), now) == expected


@pytest.mark.parametrize(
    ("zone", "now"),
    [
        # Spring forward in Berlin on Sunday 28 March 2027.
        ("Europe/Berlin", dt.datetime(2027, 3, 10, 12, tzinfo=dt.UTC)),
        # Fall back in Berlin on Sunday 25 October 2026.
        ("Europe/Berlin", dt.datetime(2026, 10, 10, 12, tzinfo=dt.UTC)),
        # New York springs forward on 14 March 2027, two weeks before Europe.
        ("America/New_York", dt.datetime(2027, 3, 1, 12, tzinfo=dt.UTC)),
        # The southern hemisphere: Sydney falls back on 4 April 2027.
        ("Australia/Sydney", dt.datetime(2027, 3, 20, 12, tzinfo=dt.UTC)),
    ],
)
def test_reminders_stay_on_the_review_day_and_time_across_a_dst_change(
    zone: str, now: dt.datetime
) -> None:
    cfg = config(zone=zone, day=0, time=dt.time(9))
    calendar = parse(ics.review_calendar(cfg, now, "uid@pmcoach"))
    found = occurrences(calendar, 6)
    local = ZoneInfo(zone)
    assert [m.astimezone(local).weekday() for m in found] == [0] * 6
    assert [m.astimezone(local).time() for m in found] == [dt.time(9)] * 6
    assert [b - a for a, b in itertools.pairwise(found)] == [dt.timedelta(weeks=1)] * 5
    offsets = {m.astimezone(dt.UTC).hour for m in found}
    assert len(offsets) == 2, "the six weeks were chosen to cross a change of offset"
    # A calendar that only has the file's VTIMEZONE puts them at the same instants.
    own = calendar.walk("VTIMEZONE")[0].to_tz(lookup_tzid=False)
    for moment in found:
        wall = moment.replace(tzinfo=None)
        assert wall.replace(tzinfo=own).astimezone(dt.UTC) == moment.astimezone(dt.UTC)


@pytest.mark.parametrize(
    "zone",
    [
        "Europe/Berlin",
        "America/New_York",
        "America/Sao_Paulo",  # gave up DST in 2019
        "Australia/Sydney",
        "Australia/Lord_Howe",  # a half-hour change
        "Asia/Kolkata",  # +05:30, no DST
        "Asia/Jerusalem",  # "the Friday before the last Sunday": no simple yearly rule
        "Africa/Casablanca",  # moves with Ramadan
        "Pacific/Chatham",  # +12:45
        "America/Santiago",  # "the first Sunday on or after the 2nd"
        "UTC",
    ],
)
def test_generated_vtimezone_agrees_with_zoneinfo(zone: str) -> None:
    now = dt.datetime(2026, 11, 23, 12, tzinfo=dt.UTC)
    calendar = parse(ics.review_calendar(config(zone=zone), now, "uid@pmcoach"))
    own = calendar.walk("VTIMEZONE")[0].to_tz(lookup_tzid=False)
    real = ZoneInfo(zone)

    def agree(wall: dt.datetime) -> bool:
        """Whether both give the wall-clock time the same instant, as a calendar needs
        for an occurrence. A time that a change skips or repeats is left out: readers
        differ there (dateutil picks the other side of a repeated hour)."""
        first, second = wall.replace(tzinfo=real), wall.replace(tzinfo=real, fold=1)
        if first.utcoffset() != second.utcoffset():
            return True
        return wall.replace(tzinfo=own).utcoffset() == first.utcoffset()

    # From an hour after the opening observance's onset (dateutil reads the onset
    # itself as "before the first onset"); the event never starts that early.
    wall = dt.datetime(2026 - ics.YEARS_BEFORE, 1, 1, 1)
    end = dt.datetime(2026 + ics.YEARS_AFTER + 1, 1, 1)
    checked = 0
    while wall < end:
        # 25-hour steps visit every hour of the day in turn; hourly around each change
        # of zoneinfo's offset checks the changes themselves.
        assert agree(wall), wall
        later = wall + dt.timedelta(hours=25)
        if later.replace(tzinfo=real).utcoffset() != wall.replace(tzinfo=real).utcoffset():
            for hours in range(1, 25):
                assert agree(wall + dt.timedelta(hours=hours)), wall + dt.timedelta(hours=hours)
        wall = later
        checked += 1
    assert checked > 2000


def test_vtimezone_uses_yearly_rules_where_the_zone_has_them() -> None:
    lines = ics.vtimezone("Europe/Berlin", dt.datetime(2026, 11, 23, tzinfo=dt.UTC))
    assert "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU" in lines
    assert "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU" in lines
    assert lines.count("BEGIN:DAYLIGHT") == 1
    assert lines.count("BEGIN:STANDARD") == 2  # the opening offset, then the autumn change


def test_uid_is_stable_per_data_folder(tmp_path: Path) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    assert ics.review_uid(one) == ics.review_uid(one)
    assert ics.review_uid(one) != ics.review_uid(two)
    assert ics.review_uid(one).endswith("@pmcoach")
    assert str(tmp_path) not in ics.review_uid(one)


# --------------------------------------------------------------------------- the command


@pytest.fixture
def data_dir() -> Path:
    root = Path(os.environ["PMCOACH_HOME"])
    store = Store.open(root)
    store.save_config(config(zone="America/New_York", day=4, time=dt.time(16, 30)))
    return root


def test_remind_writes_the_file_and_refuses_to_overwrite_it(data_dir: Path, tmp_path: Path) -> None:
    target = tmp_path / "review.ics"
    done = run("remind", "--ics", str(target))
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("\n") == 1 and str(target) in done.stdout
    assert "Friday at 16:30 (America/New_York)" in done.stdout
    first = target.read_bytes()
    event = parse(first).walk("VEVENT")[0]
    assert event.decoded("DTSTART") == dt.datetime(
        2026, 11, 27, 16, 30, tzinfo=ZoneInfo("America/New_York")
    )
    assert event["RRULE"]["BYDAY"] == ["FR"]

    again = run("remind", "--ics", str(target))
    assert again.returncode == 2
    assert again.stderr.count("\n") == 1 and "--force" in again.stderr
    assert target.read_bytes() == first

    target.write_bytes(b"old")
    forced = run("remind", "--ics", str(target), "--force")
    assert forced.returncode == 0, forced.stderr
    assert target.read_bytes() == first  # the frozen clock makes the file the same
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")], "a temp file was left"


def test_remind_to_standard_output(data_dir: Path) -> None:
    done = run("remind", "--ics", "-")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("BEGIN:VCALENDAR")
    assert parse(done.stdout.encode()).walk("VEVENT")


@pytest.mark.parametrize("where", ["missing/review.ics", "."])
def test_remind_into_a_missing_folder_or_onto_a_folder_is_one_line(
    data_dir: Path, tmp_path: Path, where: str
) -> None:
    done = run("remind", "--ics", str(tmp_path / where))
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert not (tmp_path / "missing").exists()


def test_remind_before_set_up_says_so(tmp_path: Path) -> None:
    done = run("remind", "--ics", str(tmp_path / "review.ics"))
    assert done.returncode == 2
    assert "not set up yet" in done.stderr and done.stderr.count("\n") == 1
    assert not (tmp_path / "review.ics").exists()
