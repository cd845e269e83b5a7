"""Flow control off while the app runs, and the terminal's own settings back after it.

On a pseudo-terminal of the test's own: IXON goes off and nothing else changes;
whatever happened meanwhile (the app leaves its own settings, which Textual took
from ours, or fails), the settings found at the start come back. The commands that
do not open the app never load this.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import termios
from collections.abc import Iterator
from typing import Any

import pytest

from pmcoach.cli.flow_control import keys_not_flow_control


@pytest.fixture
def tty(monkeypatch: pytest.MonkeyPatch) -> Iterator[int]:
    """Standard input is the far end of a new pseudo-terminal, with flow control on."""
    main, far = os.openpty()
    attrs = termios.tcgetattr(far)
    attrs[0] |= termios.IXON | termios.IXANY
    termios.tcsetattr(far, termios.TCSANOW, attrs)
    stdin = open(far, encoding="utf-8", closefd=False)  # noqa: SIM115 - closed below
    monkeypatch.setattr(sys, "stdin", stdin)
    try:
        yield far
    finally:
        stdin.close()
        os.close(far)
        os.close(main)


def test_flow_control_is_off_inside_and_the_rest_as_it_was(tty: int) -> None:
    before = termios.tcgetattr(tty)
    with keys_not_flow_control():
        during = termios.tcgetattr(tty)
    assert not during[0] & termios.IXON
    assert during[0] == before[0] & ~termios.IXON  # IXANY and the rest kept
    assert during[1:] == before[1:]
    assert termios.tcgetattr(tty) == before


def test_the_settings_found_at_the_start_come_back_however_it_ends(tty: int) -> None:
    before = termios.tcgetattr(tty)
    with pytest.raises(RuntimeError), keys_not_flow_control():
        raw: list[Any] = termios.tcgetattr(tty)  # as Textual takes the terminal ...
        raw[3] &= ~(termios.ICANON | termios.ECHO)
        termios.tcsetattr(tty, termios.TCSANOW, raw)
        raise RuntimeError("the app failed")  # ... and never gives it back
    assert termios.tcgetattr(tty) == before


def test_a_terminal_without_flow_control_is_left_alone(tty: int) -> None:
    attrs = termios.tcgetattr(tty)
    attrs[0] &= ~termios.IXON
    termios.tcsetattr(tty, termios.TCSANOW, attrs)
    with keys_not_flow_control():
        assert termios.tcgetattr(tty) == attrs
    assert termios.tcgetattr(tty) == attrs


def test_standard_input_that_is_not_a_terminal_is_no_error(monkeypatch: pytest.MonkeyPatch) -> None:
    read, write = os.pipe()
    try:
        with open(read, encoding="utf-8", closefd=False) as pipe:
            monkeypatch.setattr(sys, "stdin", pipe)
            with keys_not_flow_control():
                pass
        monkeypatch.setattr(sys, "stdin", None)
        with keys_not_flow_control():
            pass
    finally:
        os.close(read)
        os.close(write)


PROBE = """
import json, sys
from pmcoach.cli.main import main
main(sys.argv[1:])
print(json.dumps(sorted(m for m in sys.modules if m in ("termios", "pmcoach.cli.flow_control"))))
"""


@pytest.mark.parametrize("args", [["status"], ["export", "--format", "csv"]])
def test_commands_that_do_not_open_the_app_do_not_load_it(args: list[str]) -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        check=False,
    )
    loaded = json.loads(result.stdout.strip().splitlines()[-1]) if result.stdout else None
    assert loaded == [], (result.stdout, result.stderr)
