"""The export screen remembers: after an export and a restart it offers the same format,
period and folder; the file is named for the person and the day; and a remembered value
that no longer makes sense (or never did) is passed over for the default, never a crash."""

from __future__ import annotations

import tomllib
from dataclasses import replace
from pathlib import Path

import pytest
from support.export_screen import history, open_export
from support.tui import data_dir, remember_export, settle, typed
from textual.widgets import Input

from pmcoach.cache.opener import open_store
from pmcoach.tui.app import make_app
from pmcoach.tui.screens.dashboard import DashboardScreen
from pmcoach.tui.screens.export import ExportScreen

__all__ = ["history"]  # the history every test here exports


def set_config(**changes: object) -> None:
    store = open_store(data_dir())
    config = store.load_config()
    assert config is not None
    store.save_config(replace(config, **changes))  # type: ignore[arg-type]


def field(screen: ExportScreen, name: str) -> str:
    return screen.query_one(f"#{name}", Input).value


async def test_after_an_export_and_a_restart_the_same_choices_are_offered(tmp_path: Path) -> None:
    reports = tmp_path / "1on1 reports"
    reports.mkdir()
    set_config(name="Alex Doe")
    app = make_app(data_dir())
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_export(pilot)
        assert field(screen, "file") == str(tmp_path / "pmcoach-report-alex-doe-2026-11-23.md")
        # html; the period field: 6m; the file field: another folder; write. One burst.
        target = str(reports / "q4.html")
        await typed(pilot, "f", "tab", *"6m", "tab", "ctrl+a", "ctrl+k", *target, "ctrl+s")
        assert isinstance(app.screen, DashboardScreen)
    assert (reports / "q4.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    saved = tomllib.loads((data_dir() / "config.toml").read_text())["export"]
    assert saved == {"format": "html", "period": "6m", "folder": str(reports)}

    again = make_app(data_dir())
    async with again.run_test(size=(100, 30)) as pilot:
        screen = await open_export(pilot)
        assert screen.fmt == "html"
        assert field(screen, "period") == "6m"
        assert field(screen, "file") == str(reports / "pmcoach-report-alex-doe-2026-11-23.html")


@pytest.mark.parametrize(
    "export",
    [
        {"format": "pdf", "period": "forever", "folder": "relative/folder"},
        {"format": 7, "period": ["6m"], "folder": {"x": 1}},
        {"format": "md\x1b[31m", "period": "12y", "folder": "/no/such/folder"},
        "not a table",
    ],
    ids=["unknown", "wrong-types", "control-and-missing", "not-a-table"],
)
async def test_remembered_values_that_make_no_sense_are_passed_over(
    export: object, tmp_path: Path
) -> None:
    remember_export(export)
    app = make_app(data_dir())
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_export(pilot)
        assert screen.fmt == "md"
        assert field(screen, "period") == ""
        assert field(screen, "file") == str(tmp_path / "pmcoach-report-2026-11-23.md")


async def test_a_remembered_folder_that_was_removed_falls_back_to_the_documents_folder(
    tmp_path: Path,
) -> None:
    (tmp_path / "Documents").mkdir()
    set_config(export={"format": "csv", "folder": str(tmp_path / "gone")})
    app = make_app(data_dir())
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_export(pilot)
        await settle(pilot)
        assert screen.fmt == "csv"
        expected = tmp_path / "Documents" / "pmcoach-answers-2026-11-23.csv"
        assert field(screen, "file") == str(expected)


def test_export_preview_snapshot_with_remembered_choices_and_a_name(  # type: ignore[no-untyped-def]
    snap_compare, tmp_path: Path
) -> None:
    """The preview as a person opens it the next time: the period and folder of last
    time, and a file named for the person and the day."""
    folder = tmp_path / "reports"
    folder.mkdir()
    set_config(name="Alex Doe", export={"format": "md", "period": "6m", "folder": str(folder)})

    async def open_it(pilot) -> None:  # type: ignore[no-untyped-def]
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
        # The folder is the test's own: shown as it would be on a person's machine.
        file_field = pilot.app.screen.query_one("#file", Input)
        file_field.value = file_field.value.replace(str(tmp_path), "/home/pm")
        await settle(pilot)

    assert snap_compare(make_app(data_dir()), run_before=open_it, terminal_size=(80, 24))
