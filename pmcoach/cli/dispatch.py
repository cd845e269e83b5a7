"""Which handler a command line names, read without argparse where it can be.

Plain `pmcoach` opens the app, and `status` and `config` given alone run from shell
prompts and scripts: these are read here without building the parser (its ten
milliseconds are most of their margin) or importing argparse (a millisecond and a
half of every start). Every other command line goes to the parser
(`pmcoach.cli.parser`), which names each command's handler as "module:function" in
`pmcoach.cli.commands`.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import TYPE_CHECKING, cast

from pmcoach.cli.commands import BARE_COMMANDS, OPEN_APP, OPENS_THE_APP

if TYPE_CHECKING:
    import argparse

__all__ = ["BARE_COMMANDS", "OPENS_THE_APP", "OPEN_APP", "parsed"]


def parsed(given: list[str]) -> argparse.Namespace:
    """The command line read, as the parser would read it."""
    if not given:
        return _read()
    if len(given) == 1 and given[0] in BARE_COMMANDS:
        name = given[0]
        return _read(data_dir=None, theme=None, command=name, handler=BARE_COMMANDS[name])
    from pmcoach.cli.parser import build_parser

    return build_parser().parse_args(given)


def _read(**values: object) -> argparse.Namespace:
    """What argparse gives for these values: handlers only read attributes, and an
    argparse Namespace is a SimpleNamespace by another name."""
    return cast("argparse.Namespace", SimpleNamespace(**values))
