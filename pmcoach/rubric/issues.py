"""How a problem in a rubric file is told: `FILE:LINE: key.path: message`.

A company drops its own ladder into `rubrics/` and must be told exactly what is wrong
with it, so every problem carries the file, the line and the key path. The words come
from the file, so they are made safe for a terminal here, once, for every check.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

# Line breaks and terminal controls, shown escaped in an issue (see RubricIssue).
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class RubricIssue:
    """One problem, printed as `FILE:LINE: key.path: message`."""

    file: str
    line: int | None
    path: str
    message: str
    severity: Severity = "error"

    def __post_init__(self) -> None:
        # Keys and values in messages come from the file: a line break or an escape
        # sequence in one must not split the line or reach the terminal, and a key of a
        # megabyte is not worth printing whole.
        for name, limit in (("file", 500), ("path", 200), ("message", 500)):
            text = _CONTROLS.sub(lambda m: repr(m.group())[1:-1], getattr(self, name))
            if len(text) > limit:
                text = text[: limit - 1] + "…"
            object.__setattr__(self, name, text)

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        prefix = "warning: " if self.severity == "warning" else ""
        path = f" {self.path}:" if self.path else ""
        return f"{where}:{path} {prefix}{self.message}"


class RubricError(Exception):
    """Raised when a rubric the app needs cannot be loaded at all."""

    def __init__(self, issues: Sequence[RubricIssue]) -> None:
        self.issues = tuple(issues)
        super().__init__("\n".join(str(i) for i in issues))


def did_you_mean(key: str, known: Iterable[str]) -> str:
    """The closest known name, as the end of a message, for a key mistyped."""
    close = difflib.get_close_matches(key, list(known), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""
