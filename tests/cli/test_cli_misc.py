"""The command line as a whole: where the data folder is, `--version`, usage errors, `demo`,
`config`, `doctor`, and which commands may never load the interface libraries."""

from __future__ import annotations

import datetime as dt
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from support.cli import home, run

import pmcoach
from pmcoach.cache.opener import open_store
from pmcoach.domain.model import Config


def one_line_error(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert result.stderr.count("\n") == 1, result.stderr
    assert "Traceback" not in result.stderr
    return result.stderr


def set_up() -> None:
    open_store(home()).save_config(
        Config(track="new", review_day=0, review_time=dt.time(9), time_zone="Europe/Berlin")
    )


# --------------------------------------------------------------------------- basics


def test_version() -> None:
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout == f"pmcoach {pmcoach.__version__}\n"


def test_unknown_command_is_one_line() -> None:
    error = one_line_error(run("frobnicate"))
    assert "frobnicate" in error


def test_help_lists_the_commands() -> None:
    result = run("--help")
    assert result.returncode == 0
    for name in ("demo", "status", "checkin", "grade", "win", "skip", "remind", "config", "doctor"):
        assert f"    {name}" in result.stdout, name


@pytest.mark.parametrize("command", ["config", "doctor", "status", "skip"])
def test_data_dir_that_is_a_file(command: str, tmp_path: Path) -> None:
    afile = tmp_path / "afile"
    afile.write_text("not a folder")
    error = one_line_error(run(command, "--data-dir", str(afile)))
    assert str(afile) in error or "not set up" in error
    assert afile.read_text() == "not a folder"


@pytest.mark.parametrize("command", ["config", "doctor", "status", "export"])
def test_reading_commands_never_create_the_data_folder(command: str, tmp_path: Path) -> None:
    root = tmp_path / "new" / "data"
    result = run("--data-dir", str(root), command)
    assert "not set up" in result.stdout + result.stderr
    assert not (tmp_path / "new").exists()
    # ... so that demo still takes the path as the empty folder it is.
    assert run("demo", "--data-dir", str(root), "--weeks", "1").returncode == 0


def test_a_missing_data_folder_is_created_private_by_a_command_that_writes(
    tmp_path: Path,
) -> None:
    root = tmp_path / "new" / "data"
    result = run("--data-dir", str(root), "demo", "--weeks", "1")
    assert result.returncode == 0, result.stderr
    for folder in (tmp_path / "new", root, *(root / n for n in ("sessions", "events", "trash"))):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder


def test_config_before_set_up_says_so() -> None:
    result = run("config")
    assert result.returncode == 0
    assert f"data folder: {home()}" in result.stdout
    assert "not set up yet: run pmcoach" in result.stdout


def test_config_after_set_up_shows_the_settings() -> None:
    set_up()
    result = run("config")
    assert result.returncode == 0
    assert "review:      Monday at 09:00" in result.stdout
    assert "time zone:   Europe/Berlin" in result.stdout


@pytest.mark.parametrize("before", [True, False])
def test_data_dir_before_or_after_the_command(before: bool, tmp_path: Path) -> None:
    root = tmp_path / "elsewhere"
    args = ["--data-dir", str(root)]
    result = run(*([*args, "config"] if before else ["config", *args]))
    assert result.returncode == 0, result.stderr
    assert f"data folder: {root}\n" in result.stdout


def test_data_dir_wins_over_pmcoach_home(tmp_path: Path) -> None:
    root = tmp_path / "chosen"
    result = run("config", "--data-dir", str(root), env={"PMCOACH_HOME": str(tmp_path / "env")})
    assert f"data folder: {root}\n" in result.stdout


def test_doctor_on_a_sound_folder_and_on_a_broken_file() -> None:
    set_up()
    assert run("doctor").returncode == 0
    broken = home() / "events" / "2026" / "20261123T080000Z-grade-0bad.toml"
    broken.parent.mkdir(parents=True, exist_ok=True)
    broken.write_text("schema = 1\nkind = \n")
    result = run("doctor")
    assert result.returncode == 2
    assert "20261123T080000Z-grade-0bad.toml: not valid TOML" in result.stdout


# --------------------------------------------------------------------------- demo


def test_demo_into_a_non_empty_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "notes.txt").write_text("mine")
    error = one_line_error(run("demo", "--data-dir", str(tmp_path / "full")))
    assert "not empty" in error
    assert sorted(p.name for p in (tmp_path / "full").iterdir()) == ["notes.txt"]


def test_demo_needs_a_data_dir() -> None:
    one_line_error(run("demo"))
    assert not home().exists()


@pytest.mark.parametrize("weeks", ["0", "-1", "many", "1041"])
def test_demo_with_a_bad_number_of_weeks(weeks: str, tmp_path: Path) -> None:
    one_line_error(run("demo", "--weeks", weeks, "--data-dir", str(tmp_path / "d")))
    assert not (tmp_path / "d").exists()


def test_demo_is_deterministic(tmp_path: Path) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    for root in (one, two):
        # 14 weeks ending on a Thursday: a quarter's full assessment and 1:1 included.
        result = run("demo", "--weeks", "14", "--end", "2026-11-26", "--data-dir", str(root))
        assert result.returncode == 0, result.stderr
        sessions = len(list((root / "sessions").rglob("*.toml")))
        events = len(list((root / "events").rglob("*.toml")))
        drafts = len(list((root / "drafts").glob("*.md")))
        assert drafts == 1  # the working-backwards draft of 6 weeks before the end
        said = f"wrote {sessions} sessions, {events} events, 1 draft and config.toml to "
        assert said in result.stdout

    def files(root: Path) -> dict[str, bytes]:
        return {
            str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
        }

    first, second = files(one), files(two)
    assert any(name.startswith("sessions/") for name in first)
    assert any(name.startswith("events/") for name in first)
    assert any("-manager-" in name for name in first)
    assert first == second


# --------------------------------------------------------------------------- imports

PROBE = """
import sys
from pmcoach.cli.main import main
code = main(sys.argv[1:])
loaded = sorted({m.split(".")[0] for m in sys.modules} & {"textual", "rich"})
sys.stderr.write(f"loaded: {loaded}\\n")
raise SystemExit(code)
"""


@pytest.mark.parametrize(
    ("argv", "stdin"),
    [
        (["status"], ""),
        (["grade", "Launch email", "--rating", "4"], ""),
        (["win", "Shipped", "--skill", "execute"], ""),
        (["skip", "--week", "2026-12-21"], ""),
        (["remind", "--ics", "-"], ""),
        (["checkin", "--plain"], "3\nq\n"),
        (["config"], ""),
        (["doctor"], ""),
        (["completion", "bash"], ""),
        (["completion", "zsh"], ""),
    ],
    ids=lambda v: " ".join(v) if isinstance(v, list) else "",
)
def test_commands_without_the_app_load_neither_textual_nor_rich(
    argv: list[str], stdin: str
) -> None:
    set_up()
    env = {**os.environ, "PMCOACH_TODAY": "2026-11-23", "PMCOACH_NO_FSYNC": "1"}
    result = subprocess.run(
        [sys.executable, "-c", PROBE, *argv],
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode in (0, 3), result.stderr
    assert result.stderr.splitlines()[-1] == "loaded: []"


def test_plain_pmcoach_opens_the_app_without_building_the_parser(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The everyday start skips argparse; any argument still goes through it."""
    import pmcoach.tui.app
    from pmcoach.cli import main, parser
    from pmcoach.cli.commands import opening

    opened: list[tuple[Path, str | None]] = []
    monkeypatch.setattr(
        pmcoach.tui.app, "run_app", lambda d, start=None: opened.append((d, start)) or 0
    )
    build_parser = parser.build_parser

    def no_parser() -> None:
        raise AssertionError("built the parser for a plain start")

    monkeypatch.setattr(opening, "_need_terminal", lambda: None)  # as on a terminal
    monkeypatch.setattr(parser, "build_parser", no_parser)
    monkeypatch.setenv("PMCOACH_HOME", str(tmp_path / "home"))
    assert main.main([]) == 0
    monkeypatch.setattr(parser, "build_parser", build_parser)
    assert main.main(["--data-dir", str(tmp_path / "elsewhere")]) == 0
    assert opened == [(tmp_path / "home", None), (tmp_path / "elsewhere", None)]
