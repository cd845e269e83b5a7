"""The clock: PMCOACH_TODAY freezes it, zone names fail clearly."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from pmcoach.domain import clock

BERLIN = ZoneInfo("Europe/Berlin")


def test_frozen_day_is_noon_in_the_given_zone() -> None:
    moment = clock.now(BERLIN, env={"PMCOACH_TODAY": "2026-11-23"})
    assert moment == dt.datetime(2026, 11, 23, 12, 0, 0, tzinfo=BERLIN)
    assert moment.utcoffset() == dt.timedelta(hours=1)


def test_frozen_clock_does_not_move() -> None:
    env = {"PMCOACH_TODAY": "2026-07-01"}
    assert clock.now(BERLIN, env=env) == clock.now(BERLIN, env=env)
    assert clock.now(BERLIN, env=env).utcoffset() == dt.timedelta(hours=2)  # summer time


def test_frozen_day_is_the_same_calendar_day_in_another_zone() -> None:
    tokyo = clock.now(ZoneInfo("Asia/Tokyo"), env={"PMCOACH_TODAY": "2026-11-23"})
    new_york = clock.now(ZoneInfo("America/New_York"), env={"PMCOACH_TODAY": "2026-11-23"})
    assert tokyo.date() == new_york.date() == dt.date(2026, 11, 23)


def test_running_clock_is_aware_and_current() -> None:
    moment = clock.now(BERLIN, env={})
    assert moment.tzinfo is BERLIN
    assert abs(moment - dt.datetime.now(dt.UTC)) < dt.timedelta(minutes=1)


def test_empty_variable_means_a_running_clock() -> None:
    moment = clock.now(BERLIN, env={"PMCOACH_TODAY": ""})
    assert abs(moment - dt.datetime.now(dt.UTC)) < dt.timedelta(minutes=1)


def test_reads_the_process_environment_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PMCOACH_TODAY", "2027-01-04")
    assert clock.now(BERLIN) == dt.datetime(2027, 1, 4, 12, tzinfo=BERLIN)


def test_without_zone_uses_the_system_zone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Asia/Tokyo")
    moment = clock.now(env={"PMCOACH_TODAY": "2026-11-23"})
    assert moment.utcoffset() == dt.timedelta(hours=9)


@pytest.mark.parametrize(
    "value",
    [
        "2026-13-01",
        "2026-02-30",
        "2026-11-23T10:00",
        "tomorrow",
        "2026-2-3",
        "23.11.2026",
        "20261123",
    ],
)
def test_malformed_date_is_a_clear_error(value: str) -> None:
    with pytest.raises(ValueError, match="PMCOACH_TODAY") as info:
        clock.now(BERLIN, env={"PMCOACH_TODAY": value})
    assert value in str(info.value)


def test_surrounding_whitespace_is_forgiven() -> None:
    assert clock.frozen_today({"PMCOACH_TODAY": " 2026-11-23\n"}) == dt.date(2026, 11, 23)


def test_zone_resolves_iana_names() -> None:
    assert clock.zone("Europe/Berlin") == BERLIN
    assert clock.zone("UTC") == ZoneInfo("UTC")


@pytest.mark.parametrize(
    "name", ["Mars/Olympus_Mons", "", " Europe/Berlin", "../etc/passwd", "/tmp"]
)
def test_unknown_zone_is_a_clear_error(name: str) -> None:
    with pytest.raises(ValueError, match="unknown time zone"):
        clock.zone(name)


def test_system_zone_prefers_tz() -> None:
    assert clock.system_zone_name({"TZ": "America/New_York"}) == "America/New_York"
    assert clock.system_zone_name({"TZ": ":Europe/Paris"}) == "Europe/Paris"


def test_system_zone_ignores_a_bad_tz() -> None:
    name = clock.system_zone_name({"TZ": "Not/A_Zone"})
    assert name != "Not/A_Zone"
    clock.zone(name)  # whatever it falls back to is usable


def test_system_zone_is_always_usable() -> None:
    clock.zone(clock.system_zone_name({}))


def test_localtime_symlink_names_the_zone(tmp_path: Path) -> None:
    link = tmp_path / "localtime"
    os.symlink("/usr/share/zoneinfo/Europe/Berlin", link)
    assert clock._zone_from_localtime(link) == "Europe/Berlin"


def test_localtime_symlink_into_a_posix_tree(tmp_path: Path) -> None:
    link = tmp_path / "localtime"
    os.symlink("../usr/share/zoneinfo/posix/America/New_York", link)
    assert clock._zone_from_localtime(link) == "America/New_York"


def test_localtime_that_is_not_a_symlink_gives_no_answer(tmp_path: Path) -> None:
    plain = tmp_path / "localtime"
    plain.write_bytes(b"TZif")
    assert clock._zone_from_localtime(plain) is None
    assert clock._zone_from_localtime(tmp_path / "missing") is None
