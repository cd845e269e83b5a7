"""pmcoach rubric validate: check rubric files and say exactly what is wrong."""

from __future__ import annotations

import argparse
from pathlib import Path

from pmcoach.cli.exits import EXIT_OK, EXIT_USAGE, UsageError
from pmcoach.cli.folder import data_dir


def validate(args: argparse.Namespace) -> int:
    from pmcoach.rubric.validate import validate

    files: list[Path] = args.files
    for path in files:
        if not path.exists():
            raise UsageError(f"{path}: no such file")
    root = data_dir(args) if not files else None
    result = validate(files, root)
    for issue in result.issues:
        print(issue)
    checked = len(result.files)
    errors, warnings = len(result.errors), len(result.warnings)
    summary = f"checked {checked} file{'s' * (checked != 1)}: "
    summary += f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"
    if result.rubric is not None and not errors:
        r = result.rubric
        summary += (
            f" ({len(r.tracks)} tracks, {len(r.skills)} skills, {len(r.questions)} questions, "
            f"{len(r.exercises)} exercises, {len(r.drill_cards)} drill cards)"
        )
    print(summary)
    return EXIT_USAGE if errors else EXIT_OK
