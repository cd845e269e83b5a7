"""`pmcoach status` answers from its saved line only while nothing changed."""

from __future__ import annotations

import contextlib
import io

import pytest
from support.tui import TODAY, configured, data_dir, finished_session, local

from pmcoach.cache.answers import STATUS
from pmcoach.cache.opener import open_store
from pmcoach.cli.main import main


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PMCOACH_TODAY", TODAY)
    monkeypatch.setenv("PMCOACH_NO_FSYNC", "1")


def run_status() -> tuple[str, int]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(["status"])
    return out.getvalue().strip(), code


def test_the_saved_line_follows_every_change(monkeypatch: pytest.MonkeyPatch) -> None:
    store = configured(track="new")
    first, code = run_status()
    assert code == 3 and "streak 0" in first
    assert (store.cache_dir / STATUS.name).exists()
    assert run_status() == (first, 3)
    # A finished check-in this week: done, exit 0.
    finished_session(store, local(TODAY), {"communicate.answer-first": 4})
    second, code = run_status()
    assert code == 0 and "review done" in second
    # The next day is another fingerprint.
    monkeypatch.setenv("PMCOACH_TODAY", "2026-11-24")
    third, _ = run_status()
    assert third != ""


def test_a_broken_saved_line_is_ignored() -> None:
    configured()
    line, code = run_status()
    cache = open_store(data_dir()).cache_dir / STATUS.name
    cache.write_text('{"fingerprint": "x", "value": {"line": 3}}')
    assert run_status() == (line, code)
    cache.write_text("not json")
    assert run_status() == (line, code)


def run_config() -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["config"]) == 0
    return out.getvalue()


def test_config_answers_from_saved_settings_until_config_toml_changes() -> None:
    import datetime as dt

    from pmcoach.domain.model import Config

    store = configured(track="new")
    first = run_config()
    assert "track:       new" in first
    assert run_config() == first
    store.save_config(Config(track="senior", review_day=2, review_time=dt.time(8), time_zone="UTC"))
    second = run_config()
    assert "track:       senior" in second
    assert "Wednesday at 08:00" in second
