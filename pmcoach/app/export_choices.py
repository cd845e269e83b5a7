"""What the app's export screen offers: the last format, period and folder, or the defaults.

What is written is the export (`pmcoach export`: the report in md or html, the data in csv or
json) or the self-review draft (`pmcoach review`, md or html), each with its own default
period and file name. Kept in config.toml (`[export]`) so the choices follow the person to
the next start. Every
value is checked when offered, not trusted: a format pmcoach does not know, a period the
command line would refuse, or a folder that is not one (or is not absolute, or holds a
character that cannot be shown) is passed over for the default, never an error. The
default folder is the documents folder (`paths.export_dir`), never the current one.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from pmcoach.export import FORMATS, REVIEW_FORMATS, ExportError, Period
from pmcoach.export.files import REVIEW_STEM, default_name
from pmcoach.export.period import parse_period
from pmcoach.storage import paths
from pmcoach.storage.config import EXPORT_LIMIT
from pmcoach.storage.errors import StoreError

if TYPE_CHECKING:
    from pmcoach.app.workspace import Workspace
    from pmcoach.domain.model import Config

DEFAULT_FORMAT = "md"
# `[export] what`: the draft written last was the self-review (absent: the export).
REVIEW = "review"


@dataclass(frozen=True)
class Choices:
    fmt: str
    period: str  # as typed in the period field; "" is the format's default
    folder: Path
    review: bool = False  # the self-review draft, not the export

    def file(self, today: dt.date, name: str | None) -> Path:
        """The file offered: the folder, then what it is, whose, and the day."""
        return self.folder / file_name(self.fmt, self.review, today, name)


def file_name(fmt: str, review: bool, today: dt.date, name: str | None) -> str:
    """The name `pmcoach export` or `pmcoach review` gives the same file."""
    return default_name(fmt, today, name, REVIEW_STEM if review else None)


def period_of(fmt: str, review: bool, text: str, today: dt.date) -> Period:
    """The period field in the command line's words; empty is the default of what is
    written: the format's for the export, the last REVIEW_MONTHS months for the review."""
    if review and not text.strip():
        from pmcoach.export.review import review_period

        return review_period(today)
    return parse_period(fmt, text, today)


def _folder(text: str | None) -> Path | None:
    if not text:
        return None
    try:
        folder = paths.expand(text)
    except paths.PathError:
        return None
    try:
        # Not just "no such folder": a name too long for the filesystem (or, for another
        # user, a folder they may not look into) is an OSError that is_dir() lets through.
        return folder if folder.is_absolute() and folder.is_dir() else None
    except OSError:
        return None


def offered(config: Config | None, today: dt.date) -> Choices:
    """The last choices that still make sense today, each else its default; the review
    draft only in a format it has (md, html), else the export."""
    saved = dict(config.export) if config is not None else {}
    fmt = saved.get("format", DEFAULT_FORMAT)
    if fmt not in FORMATS:
        fmt = DEFAULT_FORMAT
    review = saved.get("what") == REVIEW and fmt in REVIEW_FORMATS
    period = saved.get("period", "")
    try:
        period_of(fmt, review, period, today)
    except ExportError:
        period = ""
    folder = _folder(saved.get("folder")) or paths.export_dir()
    return Choices(fmt, period, folder, review)


def remember(workspace: Workspace, choices: Choices) -> None:
    """Keep the choices of an export just written, onto the settings as they are on disk.

    Best effort: an export that was written is not undone, nor reported as failed,
    because its choices could not be kept (a read-only folder, a broken config.toml, or
    none: settings gone from disk meanwhile are not the export's to write anew)."""
    folder = os.fspath(choices.folder)
    value = {"format": choices.fmt, "folder": folder}
    if choices.review:
        value["what"] = REVIEW
    if choices.period.strip():
        value["period"] = choices.period.strip()
    if len(folder) > EXPORT_LIMIT or not folder.isprintable():
        del value["folder"]

    def kept(current: Config | None) -> Config:
        if current is None:  # a default config.toml would replace the settings held here
            raise StoreError("config.toml is gone; the export's choices are not kept")
        return replace(current, export=value)

    if workspace.config is None:  # not set up: nothing to keep them beside
        return
    with contextlib.suppress(StoreError, OSError):
        workspace.config = workspace.store.update_config(kept)
