"""The parser names each command's module and function as text, imported only when run.

A name that points nowhere would only fail when someone runs that command, so every
one the parser holds is resolved here; and a command must not import its neighbours,
or `status` and `config` would pay for every other command at each shell prompt.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from collections.abc import Iterator

import pytest

from pmcoach.cli import exits, main, parser


def _handlers(parser: argparse.ArgumentParser) -> Iterator[tuple[str, str]]:
    """(command, handler name) for every command and sub-command the parser holds."""
    for action in parser._actions:  # argparse offers no public walk of its commands
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                handler = sub.get_default("handler")
                if handler is not None:
                    yield name, handler
                yield from ((f"{name} {n}", h) for n, h in _handlers(sub))


HANDLERS = sorted(_handlers(parser.build_parser()))


def test_the_parser_names_every_command() -> None:
    named = {command for command, _ in HANDLERS}
    assert {"status", "config", "checkin", "grade", "team", "rubric validate"} <= named
    assert "review" in named
    assert "ask" in named
    assert "feedback add" in named
    assert "discuss" in named
    assert len(named) == 20


@pytest.mark.parametrize(("command", "handler"), HANDLERS, ids=[c for c, _ in HANDLERS])
def test_every_handler_the_parser_names_exists(command: str, handler: str) -> None:
    assert callable(main._handler(handler)), command


def test_the_commands_that_open_the_app_are_named_as_the_parser_names_them() -> None:
    handlers = {handler for _, handler in HANDLERS} | {main.OPEN_APP}
    assert set(main.OPENS_THE_APP) <= handlers
    assert callable(main._handler(main.OPEN_APP))


PROBE = """
import json, sys
from pmcoach.cli.main import main
code = main(sys.argv[1:])
loaded = sorted(m for m in sys.modules if m.startswith("pmcoach.cli.commands."))
sys.stderr.write(json.dumps(loaded) + "\\n")
"""


@pytest.mark.parametrize("command", ["status", "config"])
def test_a_command_imports_only_its_own_module(command: str, tmp_path: object) -> None:
    env = {**os.environ, "PMCOACH_HOME": str(tmp_path), "PMCOACH_TODAY": "2026-11-23"}
    result = subprocess.run(
        [sys.executable, "-c", PROBE, command],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert json.loads(result.stderr.splitlines()[-1]) == [f"pmcoach.cli.commands.{command}"]


def test_the_help_names_the_exit_codes_the_commands_return() -> None:
    text = parser.build_parser().format_help()
    for code, meaning in [
        (exits.EXIT_OK, "success"),
        (exits.EXIT_USAGE, "usage or input error"),
        (exits.EXIT_DUE, "review due"),
        (exits.EXIT_OVERDUE, "review overdue"),
        (exits.EXIT_CRASH, "an unexpected"),
    ]:
        assert f"{code} {meaning}" in " ".join(text.split())


def test_the_export_help_states_the_report_period_the_rules_set(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The default period is a rule; the help reads it rather than repeating it."""
    from pmcoach.domain import rules

    monkeypatch.setattr(rules, "REPORT_WEEKS", 7)
    export = next(
        choice
        for action in parser.build_parser()._actions
        if isinstance(action, argparse._SubParsersAction)
        for name, choice in action.choices.items()
        if name == "export"
    )
    assert "default: 7w for md and html" in " ".join(export.format_help().split())


NO_ARGPARSE = """
import sys
import pmcoach.tui.app
from pmcoach.cli.commands import opening
from pmcoach.cli.main import main
pmcoach.tui.app.run_app = lambda folder, start=None: 0
opening._need_terminal = lambda: None
code = main(sys.argv[1:])
sys.stderr.write(f"{code} {'argparse' in sys.modules}\\n")
"""


@pytest.mark.parametrize("given", [[], ["status"], ["config"]], ids=["app", "status", "config"])
def test_the_app_status_and_config_start_without_argparse(
    given: list[str], tmp_path: object
) -> None:
    """argparse and its gettext are a millisecond and a half of every start: the command
    lines read without the parser do without them."""
    env = {**os.environ, "PMCOACH_HOME": str(tmp_path), "PMCOACH_TODAY": "2026-11-23"}
    result = subprocess.run(
        [sys.executable, "-c", NO_ARGPARSE, *given],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.stderr.splitlines()[-1].split()[1] == "False", result.stderr
