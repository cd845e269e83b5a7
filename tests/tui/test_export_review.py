"""`x` offers the self-review draft (`r`): the period `pmcoach review` uses, its file name,
its private-text rule and a preview; what is written is what `pmcoach review` writes for the
same choices, and the choice is remembered like the others."""

from __future__ import annotations

import tomllib
from dataclasses import replace
from pathlib import Path

import pytest
from support.export_screen import SECRET, history, open_export
from support.tui import data_dir, remember_export, settle
from textual.widgets import Input, Static, TextArea

from pmcoach.cache.opener import open_store
from pmcoach.cli import main
from pmcoach.tui.app import make_app
from pmcoach.tui.screens.dashboard import DashboardScreen
from pmcoach.tui.screens.export import ExportScreen

__all__ = ["history"]  # the history every test here exports

DRAFT_HTML = "pmcoach-review-alex-doe-2026-11-23.html"
DRAFT_MD = "pmcoach-review-alex-doe-2026-11-23.md"


@pytest.fixture(autouse=True)
def named() -> None:
    store = open_store(data_dir())
    config = store.load_config()
    assert config is not None
    store.save_config(replace(config, name="Alex Doe"))


def review_cli(tmp_path: Path, *args: str) -> str:
    """What `pmcoach review` writes for the same choices."""
    out = tmp_path / "from-the-command-line"
    out.mkdir(exist_ok=True)
    target = out / "review.out"
    target.unlink(missing_ok=True)
    assert main.main(["review", *args, "-o", str(target)]) == 0
    return target.read_text(encoding="utf-8")


def remembered() -> dict[str, str]:
    export: dict[str, str] = tomllib.loads((data_dir() / "config.toml").read_text())["export"]
    return export


async def test_a_burst_writes_the_review_draft_the_command_line_writes(tmp_path: Path) -> None:
    app = make_app(data_dir())
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("x", "r", "f", "enter")  # the export; the review draft; html; write
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
    written = (tmp_path / DRAFT_HTML).read_text(encoding="utf-8")
    assert written == review_cli(tmp_path, "--format", "html")
    assert written.startswith("<!DOCTYPE html>") and "23 May 2026 – 23 Nov 2026" in written
    assert SECRET not in written  # private texts left out unless asked
    assert remembered() == {"format": "html", "folder": str(tmp_path), "what": "review"}


async def test_private_texts_only_when_asked_and_a_typed_period(tmp_path: Path) -> None:
    app = make_app(data_dir())
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        # The review draft in Markdown, private texts in, since 1 Nov, written with enter
        # in the period field. One burst.
        await pilot.press("x", "r", "v", "tab", *"2026-11-01", "enter")
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
    written = (tmp_path / DRAFT_MD).read_text(encoding="utf-8")
    expected = review_cli(tmp_path, "--since", "2026-11-01", "--include-private")
    assert written == expected
    assert SECRET in written
    assert remembered() == {
        "format": "md",
        "period": "2026-11-01",
        "folder": str(tmp_path),
        "what": "review",
    }


async def test_the_preview_period_and_name_are_the_drafts(tmp_path: Path) -> None:
    app = make_app(data_dir())
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_export(pilot)
        await pilot.press("r")
        await settle(pilot)
        assert screen.review and screen.fmt == "md"
        assert screen.query_one("#file", Input).value == str(tmp_path / DRAFT_MD)
        words = str(screen.query_one("#period-words", Static).render())
        assert words == "last 6 months (23 May 2026 – 23 Nov 2026)"
        shown = screen.query_one("#preview", TextArea).text
        assert shown.splitlines()[:3] == review_cli(tmp_path).splitlines()[:3]
        assert SECRET not in shown and "private text" in shown
        # f keeps to the draft's formats; csv and json are the export's.
        await pilot.press("f", "f")
        await settle(pilot)
        assert (screen.fmt, screen.review) == ("md", True)
        # Back to the export from csv: r there takes the draft to md.
        await pilot.press("r", "f", "f")
        await settle(pilot)
        assert (screen.fmt, screen.review) == ("csv", False)
        assert screen.query_one("#file", Input).value.endswith(
            "pmcoach-answers-alex-doe-2026-11-23.csv"
        )
        await pilot.press("r")
        await settle(pilot)
        assert (screen.fmt, screen.review) == ("md", True)
        assert screen.query_one("#file", Input).value == str(tmp_path / DRAFT_MD)


async def test_after_a_restart_the_draft_is_offered_again(tmp_path: Path) -> None:
    app = make_app(data_dir())
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("x", "r", "f", "l", "l", "enter")  # html, then the 4w, 6m periods
        await settle(pilot)
    assert remembered()["period"] == "6m"
    again = make_app(data_dir())
    async with again.run_test(size=(100, 30)) as pilot:
        screen = await open_export(pilot)
        assert (screen.fmt, screen.review) == ("html", True)
        assert screen.query_one("#period", Input).value == "6m"
        assert screen.query_one("#file", Input).value == str(tmp_path / DRAFT_HTML)
        format_line = str(screen.query_one("#format", Static).render())
        assert "self-review draft" in format_line


@pytest.mark.parametrize(
    "export",
    [
        {"format": "csv", "what": "review"},  # the draft has no csv: the export's csv
        {"format": "md", "what": "reviews"},
        {"format": "md", "what": 1},
    ],
    ids=["review-in-csv", "unknown-word", "not-text"],
)
async def test_a_remembered_draft_that_makes_no_sense_is_passed_over(
    export: dict[str, object], tmp_path: Path
) -> None:
    remember_export(export)
    app = make_app(data_dir())
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_export(pilot)
        assert isinstance(screen, ExportScreen)
        assert not screen.review
        assert screen.fmt == export["format"]


def test_review_draft_snapshot(snap_compare, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    """The draft chosen: its format words, its 6 months, its file name, its preview."""
    monkeypatch.setattr("pmcoach.storage.paths.export_dir", lambda: Path("/home/pm/Documents"))

    async def choose_it(pilot) -> None:  # type: ignore[no-untyped-def]
        await settle(pilot)
        await pilot.press("x", "r")
        await settle(pilot)

    assert snap_compare(make_app(data_dir()), run_before=choose_it, terminal_size=(80, 24))
