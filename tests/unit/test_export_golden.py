"""Every export format, byte for byte, on the demo history with the clock fixed.

A change to any figure, sentence or layout shows up here as a diff to read. After an
intended change, regenerate with `PMCOACH_UPDATE_GOLDEN=1 pytest tests/unit/test_export_golden.py`
and read the diff before committing.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from support.cli import run

GOLDEN = Path(__file__).parents[1] / "data" / "golden"
TODAY = "2026-11-23"
CASES = {
    "report.md": ["--format", "md"],
    "report-private.md": ["--format", "md", "--include-private"],
    "report.html": ["--format", "html"],
    "answers.csv": ["--format", "csv"],
    "export.json": ["--format", "json"],
}


def pmcoach(*args: str) -> None:
    done = run(*args, today=TODAY)
    assert done.returncode == 0, done.stderr


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("golden") / "data"
    pmcoach("demo", "--weeks", "14", "--end", TODAY, "--data-dir", str(data))
    return data


@pytest.mark.parametrize("name", list(CASES))
def test_export_matches_its_golden_file(name: str, demo: Path, tmp_path: Path) -> None:
    out = tmp_path / name
    pmcoach("export", "--data-dir", str(demo), *CASES[name], "-o", str(out))
    written = out.read_bytes()
    golden = GOLDEN / name
    if os.environ.get("PMCOACH_UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_bytes(written)
    assert golden.is_file(), f"no golden file {name}; run with PMCOACH_UPDATE_GOLDEN=1"
    # Bytes, not text: CSV's CRLF line ends are part of what is pinned.
    assert written.decode("utf-8") == golden.read_bytes().decode("utf-8")
