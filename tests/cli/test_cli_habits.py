"""Small command-line habits: the help says how to see another day, every command's
description is written the same way, `--last` says when it is too long, and a file name
`export -o` refuses is explained in words, not in file-system terms."""

from __future__ import annotations

import argparse
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from support.exports import CONFIG, fill, history

from pmcoach.cli.main import main
from pmcoach.cli.parser import build_parser


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PMCOACH_TODAY", "2026-11-23")
    monkeypatch.setenv("PMCOACH_NO_FSYNC", "1")
    sessions, events = history()
    fill(tmp_path / "data", sessions, events).save_config(CONFIG)
    return tmp_path


def refusal(args: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    assert main(args) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1, (out, err)
    return err.removeprefix("pmcoach: ").rstrip("\n")


def test_the_help_says_how_to_see_another_day(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    help_text = " ".join(capsys.readouterr().out.split())
    assert "PMCOACH_TODAY=YYYY-MM-DD" in help_text
    assert "PMCOACH_TODAY=2026-11-30 pmcoach status" in help_text


def _parsers(
    parser: argparse.ArgumentParser, name: str = "pmcoach"
) -> Iterator[tuple[str, argparse.ArgumentParser]]:
    yield name, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub_name, sub in action.choices.items():
                yield from _parsers(sub, f"{name} {sub_name}")


def test_every_description_is_written_the_same_way() -> None:
    """Like each command's line in the list: small letter first, no full stop."""
    found = dict(_parsers(build_parser()))
    assert {"pmcoach export", "pmcoach rubric", "pmcoach rubric validate"} <= set(found)
    for name, parser in found.items():
        text = parser.description
        assert text, f"{name} has no description"
        assert text[0].islower() and not text.endswith("."), f"{name}: {text!r}"


@pytest.mark.parametrize("length", ["100000w", "10000d", "123456789012345678901234567890m"])
def test_a_length_too_long_says_so(
    length: str, folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    error = refusal(["export", "--format", "csv", "--last", length], capsys)
    assert "too long" in error and "not a length" not in error
    assert "at most 9999" in error


def test_the_longest_length_is_taken(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--format", "csv", "--last", "9999w"]) == 0
    assert main(["export", "--format", "csv", "--last", "09999d"]) == 0


def test_no_file_name_is_said(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert refusal(["export", "-o", ""], capsys) == "no file name given; name the file to write"


def test_a_name_ending_in_a_slash_is_a_folder_not_a_file(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    error = refusal(["export", "-o", "reports/"], capsys)
    assert error == "reports/ ends in /, so it names a folder; give a file name"
    assert not (folder / "reports").exists()


def test_a_file_taken_for_a_folder_is_named(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (folder / "notes").write_text("mine")
    error = refusal(["export", "-o", "notes/report.md"], capsys)
    assert error == "cannot write notes/report.md: notes is a file, not a folder"
    assert (folder / "notes").read_text() == "mine"


def test_a_named_pipe_is_called_so(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    os.mkfifo(folder / "pipe")
    error = refusal(["export", "-o", "pipe", "--force"], capsys)
    assert error == (
        "pipe is a named pipe (FIFO), not a file; pmcoach writes only into ordinary files, "
        "so give another name"
    )


def test_a_folder_is_told_to_name_a_file_in_it(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (folder / "out").mkdir()
    error = refusal(["export", "-o", "out"], capsys)
    assert error == "out is a folder; give the name of a file to write in it"
