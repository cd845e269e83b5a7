"""What the main screens look like, pinned at 80×24 and 120×40 on a fixed day.

Regenerate after an intended change with `pytest tests/tui/test_snapshots.py --snapshot-update`
and look at the report before committing.
"""

from __future__ import annotations

import pytest
from support.tui import TODAY, configured, data_dir, finished_session, local

from pmcoach.domain.model import Text
from pmcoach.tui.app import make_app

SIZES = [(80, 24), (120, 40)]


@pytest.fixture(autouse=True)
def history(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PMCOACH_TODAY", TODAY)
    monkeypatch.setenv("PMCOACH_NO_FSYNC", "1")
    store = configured(track="new")
    finished_session(
        store,
        local("2026-11-09"),
        {
            "communicate.answer-first": 2,
            "prioritize.said-no": 3,
            "execute.unblocked": 3,
            "working-backwards.problem-first": 2,
        },
        track="new",
        suffix="a001",
    )
    finished_session(
        store,
        local("2026-11-16"),
        {
            "communicate.answer-first": 3,
            "communicate.updates-with-numbers": 4,
            "prioritize.said-no": 4,
            "working-backwards.problem-first": 2,
        },
        note=Text("[bold]Launch update[/] opened with the date"),
        track="new",
        suffix="a002",
    )


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_dashboard(snap_compare, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(data_dir()), terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_question(snap_compare, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(data_dir()), press=["w"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_question_after_rating(snap_compare, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(data_dir()), press=["w", "5"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_results(snap_compare, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(data_dir()), press=["l", "enter"], terminal_size=size)
