"""`export`, `review` and `team` refuse `-o` names whose ending names another format.

`pmcoach export -o report.html` used to write Markdown into report.html (the format
defaults to md), and `--format html -o report.md` an HTML page into report.md.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from support.cli import run
from support.tui import configured, finished_session, local

from pmcoach.export.files import check_suffix


@pytest.fixture(autouse=True)
def history(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PMCOACH_NO_FSYNC", "1")
    store = configured("new")
    finished_session(store, local("2026-11-16"), {"communicate.answer-first": 3}, suffix="0001")


def refused(result: subprocess.CompletedProcess[str], words: str) -> None:
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    assert words in result.stderr, result.stderr


@pytest.mark.parametrize(
    ("args", "name", "says"),
    [
        (("export",), "report.html", "report.html ends in .html but the format is md"),
        (
            ("export", "--format", "html"),
            "report.MD",
            "report.MD ends in .md but the format is html",
        ),
        (("export", "--format", "csv"), "answers.json", "end the name in .csv, or choose json"),
        (("review",), "review.html", "review.html ends in .html but the format is md"),
    ],
)
def test_a_suffix_naming_another_format_is_refused(
    args: tuple[str, ...], name: str, says: str, tmp_path: Path
) -> None:
    target = tmp_path / name
    refused(run(*args, "-o", str(target)), says)
    assert not target.exists()


@pytest.mark.parametrize("name", ["report.md", "report.txt", "report", "notes.v2"])
def test_the_formats_own_suffix_or_an_unknown_one_is_the_persons_choice(name: str) -> None:
    check_suffix(Path(name), "md")
