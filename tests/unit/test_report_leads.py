"""The 1:1 report as the manager who receives it reads it (issue 19's "What was seen"):
who it is about, what went wrong first, strengths and growth areas that match the
figures, evidence by skill, the rubric's words for a level, charts that show a change,
and the manager's and peers' ratings drawn, with no peer named."""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import replace
from pathlib import Path

import pytest
from support.exports import manager, peer
from support.tui import configured, finished_session, local, logged

from pmcoach.domain.model import (
    LEVELS_SCALE,
    Answer,
    Commitment,
    CommitmentReview,
    Session,
    Text,
)
from pmcoach.export import ExportData, Period, render
from pmcoach.export.files import gather
from pmcoach.export.report import build_report
from pmcoach.rubric.load import load_rubric
from pmcoach.storage.store import Store

NOW = local("2026-11-23", 12)


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PMCOACH_TODAY", "2026-11-23")
    monkeypatch.setenv("PMCOACH_NO_FSYNC", "1")


def data(store: Store, include_private: bool = False) -> ExportData:
    config = store.load_config()
    assert config is not None
    rubric = load_rubric(store.root).rubric
    assert rubric is not None
    period = Period(dt.date(2026, 9, 7), NOW.date(), "last 12 weeks")
    return gather(store, config, rubric, period, include_private, NOW)


def set_config(store: Store, **changes: object) -> None:
    config = store.load_config()
    assert config is not None
    store.save_config(replace(config, **changes))  # type: ignore[arg-type]


def section(page: str, title: str) -> str:
    """A Markdown section's text, up to the next `## `."""
    found = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", page, re.M | re.S)
    assert found is not None, title
    return found.group(1)


# --------------------------------------------------------------------------- who


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_the_header_names_the_person_with_track_and_period(fmt: str) -> None:
    store = configured("senior")
    finished_session(store, local("2026-11-16"), {"communicate.answer-first": 3})
    set_config(store, name="Alex <Doe>")
    page = render(fmt, data(store))
    head = page[: page.index(">Skills</h2>" if fmt == "html" else "## Skills")]
    if fmt == "md":
        assert "**Alex \\<Doe\\>** · Senior PM track · last 12 weeks" in head
    else:
        assert '<strong class="who">Alex &lt;Doe&gt;</strong> · Senior PM track' in head
    assert "7 Sep 2026 – 23 Nov 2026" in head


def test_without_a_name_the_header_names_nobody() -> None:
    store = configured("senior")
    finished_session(store, local("2026-11-16"), {"communicate.answer-first": 3})
    page = render("md", data(store))
    assert page.splitlines()[2].startswith("Senior PM track · last 12 weeks")


# --------------------------------------------------------------------------- commitments


def promises(store: Store, outcomes: list[str]) -> None:
    """One check-in a week from 7 Sep, each making a commitment due that Friday, which the
    next week's check-in gives the outcome named (the last one's stays open)."""
    sessions = []
    for index in range(len(outcomes) + 1):
        day = dt.date(2026, 9, 7) + dt.timedelta(weeks=index)
        due = day + dt.timedelta(days=4)
        made = finished_session(
            store, local(day.isoformat()), {"communicate.answer-first": 3}, suffix=f"{index:04x}"
        )
        made = replace(
            made, commitments=(Commitment(f"c-{index:04x}", f"Promise {index}", "Dana", due),)
        )
        if index:
            outcome = outcomes[index - 1]
            new_date = due + dt.timedelta(weeks=4) if outcome == "renegotiated" else None
            review = CommitmentReview(f"c-{index - 1:04x}", outcome, due=new_date)  # type: ignore[arg-type]
            made = replace(made, commitment_reviews=(review,))
        sessions.append(made)
    for session in sessions:
        store.save_session(session)


def commitment_lines(page: str) -> list[str]:
    return [line for line in section(page, "Commitments").splitlines() if line.startswith("- ")]


def test_missed_commitments_come_first_and_are_never_hidden() -> None:
    # Two missed early in the period, then met ones, as the issue saw it.
    store = configured("senior")
    promises(store, ["missed", "missed", *["met"] * 10, "met"])
    page = render("md", data(store))
    lines = commitment_lines(page)
    assert lines[0].endswith("· missed") and lines[1].endswith("· missed")
    assert "Promise 0 " in lines[1] and "Promise 1 " in lines[0]  # latest due first
    assert all(line.endswith(" · met") for line in lines[2:-1])
    # The cut says what it cut: only met ones.
    assert lines[-1] == "- …and 4 more (all met)."


def test_commitments_order_missed_renegotiated_met() -> None:
    store = configured("senior")
    promises(store, ["met", "renegotiated", "missed", "met", "met"])
    lines = commitment_lines(render("md", data(store)))
    words = [line.rsplit(" · ", 1)[1] for line in lines]
    # The last promise has had no review yet: it is open, after the renegotiated one.
    assert words == ["missed", "renegotiated", "open", "met", "met", "met"]


# --------------------------------------------------------------------------- where I stand


def execute_at_a_printed_four() -> dict[str, object]:
    """Execute's answers for a score of 3.96, printed "4.0": at a target of 4."""
    return {
        "execute.unblocked": 4,
        "execute.team-needs": 4,
        "execute.spec-before-start": 4,
        "execute.plan-changed": 4,
    }


def standing_history() -> Store:
    store = configured("senior")
    set_config(store, targets={"execute": 4, "communicate": 4, "working-backwards": 4})
    first = finished_session(
        store,
        local("2026-09-08"),
        {
            "communicate.answer-first": 2,
            "communicate.gave-the-date": 3,
            "working-backwards.problem-first": 3,
            "working-backwards.problem-paragraph": 3,
        },
        suffix="0001",
    )
    assert first.answers
    later = finished_session(
        store,
        local("2026-11-16"),
        {
            "communicate.answer-first": 3,
            "communicate.gave-the-date": 3,
            "working-backwards.problem-first": 2,
            "working-backwards.problem-paragraph": 2,
            **execute_at_a_printed_four(),  # type: ignore[dict-item]
            "think-big.bigger-version": 1,
        },
        suffix="0002",
    )
    counted = Answer(question="execute.metrics-from-memory", count=7, out_of=10, rating=4)
    store.save_session(replace(later, answers=(*later.answers, counted)))
    return store


def test_a_skill_at_target_is_a_strength_before_a_rise() -> None:
    report = build_report(data(standing_history()))
    execute = next(line for line in report.skills if line.skill == "execute")
    assert execute.now is not None and 3.95 <= execute.now < 4
    assert report.strengths[0] == "Execute is at 4.0, at or above its target of 4."
    rise = next(s for s in report.strengths if s.startswith("Communicate"))
    assert report.strengths.index(rise) > 0


def test_growth_areas_are_one_line_per_skill_largest_weighted_gap_first() -> None:
    page = render("md", data(standing_history()))
    stand = section(page, "Where I stand")
    growth = stand[stand.index("**Growth areas**") :].split("**Focus now:**")[0]
    lines = [line for line in growth.splitlines() if line.startswith("- ")]
    # Think big (1.0 against 4: a gap of 3, weighted ×1.5 = 4.5) before Working
    # backwards (2.0 against 4, a gap of 2, not weighted), which fell: one line, with it.
    assert lines[0].startswith("- Think big is at 1.0, 3.0 below its target of 4 (weighted ×1.5")
    backwards = [line for line in lines if "Working backwards" in line]
    assert len(backwards) == 1
    assert backwards[0].endswith("and fell −1.0 in this period.")


def test_the_focus_and_growth_areas_carry_the_rubrics_level_words() -> None:
    store = standing_history()
    rubric = load_rubric(store.root).rubric
    assert rubric is not None
    think_big = rubric.skill("think-big")
    assert think_big is not None
    page = render("md", data(store))
    stand = section(page, "Where I stand")
    assert f"  - Now, level 1: {think_big.level('senior', 1)}" in stand
    assert f"  - Target, level 4: {think_big.level('senior', 4)}" in stand
    html = render("html", data(store))
    assert str(think_big.level("senior", 4)).replace("'", "&#x27;") in html


# --------------------------------------------------------------------------- evidence


def test_evidence_is_grouped_by_skill_latest_three_and_a_count() -> None:
    store = configured("senior")
    finished_session(store, local("2026-11-16"), {"communicate.answer-first": 3})
    for index in range(5):
        day = local(f"2026-11-{10 + index}")
        store.save_event(logged("win", day, f"Communicate win {index}", f"a{index:03}"))
    store.save_event(
        replace(
            logged("grade", local("2026-11-01"), "Execute grade", "b001", rating=4),
            skill="execute",
        )
    )
    page = render("md", data(store))
    evidence = section(page, "Evidence")
    assert evidence.index("**Communicate**") < evidence.index("**Execute**")
    communicate = evidence[evidence.index("**Communicate**") : evidence.index("**Execute**")]
    shown = re.findall(r"Communicate win (\d)", communicate)
    assert shown == ["4", "3", "2"]
    assert "- …and 2 more items." in communicate
    assert "Execute grade" in evidence[evidence.index("**Execute**") :]


# --------------------------------------------------------------------------- charts


def manager_session(
    when: dt.datetime, ratings: dict[str, int], suffix: str, scale: str | None = LEVELS_SCALE
) -> Session:
    """Ratings on the levels scale unless `scale` says otherwise (None: the old one)."""
    return manager(when, suffix, scale=scale, ratings=ratings)


def svg_of(page: str, title: str) -> str:
    found = re.search(rf"<figcaption><strong>{title}</strong>.*?(<svg.*?</svg>)", page, re.S)
    assert found is not None
    return found.group(1)


def test_the_charts_are_large_enough_to_show_half_a_point() -> None:
    store = configured("senior")
    finished_session(store, local("2026-10-05"), {"communicate.answer-first": 3}, suffix="0001")
    finished_session(store, local("2026-11-16"), {"communicate.answer-first": 4}, suffix="0002")
    page = render("html", data(store))
    svg = svg_of(page, "Communicate")
    width, height = (int(v) for v in re.search(r'width="(\d+)" height="(\d+)"', svg).groups())  # type: ignore[union-attr]
    assert width >= 320 and height >= 90
    # The 1–5 axis is labelled, and a step of half a point is at least 10 px.
    assert [f">{n}</text>" in svg for n in range(1, 6)] == [True] * 5
    ys = {int(n): float(y) for y, n in re.findall(r'<text x="[\d.]+" y="([\d.]+)"[^>]*>(\d)<', svg)}
    assert (ys[3] - ys[4]) / 2 >= 10


def test_the_managers_ratings_are_drawn_with_a_mark_of_their_own() -> None:
    store = configured("senior")
    finished_session(store, local("2026-10-05"), {"communicate.answer-first": 3})
    store.save_session(manager_session(local("2026-10-07"), {"communicate": 2}, "a001"))
    store.save_session(manager_session(local("2026-11-18"), {"communicate": 4}, "a002"))
    page = render("html", data(store))
    svg = svg_of(page, "Communicate")
    assert svg.count("<rect") == 2  # a square each, not only a colour
    assert "my manager&#x27;s rating" in page or "my manager's rating" in page


def test_old_scale_ratings_are_shown_as_such_and_not_drawn() -> None:
    store = configured("senior")
    finished_session(store, local("2026-10-05"), {"communicate.answer-first": 1})
    store.save_session(manager_session(local("2026-11-18"), {"communicate": 4}, "a001", None))
    page = render("html", data(store))
    assert "<rect" not in svg_of(page, "Communicate")
    assert "manager (old scale) 4" in page
    md = render("md", data(store))
    assert "| Manager (old scale) |" in md and "not compared with my scores" in md


def peers_history(names: list[str], private: bool = False) -> Store:
    store = configured("senior")
    finished_session(store, local("2026-10-05"), {"communicate.answer-first": 3})
    for index, name in enumerate(names):
        reply = peer(
            local(f"2026-11-{10 + index}"), f"b{index:03}", name=name, rating=4 + index % 2
        )
        store.save_session(replace(reply, peer=Text(name, private)))
    return store


def test_peers_show_once_two_answered_and_are_unnamed_by_default() -> None:
    store = peers_history(["Sam Lee", "Kim Park"])
    md = render("md", data(store))
    assert "| Peers |" in md
    row = next(line for line in md.splitlines() if line.startswith("| Communicate |"))
    assert row.endswith(" 4.5 (2) |")
    page = render("html", data(store))
    assert svg_of(page, "Communicate").count("<polygon") == 2  # a triangle per reply
    assert "peers 4.5 (2)" in page
    for text in (md, page, render("md", data(store, include_private=True))):
        assert "Sam" not in text and "Kim" not in text
        assert "PRIVATE peer comment" not in text


def test_peers_are_named_when_the_person_shows_names_private_ones_only_when_asked() -> None:
    store = peers_history(["Sam Lee", "Kim Park"])
    store.save_session(
        replace(peer(local("2026-11-20"), "c001", name="Ana Cruz"), peer=Text("Ana Cruz", True))
    )
    set_config(store, show_peer_names=True)
    for fmt in ("md", "html"):
        page = render(fmt, data(store))
        assert "Replies from Kim Park, Sam Lee." in page
        assert "Ana" not in page
        with_private = render(fmt, data(store, include_private=True))
        assert "Replies from Ana Cruz, Kim Park, Sam Lee." in with_private


def test_one_peers_reply_is_neither_a_mean_nor_a_mark() -> None:
    store = peers_history(["Sam Lee"])
    md = render("md", data(store))
    row = next(line for line in md.splitlines() if line.startswith("| Communicate |"))
    assert row.endswith(" – |")
    assert "<polygon" not in render("html", data(store))


def test_a_report_without_peers_has_no_peers_column() -> None:
    store = configured("senior")
    finished_session(store, local("2026-10-05"), {"communicate.answer-first": 3})
    assert "Peers" not in render("md", data(store))


# --------------------------------------------------------------------------- golden

GOLDEN = Path(__file__).parents[1] / "data" / "golden" / "report-peers.md"


def test_a_named_report_with_manager_and_peers_matches_its_golden_file() -> None:
    """The demo writes no name and no peers; this history has both, and a manager's
    ratings, so the header, the Peers column and the notes are pinned too. Regenerate
    with `PMCOACH_UPDATE_GOLDEN=1` and read the diff."""
    store = standing_history()
    set_config(store, name="Alex Doe")
    promises(store, ["missed", "met", "renegotiated"])
    store.save_session(manager_session(local("2026-11-18"), {"think-big": 3}, "a001"))
    for index, name in enumerate(["Sam Lee", "Kim Park", "Ode Ba"]):
        reply = peer(local(f"2026-11-{17 + index}"), f"b{index:03}", name=name, rating=2 + index)
        store.save_session(reply)
    store.save_event(logged("win", local("2026-11-19"), "Sent the one-pager first", "c001"))
    written = render("md", data(store))
    if os.environ.get("PMCOACH_UPDATE_GOLDEN"):
        GOLDEN.write_text(written, encoding="utf-8")
    assert written == GOLDEN.read_text(encoding="utf-8")


def test_strengths_at_target_then_within_a_level_then_rises() -> None:
    from pmcoach.export.report_model import SkillLine
    from pmcoach.export.report_skills import strengths

    def line(skill: str, start: float, now: float, target: int = 4) -> SkillLine:
        return SkillLine(skill, skill.title(), start, now, target, ())

    lines = [
        line("rose", 2.5, 2.8),  # 1.2 below target, rose +0.3: a strength only last
        line("near", 3.2, 3.2),  # 0.8 below target: near it
        line("far", 2.0, 2.0),  # 2.0 below, flat: not a strength
        line("at", 4.0, 4.0),
    ]
    assert strengths(lines, growth=set()) == (
        "At is at 4.0, at or above its target of 4.",
        "Near is at 3.2, 0.8 short of its target of 4.",
        "Rose rose +0.3 to 2.8 in this period.",
    )
    # A growth area is not a strength for being near its target; its rise still is.
    assert strengths(lines[:2], growth={"near", "rose"}) == (
        "Rose rose +0.3 to 2.8 in this period.",
    )


def test_a_skill_that_fell_beyond_the_three_largest_gaps_is_one_line() -> None:
    """Page one has room for three growth areas with their level words: a skill that also
    fell is named with its fall, on one line, after them (on Letter paper five areas with
    level words ran past the first page)."""
    store = configured("senior")
    skills = ("communicate", "think-big", "earn-trust", "drive-impact", "working-backwards")
    set_config(store, targets=dict.fromkeys(skills, 4))
    questions = {
        "communicate": ("communicate.answer-first", "communicate.gave-the-date"),
        "think-big": ("think-big.bigger-version", "think-big.outside-the-box"),
        "earn-trust": ("earn-trust.kept-promises", "earn-trust.bad-news"),
        "drive-impact": ("drive-impact.measured-last-launch", "drive-impact.after-launch"),
        "working-backwards": (
            "working-backwards.problem-first",
            "working-backwards.problem-paragraph",
        ),
    }
    now = {"communicate": 2, "think-big": 1, "earn-trust": 3, "drive-impact": 3}
    now["working-backwards"] = 2
    finished_session(
        store,
        local("2026-09-08"),
        {q: 4 for skill in skills for q in questions[skill]},
        suffix="0001",
    )
    finished_session(
        store,
        local("2026-11-16"),
        {q: now[skill] for skill in skills for q in questions[skill]},
        suffix="0002",
    )
    report = build_report(data(store))
    areas = [area for area in report.growth if area.skill]
    assert len(areas) == 5
    assert [area.levels is not None for area in areas] == [True] * 3 + [False] * 2
    assert all("fell" in area.text for area in areas[3:])
    page = render("md", data(store))
    growth = section(page, "Where I stand").split("**Growth areas**")[1]
    assert growth.count("  - Now, level") == 3
