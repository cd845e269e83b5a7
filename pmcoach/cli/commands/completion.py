"""pmcoach completion: print a shell completion script for bash or zsh."""

from __future__ import annotations

import argparse
import sys

from pmcoach.cli.exits import EXIT_OK
from pmcoach.cli.folder import data_dir


def run(args: argparse.Namespace) -> int:
    from pmcoach.cli.completion import script
    from pmcoach.cli.parser import build_parser

    # Skills and tracks come from the folder's rubric, when there is one.
    sys.stdout.write(script(args.shell, build_parser(), data_dir(args)))
    return EXIT_OK
