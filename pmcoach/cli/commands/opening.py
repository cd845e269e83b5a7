"""The commands that open the app: plain `pmcoach`, `assess --manager` and `drill`."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

from pmcoach.cli.exits import UsageError
from pmcoach.cli.folder import configured, data_dir

if TYPE_CHECKING:
    import argparse

NO_TERMINAL = (
    "the app needs a terminal, and standard input or output is not one; "
    "run a command instead (pmcoach --help lists them)"
)


def _theme(args: argparse.Namespace) -> None:
    """--theme for this start: checked here, handed to the app as PMCOACH_THEME is."""
    name = getattr(args, "theme", None)
    if name is None:
        return
    from pmcoach.app import themes

    if not themes.known(name):
        raise UsageError(f"no theme {name!r} (known: {', '.join(themes.KNOWN)})")
    os.environ[themes.ENV_THEME] = name


def _need_terminal() -> None:
    """Refuse to open the app without a terminal on both ends: on a pipe or /dev/null it
    would wait for keys that never come, at a full core, until killed."""
    for stream in (sys.stdin, sys.stdout):
        try:
            terminal = stream is not None and stream.isatty()
        except (OSError, ValueError):
            terminal = False
        if not terminal:
            raise UsageError(NO_TERMINAL)


def open_app(args: argparse.Namespace) -> int:
    from pmcoach.app import days

    try:
        days.check_today()  # a wrong PMCOACH_TODAY is one line here, not a crash in the app
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    _theme(args)
    _need_terminal()
    from pmcoach.tui.app import run_app

    return run_app(data_dir(args))


def assess(args: argparse.Namespace) -> int:
    if not args.manager:
        raise UsageError(
            "assess needs --manager (your manager's ratings); "
            "for a full self-assessment, run pmcoach and press a"
        )
    configured(args)  # a folder that is not set up is told so, not onboarded here
    _theme(args)
    _need_terminal()
    from pmcoach.tui.app import run_app

    return run_app(data_dir(args), start="manager")


def drill(args: argparse.Namespace) -> int:
    configured(args)  # a folder that is not set up is told so, not onboarded here
    _theme(args)
    _need_terminal()
    from pmcoach.tui.app import run_app

    return run_app(data_dir(args), start=args.drill)
