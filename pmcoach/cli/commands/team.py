"""pmcoach team: a manager's page of several PMs' JSON exports side by side."""

from __future__ import annotations

import argparse
import os
import sys

from pmcoach.cli.destination import output_target
from pmcoach.cli.exits import EXIT_OK, UsageError
from pmcoach.cli.folder import data_dir


def run(args: argparse.Namespace) -> int:
    from pmcoach.app import days
    from pmcoach.export import ExportError, json_read, team, team_read
    from pmcoach.export.files import check_suffix, check_target, write_export
    from pmcoach.rubric.load import load_rubric

    try:
        name = f"pmcoach-team-{days.now_here().date().isoformat()}.html"
        target = output_target(args.output, args.format == "html", name)
        if target is not None:
            check_suffix(target, args.format)
            check_target(target, args.force)  # before the work, not after it
        members = []
        seen: dict[str, str] = {}
        for name in args.files:
            real = name if name == "-" else os.path.realpath(name)
            if real in seen:
                raise UsageError(f"{name}: given twice (as {seen[real]})")
            seen[real] = name
            members.append(team_read.read_member(name, json_read.read_file(name)))
        # This pmcoach's rubric: the built-in bank and the banks in the data folder, if
        # any, so PMs who share a company bank are compared on its skills too.
        rubric = load_rubric(data_dir(args)).rubric
        assert rubric is not None  # load_rubric raises when it cannot build one
        page = team.build_team(members, rubric)
        if args.format == "html":
            from pmcoach.export.team_html import render_team
        else:
            from pmcoach.export.team_markdown import render_team
        text = render_team(page)
        written = None if target is None else write_export(target, text, args.force)
    except (ExportError, json_read.ImportRefused, team_read.TeamRefused) as exc:
        raise UsageError(str(exc)) from None
    if written is None:
        sys.stdout.write(text)
    else:
        count = len(members)
        sys.stderr.write(f"wrote {written} ({count} export{'s' * (count != 1)})\n")
    return EXIT_OK
