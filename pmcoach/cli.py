"""The `pmcoach` command line.

Start-up time matters: `status` runs from shell prompts and `config` from
scripts, so this module imports only the standard library at the top and
each command imports what it needs. Textual (about 260 ms) is imported only
when the app opens.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NoReturn

from pmcoach import __version__

EXIT_OK = 0
EXIT_USAGE = 2
EXIT_DUE = 3
EXIT_OVERDUE = 4


class UsageError(Exception):
    """Anything the user did that we refuse: printed as one line, exit 2."""


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line instead of usage plus a message."""

    def error(self, message: str) -> NoReturn:
        sys.stderr.write(f"{self.prog}: {message} (see '{self.prog} --help')\n")
        raise SystemExit(EXIT_USAGE)


Handler = Callable[[argparse.Namespace], int]


def _data_dir_option(parser: argparse.ArgumentParser, *, top: bool) -> None:
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        default=None if top else argparse.SUPPRESS,
        help="data folder (default: $PMCOACH_HOME, else the platform's user data folder)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="pmcoach",
        description="A private, ten-minute weekly coach for product managers.",
        epilog="With no command, pmcoach opens the app. Exit status: 0 success, "
        "2 usage or input error, 3 review due, 4 review overdue.",
    )
    parser.add_argument("--version", action="version", version=f"pmcoach {__version__}")
    _data_dir_option(parser, top=True)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    def command(name: str, summary: str, handler: Handler) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=summary, description=summary)
        _data_dir_option(sub, top=False)
        sub.set_defaults(handler=handler)
        return sub

    demo = command("demo", "write a realistic demo history into an empty folder", _cmd_demo)
    demo.add_argument("--weeks", type=_weeks, default=26, help="weeks of history (default 26)")
    demo.add_argument("--seed", type=int, default=7, help="random seed (default 7)")
    demo.add_argument(
        "--end", type=_date, default=None, help="last day, YYYY-MM-DD (default today)"
    )
    demo.add_argument("--track", default="senior", help="track id (default senior)")
    command("config", "show where the data folder is and what is set", _cmd_config)
    command("doctor", "list files pmcoach cannot read, and rubric problems", _cmd_doctor)

    rubric = commands.add_parser(
        "rubric", help="work with rubric files", description="Work with rubric files."
    )
    _data_dir_option(rubric, top=False)
    rubric_commands = rubric.add_subparsers(dest="rubric_command", metavar="ACTION")
    rubric_commands.required = True
    validate = rubric_commands.add_parser(
        "validate",
        help="check rubric files and say exactly what is wrong",
        description="Check rubric files. With no FILE: the built-in bank and your rubrics/. "
        "Each problem is one line FILE:LINE: key.path: message.",
    )
    _data_dir_option(validate, top=False)
    validate.add_argument("files", nargs="*", metavar="FILE", type=Path)
    validate.set_defaults(handler=_cmd_rubric_validate)
    return parser


def _weeks(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of weeks") from None
    if not 1 <= value <= 1040:
        raise argparse.ArgumentTypeError("weeks must be 1 to 1040")
    return value


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date (YYYY-MM-DD)") from None


def data_dir(args: argparse.Namespace) -> Path:
    from pmcoach.paths import resolve_data_dir

    return resolve_data_dir(getattr(args, "data_dir", None))


# --------------------------------------------------------------------------- commands


def _cmd_rubric_validate(args: argparse.Namespace) -> int:
    from pmcoach.rubric import validate

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


def _cmd_demo(args: argparse.Namespace) -> int:
    from pmcoach.clock import now
    from pmcoach.demo import DemoPlan, write_demo
    from pmcoach.rubric import load_rubric

    if getattr(args, "data_dir", None) is None:
        raise UsageError(
            "demo needs --data-dir DIR (an empty folder), so it never mixes with your own data"
        )
    root = data_dir(args)
    rubric = load_rubric(None).rubric
    assert rubric is not None
    if rubric.track(args.track) is None:
        known = ", ".join(t.id for t in rubric.tracks)
        raise UsageError(f"no track '{args.track}' (known: {known})")
    plan = DemoPlan(weeks=args.weeks, seed=args.seed, end=args.end, track=args.track)
    count = write_demo(root, rubric, plan, now().date())
    print(f"wrote {count} sessions and config.toml to {root}")
    print(f"open it with: pmcoach --data-dir {root}")
    return EXIT_OK


def _cmd_config(args: argparse.Namespace) -> int:
    from pmcoach.paths import cache_dir
    from pmcoach.settings import describe
    from pmcoach.store import Store

    root = data_dir(args)
    store = Store.open(root)
    print(f"data folder: {root}")
    print(f"cache:       {cache_dir(root)}")
    config = store.load_config()
    if config is None:
        print("not set up yet: run pmcoach to choose a track and a review day")
        return EXIT_OK
    for line in describe(config):
        print(line)
    return EXIT_OK


def _cmd_doctor(args: argparse.Namespace) -> int:
    from pmcoach.rubric import load_rubric
    from pmcoach.store import Store

    root = data_dir(args)
    store = Store.open(root)
    store.sessions()
    store.events()
    problems = [f"{p.path}: {p.reason}" for p in store.problems]
    rubric_issues = [str(i) for i in load_rubric(root).issues]
    for line in problems + rubric_issues:
        print(line)
    if problems or any("warning:" not in line for line in rubric_issues):
        print(f"{len(problems)} unreadable file(s), {len(rubric_issues)} rubric finding(s)")
        return EXIT_USAGE
    print(f"all good: {root}")
    return EXIT_OK


def _open_app(args: argparse.Namespace) -> int:
    from pmcoach.tui.app import run_app

    return run_app(data_dir(args))


# --------------------------------------------------------------------------- entry


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Handler = getattr(args, "handler", _open_app)
    try:
        return handler(args)
    except UsageError as exc:
        sys.stderr.write(f"pmcoach: {exc}\n")
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        known = _known_error(exc)
        if known is None:
            raise
        sys.stderr.write(f"pmcoach: {known}\n")
        return EXIT_USAGE


def _known_error(exc: Exception) -> str | None:
    """Errors that mean "your input or folder is wrong", never a traceback."""
    from pmcoach.store import StoreError

    if isinstance(exc, StoreError):
        return str(exc)
    if (
        isinstance(exc, ValueError)
        and os.environ.get("PMCOACH_TODAY")
        and "PMCOACH_TODAY" in str(exc)
    ):
        return str(exc)
    return None
