"""Styles live in `.tcss` files beside the app and its screens, not in Python strings."""

from __future__ import annotations

import re
from pathlib import Path

import pmcoach.tui
from pmcoach.tui.widgets.chart import MIN_HEIGHT, ProgressChart

TUI = Path(pmcoach.tui.__file__).parent
# The chart's least height is a number its drawing computes; its stylesheet reads it.
COMPUTED = {"widgets/chart.py"}


def test_no_style_is_written_in_python() -> None:
    for path in sorted(TUI.rglob("*.py")):
        name = path.relative_to(TUI).as_posix()
        if name in COMPUTED:
            continue
        source = path.read_text(encoding="utf-8")
        assert not re.search(r"^\s+(DEFAULT_)?CSS\s*=", source, flags=re.M), name
        assert not re.search(r"\.styles\.\w+\s*=", source), name


def test_the_chart_style_reads_the_drawings_number() -> None:
    assert f"min-height: {MIN_HEIGHT};" in ProgressChart.DEFAULT_CSS


def test_every_stylesheet_named_exists() -> None:
    for path in sorted(TUI.rglob("*.py")):
        for sheet in re.findall(r'CSS_PATH = "([^"]+)"', path.read_text(encoding="utf-8")):
            assert (path.parent / sheet).is_file(), (path, sheet)
