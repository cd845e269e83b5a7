"""ISO weeks in the configured zone, and how numbers read (domain.weeks, text.figures)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from support.coaching import (
    UTC,
)

from pmcoach.domain import weeks
from pmcoach.text import figures


def test_iso_week_strings() -> None:
    assert weeks.iso_week(dt.date(2026, 11, 23)) == "2026-W48"
    assert weeks.iso_week(dt.date(2027, 1, 1)) == "2026-W53"  # 2026 has 53 ISO weeks
    assert weeks.iso_week(dt.date(2026, 1, 5)) == "2026-W02"
    assert weeks.week_start("2026-W48") == dt.date(2026, 11, 23)
    assert weeks.week_start("2026-W53") == dt.date(2026, 12, 28)


@pytest.mark.parametrize("text", ["2025-W53", "2026-W00", "2026-48", "2026-W4", "W48", ""])
def test_week_start_rejects_non_weeks(text: str) -> None:
    with pytest.raises(ValueError, match="ISO week"):
        weeks.week_start(text)


def test_week_of_uses_the_configured_zone() -> None:
    # 23:30 on Sunday in New York is already Monday in UTC.
    new_york = ZoneInfo("America/New_York")
    sunday_night = dt.datetime(2026, 11, 22, 23, 30, tzinfo=new_york)
    assert weeks.week_of(sunday_night, new_york) == "2026-W47"
    assert weeks.week_of(sunday_night, UTC) == "2026-W48"


@pytest.mark.parametrize(
    ("value", "text"),
    [(None, "–"), (2.8, "2.8"), (2.25, "2.3"), (2.75, "2.8"), (4.0, "4.0"), (3.04, "3.0")],
)
def test_format_score(value: float | None, text: str) -> None:
    assert figures.format_score(value) == text


@pytest.mark.parametrize(
    ("value", "text"),
    [(None, "–"), (0.2, "+0.2"), (-0.25, "−0.3"), (0.04, "0.0"), (-0.04, "0.0"), (0.0, "0.0")],
)
def test_format_change(value: float | None, text: str) -> None:
    assert figures.format_change(value) == text
