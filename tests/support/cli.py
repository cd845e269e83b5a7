"""`pmcoach` run as a user runs it: `python -m pmcoach ARGS` in a process of its own.

Every command-line test starts the program the same way: the test's own data folder (from
the environment conftest sets), a fixed day unless told otherwise, no fsync (the tests
do not pull the plug), both outputs captured as text, and a timeout, so a command that
hangs fails its test instead of stopping the run. `on_terminal` runs it with both outputs
on a pseudo-terminal, for what a terminal would receive.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import pty
import select
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import IO, Any

from support.day import TODAY

# Far more than any command takes on a busy machine, far less than "forever".
TIMEOUT = 120.0

Stream = int | IO[Any] | None


def home() -> Path:
    """The data folder conftest gives this test (`PMCOACH_HOME`), made or not."""
    return Path(os.environ["PMCOACH_HOME"])


def environment(today: str | dt.date | None, env: Mapping[str, str] | None) -> dict[str, str]:
    """This process's environment, no fsync, `PMCOACH_TODAY` unless `today` is None, and
    `env` over all of it."""
    full = {**os.environ, "PMCOACH_NO_FSYNC": "1"}
    if today is not None:
        full["PMCOACH_TODAY"] = today.isoformat() if isinstance(today, dt.date) else today
    full.update(env or {})
    return full


def run(
    *args: str | bytes,
    stdin: str | Stream = subprocess.DEVNULL,
    stdout: Stream = subprocess.PIPE,
    today: str | dt.date | None = TODAY,
    env: Mapping[str, str] | None = None,
    cwd: str | Path | None = None,
    python: Sequence[str] = (),
    timeout: float = TIMEOUT,
) -> subprocess.CompletedProcess[str]:
    """Run `pmcoach *args` and wait for it.

    - `stdin`: text is typed in through a pipe, then closed; otherwise a file descriptor or
      file to read from (standard input is never a terminal unless one is passed);
    - `stdout`: captured unless a descriptor (a file, a pty) is given; stderr always is;
    - `today`: `PMCOACH_TODAY`; None leaves the environment's own (or none);
    - `env`: added to the environment after the above, so it can override them;
    - `python`: options for the interpreter itself (`-X importtime`).
    """
    full = environment(today, env)
    text_in = isinstance(stdin, str)
    return subprocess.run(
        [sys.executable, *python, "-m", "pmcoach", *args],
        env=full,
        cwd=cwd,
        input=stdin if text_in else None,
        stdin=None if text_in else stdin,
        stdout=stdout,
        stderr=subprocess.PIPE,
        text=True,
        timeout=timeout,
        check=False,
    )


def on_terminal(
    *args: str, env: dict[str, str] | None = None, stdin: str | None = None, cwd: Path | None = None
) -> tuple[int, str]:
    """Run pmcoach with standard output and error on one pseudo-terminal; its exit status
    and everything the terminal received."""
    full = environment(TODAY, env)
    master, slave = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "pmcoach", *args],
        stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
        stdout=slave,
        stderr=slave,
        env=full,
        cwd=cwd,
    )
    os.close(slave)
    if stdin is not None:
        assert process.stdin is not None
        process.stdin.write(stdin.encode())
        process.stdin.close()
    received = bytearray()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        ready, _, _ = select.select([master], [], [], 0.5)
        if not ready:
            if process.poll() is not None:
                break
            continue
        try:
            chunk = os.read(master, 65536)
        except OSError as exc:  # EIO: every writer of the terminal is gone
            if exc.errno != errno.EIO:
                raise
            break
        if not chunk:
            break
        received += chunk
    os.close(master)
    code = process.wait(timeout=60)
    return code, received.decode("utf-8", "replace")
