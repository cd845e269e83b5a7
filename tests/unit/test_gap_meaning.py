"""One meaning of gap: target − score, the same figure on the progress screen, in the
report and in the focus line; a weighted gap is named so; self against manager is a
difference."""

from __future__ import annotations

import datetime as dt

import pytest
from support import exports
from support.tui import configured, finished_session, local

from pmcoach.app.present.progress import build_progress
from pmcoach.domain import manager, scores
from pmcoach.domain.model import LEVELS_SCALE
from pmcoach.export import Period, render
from pmcoach.export.files import gather
from pmcoach.export.report import build_report
from pmcoach.rubric.load import load_rubric
from pmcoach.text import figures


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PMCOACH_TODAY", "2026-11-23")
    monkeypatch.setenv("PMCOACH_NO_FSYNC", "1")


def test_the_focus_skills_gap_is_the_same_everywhere() -> None:
    store = configured(track="senior")
    ratings = {
        "communicate.answer-first": 3,
        "prioritize.said-no": 3,
        "execute.unblocked": 3,
        "think-big.bigger-version": 1,  # think big: 1.0, a gap of 3, weighted 4.5
        "earn-trust.bad-news": 3,
        "drive-impact.explained-why": 3,
        "working-backwards.problem-first": 3,
    }
    finished_session(store, local("2026-11-16"), ratings)
    when = local("2026-11-18", 15)
    store.save_session(exports.manager(when, "e001", scale=LEVELS_SCALE, ratings={"think-big": 3}))
    config = store.load_config()
    rubric = load_rubric(store.root).rubric
    assert config is not None and rubric is not None
    track = rubric.track("senior")
    assert track is not None
    now = local("2026-11-23", 12)
    sessions = store.sessions()

    focus = scores.focus(rubric, track, config, sessions, now)
    assert focus is not None and focus.skill == "think-big"
    assert (focus.gap, focus.weighted_gap) == (3.0, 4.5)
    assert "a gap of 3.0 — the largest weighted gap (4.5: ×1.5" in focus.reason
    assert "largest gap" not in focus.reason

    progress = build_progress(sessions, rubric, track, config, now)
    row = next(s.review for s in progress.skills if s.skill == "think-big")
    data = gather(store, config, rubric, Period(dt.date(2026, 9, 7), now.date(), "12w"), False, now)
    line = next(s for s in build_report(data).skills if s.skill == "think-big")
    assert row.gap == line.gap == focus.gap == scores.gap(4, 1.0) == 3.0
    assert figures.gap(row.gap) == "3.0"
    assert "| Think big | – | 1.0 | – | " in render("md", data)
    assert "| 4 | 3.0 | 3 |" in render("md", data)

    # Self against manager is a difference, never a gap.
    compared = {c.skill: c for c in manager.compare(sessions, rubric, track, now)}
    assert compared["think-big"].difference == 2.0
    assert compared["think-big"].cells == ("1.0", "3", "+2.0")
