"""How a command that failed ends: never a traceback, always one line.

A closed pipe ends it quietly, as it ends `cat`; an error that means "your input or
folder is wrong" is one line and exit 2; an error nobody expected writes a crash report
that holds no user text (`pmcoach.app.crash`) and names it, exit 70.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable
from pathlib import Path

from pmcoach.cli import output
from pmcoach.cli.exits import EXIT_BROKEN_PIPE, EXIT_CRASH, EXIT_USAGE


def output_failed(exc: Exception) -> int:
    """A closed pipe ends the command quietly, as it ends `cat` (status 141 is what a
    shell reports for a program SIGPIPE ended); any other failed write is one line."""
    assert isinstance(exc, output.OutputError)
    output.discard(sys.stdout)
    if exc.broken_pipe:
        return EXIT_BROKEN_PIPE
    with contextlib.suppress(output.OutputError):
        sys.stderr.write(f"pmcoach: {exc}\n")
        sys.stderr.flush()
    return EXIT_USAGE


def crashed(exc: Exception, command: Callable[[], str | None]) -> int:
    """An error nobody expected: one line naming the report, which holds no user text."""
    from pmcoach.app import crash
    from pmcoach.storage.errors import StoreError

    report: Path | None = None
    failure: str | None = None
    try:
        report = crash.write_report(exc, command())
    except (OSError, StoreError, ValueError) as error:
        failure = error.strerror if isinstance(error, OSError) else str(error)
    with contextlib.suppress(output.OutputError):
        sys.stderr.write(f"pmcoach: {crash.one_line(exc, report, failure)}\n")
        sys.stderr.flush()
    return EXIT_CRASH


def known_error(exc: Exception) -> str | None:
    """Errors that mean "your input or folder is wrong", never a traceback."""
    from pmcoach.storage.errors import StoreError
    from pmcoach.storage.paths import PathError

    if isinstance(exc, (StoreError, PathError)):
        return str(exc)
    from pmcoach.app.days import TODAY_ENV

    if isinstance(exc, ValueError) and os.environ.get(TODAY_ENV) and TODAY_ENV in str(exc):
        return str(exc)
    return None
