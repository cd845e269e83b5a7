"""The `pmcoach` command line's entry point: it runs one command, never a traceback.

Each command lives in its own module under `pmcoach.cli.commands`; the parser
(`pmcoach.cli.parser`) names it as "module:function" and only the module of the
command given is imported.
Start-up time matters: `status` runs from shell prompts and `config` from
scripts, so this module imports only the standard library and small pieces of
`pmcoach.cli` at the top, and each command imports what it needs. Textual (about
260 ms) is imported only when the app opens.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from pmcoach.cli import output
from pmcoach.cli.dispatch import OPEN_APP, OPENS_THE_APP, parsed
from pmcoach.cli.exits import EXIT_USAGE, UsageError

if TYPE_CHECKING:
    import argparse

__all__ = ["OPEN_APP", "main"]

Handler = Callable[["argparse.Namespace"], int]


def _handler(name: str) -> Handler:
    """The function `name` stands for, importing its module (and only it) now."""
    module, _, function = name.partition(":")
    found: Handler = getattr(importlib.import_module(f"pmcoach.cli.commands.{module}"), function)
    return found


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command (or the app) and return its exit status; never a traceback.

    Standard output and error are replaced first (see `pmcoach.cli.output`): on a
    terminal nothing a file, a folder or the command line holds can reach it as a
    control sequence, and a write that fails is told apart from other errors.
    """
    given = sys.argv[1:] if argv is None else list(argv)
    saved = sys.stdout, sys.stderr
    output.install()
    try:
        try:
            code = _run(given)
        except SystemExit:  # argparse, after --help, --version or a usage error
            sys.stdout.flush()  # --help into a full disk is one line as well
            raise
        sys.stdout.flush()
        return code
    except output.OutputError as exc:
        from pmcoach.cli import failures

        return failures.output_failed(exc)
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        from pmcoach.cli import failures

        return failures.crashed(exc, lambda: _command_name(given))
    finally:
        sys.stdout, sys.stderr = saved  # for a caller in the same process, as tests are


def _run(given: list[str]) -> int:
    args = parsed(given)
    name: str = getattr(args, "handler", OPEN_APP)
    if name != OPEN_APP:
        # A command runs for a fraction of a second and then exits: the cyclic garbage
        # collector would only spend 15-20 ms walking ten years of answers it never frees.
        import gc

        gc.disable()
        # A character the terminal's encoding lacks must not end in a traceback.
        output.reconfigure(sys.stdout, "replace")
        output.reconfigure(sys.stderr, "backslashreplace")
    try:
        handler = _handler(name)
        if name in OPENS_THE_APP:
            # Before anything slow: keys typed while the app starts are the app's.
            from pmcoach.cli.flow_control import keys_not_flow_control

            with keys_not_flow_control():
                return handler(args)
        return handler(args)
    except UsageError as exc:
        sys.stderr.write(f"pmcoach: {exc}\n")
        return EXIT_USAGE
    except Exception as exc:
        from pmcoach.cli import failures

        known = failures.known_error(exc)
        if known is None:
            raise
        sys.stderr.write(f"pmcoach: {known}\n")
        return EXIT_USAGE


def _command_name(given: list[str]) -> str | None:
    """The command's name (`rubric validate`), never its arguments."""
    from pmcoach.cli.parser import build_parser

    try:
        args, _rest = build_parser().parse_known_args(given)
    except (SystemExit, Exception):
        return None
    names = [getattr(args, "command", None)]
    names += [getattr(args, f"{n}_command", None) for n in ("rubric", "feedback")]
    return " ".join(n for n in names if n) or None
