"""Evidence (notes in check-ins, grades, wins) shows on the progress screen as the report
lists it, private text left out."""

from __future__ import annotations

import pytest
from support.tui import TODAY, configured, data_dir, finished_session, local, logged, settle
from textual.widgets import Static

from pmcoach.tui.app import make_app
from pmcoach.tui.screens.progress import ProgressScreen


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PMCOACH_TODAY", TODAY)
    monkeypatch.setenv("PMCOACH_NO_FSYNC", "1")


async def test_evidence_line_counts_grades_and_wins_in_range() -> None:
    store = configured(track="new")
    finished_session(store, local("2026-11-16"), {"communicate.answer-first": 3})
    store.save_event(logged("grade", local("2026-11-17"), "Budget email", "0001", rating=2))
    store.save_event(logged("grade", local("2026-11-18"), "Exec sync", "0002", rating=4))
    store.save_event(
        logged("win", local("2026-11-19"), "Felt unsure [b]x[/]", "0003", private=True)
    )
    store.save_event(logged("grade", local("2025-01-06"), "Long ago", "0004", rating=1))
    app = make_app(data_dir())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, ProgressScreen)
        line = str(app.screen.query_one("#evidence", Static).render())
        assert line.startswith("Evidence (12 weeks): 2 grades, mean 3.0 · 1 win")
        assert "Felt unsure" not in line  # the latest is private
        await pilot.press("right")  # another skill: nothing logged, the first one's counted
        await pilot.pause()
        line = str(app.screen.query_one("#evidence", Static).render())
        assert line == "Evidence (12 weeks): none on this skill; 3 on other skills."


@pytest.mark.parametrize("size", [(80, 24), (160, 50)])
async def test_notes_written_in_a_check_in_are_evidence_on_progress(
    size: tuple[int, int],
) -> None:
    """A check-in typed in one burst with four notes (two by `n`, two by `e` after a top
    answer: a full count of 4 of 4, then a 5),
    then progress: its evidence line counts the notes the report lists as evidence."""
    from support.tui import typed

    from pmcoach.export import Period
    from pmcoach.export.files import gather
    from pmcoach.export.report import build_report
    from pmcoach.tui.screens.question import QuestionScreen
    from pmcoach.tui.screens.reflection import ReflectionScreen
    from pmcoach.tui.screens.results import ResultsScreen

    configured(track="new")
    app = make_app(data_dir())
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await typed(pilot, "w")
        screen = app.screen
        assert isinstance(screen, QuestionScreen)
        questions = list(screen.checkin.questions)
        keys: list[str] = []
        keys += ["n", *"Wrote the memo answer first", "escape", "3"]
        keys += ["4", "e", *"Exec sync opened with the ask", "ctrl+s"]
        keys += ["n", *"Said no to the Q3 add-on", "escape", "2"]
        keys += ["5", "e", *"Shipped the beta on the date", "ctrl+s"]
        keys += ["3"] * (len(questions) - 4)
        await typed(pilot, *keys)
        assert isinstance(app.screen, ReflectionScreen)
        await typed(pilot, "ctrl+s", "ctrl+f")  # no reflection, no commitment
        assert isinstance(app.screen, ResultsScreen)
        await typed(pilot, "escape", "p")
        assert isinstance(app.screen, ProgressScreen)
        lines = []
        for _ in app.screen.view().skills:
            line = str(app.screen.query_one("#evidence", Static).render())
            lines.append(line)
            await typed(pilot, "right")
        workspace = app.workspace
        config = workspace.config
        assert config is not None
        now = workspace.now()
        period = Period(app.screen.view().first, now.date(), "last 12 weeks")
        report = build_report(gather(workspace.store, config, workspace.rubric, period, False, now))
    # The report shows a skill's latest three and counts the rest.
    assert len(report.evidence.items) + report.evidence.more == 4
    assert not any("none yet" in line for line in lines), lines
    noted = sum(
        int(part.split()[0])
        for line in lines
        for part in line.split(": ", 1)[1].split(" · ")
        if part.split()[1:2] in (["note"], ["notes"])
    )
    assert noted == 4, lines


def test_progress_and_the_report_count_the_same_items_by_local_day() -> None:
    """One definition: for the same days, the progress view holds exactly the items the
    report lists (private ones included when asked for), each dated by its local day.
    A grade written at 00:30 on the range's first Monday in Berlin is Sunday in UTC:
    it belongs to the range on both."""
    import datetime as dt

    from pmcoach.app.present.progress import build_progress
    from pmcoach.domain.model import Text
    from pmcoach.export import Period
    from pmcoach.export.files import gather
    from pmcoach.export.report import build_report
    from pmcoach.rubric.load import load_rubric

    store = configured(track="new")
    first_monday = "2026-09-07"  # 12 weeks up to the week of 2026-11-23
    finished_session(
        store,
        local("2026-11-16"),
        {"communicate.answer-first": 4},
        track="new",
        note=Text("Opened with the ask"),
    )
    store.save_event(logged("grade", local(first_monday, 0), "Midnight memo", "0001", rating=4))
    store.save_event(logged("grade", local("2026-09-06", 23), "Just before", "0002", rating=1))
    store.save_event(logged("win", local("2026-11-18"), "Kept private", "0003", private=True))
    config = store.load_config()
    rubric = load_rubric(store.root).rubric
    assert config is not None and rubric is not None
    now = local("2026-11-23", 12)
    sessions = store.sessions()
    events = store.events()
    track = rubric.track("new")
    assert track is not None
    view = build_progress(sessions, rubric, track, config, now, "12w", events)
    assert view.first == dt.date.fromisoformat(first_monday)
    period = Period(view.first, now.date(), "last 12 weeks")
    report = build_report(gather(store, config, rubric, period, True, now))
    assert len(view.evidence) == len(report.evidence.items) == 3
    assert {e.day for e in view.evidence} == {i.day for i in report.evidence.items}
    # The latest is the private win: counted, its text not shown.
    line = "Evidence (12 weeks): 1 grade, mean 4.0 · 1 win · 1 note"
    assert view.evidence_line("communicate") == line
