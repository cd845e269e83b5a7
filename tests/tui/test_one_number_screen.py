"""The dashboard writes a skill's figures as every export does: the focus line's score and
gap in the table's form ("3.0", never "3"), the target as the rubric gives it
(docs/definitions.md, "How figures are written"; the exports in tests/app/test_one_number.py)."""

from __future__ import annotations

import re

import pytest
from support.one_number import GAP, SCORE, TARGET, history
from support.tui import TODAY, data_dir, settle
from textual.widgets import Static

from pmcoach.tui.app import make_app
from pmcoach.tui.screens.dashboard import DashboardScreen
from pmcoach.tui.widgets.skill_table import SkillTable


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PMCOACH_TODAY", TODAY)
    monkeypatch.setenv("PMCOACH_NO_FSYNC", "1")


async def test_the_focus_line_and_the_table_write_the_same_figures() -> None:
    history()
    app = make_app(data_dir())
    async with app.run_test(size=(120, 34)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        row = next(r for r in app.screen.query_one(SkillTable).rows_text() if r[0] == "Prioritize")
        focus = str(app.screen.query_one("#focus", Static).render())
    assert row[1] == SCORE
    assert row[2] == "= 0.0"  # the week's change, not the period's: in its one form too
    assert row[3] == TARGET
    said = re.search(r"Prioritize: (\S+) against a target of (\S+), a gap of (\S+) ", focus)
    assert said is not None, focus
    assert said.groups() == (SCORE, TARGET, GAP)
