"""`pmcoach review`, byte for byte, on the demo history with the clock fixed and a name set.

A change to any figure, sentence or layout of the self-review draft shows up here as a
diff to read. After an intended change, regenerate with
`PMCOACH_UPDATE_GOLDEN=1 pytest tests/unit/test_review_golden.py` and read the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from support.cli import run

GOLDEN = Path(__file__).parents[1] / "data" / "golden"
TODAY = "2026-11-23"
CASES = {
    "review.md": [],
    "review-private.md": ["--include-private", "--last", "3m"],
}


def pmcoach(*args: str) -> str:
    done = run(*args, today=TODAY)
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = tmp_path_factory.mktemp("golden") / "data"
    pmcoach("demo", "--weeks", "30", "--end", TODAY, "--data-dir", str(data))
    config = data / "config.toml"
    config.write_text('name = "Alex Doe"\n' + config.read_text())
    return data


@pytest.mark.parametrize("name", list(CASES))
def test_review_matches_its_golden_file(name: str, demo: Path) -> None:
    written = pmcoach("review", "--data-dir", str(demo), *CASES[name])
    golden = GOLDEN / name
    if os.environ.get("PMCOACH_UPDATE_GOLDEN"):
        golden.write_text(written, encoding="utf-8")
    assert golden.is_file(), f"no golden file {name}; run with PMCOACH_UPDATE_GOLDEN=1"
    assert written == golden.read_text(encoding="utf-8")
