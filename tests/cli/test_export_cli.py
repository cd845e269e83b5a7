"""`pmcoach export`: where each format goes, what it refuses, and that it never loads the
interface libraries."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest
from support.cli import run
from support.tui import configured, finished_session, local

from pmcoach.domain.model import Text

FORMATS = ["md", "html", "csv", "json"]


def refused(result: subprocess.CompletedProcess[str], words: str) -> None:
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert words in result.stderr, result.stderr
    assert result.stdout == ""


@pytest.fixture(autouse=True)
def history(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PMCOACH_NO_FSYNC", "1")
    store = configured("new")
    finished_session(
        store,
        local("2026-11-16"),
        {"communicate.answer-first": 3, "prioritize.said-no": 2},
        note=Text("Secret: I dodged the VP's question", private=True),
        suffix="0001",
    )


def test_markdown_goes_to_standard_output_by_default() -> None:
    result = run("export")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("# Skills report: 7 Sep 2026 – 23 Nov 2026\n")
    assert "Secret" not in result.stdout
    assert "1 private text left out" in result.stdout


def test_csv_goes_to_standard_output() -> None:
    result = run("export", "--format", "csv")
    assert result.returncode == 0, result.stderr
    assert "communicate.answer-first" in result.stdout


@pytest.mark.parametrize("fmt", FORMATS)
def test_without_o_every_format_goes_to_a_pipe_or_file(fmt: str, tmp_path: Path) -> None:
    """`pmcoach export --format html > report.html` fills report.html; no file appears in
    the current folder, the home folder or the documents folder."""
    home = tmp_path / "home"
    (home / "Documents").mkdir(parents=True)
    work = tmp_path / "work"
    work.mkdir()
    result = run("export", "--format", fmt, cwd=work, env={"HOME": str(home)})
    assert result.returncode == 0, result.stderr
    assert "wrote" not in result.stderr
    assert len(result.stdout) > 100
    if fmt == "html":
        assert result.stdout.startswith("<!DOCTYPE html>")
    if fmt == "json":
        assert json.loads(result.stdout)["format"] == "pmcoach-export"
    assert list(work.iterdir()) == []
    assert list(home.rglob("pmcoach-*")) == []


def on_a_terminal(*args: str, cwd: Path, home: Path) -> tuple[int, str, str]:
    """Run with standard output on a terminal; its exit status, screen text and errors."""
    leader, follower = pty.openpty()
    env = {
        **os.environ,
        "PMCOACH_TODAY": "2026-11-23",
        "PMCOACH_NO_FSYNC": "1",
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "pmcoach", *args],
        env=env,
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        stdout=follower,
        stderr=subprocess.PIPE,
    )
    os.close(follower)
    screen = bytearray()
    while True:  # read as it comes: a full terminal buffer would stop the command
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # EIO: the command closed the terminal
            break
        if not chunk:
            break
        screen += chunk
    os.close(leader)
    assert process.stderr is not None
    err = process.stderr.read().decode()
    process.stderr.close()
    return process.wait(timeout=120), screen.decode(), err


@pytest.mark.parametrize("documents", [True, False], ids=["documents", "no-documents"])
@pytest.mark.parametrize("fmt", ["html", "json"])
def test_on_a_terminal_html_and_json_go_to_the_documents_folder(
    fmt: str, documents: bool, tmp_path: Path
) -> None:
    """Never into the current folder; the same folder `x` in the app offers, and the path
    is said."""
    home = tmp_path / "home"
    home.mkdir()
    if documents:
        (home / "Documents").mkdir()
    work = tmp_path / "work"
    work.mkdir()
    code, screen, err = on_a_terminal("export", "--format", fmt, cwd=work, home=home)
    assert code == 0, err
    assert screen == ""
    stem = "pmcoach-report" if fmt == "html" else "pmcoach-export"
    folder = home / "Documents" if documents else home
    written = folder / f"{stem}-2026-11-23.{fmt}"
    assert written.is_file()
    assert err.startswith(f"wrote {written} (")
    assert written.stat().st_mode & 0o077 == 0
    assert list(work.iterdir()) == []


@pytest.mark.parametrize("fmt", ["md", "csv"])
def test_on_a_terminal_md_and_csv_print(fmt: str, tmp_path: Path) -> None:
    (tmp_path / "Documents").mkdir()
    code, screen, err = on_a_terminal("export", "--format", fmt, cwd=tmp_path, home=tmp_path)
    assert code == 0, err
    assert "communicate" in screen.lower()
    assert list((tmp_path / "Documents").iterdir()) == []


@pytest.mark.parametrize("fmt", FORMATS)
def test_o_writes_the_file_and_never_replaces_one_without_force(fmt: str, tmp_path: Path) -> None:
    target = tmp_path / "out" / f"out.{fmt}"
    target.parent.mkdir()
    first = run("export", "--format", fmt, "-o", str(target))
    assert first.returncode == 0, first.stderr
    assert target.stat().st_size > 0
    target.write_text("mine")
    second = run("export", "--format", fmt, "-o", str(target))
    refused(second, "already exists; add --force")
    assert target.read_text() == "mine"
    forced = run("export", "--format", fmt, "-o", str(target), "--force")
    assert forced.returncode == 0, forced.stderr
    assert target.read_text(encoding="utf-8") != "mine"
    assert [p.name for p in target.parent.iterdir()] == [target.name]  # no temp file left


def test_include_private_puts_private_text_in() -> None:
    result = run("export", "--include-private")
    assert "Secret: I dodged the VP" in result.stdout
    assert "left out" not in result.stdout


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--format", "pdf"], "unknown format 'pdf'"),
        (["--since", "2030-01-01"], "after today"),
        (["--since", "yesterday"], "is not a date"),
        (["--since", "2026-02-30"], "is not a date"),
        (["--last", "12y"], "is not a length"),
        (["--last", "0w"], "covers no days"),
        (["--since", "2026-01-01", "--last", "4w"], "not both"),
        (["-o", "/nonexistent-folder/report.md"], "does not exist"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(args: list[str], words: str) -> None:
    refused(run("export", *args), words)


def test_a_folder_as_the_output_is_refused(tmp_path: Path) -> None:
    refused(run("export", "-o", str(tmp_path)), "is a folder")


def test_an_unwritable_folder_is_refused(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root writes into read-only folders")
    folder = tmp_path / "ro"
    folder.mkdir(mode=0o500)
    refused(run("export", "-o", str(folder / "r.md")), "could not save")


def test_a_folder_that_is_not_set_up_is_told(tmp_path: Path) -> None:
    refused(run("export", "--data-dir", str(tmp_path / "empty")), "not set up")


def test_since_and_last_choose_the_period() -> None:
    since = run("export", "--since", "2026-11-16")
    assert "Skills report: 16 Nov 2026 – 23 Nov 2026" in since.stdout
    last = run("export", "--last", "1w")
    assert "Skills report: 23 Nov 2026 – 23 Nov 2026" in last.stdout
    months = run("export", "--last", "6m")
    assert "Skills report: 23 May 2026 – 23 Nov 2026" in months.stdout


@pytest.mark.parametrize("fmt", FORMATS)
def test_export_never_loads_textual(fmt: str, tmp_path: Path) -> None:
    target = str(tmp_path / "x")
    result = run("export", "--format", fmt, "-o", target, python=("-X", "importtime"))
    assert result.returncode == 0, result.stderr[-1000:]
    assert "| textual" not in result.stderr
