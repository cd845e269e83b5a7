"""The rubric the app runs on: the built-in banks, then the user's, bad user files left out.

Built-in files must be flawless (a test holds them to it). A user file with an error is
left out as a whole, so one typo never half-loads a ladder, and the problem is reported
where the user looks (dashboard, `doctor`, `rubric validate`). Reading a file is
`parse`, its own rules `check`, the whole `merge`; with a data folder the parsing is
saved in the rubric's cache (`cached`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from pmcoach.domain.model import Rubric
from pmcoach.rubric import parse
from pmcoach.rubric.issues import RubricError, RubricIssue
from pmcoach.rubric.merge import merge
from pmcoach.rubric.parsed import ParsedFile
from pmcoach.rubric.schema import BUILTIN_BANK


@dataclass
class LoadResult:
    """What loading or `rubric validate` found: the rubric (None when nothing merges),
    every problem, and the files read."""

    rubric: Rubric | None
    issues: list[RubricIssue]
    files: list[ParsedFile]

    @property
    def errors(self) -> list[RubricIssue]:
        return [i for i in self.issues if i.severity == "error"]

    @property
    def warnings(self) -> list[RubricIssue]:
        return [i for i in self.issues if i.severity == "warning"]


def builtin_bank_dir() -> Path:
    """Where the built-in bank is: inside the installed package, else the repository's.

    A wheel carries `questions/` inside the package (pyproject's force-include), found
    through `importlib.resources`. An editable install maps the package to the source
    tree, where `questions/` sits beside `pmcoach/` rather than inside it.
    """
    from importlib.resources import files  # about a millisecond: only when banks are read

    package = Path(str(files("pmcoach"))).resolve()
    packaged = package / "questions"
    if (packaged / "tracks.toml").is_file():
        return packaged
    return package.parent / "questions"


def builtin_files() -> list[Path]:
    return sorted(builtin_bank_dir().glob("*.toml"))


def user_rubric_files(data_dir: Path) -> list[Path]:
    folder = data_dir / "rubrics"
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.glob("*.toml") if not p.name.startswith("."))


def builtin_display(path: Path) -> str:
    """A built-in file as a problem names it, the same wherever the package is installed."""
    return f"questions/{path.name}"


def load_rubric(data_dir: Path | None = None) -> LoadResult:
    """The rubric the app runs on: built-in banks plus the user's, bad user files left out.

    Raises RubricError only when the built-in bank itself is broken, which a
    test prevents from ever shipping.

    With a data folder, the parsing is kept in the rubric's cache (`cached`); what comes
    from it is checked and merged exactly as a file is.
    """
    if data_dir is None:
        return load_rubric_files(None)
    from pmcoach.rubric import cached as cache

    shown = [(p, builtin_display(p)) for p in builtin_files()]
    count = len(shown)
    shown += [(p, parse.display_name(p)) for p in user_rubric_files(data_dir)]
    parsed, from_cache = cache.parsed_files(data_dir, shown)
    try:
        return _load_rubric(parsed[:count], parsed[count:])
    except RubricError:
        if not from_cache:
            raise
    # A cache of our own that yet cannot be merged: the files say what is true.
    parsed = [parse.read_file(p, d) for p, d in shown]
    return _load_rubric(parsed[:count], parsed[count:])


def load_rubric_files(data_dir: Path | None) -> LoadResult:
    """`load_rubric` past its cache: every bank file read and checked now."""
    builtin = [parse.read_file(p, builtin_display(p)) for p in builtin_files()]
    users = [parse.read_file(p) for p in user_rubric_files(data_dir)] if data_dir else []
    return _load_rubric(builtin, users)


def _load_rubric(builtin: list[ParsedFile], users: Sequence[ParsedFile] = ()) -> LoadResult:
    """The built-in bank must be flawless; a user file with an error is left out whole, and
    user files that conflict are dropped from the last until the rest merges."""
    issues = [i for f in builtin for i in f.issues]
    if not builtin or any(not f.ok for f in builtin):
        if not builtin:
            issues.append(
                RubricIssue(str(builtin_bank_dir()), None, "", "no built-in rubric found")
            )
        raise RubricError(issues)
    for parsed in users:
        if parsed.bank == BUILTIN_BANK:
            parsed.add(
                "bank",
                f"'{BUILTIN_BANK}' is the name of the built-in bank; choose your own",
                parsed.source.line_of_key((), "bank"),
            )
        issues.extend(parsed.issues)
    files = [*builtin, *(f for f in users if f.ok)]
    rubric, merge_issues = merge(files)
    if rubric is None:
        # A user file conflicts with another file: drop user files one by one from
        # the end until the rest merges, so the app still runs on what is sound.
        kept = list(files)
        while rubric is None and len(kept) > len(builtin):
            kept.pop()
            rubric, _ = merge(kept)
        if rubric is None:
            raise RubricError(issues + merge_issues)
    issues.extend(merge_issues)
    return LoadResult(rubric, issues, [*builtin, *users])
