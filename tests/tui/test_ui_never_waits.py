"""A key is answered while the dashboard's recompute of ten years is still running.

The recompute reads every file and computes the overview in the background. Here its
computing is held on purpose (`held_overview`: it waits until the test lets it go), so
the tests do not depend on how fast the machine is: `w`, `p` and `q` must be answered,
and a check-in saved, while it is held; and its result, once let go, must not draw
figures older than those already on screen.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import textwrap
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from support.rubric import builtin
from support.tui import TODAY, burst, configured, data_dir, finished_session, local, settle
from textual.pilot import Pilot
from textual.widgets import Static

from pmcoach.app import demo
from pmcoach.app.present import dashboard
from pmcoach.cache.opener import open_store
from pmcoach.tui.app import PMCoachApp, make_app
from pmcoach.tui.screens.commitments import CommitmentsScreen
from pmcoach.tui.screens.dashboard import DashboardScreen
from pmcoach.tui.screens.progress import ProgressScreen
from pmcoach.tui.screens.question import QuestionScreen
from pmcoach.tui.screens.reflection import ReflectionScreen
from pmcoach.tui.screens.results import ResultsScreen

ROOT = Path(__file__).resolve().parents[2]
TEN_YEARS = 520
# Long enough for a busy machine to answer a few keys, short enough that code which
# does wait fails in reasonable time instead of hanging.
HOLD_SECONDS = 60.0


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PMCOACH_TODAY", TODAY)
    monkeypatch.setenv("PMCOACH_NO_FSYNC", "1")


@pytest.fixture(scope="module")
def ten_years(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder of ten years of weekly check-ins and events, written once per module."""
    root = tmp_path_factory.mktemp("ten-years") / "data"
    plan = demo.DemoPlan(weeks=TEN_YEARS)
    demo.write_demo(root, builtin(), plan, dt.date.fromisoformat(TODAY))
    return root


class Held:
    """The overview's computing, held in any thread but the app's until `release`."""

    def __init__(self) -> None:
        self.started = threading.Event()
        self.released = threading.Event()
        self.holding = False

    def release(self) -> None:
        self.released.set()


@pytest.fixture
def held_overview(monkeypatch: pytest.MonkeyPatch) -> Iterator[Held]:
    held = Held()
    compute = dashboard._overview

    def held_compute(workspace):  # type: ignore[no-untyped-def]
        if threading.current_thread() is not threading.main_thread():
            held.holding = True
            held.started.set()
            held.released.wait(HOLD_SECONDS)
            held.holding = False
        return compute(workspace)

    monkeypatch.setattr(dashboard, "_overview", held_compute)
    yield held
    held.release()


async def until_held(pilot: Pilot[int], held: Held) -> None:
    """Wait (in the app's loop) until the recompute has read everything and is held."""
    for _ in range(1200):
        if held.started.is_set():
            return
        await pilot.pause(0.05)
    raise AssertionError("the recompute never started computing")


def status_line(app: PMCoachApp) -> str:
    return str(app.screen.query_one("#status-line", Static).render())


async def test_p_and_w_are_answered_while_ten_years_are_recomputed(
    ten_years: Path, held_overview: Held
) -> None:
    shutil.copytree(ten_years, data_dir())
    app = make_app(data_dir())
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await until_held(pilot, held_overview)
            # What it read is the app's already: the keys are answered from memory.
            assert app.workspace.store.loaded
            await pilot.press("p")
            assert isinstance(app.screen, ProgressScreen)
            assert held_overview.holding, "p waited for the recompute"
            await pilot.press("escape")
            assert isinstance(app.screen, DashboardScreen)
            await pilot.press("w")
            assert not isinstance(app.screen, DashboardScreen)  # the check-in, or its question
            assert held_overview.holding, "w waited for the recompute"
            held_overview.release()
            await settle(pilot)
    finally:
        app.close_workspace()


async def test_a_burst_of_keys_is_answered_while_ten_years_are_recomputed(
    ten_years: Path, held_overview: Held
) -> None:
    """p, esc and w arriving in one read, as a fast typist or a script sends them."""
    shutil.copytree(ten_years, data_dir())
    app = make_app(data_dir())
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await until_held(pilot, held_overview)
            burst(app, "p", "escape", "w")
            for _ in range(1000):
                await pilot.pause()
                if app.key_order.idle:
                    break
            assert held_overview.holding, "the keys waited for the recompute"
            assert not isinstance(app.screen, DashboardScreen | ProgressScreen)
            assert [type(s) for s in app.screen_stack][1] is DashboardScreen
            held_overview.release()
            await settle(pilot)
    finally:
        app.close_workspace()


def test_q_ends_the_app_while_ten_years_are_recomputed(ten_years: Path) -> None:
    """In a process of its own, as a person runs it: after `q` the process ends, with
    the recompute held for as long as the test waits (and longer)."""
    shutil.copytree(ten_years, data_dir())
    script = textwrap.dedent(
        """
        import sys, threading
        from pathlib import Path
        from pmcoach.app.present import dashboard
        from pmcoach.tui.app import make_app

        started = threading.Event()
        compute = dashboard._overview

        def held_compute(workspace):
            if threading.current_thread() is not threading.main_thread():
                started.set()
                threading.Event().wait(600)  # far longer than the test waits
            return compute(workspace)

        dashboard._overview = held_compute
        app = make_app(Path(sys.argv[1]))

        async def keys(pilot):
            while not started.is_set():
                await pilot.pause(0.05)
            await pilot.press("q")

        try:
            app.run(headless=True, size=(100, 30), auto_pilot=keys)
        finally:
            app.close_workspace()
        print("quit", app.return_value)
        """
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    try:
        done = subprocess.run(
            [sys.executable, "-c", script, str(data_dir())],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
        )
    except subprocess.TimeoutExpired:
        pytest.fail("after q the process went on until the recompute ended")
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["quit", "None"]


def weekly_history(weeks: int) -> None:
    """A finished check-in on each of the `weeks` Mondays before TODAY's: this week's is due."""
    store = configured(track="new")
    monday = dt.date.fromisoformat(TODAY)
    for back in range(1, weeks + 1):
        day = (monday - dt.timedelta(weeks=back)).isoformat()
        finished_session(store, local(day), {"communicate.answer-first": 1 + back % 5}, track="new")


async def test_a_recompute_that_ends_after_a_check_in_does_not_draw_older_figures(
    held_overview: Held,
) -> None:
    """The recompute read the folder before the check-in and ends after it: the
    dashboard keeps the figures that count the check-in."""
    weekly_history(12)
    app = make_app(data_dir())
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await until_held(pilot, held_overview)
            assert "DUE" in status_line(app)
            await pilot.press("w")
            assert isinstance(app.screen, QuestionScreen)
            while isinstance(app.screen, QuestionScreen):
                await pilot.press("3")
            assert isinstance(app.screen, ReflectionScreen)
            await pilot.press("ctrl+s")
            assert isinstance(app.screen, CommitmentsScreen)
            await pilot.press("ctrl+f")
            assert isinstance(app.screen, ResultsScreen)
            await pilot.press("escape")
            assert isinstance(app.screen, DashboardScreen)
            assert held_overview.holding, "the check-in waited for the recompute"
            assert "review done" in status_line(app)
            held_overview.release()
            await settle(pilot)
            assert not held_overview.holding
            assert "review done" in status_line(app), "the older recompute was drawn"
    finally:
        app.close_workspace()


async def test_back_on_the_dashboard_with_nothing_changed_it_looks_again_in_the_background(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Only a file changed elsewhere can change the figures then; looking for one reads
    every file, which is the background's work, not the app's thread's."""
    weekly_history(12)
    threads: list[bool] = []
    compute = dashboard._overview

    def watched(workspace):  # type: ignore[no-untyped-def]
        threads.append(threading.current_thread() is threading.main_thread())
        return compute(workspace)

    monkeypatch.setattr(dashboard, "_overview", watched)
    app = make_app(data_dir())
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            assert "DUE" in status_line(app)
            threads.clear()
            # This week's check-in, arriving from another machine through a sync tool.
            synced = open_store(data_dir())
            finished_session(synced, local(TODAY), {"communicate.answer-first": 4}, track="new")
            await pilot.press("p", "escape")
            assert isinstance(app.screen, DashboardScreen)
            await settle(pilot)
            assert "review done" in status_line(app)
            assert threads == [False]
    finally:
        app.close_workspace()
