"""The app's export screen on targets that are not files, and on a path it cannot expand."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from support.export_screen import history, open_export, press
from support.tui import data_dir
from textual.widgets import Input, Static

from pmcoach.tui.app import make_app
from pmcoach.tui.screens.export import ExportScreen

__all__ = ["history"]  # the history every test here exports


def _make(path: Path, kind: str) -> None:
    if kind == "fifo":
        os.mkfifo(path)
    else:
        path.mkdir()


@pytest.mark.parametrize("kind", ["fifo", "folder"])
async def test_a_target_that_is_not_a_file_is_refused_not_offered_for_replacing(
    kind: str, tmp_path: Path
) -> None:
    target = tmp_path / f"target-{kind}"
    _make(target, kind)
    app = make_app(data_dir())
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_export(pilot)
        screen.query_one("#file", Input).value = str(target)
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, ExportScreen)  # no "Replace it?"
        error = str(screen.query_one("#export-error", Static).render())
        assert "not a file" in error or "is a folder" in error
    mode = target.lstat().st_mode
    assert stat.S_ISFIFO(mode) if kind == "fifo" else stat.S_ISDIR(mode)


async def test_a_home_folder_of_a_user_who_does_not_exist_is_said() -> None:
    app = make_app(data_dir())
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_export(pilot)
        screen.query_one("#file", Input).value = "~nosuchuser/report.md"
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, ExportScreen)
        error = str(screen.query_one("#export-error", Static).render())
        assert "~nosuchuser" in error


async def test_a_file_name_too_long_for_the_filesystem_is_said() -> None:
    app = make_app(data_dir())
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_export(pilot)
        screen.query_one("#file", Input).value = "/" + "a" * 300 + ".md"
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, ExportScreen)
        error = str(screen.query_one("#export-error", Static).render())
        assert "too long" in error
