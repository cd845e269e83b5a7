"""The export screen refuses a file name whose ending names another format.

Typed in one burst with the format still HTML, `q4.md` used to receive an HTML page:
a file that opens as the wrong thing in an editor or a browser, written silently.
"""

from __future__ import annotations

from pathlib import Path

from support.export_screen import history, open_export
from support.tui import data_dir, typed

from pmcoach.tui.app import make_app
from pmcoach.tui.screens.export import ExportScreen

__all__ = ["history"]  # the history every test here exports


async def test_a_name_ending_in_another_formats_suffix_is_refused(tmp_path: Path) -> None:
    app = make_app(data_dir())
    async with app.run_test(size=(100, 30)) as pilot:
        await open_export(pilot)
        target = str(tmp_path / "q4.md")
        # html; the file field: q4.md; write. One burst.
        await typed(pilot, "f", "tab", "tab", "ctrl+a", "ctrl+k", *target, "ctrl+s")
        assert isinstance(app.screen, ExportScreen)
        error = str(app.screen.query_one("#export-error").render())
        assert "q4.md ends in .md but the format is html" in error
    assert not (tmp_path / "q4.md").exists()


async def test_a_name_with_the_formats_own_or_no_known_suffix_is_written(tmp_path: Path) -> None:
    app = make_app(data_dir())
    async with app.run_test(size=(100, 30)) as pilot:
        await open_export(pilot)
        target = str(tmp_path / "q4 for Sam.txt")
        await typed(pilot, "tab", "tab", "ctrl+a", "ctrl+k", *target, "ctrl+s")
        assert not isinstance(app.screen, ExportScreen)
    assert (tmp_path / "q4 for Sam.txt").read_text(encoding="utf-8").startswith("# Skills report")
