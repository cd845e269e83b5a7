"""pmcoach doctor: the files pmcoach cannot read, and rubric problems."""

from __future__ import annotations

import argparse

from pmcoach.cli.exits import EXIT_OK, EXIT_USAGE, UsageError
from pmcoach.cli.folder import NOT_SET_UP, data_dir


def run(args: argparse.Namespace) -> int:
    from pmcoach.cache.opener import open_store
    from pmcoach.rubric.load import load_rubric
    from pmcoach.storage.errors import StoreError

    root = data_dir(args)
    if not root.exists() and not root.is_symlink():
        raise UsageError(f"{NOT_SET_UP} (data folder {root})")
    store = open_store(root, write=False)
    problems: list[str] = []
    try:
        store.load_config()
    except StoreError as exc:
        problems.append(str(exc))
    store.sessions()
    store.events()
    found = [f"{p.path}: {p.reason}" for p in store.problems]
    duplicates = len(found) - len(store.unreadable)
    problems += found
    rubric_issues = [str(i) for i in load_rubric(root).issues]
    for line in problems + rubric_issues:
        print(line)
    if problems or any("warning:" not in line for line in rubric_issues):
        copies = f"{duplicates} duplicate cop{'ies' if duplicates != 1 else 'y'} not used, "
        print(
            f"{len(problems) - duplicates} unreadable file(s), {copies * bool(duplicates)}"
            f"{len(rubric_issues)} rubric finding(s)"
        )
        return EXIT_USAGE
    print(f"all good: {root}")
    return EXIT_OK
