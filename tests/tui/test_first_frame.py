"""A start with a saved overview paints it before opening the folder, and opens it right after.

Importing the store and the model and taking the lock are a tenth of the first
frame; the dashboard composes the overview saved last time and the folder is
opened once that frame is out. These tests pin the order and what happens when
the folder cannot be opened after all.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from support.tui import TODAY, configured, data_dir, finished_session, local, settle

from pmcoach.app import snapshot
from pmcoach.app.present import dashboard
from pmcoach.app.workspace import Workspace
from pmcoach.tui.app import PMCoachApp
from pmcoach.tui.screens.dashboard import DashboardScreen

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PMCOACH_TODAY", TODAY)
    monkeypatch.setenv("PMCOACH_NO_FSYNC", "1")


def saved_overview() -> None:
    store = configured(track="new")
    finished_session(store, local("2026-11-16"), {"communicate.answer-first": 4}, track="new")
    workspace = Workspace.open(data_dir())
    try:
        dashboard.overview(workspace)
    finally:
        workspace.close()


def test_the_saved_overview_is_found_without_opening_the_folder() -> None:
    saved_overview()
    found = snapshot.load_unopened(data_dir())
    assert found is not None
    assert "streak 1" in found.status_text


def test_nothing_is_found_once_anything_changed(monkeypatch: pytest.MonkeyPatch) -> None:
    saved_overview()
    monkeypatch.setenv("PMCOACH_TODAY", "2026-11-24")
    assert snapshot.load_unopened(data_dir()) is None
    monkeypatch.setenv("PMCOACH_TODAY", TODAY)
    os.utime(data_dir() / "config.toml", ns=(1, 1))
    assert snapshot.load_unopened(data_dir()) is None


def test_an_overview_saved_without_its_zone_is_not_used() -> None:
    saved_overview()
    cache = Workspace.open(data_dir())
    path = cache.store.cache_dir / snapshot.NAME
    cache.close()
    path.write_text(path.read_text().replace('"zone"', '"gone"'))
    assert snapshot.load_unopened(data_dir()) is None


def test_the_first_frame_comes_before_the_store_is_imported() -> None:
    """In a fresh interpreter: nothing that reads the folder is imported before the
    dashboard is composed, and the folder is open and locked once the app settles."""
    saved_overview()
    script = textwrap.dedent(
        """
        import asyncio, sys, time
        from pathlib import Path
        from pmcoach.app import snapshot
        from pmcoach.tui.app import PMCoachApp
        from pmcoach.tui.screens.dashboard import DashboardScreen

        seen = {}
        compose = DashboardScreen.compose

        def watched(self):
            seen["store"] = "pmcoach.storage.store" in sys.modules
            seen["model"] = "pmcoach.domain.model" in sys.modules
            yield from compose(self)

        DashboardScreen.compose = watched
        root = Path(sys.argv[1])
        app = PMCoachApp(root, saved=snapshot.load_unopened(root))

        async def main():
            async with app.run_test() as pilot:
                # The folder opens once the first frame is painted: on a loaded machine
                # that can take seconds, so the bound is generous and the wait short.
                deadline = time.monotonic() + 60
                while time.monotonic() < deadline:
                    await pilot.pause(0.02)
                    await app.workers.wait_for_complete()
                    if app._workspace is not None:
                        break
                text = str(app.screen.query_one("#status-line").render())
                print(seen["store"], seen["model"], app._workspace is not None, "streak" in text)
            app.close_workspace()

        asyncio.run(main())
        """
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", script, str(data_dir())],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["False", "False", "True", "True"]


async def test_keys_pressed_before_the_folder_is_open_still_work() -> None:
    saved_overview()
    root = data_dir()
    app = PMCoachApp(root, saved=snapshot.load_unopened(root))
    async with app.run_test() as pilot:
        await pilot.press("p")
        await settle(pilot)
        assert type(app.screen).__name__ == "ProgressScreen"
        assert app._workspace is not None
    app.close_workspace()


async def test_a_folder_that_cannot_be_opened_after_the_first_frame_ends_the_app() -> None:
    """The folder was fine when the overview was saved, and is not now: the app says
    so and exits 2, as it would have had the folder been opened first."""
    saved_overview()
    root = data_dir()
    trash = root / "trash"
    trash.rmdir()
    elsewhere = root.parent / "elsewhere"
    elsewhere.mkdir()
    trash.symlink_to(elsewhere)
    app = PMCoachApp(root, saved=snapshot.load_unopened(root))
    assert app.saved is not None
    async with app.run_test() as pilot:
        await pilot.pause(0.2)
    assert app.return_value == 2
    assert app.failure is not None and "trash" in app.failure
    assert app._workspace is None


async def test_a_read_only_second_instance_says_so_once_the_folder_is_open() -> None:
    """The lock is taken after the first frame; the notice follows the recompute."""
    saved_overview()
    holder = Workspace.open(data_dir())
    root = data_dir()
    app = PMCoachApp(root, saved=snapshot.load_unopened(root))
    try:
        async with app.run_test() as pilot:
            for _ in range(50):
                await pilot.pause(0.02)
                if app._workspace is not None:
                    break
            await settle(pilot)
            screen = app.screen
            assert isinstance(screen, DashboardScreen)
            assert str(screen.query_one("#notice").render()).startswith("Read-only")
    finally:
        app.close_workspace()
        holder.close()
