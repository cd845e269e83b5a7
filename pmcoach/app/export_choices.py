"""What the app's export screen offers: the last format, period and folder, or the defaults.

Kept in config.toml (`[export]`) so the choices follow the person to the next start. Every
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

from pmcoach.export import FORMATS, ExportError
from pmcoach.export.files import default_name
from pmcoach.export.period import parse_period
from pmcoach.storage import paths
from pmcoach.storage.config import EXPORT_LIMIT
from pmcoach.storage.errors import StoreError

if TYPE_CHECKING:
    from pmcoach.app.workspace import Workspace
    from pmcoach.domain.model import Config

DEFAULT_FORMAT = "md"


@dataclass(frozen=True)
class Choices:
    fmt: str
    period: str  # as typed in the period field; "" is the format's default
    folder: Path

    def file(self, today: dt.date, name: str | None) -> Path:
        """The file offered: the folder, then what it is, whose, and the day."""
        return self.folder / default_name(self.fmt, today, name)


def _folder(text: str | None) -> Path | None:
    if not text:
        return None
    try:
        folder = paths.expand(text)
    except paths.PathError:
        return None
    if not folder.is_absolute() or not folder.is_dir():
        return None
    return folder


def offered(config: Config | None, today: dt.date) -> Choices:
    """The last choices that still make sense today, each else its default."""
    saved = dict(config.export) if config is not None else {}
    fmt = saved.get("format", DEFAULT_FORMAT)
    if fmt not in FORMATS:
        fmt = DEFAULT_FORMAT
    period = saved.get("period", "")
    try:
        parse_period(fmt, period, today)
    except ExportError:
        period = ""
    folder = _folder(saved.get("folder")) or paths.export_dir()
    return Choices(fmt, period, folder)


def remember(workspace: Workspace, choices: Choices) -> None:
    """Keep the choices of an export just written, onto the settings as they are on disk.

    Best effort: an export that was written is not undone, nor reported as failed,
    because its choices could not be kept (a read-only folder, a broken config.toml)."""
    folder = os.fspath(choices.folder)
    value = {"format": choices.fmt, "folder": folder}
    if choices.period.strip():
        value["period"] = choices.period.strip()
    if len(folder) > EXPORT_LIMIT or not folder.isprintable():
        del value["folder"]

    def kept(current: Config | None) -> Config:
        base = current if current is not None else workspace.default_config()
        return replace(base, export=value)

    if workspace.config is None:  # not set up: nothing to keep them beside
        return
    with contextlib.suppress(StoreError, OSError):
        workspace.config = workspace.store.update_config(kept)
