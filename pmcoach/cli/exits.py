"""How a command ends: its exit status, and the one error that means "you asked wrong".

Every command module returns these codes (README lists them, as `pmcoach --help` does);
a `UsageError` is printed as one line by the entry point (`pmcoach.cli.main`), exit 2.
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_USAGE = 2
EXIT_DUE = 3
EXIT_OVERDUE = 4
EXIT_CRASH = 70  # an unexpected error, reported in a file (EX_SOFTWARE in sysexits.h)
EXIT_BROKEN_PIPE = 141  # what a shell reports for a program a closed pipe ended


class UsageError(Exception):
    """Anything the user did that we refuse: printed as one line, exit 2."""
