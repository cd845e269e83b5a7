"""A session or event whose id two files hold (a sync tool's conflicted copy) is named as a
duplicate: its item is read from the copy used, so nothing is missing from the figures,
and no command counts the other copy among the unreadable files."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest
from support.exports import CONFIG, at, fill, history

from pmcoach.cli.main import main
from pmcoach.storage.sessions import encode_session


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PMCOACH_TODAY", "2026-11-23")
    monkeypatch.setenv("PMCOACH_NO_FSYNC", "1")


def test_a_session_id_used_twice_is_a_duplicate_not_unreadable(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sessions, events = history()
    store = fill(tmp_path / "data", sessions, events)
    store.save_config(CONFIG)
    first = sessions[0]
    older = dataclasses.replace(first, updated=first.updated - dt.timedelta(minutes=1))
    copy = store.root / "sessions" / "2026" / f"{first.id} (conflicted copy).toml"
    copy.write_bytes(encode_session(older))
    broken = (
        store.root / "sessions" / "2026" / f"{at('2026-11-10'):%Y%m%dT%H%M%SZ}-weekly-ffff.toml"
    )
    broken.write_text("schema = 1\nkind = \n")

    assert main(["status"]) in (0, 3, 4)
    out, _err = capsys.readouterr()
    assert "1 unreadable file (see pmcoach doctor)" in out  # the broken one only

    assert main(["export", "--format", "csv"]) == 0
    _out, err = capsys.readouterr()
    assert "1 unreadable file left out" in err

    assert main(["doctor"]) == 2
    out, _err = capsys.readouterr()
    assert f"{copy}: duplicate of {first.id}; the later copy is used" in out
    assert out.splitlines()[-1] == (
        "1 unreadable file(s), 1 duplicate copy not used, 0 rubric finding(s)"
    )


def test_only_duplicates_are_not_called_unreadable(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sessions, events = history()
    store = fill(tmp_path / "data", sessions, events)
    store.save_config(CONFIG)
    for item in sessions[:2]:
        copy = store.root / "sessions" / "2026" / f"{item.id}.sync-conflict-1.toml"
        copy.write_bytes(encode_session(item))
    assert main(["status"]) in (0, 3, 4)
    out, _err = capsys.readouterr()
    assert "unreadable" not in out
    assert main(["export", "--format", "json", "--include-private"]) == 0
    _out, err = capsys.readouterr()
    assert "unreadable" not in err
    assert main(["doctor"]) == 2
    out, _err = capsys.readouterr()
    assert out.splitlines()[-1] == (
        "0 unreadable file(s), 2 duplicate copies not used, 0 rubric finding(s)"
    )
