"""What happens on an error nobody expected: one line, and a report without the user's words.

A traceback printed with its local variables once put 189 private notes on the
screen (and into whatever recorded the terminal). The report written here holds
only what a fix needs and nothing a user wrote:

* the exception's type (qualified name), never its message: messages carry
  values (`KeyError('my note')`, a TOML parser quoting a line, a path naming a
  client), and there is no telling which do;
* each frame's file, line number and function name, never the source line's
  locals or arguments; for the exceptions it was raised from as well;
* pmcoach's, Python's and the system's versions.

It goes into the cache folder (not the data folder, which may be synced or
shared) as a 0600 file in a 0700 folder. Nothing here is imported until an error
happens, so it costs a command's start nothing.
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import sys
import traceback
from pathlib import Path

from pmcoach import __version__
from pmcoach.storage import paths

REPORT_PREFIX = "crash-"
REPORT_SUFFIX = ".txt"
# How many exceptions of a chain (raised from, or while handling, another) are reported.
MAX_CHAIN = 8


def chain(error: BaseException) -> list[BaseException]:
    """The error and those it came from, innermost last, each once.

    Textual reports a failed worker as a `WorkerFailed` built (not raised) around
    the real error, kept in its `error` attribute: that one is followed too.
    """
    found: list[BaseException] = []
    current: BaseException | None = error
    while current is not None and current not in found and len(found) < MAX_CHAIN:
        found.append(current)
        inner = getattr(current, "error", None)
        if isinstance(inner, BaseException) and current.__traceback__ is None:
            current = inner
        else:
            current = current.__cause__ or current.__context__
    return found


def type_name(error: BaseException) -> str:
    kind = type(error)
    module = kind.__module__
    return kind.__qualname__ if module == "builtins" else f"{module}.{kind.__qualname__}"


def frames(error: BaseException) -> list[tuple[str, int, str]]:
    """(file, line, function) of each frame, outermost first; no source, no locals."""
    return [
        (summary.filename, summary.lineno or 0, summary.name)
        for summary in traceback.extract_tb(error.__traceback__, limit=None)
    ]


def where(error: BaseException) -> str:
    """The innermost pmcoach frame of the error (else the innermost frame), as file:line."""
    package = os.path.dirname(os.path.abspath(__file__))
    found = ""
    for filename, line, _name in frames(error):
        if os.path.abspath(filename).startswith(package + os.sep):
            found = f"{os.path.relpath(filename, os.path.dirname(package))}:{line}"
        elif not found:
            found = f"{os.path.basename(filename)}:{line}"
    return found


def report_text(error: BaseException, command: str | None = None) -> str:
    lines = [
        "pmcoach stopped on an unexpected error.",
        "This report holds no message text, values or local variables, only where it happened.",
        "",
        f"pmcoach: {__version__}",
        f"python:  {platform.python_version()} ({sys.platform})",
        f"time:    {dt.datetime.now(dt.UTC):%Y-%m-%dT%H:%M:%SZ}",
    ]
    # The command's name only: its arguments can be the text of a win or a note.
    lines.append(f"command: {command or '(the app)'}")
    for number, link in enumerate(chain(error)):
        lines += ["", f"{'error' if number == 0 else 'raised while handling'}: {type_name(link)}"]
        lines += _collapsed([f"  {f}:{line} in {name}" for f, line, name in frames(link)])
    return "\n".join(lines) + "\n"


def _collapsed(rows: list[str]) -> list[str]:
    """Runs of one repeated frame (a RecursionError's thousand) as one row and a count."""
    out: list[str] = []
    repeats = 0
    for number, row in enumerate(rows):
        if number and row == rows[number - 1]:
            repeats += 1
            continue
        if repeats:
            out.append(f"  [the frame above, {repeats} more times]")
            repeats = 0
        out.append(row)
    if repeats:
        out.append(f"  [the frame above, {repeats} more times]")
    return out


def write_report(error: BaseException, command: str | None = None) -> Path:
    """Write the report into the cache folder; raises OSError or StoreError when it cannot."""
    from pmcoach.storage.files import FILE_MODE, make_private_dir

    folder = paths.cache_root()
    make_private_dir(folder)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    data = report_text(error, command).encode("utf-8", "backslashreplace")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)
    for attempt in range(100):
        path = folder / f"{REPORT_PREFIX}{stamp}-{os.getpid()}-{attempt}{REPORT_SUFFIX}"
        try:
            fd = os.open(path, flags, FILE_MODE)
        except FileExistsError:
            continue
        try:
            os.fchmod(fd, FILE_MODE)
            os.write(fd, data)
        finally:
            os.close(fd)
        return path
    raise FileExistsError(f"no free report name in {folder}")


def primary(error: BaseException) -> BaseException:
    """The error to name: the first of the chain that was raised (has frames)."""
    return next((e for e in chain(error) if e.__traceback__ is not None), error)


def one_line(error: BaseException, report: Path | None, failure: str | None = None) -> str:
    """What the user reads: what happened and where the details are."""
    named = primary(error)
    place = where(named)
    what = f"unexpected error ({type_name(named)}{' at ' + place if place else ''})"
    if report is not None:
        return f"{what}; details in {report}"
    return f"{what}; no report could be written ({failure or 'unknown reason'})"
