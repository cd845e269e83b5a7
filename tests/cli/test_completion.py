"""`pmcoach completion bash|zsh`: scripts generated from the parser, tried in the shells.

Bash is driven as it drives a completion function: COMP_WORDS and COMP_CWORD set, the
function called, COMPREPLY read. Zsh is checked for syntax and for registering itself
with compinit (its completion widget needs a terminal to drive)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from support import cli

from pmcoach.cli.parser import build_parser

pytestmark = pytest.mark.slow


def generate(shell: str, tmp_path: Path) -> Path:
    result = cli.run("completion", shell, env={"PMCOACH_HOME": str(tmp_path / "none")}, timeout=60)
    assert (result.returncode, result.stderr) == (0, ""), result.stderr
    script = tmp_path / f"pmcoach.{shell}"
    script.write_text(result.stdout)
    return script


@pytest.fixture
def bash_script(tmp_path: Path) -> Path:
    return generate("bash", tmp_path)


@pytest.fixture
def place(tmp_path: Path) -> Path:
    """A folder to complete file names in: two files and a folder."""
    folder = tmp_path / "here"
    folder.mkdir()
    (folder / "report.md").write_text("x")
    (folder / "backup.json").write_text("{}")
    (folder / "reports").mkdir()
    return folder


def complete(script: Path, words: list[str], cwd: Path) -> list[str]:
    """What bash offers with the cursor at the end of the last word."""
    program = (
        f"source '{script}'\n"
        'COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); COMPREPLY=()\n'
        "_pmcoach\n"
        'printf "%s\\n" "${COMPREPLY[@]}"\n'
    )
    result = subprocess.run(
        ["bash", "--norc", "--noprofile", "-c", program, "bash", *words],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return sorted(line for line in result.stdout.splitlines() if line)


def test_bash_registers_the_function(bash_script: Path) -> None:
    result = subprocess.run(
        ["bash", "--norc", "--noprofile", "-c", f"source '{bash_script}'; complete -p pmcoach"],
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    )
    assert result.stdout.strip() == "complete -F _pmcoach pmcoach"
    assert result.stderr == ""


def test_every_command_of_the_parser_is_offered(bash_script: Path, place: Path) -> None:
    parser = build_parser()
    (action,) = [a for a in parser._actions if a.dest == "command"]
    assert action.choices is not None
    assert complete(bash_script, ["pmcoach", ""], place) == sorted(action.choices)
    assert complete(bash_script, ["pmcoach", "ex"], place) == ["export"]
    assert complete(bash_script, ["pmcoach", "rubric", ""], place) == ["validate"]


@pytest.mark.parametrize(
    ("words", "offered"),
    [
        (["export", "--format", ""], ["csv", "html", "json", "md"]),
        (["export", "--format", "h"], ["html"]),
        (["export", "--format=j"], ["json"]),
        (["export", "--format", "=", "c"], ["csv"]),  # bash splits at = by default
        (["win", "Shipped it", "--kind", ""], ["artifact", "peer", "self"]),
        (["win", "x", "--skill", "think"], ["think-big"]),
        (["grade", "x", "--skill", "comm"], ["communicate"]),
        (["demo", "--track", ""], ["new", "senior"]),
        (["drill", ""], ["answer-first", "working-backwards"]),
        (["completion", ""], ["bash", "zsh"]),
        (["--data-dir", "here", "drill", "w"], ["working-backwards"]),
    ],
)
def test_choices_are_offered(
    bash_script: Path, place: Path, words: list[str], offered: list[str]
) -> None:
    assert complete(bash_script, ["pmcoach", *words], place) == offered


@pytest.mark.parametrize(
    ("words", "offered"),
    [
        (["export", "-o", "rep"], ["report.md", "reports"]),
        (["export", "--output", "b"], ["backup.json"]),
        (["remind", "--ics", ""], ["backup.json", "report.md", "reports"]),
        (["import", "b"], ["backup.json"]),
        (["rubric", "validate", "report.md", "rep"], ["report.md", "reports"]),
        (["--data-dir", "rep"], ["reports"]),  # folders only
        (["status", "--data-dir", ""], ["reports"]),
    ],
)
def test_paths_are_offered(
    bash_script: Path, place: Path, words: list[str], offered: list[str]
) -> None:
    assert complete(bash_script, ["pmcoach", *words], place) == offered


def test_options_are_offered_and_values_are_skipped(bash_script: Path, place: Path) -> None:
    offered = complete(bash_script, ["pmcoach", "export", "--format", "csv", "--"], place)
    assert {"--format", "--since", "--last", "--output", "--force", "--include-private"} <= set(
        offered
    )
    # A value that looks like a command is not taken for one.
    assert complete(bash_script, ["pmcoach", "win", "x", "--skill", "execute", "--k"], place) == [
        "--kind"
    ]
    assert complete(bash_script, ["pmcoach", "grade", "export", "--p"], place) == ["--private"]


def test_free_text_offers_nothing(bash_script: Path, place: Path) -> None:
    assert complete(bash_script, ["pmcoach", "grade", ""], place) == []
    assert complete(bash_script, ["pmcoach", "export", "--since", ""], place) == []


def test_zsh_script_is_valid_and_registers(tmp_path: Path) -> None:
    zsh = shutil.which("zsh")
    if zsh is None:
        pytest.skip("zsh is not installed")
    script = generate("zsh", tmp_path)
    text = script.read_text()
    assert text.startswith("#compdef pmcoach\n")
    for expected in ["(md html csv json)", "(artifact peer self)", "_files -/", "think-big"]:
        assert expected in text
    subprocess.run([zsh, "-n", str(script)], check=True, timeout=30)
    probe = (
        "autoload -U compinit; compinit -u -D; "
        f"source '{script}'; print -r -- $_comps[pmcoach]; whence -w _pmcoach_rubric_validate"
    )
    result = subprocess.run(
        [zsh, "-f", "-c", probe],
        env={**os.environ, "HOME": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert result.stdout.splitlines() == ["_pmcoach", "_pmcoach_rubric_validate: function"]


def test_an_unknown_shell_is_a_usage_error(tmp_path: Path) -> None:
    result = cli.run("completion", "fish", timeout=60)
    assert result.returncode == 2 and result.stderr.count("\n") == 1
