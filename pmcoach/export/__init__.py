"""Exports: one module per format, behind a small registry.

Every format renders the same `ExportData` to text, so the command line, the
app's export dialog and the tests share one path. Formats are imported only
when asked for: `pmcoach export --format csv` should not pay for the HTML chart.
"""

from __future__ import annotations

import datetime as dt
import functools
import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, overload

from pmcoach.domain.model import Config, Event, Rubric, Session, Text
from pmcoach.domain.rules import REPORT_WEEKS

# Format name → module under pmcoach.export; each module has `render(data) -> str`.
FORMATS: dict[str, str] = {"md": "markdown", "html": "html", "csv": "csv", "json": "json"}
# What a person would name the file; also what the app's dialog offers.
SUFFIXES: dict[str, str] = {"md": ".md", "html": ".html", "csv": ".csv", "json": ".json"}
# The self-review draft's formats (`pmcoach review`, `x` in the app) and the module of each.
REVIEW_FORMATS: dict[str, str] = {"md": "review_markdown", "html": "review_html"}
# md and html are for the next 1:1; csv and json are for analysis and backup.
DEFAULT_WEEKS: dict[str, int | None] = {
    "md": REPORT_WEEKS,
    "html": REPORT_WEEKS,
    "csv": None,
    "json": None,
}


class ExportError(ValueError):
    """Input we refuse (a format, a period): one line for people, exit 2 on the command line."""


@dataclass(frozen=True)
class Period:
    """The days an export covers, both ends included; `start` None means everything."""

    start: dt.date | None
    end: dt.date
    label: str

    def covers(self, day: dt.date) -> bool:
        """A period without a start is everything, with no end either: a backup must keep
        a session dated after today (a clock set wrong, a zone east of the configured one)."""
        return self.start is None or self.start <= day <= self.end


class _LoadedOnUse:
    """The `rubric` of an ExportData: a Rubric, or a function that loads one when a
    format first asks. The JSON backup never asks, and loading the rubric costs a few
    percent of the time that export may take.

    At run time this has only `__get__`, reached while the instance holds no rubric
    yet; once loaded, the rubric sits in the instance like any field and is read at
    full speed (the CSV asks twice an answer). `__set__` is there for the type checker,
    to type the field's argument."""

    def __set_name__(self, owner: type, name: str) -> None:
        self._name = name

    @overload
    def __get__(self, data: None, owner: type | None = None) -> _LoadedOnUse: ...
    @overload
    def __get__(self, data: ExportData, owner: type | None = None) -> Rubric: ...
    def __get__(self, data: ExportData | None, owner: type | None = None) -> object:
        if data is None:
            raise AttributeError(self._name)  # no default: the field must be given
        rubric = data.__dict__[self._name] = data.__dict__[_RUBRIC_LOADER]()
        return rubric

    if TYPE_CHECKING:

        def __set__(self, data: ExportData, value: Rubric | Callable[[], Rubric]) -> None: ...


_RUBRIC_LOADER = "_load_rubric"


@dataclass(frozen=True)
class ExportData:
    """Everything a format may show, read once.

    `sessions` holds every session, in progress ones included (a backup needs them);
    the report formats pick what they show. Private text is present here and each
    format leaves it out unless `include_private` is set.
    """

    config: Config
    sessions: tuple[Session, ...]
    events: tuple[Event, ...]
    period: Period
    include_private: bool
    now: dt.datetime  # aware, in the configured zone: the export's timestamp
    # Last only because a type checker takes the descriptor for a default; it is required.
    rubric: _LoadedOnUse = _LoadedOnUse()
    # The data folder's files that could not be read (paths inside it, with the reason):
    # not in this export, so a backup that misses them does not call itself complete.
    unreadable: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not isinstance(self.__dict__["rubric"], Rubric):  # a function: kept until asked
            self.__dict__[_RUBRIC_LOADER] = self.__dict__.pop("rubric")

    def day_of(self, moment: dt.datetime) -> dt.date:
        """The calendar day of a moment in the configured time zone: the day that decides
        its week everywhere else in pmcoach, so a report and a spreadsheet agree."""
        from pmcoach.domain import clock, weeks

        return weeks.local_date(moment, clock.zone(self.config.time_zone))

    def sessions_in(self) -> tuple[Session, ...]:
        """The sessions that started in the period, in progress ones included."""
        return tuple(s for s in self.sessions if self.period.covers(self.day_of(s.started)))

    def events_in(self) -> tuple[Event, ...]:
        """The events that happened in the period."""
        return tuple(e for e in self.events if self.period.covers(self.day_of(e.at)))

    @functools.cached_property
    def left_out(self) -> int:
        """How many private texts in the period this export does not show: answer notes,
        reflection answers, reflections, private commitments, review notes, event texts
        and notes. 0 with `include_private`. Counted over everything in the period, in
        progress sessions included, so the number does not depend on the format; and
        counted once: the JSON writes it and the command says it, and over ten years the
        count walks every note."""
        if self.include_private:
            return 0
        from pmcoach.export import privacy

        return privacy.private_count(self.sessions_in(), self.events_in())

    def shown(self, text: Text | None) -> str | None:
        """The text when this export may show it; None when absent or private and left out."""
        if text is None or (text.private and not self.include_private):
            return None
        return text.text


def check_format(name: str) -> str:
    if name not in FORMATS:
        known = ", ".join(FORMATS)
        raise ExportError(f"unknown format {name[:20]!r}: choose one of {known}")
    return name


def render(name: str, data: ExportData) -> str:
    module = importlib.import_module(f"pmcoach.export.{FORMATS[check_format(name)]}")
    write: Callable[[ExportData], str] = module.render
    return write(data)


def render_review(name: str, data: ExportData) -> str:
    """The self-review draft in `name` (md or html), for the command and the app alike."""
    if name not in REVIEW_FORMATS:
        raise ExportError(f"unknown format {name[:20]!r}: choose md or html")
    module = importlib.import_module(f"pmcoach.export.{REVIEW_FORMATS[name]}")
    write: Callable[[ExportData], str] = module.render
    return write(data)
