"""A file that appears at an export's name after the checks and before the write (a sync
tool, another window) is not replaced unless replacing was asked for."""

from __future__ import annotations

from pathlib import Path

import pytest

from pmcoach.export import ExportError
from pmcoach.export import files as export_files


def test_a_file_made_between_the_check_and_the_write_is_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "report.md"
    checked = export_files.check_target

    def check_then_someone_writes(path: Path | str, force: bool) -> Path:
        found = checked(path, force)
        target.write_text("theirs")
        return found

    monkeypatch.setattr(export_files, "check_target", check_then_someone_writes)
    with pytest.raises(ExportError, match="not replaced"):
        export_files.write_export(target, "mine", force=False)
    assert target.read_text() == "theirs"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.md"]


def test_with_force_the_file_is_replaced(tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    target.write_text("old")
    export_files.write_export(target, "new", force=True)
    assert target.read_text() == "new"
    export_files.write_export(tmp_path / "fresh.md", "made", force=False)
    assert (tmp_path / "fresh.md").read_text() == "made"
    assert (tmp_path / "fresh.md").stat().st_mode & 0o777 == 0o600
