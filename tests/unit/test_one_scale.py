"""One scale for the manager: only ratings given against the levels make a difference,
in the report's flags, on the team page and in the JSON a team page is made from."""

from __future__ import annotations

from support import exports as x

from pmcoach.domain.model import LEVELS_SCALE, Answer, Session
from pmcoach.export.json import render as render_json
from pmcoach.export.markdown import render_report
from pmcoach.export.report import build_report
from pmcoach.export.report_words import manager_line
from pmcoach.export.team import build_team
from pmcoach.export.team_read import read_member
from pmcoach.export.team_text import manager_text


def history(scale: str | None) -> tuple[Session, ...]:
    """Communicate 4.5 by one's own answers, 2 by the manager's: 2.5 apart if comparable."""
    own = x.weekly(
        x.at("2026-11-16"),
        "a001",
        answers=(
            Answer(question="communicate.answer-first", rating=5),
            Answer(question="communicate.gave-the-date", rating=4),
        ),
    )
    return (own, x.manager(x.at("2026-11-18", 15), scale=scale))


def test_the_report_flags_a_levels_rating_two_apart() -> None:
    report = build_report(x.export_data(history(LEVELS_SCALE), ()))
    assert report.flagged == ("Communicate",)


def test_the_report_flags_nothing_from_an_old_scale_rating() -> None:
    """Before: "We differ by 2 or more on Communicate" from a 2 "below the bar"."""
    report = build_report(x.export_data(history(None), ()))
    assert report.flagged == () and report.manager_old_scale
    assert "| Manager (old scale) |" in render_report(report)
    said = manager_line(report)
    assert said is not None and "old scale" in said and "apart" not in said


def test_the_team_page_keeps_the_scale_and_differs_only_on_levels() -> None:
    pages = {}
    said = {}
    for scale in (LEVELS_SCALE, None):
        data = x.export_data(history(scale), (), include_private=False)
        member = read_member("pm.json", render_json(data).encode())
        assert member.sessions[-1].scale == scale
        (person,) = build_team([member], x.RUBRIC).people
        pages[scale] = [d.skill for d in person.differences]
        said[scale] = manager_text(person)
    assert pages == {LEVELS_SCALE: ["Communicate"], None: []}
    assert "old scale" in said[None] and "apart" not in said[None]
    assert "2 or more apart on Communicate" in said[LEVELS_SCALE]
