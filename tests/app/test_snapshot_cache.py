"""The saved overview is used only while nothing in the data folder changed."""

from __future__ import annotations

import os

import pytest
from support.tui import TODAY, configured, data_dir, finished_session, local

from pmcoach.app import snapshot
from pmcoach.app.present import dashboard
from pmcoach.app.workspace import Workspace


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PMCOACH_TODAY", TODAY)
    monkeypatch.setenv("PMCOACH_NO_FSYNC", "1")


def test_saved_overview_matches_until_a_session_is_saved() -> None:
    store = configured(track="new")
    workspace = Workspace.open(data_dir())
    try:
        assert dashboard.saved_overview(workspace) is None
        computed = dashboard.overview(workspace)
        assert dashboard.saved_overview(workspace) == computed
        finished_session(store, local("2026-11-16"), {"communicate.answer-first": 4})
        assert dashboard.saved_overview(workspace) is None
        workspace.reload()
        fresh = dashboard.overview(workspace)
        assert fresh != computed
        assert dashboard.saved_overview(workspace) == fresh
    finally:
        workspace.close()


def test_a_new_day_or_new_settings_invalidate_it(monkeypatch: pytest.MonkeyPatch) -> None:
    configured()
    workspace = Workspace.open(data_dir())
    try:
        dashboard.overview(workspace)
        monkeypatch.setenv("PMCOACH_TODAY", "2026-11-24")
        assert dashboard.saved_overview(workspace) is None
        monkeypatch.setenv("PMCOACH_TODAY", TODAY)
        assert dashboard.saved_overview(workspace) is not None
        config = workspace.config
        assert config is not None
        os.utime(data_dir() / "config.toml", ns=(1, 1))
        assert dashboard.saved_overview(workspace) is None
    finally:
        workspace.close()


def test_a_corrupt_saved_overview_is_ignored() -> None:
    configured()
    workspace = Workspace.open(data_dir())
    try:
        dashboard.overview(workspace)
        (workspace.store.cache_dir / snapshot.NAME).write_text("{not json")
        assert dashboard.saved_overview(workspace) is None
        (workspace.store.cache_dir / snapshot.NAME).write_text('{"fingerprint": 1}')
        assert dashboard.saved_overview(workspace) is None
    finally:
        workspace.close()


def test_an_overview_from_a_rubric_read_before_a_change_is_not_saved() -> None:
    """The app reads the rubric once; a rubric file added while it runs changes what the
    dashboard would show (here, a problem to report). An overview computed from the rubric
    read before must not be saved under the fingerprint of the files as they are now: the
    next start would draw it without the problem."""
    configured()
    workspace = Workspace.open(data_dir())
    try:
        before = dashboard.overview(workspace)
        assert before.problems == ()
        rubrics = data_dir() / "rubrics"
        rubrics.mkdir(exist_ok=True)
        (rubrics / "broken.toml").write_text("this is = not [ a rubric\n")
        dashboard.overview(workspace)
    finally:
        workspace.close()
    first_frame = snapshot.load_unopened(data_dir())
    assert first_frame is None or first_frame.problems != ()
    workspace = Workspace.open(data_dir())
    try:
        assert dashboard.overview(workspace).problems != ()
        assert snapshot.load_unopened(data_dir()) == dashboard.overview(workspace)
    finally:
        workspace.close()
