"""`export -o /dev/stdout` and `-o -` write the export to standard output, as `export`
without -o does for md and csv; they were "already exists; add --force", and then with
--force "a symbolic link; pmcoach does not follow links inside the data folder"."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from support.exports import CONFIG, fill, history

from pmcoach.cli.main import main
from pmcoach.export import ExportError
from pmcoach.export.files import check_target


@pytest.fixture(autouse=True)
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PMCOACH_TODAY", "2026-11-23")
    monkeypatch.setenv("PMCOACH_NO_FSYNC", "1")
    sessions, events = history()
    fill(tmp_path / "data", sessions, events).save_config(CONFIG)


@pytest.mark.parametrize("name", ["-", "/dev/stdout"])
@pytest.mark.parametrize("fmt", ["json", "csv", "md", "html"])
def test_standard_output_named_with_o_gets_the_export(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, fmt: str
) -> None:
    assert main(["export", "--format", fmt, "-o", name]) == 0
    out, err = capsys.readouterr()
    assert "Traceback" not in err and "symbolic link" not in err and "exists" not in err
    if fmt == "json":
        assert json.loads(out)["format"] == "pmcoach-export"
    else:
        assert len(out) > 100
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cache", "data"]  # no file written


def test_a_link_given_with_o_is_named_as_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "link.json").symlink_to(tmp_path / "elsewhere.json")
    assert main(["export", "--format", "json", "-o", "link.json", "--force"]) == 2
    _out, err = capsys.readouterr()
    assert err == "pmcoach: link.json is a symbolic link; give the name of the file itself\n"
    assert not (tmp_path / "elsewhere.json").exists()


def test_the_app_is_told_standard_output_is_no_file() -> None:
    with pytest.raises(ExportError, match="/dev/stdout is standard output, not a file"):
        check_target(Path("/dev/stdout"), force=True)
