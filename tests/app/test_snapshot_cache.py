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
