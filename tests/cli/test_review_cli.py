"""`pmcoach review`: where the draft goes, what it refuses, and that it never loads the
interface libraries."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from support.cli import run
from support.tui import configured, finished_session, local
from test_export_cli import on_a_terminal, refused

from pmcoach.domain.model import Text

SECRET = "Secret: I dodged the VP's question"


@pytest.fixture(autouse=True)
def history(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PMCOACH_NO_FSYNC", "1")
    store = configured("new")
    config = store.load_config()
    assert config is not None
    store.save_config(replace(config, name="Alex O'Neil / PM"))
    finished_session(
        store,
        local("2026-08-10"),
        {"communicate.answer-first": 2, "prioritize.said-no": 2},
        note=Text("Opened with the story again", private=False),
        suffix="0001",
    )
    finished_session(
        store,
        local("2026-11-16"),
        {"communicate.answer-first": 4, "prioritize.said-no": 3},
        note=Text(SECRET, private=True),
        suffix="0002",
    )


def test_markdown_of_the_last_six_months_goes_to_standard_output() -> None:
    result = run("review")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("# Self-review: Alex O'Neil / PM\n")
    assert "23 May 2026 – 23 Nov 2026" in result.stdout
    assert "Opened with the story again" in result.stdout
    assert SECRET not in result.stdout and "1 private text of this period" in result.stdout


def test_include_private_and_a_shorter_period() -> None:
    result = run("review", "--include-private", "--last", "4w")
    assert result.returncode == 0, result.stderr
    assert SECRET in result.stdout.replace("\\", "")
    assert "Opened with the story again" not in result.stdout


def test_html_on_a_terminal_goes_to_the_documents_folder_named_for_the_person(
    tmp_path: Path,
) -> None:
    home = tmp_path / "home"
    (home / "Documents").mkdir(parents=True)
    work = tmp_path / "work"
    work.mkdir()
    code, screen, err = on_a_terminal("review", "--format", "html", cwd=work, home=home)
    assert code == 0, err
    assert screen == ""
    written = home / "Documents" / "pmcoach-review-alex-o-neil-pm-2026-11-23.html"
    assert written.is_file(), list((home / "Documents").iterdir())
    assert written.read_text().startswith("<!DOCTYPE html>")
    assert written.stat().st_mode & 0o077 == 0
    assert list(work.iterdir()) == []


def test_o_writes_the_file_and_never_replaces_one_without_force(tmp_path: Path) -> None:
    target = tmp_path / "review.md"
    assert run("review", "-o", str(target)).returncode == 0
    target.write_text("mine")
    refused(run("review", "-o", str(target)), "already exists; add --force")
    assert target.read_text() == "mine"
    assert run("review", "-o", str(target), "--force").returncode == 0
    assert target.read_text().startswith("# Self-review")


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--format", "csv"], "invalid choice"),
        (["--since", "2030-01-01"], "after today"),
        (["--last", "12y"], "is not a length"),
        (["--since", "2026-01-01", "--last", "4w"], "not both"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(args: list[str], words: str) -> None:
    refused(run("review", *args), words)


def test_review_never_loads_textual_or_rich() -> None:
    probe = (
        "import sys\nfrom pmcoach.cli.main import main\ncode = main(sys.argv[1:])\n"
        "loaded = sorted({m.split('.')[0] for m in sys.modules} & {'textual', 'rich'})\n"
        "sys.stderr.write(f'loaded: {loaded}\\n')\nraise SystemExit(code)\n"
    )
    import os

    env = {**os.environ, "PMCOACH_TODAY": "2026-11-23", "PMCOACH_NO_FSYNC": "1"}
    result = subprocess.run(
        [sys.executable, "-c", probe, "review", "--format", "html"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines()[-1] == "loaded: []"


def test_help_and_completion_know_it() -> None:
    assert "review" in run("--help").stdout
    helped = run("review", "--help").stdout
    assert "--include-private" in helped and "6m" in helped
    script = run("completion", "bash").stdout
    assert "$'review\\t--format') echo 'choices md html' ;;" in script
