"""One rubric file as read: its tables, its bank and version, and its problems.

The per-file checks (`check`) fill it, the merge (`merge`) reads it, and the rubric's
cache (`cached`) keeps what it needs to give one back without parsing again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pmcoach.rubric.issues import RubricIssue, Severity
from pmcoach.rubric.lines import SourceMap


@dataclass
class Entry:
    """One table of a file after the per-file checks, with where it came from."""

    table: str
    index: int
    data: dict[str, Any]
    file: ParsedFile

    @property
    def id(self) -> str:
        return str(self.data.get("id", ""))

    @property
    def path(self) -> str:
        return f"{self.table}[{self.index}]"

    def line(self, key: str | None = None) -> int | None:
        return self.file.source.line_of(self.table, self.index, key)


@dataclass
class ParsedFile:
    path: Path
    display: str
    source: SourceMap
    bank: str = ""
    version: str = ""
    entries: list[Entry] = field(default_factory=list)
    issues: list[RubricIssue] = field(default_factory=list)
    # The parsed document and its text, kept for the rubric's cache (see `cached`).
    document: dict[str, Any] | None = field(default=None, repr=False, compare=False)
    text: str = field(default="", repr=False, compare=False)

    @property
    def ok(self) -> bool:
        return not any(i.severity == "error" for i in self.issues)

    def add(
        self,
        path: str,
        message: str,
        line: int | None = None,
        severity: Severity = "error",
    ) -> None:
        self.issues.append(RubricIssue(self.display, line, path, message, severity))
