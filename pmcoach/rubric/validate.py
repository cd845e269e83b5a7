"""`pmcoach rubric validate`: named rubric files checked on top of the built-in bank.

A company checks its ladder before dropping it into `rubrics/`; the same rules as
loading (`parse`, `check`, `merge`), with only the named files' problems shown.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from pmcoach.rubric import parse
from pmcoach.rubric.load import LoadResult, builtin_display, builtin_files, user_rubric_files
from pmcoach.rubric.merge import merge
from pmcoach.rubric.parsed import ParsedFile


def validate(paths: Sequence[Path], data_dir: Path | None = None) -> LoadResult:
    """`pmcoach rubric validate`: check named files against the built-in bank.

    With no paths, checks the built-in bank and the user's rubrics. Named files
    are checked on top of the built-in bank (minus any of its own files that are
    named), so a company file may refer to built-in skills and ideas.
    """
    builtin_paths = builtin_files()
    context: list[ParsedFile] = []
    if paths:
        named = [p.resolve() for p in paths]
        kept = [p for p in builtin_paths if p.resolve() not in named]
        context = [parse.read_file(p, builtin_display(p)) for p in kept]
        targets = [parse.read_file(p) for p in paths]
    else:
        targets = [parse.read_file(p, builtin_display(p)) for p in builtin_paths]
        if data_dir is not None:
            targets += [parse.read_file(p) for p in user_rubric_files(data_dir)]
    issues = [i for f in context + targets for i in f.issues]
    rubric, merge_issues = merge(context + targets)
    issues.extend(merge_issues)
    # The built-in bank's own findings are only news when it is under test.
    shown = {t.display for t in targets}
    issues = [i for i in issues if i.file in shown or not paths]
    return LoadResult(rubric, issues, targets)
