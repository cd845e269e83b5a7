"""The weeks a long period's chart and trend draw: the first, the start's and the last.

A start late in a long history (a skill first rated enough in the last weeks of years of
check-ins) once took the last week's place: the chart ended before now, at a figure the
report's "start → now" does not name.
"""

from __future__ import annotations

import pytest

from pmcoach.export.report_model import TREND_POINTS
from pmcoach.export.report_skills import CHART_POINTS, sample


@pytest.mark.parametrize("limit", [2, 3, TREND_POINTS, CHART_POINTS])
@pytest.mark.parametrize("length", [1, 2, 13, 81, 100, 520])
def test_the_first_the_start_and_the_last_week_are_always_drawn(limit: int, length: int) -> None:
    for keep in range(length):
        drawn = sample(range(length), limit, keep)
        assert len(drawn) == min(length, limit)
        assert list(drawn) == sorted(set(drawn)), (keep, drawn)
        assert keep in drawn and drawn[-1] == length - 1, (keep, drawn)
        if keep > 0 and limit > 2:
            assert drawn[0] == 0, (keep, drawn)
