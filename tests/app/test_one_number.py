"""One number, one form: a skill's score, target, gap and change read the same everywhere.

Prioritize stands at exactly 3.0 (a whole number: where a sentence wrote "3" and the table
"3.0", the focus line and the table seemed to disagree), its target is 5, its gap 2.0,
and it rose +1.0. Every surface that writes those figures is walked on one history:
the dashboard's focus line, the manager's comparison, the report and the review draft in
Markdown and HTML, the team page in both; each is read back with its own pattern, and all
must write the very same strings (docs/definitions.md, "How figures are written").
"""

from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path

import pytest
from support.one_number import CHANGE, GAP, SCORE, START, TARGET, history
from support.tui import TODAY, data_dir, local

from pmcoach.app.present import dashboard, manager
from pmcoach.app.workspace import Workspace
from pmcoach.cli.plain.results import change_words
from pmcoach.export import ExportData, Period, render
from pmcoach.export.files import gather
from pmcoach.export.json_read import read_file
from pmcoach.export.review_html import render as review_html
from pmcoach.export.review_markdown import render as review_md
from pmcoach.export.team import build_team
from pmcoach.export.team_html import render_team as team_html
from pmcoach.export.team_markdown import render_team as team_md
from pmcoach.export.team_read import read_member
from pmcoach.rubric.load import load_rubric
from pmcoach.storage.store import Store

NOW = local(TODAY, 12)
# Any figure: a number with or without a decimal, a signed change, or no figure ("–").
FIG = r"([+−-]?\d+(?:\.\d+)?|–)"


def skill_line(start: str, now: str, change: str, target: str, gap: str) -> dict[str, str]:
    """A skill's line of a table, by figure."""
    return {"start": start, "score": now, "target": target, "gap": gap, "change": change}


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PMCOACH_TODAY", TODAY)
    monkeypatch.setenv("PMCOACH_NO_FSYNC", "1")


def export_data(store: Store, start: dt.date) -> ExportData:
    config = store.load_config()
    assert config is not None
    rubric = load_rubric(store.root).rubric
    assert rubric is not None
    return gather(store, config, rubric, Period(start, NOW.date(), "the period"), False, NOW)


def plain(page: str) -> str:
    """An HTML page as it reads: tags gone, entities decoded, one line per block."""
    page = re.sub(r"<(?:/p|/li|/tr|/h\d|br|/figcaption|/div)[^>]*>", "\n", page)
    page = re.sub(r"</t[dh]>", " | ", page)
    return html.unescape(re.sub(r"<[^>]+>", "", page))


def found(pattern: str, text: str, surface: str) -> tuple[str, ...]:
    match = re.search(pattern, text)
    assert match is not None, f"{surface}: {pattern!r} not found in\n{text}"
    return match.groups()


def surfaces(store: Store, tmp_path: Path) -> dict[str, dict[str, str]]:
    """Each surface's Prioritize figures, as written: {surface: {kind: text}}."""
    out: dict[str, dict[str, str]] = {}
    workspace = Workspace.open(data_dir())
    at = workspace.now()
    sessions = list(workspace.store.sessions())
    focus = dashboard.focus_text(workspace, at, sessions)
    score, target, gap = found(
        rf"Prioritize: {FIG} against a target of {FIG}, a gap of {FIG}", focus, "focus"
    )
    out["dashboard focus line"] = {"score": score, "target": target, "gap": gap}
    row = next(r for r in manager.comparison(workspace, at) if r.title == "Prioritize")
    out["manager's comparison"] = {"score": row.you}

    report = export_data(store, dt.date(2026, 9, 7))
    md = render("md", report)
    cells = found(
        r"\| Prioritize \| ([^|]+) \| ([^|]+) \| ([^|]+) \| [^|]+ \| ([^|]+) \| ([^|]+) \|",
        md,
        "report md",
    )
    start, now, change, target, gap = (c.strip() for c in cells)
    out["report md table"] = skill_line(start, now, change, target, gap)
    now, gap, target = found(
        rf"Prioritize \(◆ focus\) is at {FIG}, {FIG} below its target of {FIG}", md, "report md"
    )
    out["report md growth"] = {"score": now, "target": target, "gap": gap}
    page = plain(render("html", report))
    start, now, change, target, gap = found(
        rf"Prioritize ◆ focus {FIG} → {FIG} \(\S+ {FIG}\) · target {FIG} · gap {FIG}",
        page,
        "report html",
    )
    out["report html chart"] = skill_line(start, now, change, target, gap)
    now, gap, target = found(
        rf"Prioritize \(◆ focus\) is at {FIG}, {FIG} below its target of {FIG}", page, "report html"
    )
    out["report html growth"] = {"score": now, "target": target, "gap": gap}

    review = export_data(store, dt.date(2026, 6, 1))
    md = review_md(review)
    cells = found(
        r"\| Prioritize \| ([^|]+) \| ([^|]+) \| ([^|]+) \| ([^|]+) \| ([^|]+) \|", md, "review md"
    )
    start, now, change, target, gap = (c.strip() for c in cells)
    out["review md table"] = skill_line(start, now, change, target, gap)
    start, now, change = found(rf"Prioritize rose from {FIG} to {FIG} \({FIG}\)", md, "review md")
    out["review md why"] = {"start": start, "score": now, "change": change}
    score, target, gap = found(
        rf"Focus: Prioritize: {FIG} against a target of {FIG}, a gap of {FIG}", md, "review md"
    )
    out["review md focus"] = {"score": score, "target": target, "gap": gap}
    page = plain(review_html(review))
    cells = found(
        r"Prioritize \| ([^|]+) \| ([^|]+) \| ([^|]+) \| ([^|]+) \| ([^|]+) \|", page, "review html"
    )
    start, now, change, target, gap = (c.strip() for c in cells)
    out["review html table"] = skill_line(start, now, change, target, gap)
    score, target, gap = found(
        rf"Prioritize: {FIG} against a target of {FIG}, a gap of {FIG}", page, "review html"
    )
    out["review html focus"] = {"score": score, "target": target, "gap": gap}

    exported = tmp_path / "me.json"
    exported.write_text(render("json", export_data(store, dt.date(2000, 1, 1))), encoding="utf-8")
    team = build_team([read_member(str(exported), read_file(str(exported)))], workspace.rubric)
    md = team_md(team)
    score, change = found(rf"\| Prioritize \| {FIG} \S+ {FIG} \|", md, "team md")
    out["team md table"] = {"score": score, "change": change}
    score, target = found(rf"Focus: Prioritize at {FIG}, target {FIG}\.", md, "team md")
    out["team md focus"] = {"score": score, "target": target}
    page = plain(team_html(team))
    score, target = found(rf"Prioritize at {FIG}, target {FIG}\.", page, "team html")
    out["team html focus"] = {"score": score, "target": target}
    return out


def test_every_surface_writes_the_same_figures(tmp_path: Path) -> None:
    written = surfaces(history(), tmp_path)
    expected = {"start": START, "score": SCORE, "target": TARGET, "gap": GAP, "change": CHANGE}
    wrong = {
        (surface, kind): text.removeprefix("▲ ")
        for surface, figures in written.items()
        for kind, text in figures.items()
        if text.removeprefix("▲ ") != expected[kind]
    }
    assert wrong == {}


def test_the_plain_checkin_writes_a_change_as_the_exports_do() -> None:
    """ "3.0, up 1.0" was the one place a change lost its sign."""
    assert change_words(1.0, 3.0) == f"{SCORE}, {CHANGE} on last week"
    assert change_words(-0.2, 2.8) == "2.8, −0.2 on last week"
    assert change_words(0.0, 3.0) == "3.0, no change on last week"
