"""Where an export or a team page goes: standard output, the file named, or a file in
the documents folder when a page would only scroll past on a terminal."""

from __future__ import annotations

import sys
from pathlib import Path

# Formats that, without -o, go to a file rather than onto a terminal.
TO_A_FILE = ("html", "json")


def output_target(output: str | None, to_a_file: bool, name: str) -> Path | str | None:
    """Where an export or a team page goes; None is standard output.

    `-o -` or `-o /dev/stdout` is where it goes without -o. Without -o, a page of HTML or a
    whole backup (`to_a_file`) is no use scrolled past in a terminal: on a terminal it is
    written as `name` into the documents folder; to a pipe or a file (`> report.html`) it
    goes where the shell sends it. The name is kept as typed: `dir/` names a folder, `""`
    no file at all, and a Path would hide both.
    """
    from pmcoach.export.files import is_standard_output

    if output is not None and is_standard_output(output):
        return None
    if output is None and to_a_file and getattr(sys.stdout, "terminal", False):
        from pmcoach.storage.paths import export_dir

        return export_dir() / name
    return output


def deliver(text: str, written: Path | None, label: str, unreadable: int) -> None:
    """The export on standard output, or where it was written said on standard error,
    with the files it had to leave out counted: a reader is never told less than all."""
    if written is None:
        sys.stdout.write(text)
    else:
        sys.stderr.write(f"wrote {written} ({label})\n")
    if unreadable:
        plural = "s" * (unreadable != 1)
        sys.stderr.write(
            f"{unreadable} unreadable file{plural} left out (pmcoach doctor lists them)\n"
        )
