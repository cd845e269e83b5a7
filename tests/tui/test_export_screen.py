"""The export screen (`x`): the command line's choices, a preview, and an atomic write."""

from __future__ import annotations

from pathlib import Path

import pytest
from support.export_screen import SECRET, history, open_export, press
from support.tui import data_dir, settle
from textual.widgets import Input, Static, TextArea

from pmcoach.tui.app import make_app
from pmcoach.tui.screens.confirm import ConfirmScreen
from pmcoach.tui.screens.dashboard import DashboardScreen
from pmcoach.tui.screens.export import ExportScreen

__all__ = ["history"]  # the history every test here exports


def preview(screen: object) -> str:
    assert isinstance(screen, ExportScreen)
    return screen.query_one("#preview", TextArea).text


async def test_x_opens_the_export_with_a_preview_of_the_report(tmp_path: Path) -> None:
    app = make_app(data_dir())
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_export(pilot)
        text = preview(screen)
        assert text.startswith("# Skills report: 7 Sep 2026 – 23 Nov 2026")
        assert "\\[bold\\]Launch update\\[/\\]" in text  # escaped Markdown, shown literally
        assert SECRET not in text
        assert "1 private text left out" in text
        file_field = screen.query_one("#file", Input)
        assert file_field.value == str(tmp_path / "pmcoach-report-2026-11-23.md")
        await press(pilot, "v")
        assert SECRET in preview(screen)
        await press(pilot, "escape")
        assert isinstance(app.screen, DashboardScreen)


async def test_f_cycles_the_format_and_the_file_name_follows(tmp_path: Path) -> None:
    app = make_app(data_dir())
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_export(pilot)
        await press(pilot, "f")
        assert screen.fmt == "html"
        assert screen.query_one("#file", Input).value.endswith("pmcoach-report-2026-11-23.html")
        assert preview(screen).startswith("# Skills report")  # html previews as its twin
        await press(pilot, "f")
        assert screen.fmt == "csv"
        assert screen.query_one("#file", Input).value.endswith(".csv")
        assert "communicate.answer-first" in preview(screen)
        await press(pilot, "f")
        assert screen.fmt == "json"
        assert '"sessions"' in preview(screen)
        await press(pilot, "f")
        assert screen.fmt == "md"


async def test_l_cycles_the_period_and_a_typed_period_is_checked() -> None:
    app = make_app(data_dir())
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_export(pilot)
        words = screen.query_one("#period-words", Static)
        assert "last 12 weeks" in str(words.render())
        await press(pilot, "l")
        assert screen.query_one("#period", Input).value == "4w"
        assert "last 4 weeks (2 Nov 2026 – 23 Nov 2026)" in str(words.render())
        screen.query_one("#period", Input).value = "2027-01-01"
        await settle(pilot)
        error = str(screen.query_one("#export-error", Static).render())
        assert "after today" in error


async def test_ctrl_s_writes_exactly_the_preview(tmp_path: Path) -> None:
    app = make_app(data_dir())
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_export(pilot)
        shown = preview(screen)
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, DashboardScreen)
    written = tmp_path / "pmcoach-report-2026-11-23.md"
    assert written.read_text(encoding="utf-8") == shown + "\n"
    assert written.stat().st_mode & 0o077 == 0  # owner-only, like the data folder


async def test_an_existing_file_is_replaced_only_after_yes(tmp_path: Path) -> None:
    target = tmp_path / "pmcoach-report-2026-11-23.md"
    target.write_text("keep me")
    app = make_app(data_dir())
    async with app.run_test(size=(100, 30)) as pilot:
        await open_export(pilot)
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, ConfirmScreen)
        await press(pilot, "n")
        assert isinstance(app.screen, ExportScreen)
        assert target.read_text() == "keep me"
        await press(pilot, "ctrl+s", "y")
        assert isinstance(app.screen, DashboardScreen)
    assert target.read_text(encoding="utf-8").startswith("# Skills report")


async def test_a_missing_folder_is_said_and_nothing_is_written(tmp_path: Path) -> None:
    app = make_app(data_dir())
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_export(pilot)
        screen.query_one("#file", Input).value = str(tmp_path / "nowhere" / "r.md")
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, ExportScreen)
        error = str(screen.query_one("#export-error", Static).render())
        assert "does not exist" in error
    assert not (tmp_path / "nowhere").exists()


def test_export_screen_snapshot(snap_compare, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    # The default file name shows the documents folder, which differs from machine to machine.
    monkeypatch.setattr("pmcoach.storage.paths.export_dir", lambda: Path("/home/pm/Documents"))

    async def open_it(pilot) -> None:  # type: ignore[no-untyped-def]
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)

    assert snap_compare(make_app(data_dir()), run_before=open_it, terminal_size=(80, 24))
