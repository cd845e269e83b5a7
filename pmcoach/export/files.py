"""Reading a data folder into an export and writing the result, for the command and the app.

Both ask the same questions (which period, private or not, which file) and must
refuse the same things (an existing file without --force, a folder that is not
there), so the answers live here once.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import stat
from collections.abc import Callable
from pathlib import Path

from pmcoach.domain.model import Config, Rubric
from pmcoach.export import SUFFIXES, ExportData, ExportError, Period
from pmcoach.storage.errors import NameTaken, Problem, StoreError
from pmcoach.storage.files import write_atomic, write_new
from pmcoach.storage.paths import expand
from pmcoach.storage.store import Store

# Names for the formats that do not go to standard output without -o.
DEFAULT_STEMS = {
    "md": "pmcoach-report",
    "html": "pmcoach-report",
    "csv": "pmcoach-answers",
    "json": "pmcoach-export",
}


def gather(
    store: Store,
    config: Config,
    rubric: Rubric | Callable[[], Rubric],
    period: Period,
    include_private: bool,
    now: dt.datetime,
) -> ExportData:
    """The export's data; `rubric` may be a function, called only if the format needs it."""
    return ExportData(
        config=config,
        rubric=rubric,
        sessions=tuple(sorted(store.sessions(), key=lambda s: (s.started, s.id))),
        events=tuple(sorted(store.events(), key=lambda e: (e.at, e.id))),
        period=period,
        include_private=include_private,
        now=now,
        unreadable=tuple(_inside(store.root, p) for p in store.unreadable),
    )


def folder_rubric(root: Path) -> Callable[[], Rubric]:
    """The data folder's rubric, loaded only when a format first asks for it (the JSON
    backup never does, and parsing the bank costs as much as the rest of an export)."""

    def load() -> Rubric:
        from pmcoach.rubric.load import load_rubric

        loaded = load_rubric(root).rubric
        assert loaded is not None  # load_rubric raises when it cannot build one
        return loaded

    return load


def _inside(root: Path, problem: Problem) -> str:
    try:
        where = problem.path.relative_to(root).as_posix()
    except ValueError:
        where = str(problem.path)
    return f"{where}: {problem.reason}"


REVIEW_STEM = "pmcoach-review"
# A name in a file name: letters and digits of any script; the rest becomes one dash.
_NOT_A_WORD = re.compile(r"[\W_]+")
NAME_IN_FILE = 40


def name_part(name: str | None) -> str:
    """The person's name as a file name may hold it ("Alex O'Neil" → "alex-o-neil"): no
    separator, no dot to hide the file or change its type, nothing a shell or a synced
    folder trips on; "" when nothing is left."""
    if not name:
        return ""
    word = _NOT_A_WORD.sub("-", name.casefold()).strip("-")
    return word[:NAME_IN_FILE].rstrip("-")


def default_name(fmt: str, today: dt.date, name: str | None = None, stem: str | None = None) -> str:
    """`pmcoach-report-alex-doe-2026-12-07.md`: what it is, whose, and from when, so a
    manager's downloads folder tells one person's reports apart from another's."""
    who = name_part(name)
    parts = [stem or DEFAULT_STEMS[fmt], *([who] if who else []), today.isoformat()]
    return "-".join(parts) + SUFFIXES[fmt]


# Names that mean this command's own standard output, not a file to replace: `-o -`, and
# the names a shell user reaches for (`-o /dev/stdout`), which are links to whatever
# the output is (a terminal, a pipe, a file the shell opened).
STANDARD_OUTPUT = frozenset({"-", "/dev/stdout", "/dev/fd/1", "/proc/self/fd/1"})


def is_standard_output(path: Path | str) -> bool:
    return str(path) in STANDARD_OUTPUT


def check_target(path: Path | str, force: bool) -> Path:
    """Refuse before any work is done: standard output by name (the command writes there
    without -o), a link (the export goes to the file named, never to wherever a link
    points), and then what pmcoach.storage.target refuses for every command: a folder, a FIFO or
    a device even with --force, an existing file without it, a missing folder."""
    from pmcoach.storage.target import TargetError
    from pmcoach.storage.target import check_target as check

    target = expand(path)
    if is_standard_output(target):
        # The command line writes there without -o; here it would be a file to replace.
        raise ExportError(f"{target} is standard output, not a file: give a file name")
    try:
        # is_symlink() lets through any error but "no such file": a name too long, say.
        linked = stat.S_ISLNK(os.lstat(target).st_mode)
    except (FileNotFoundError, NotADirectoryError):
        linked = False
    except OSError as exc:
        raise ExportError(f"cannot write {target}: {exc.strerror or exc}") from None
    if linked:
        raise ExportError(f"{target} is a symbolic link; give the name of the file itself")
    try:
        return check(path, force, to_output="leave out -o")
    except TargetError as exc:
        raise ExportError(str(exc)) from None


def check_suffix(path: Path | str, fmt: str) -> None:
    """Refuse a name whose ending names another format (`report.html` for Markdown): the
    file would open as something it is not, in a browser or an editor, and the person
    who typed the name meant one of the two. A name ending in anything else is theirs."""
    suffix = Path(path).suffix.casefold()
    named = next((other for other, known in SUFFIXES.items() if known == suffix), None)
    if named is not None and named != fmt:
        raise ExportError(
            f"{Path(path).name} ends in {suffix} but the format is {fmt}: "
            f"end the name in {SUFFIXES[fmt]}, or choose {named}"
        )


def write_export(path: Path | str, text: str, force: bool) -> Path:
    """All or nothing: a reader or a crash never sees half a report. Without `force` the
    file is created only where none is, even one made since the checks (a sync tool)."""
    target = check_target(path, force)
    data = text.encode("utf-8")
    try:
        if force:
            write_atomic(target, data)
        else:
            write_new(target, data)
    except NameTaken:
        raise ExportError(f"{target} was made meanwhile; not replaced") from None
    except StoreError as exc:
        raise ExportError(str(exc)) from None
    return target
