"""Reading one TOML table strictly: each field checked, named in the message when wrong.

Every date and date-time a file holds goes through `check_date` (domain.daterange);
fields this version does not know are kept, in the item's `extra`, and written back
after the known ones, so a newer pmcoach may add fields without an older one dropping
them on a save or from a backup (docs/data-format.md, "Common rules").
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterator, Mapping
from typing import Any, TypeVar

from pmcoach.domain import daterange
from pmcoach.domain.ids import ID_PATTERN
from pmcoach.domain.model import Text
from pmcoach.storage.toml_io import (
    MAX_NESTING,
    SchemaError,
    fail,
    is_int,
    key_path,
    with_extra,
)

TEXT_KEYS = frozenset({"text", "private"})
T = TypeVar("T")


def check_date(where: str, value: dt.date) -> None:
    """Every date and date-time a file holds passes here: outside daterange's range,
    the week arithmetic and time-zone conversions done on it later would overflow."""
    reason = daterange.problem(value)
    if reason is not None:
        raise SchemaError(f"{where}: expected {reason}")


class Table:
    """One TOML table being read; knows its own position for error messages."""

    def __init__(self, doc: Mapping[str, Any], where: str = "") -> None:
        self.doc = doc
        self.where = where

    def at(self, key: str) -> str:
        return key_path(self.where, key)

    def _get(self, key: str, required: bool) -> Any:
        value = self.doc.get(key)
        if value is None and required:
            raise SchemaError(f"{self.at(key)}: missing")
        return value

    def string(self, key: str) -> str:
        value = self._get(key, True)
        if not isinstance(value, str):
            fail(self.at(key), "a string", value)
        return value

    def opt_string(self, key: str) -> str | None:
        return None if self.doc.get(key) is None else self.string(key)

    def choice(self, key: str, choices: tuple[T, ...]) -> T:
        value = self._get(key, True)
        for choice in choices:
            if value == choice:
                return choice
        fail(self.at(key), " | ".join(str(c) for c in choices), value)

    def opt_int(self, key: str, low: int, high: int | None = None) -> int | None:
        value = self._get(key, False)
        if value is None:
            return None
        if not is_int(value) or value < low or (high is not None and value > high):
            bound = f" {low}–{high}" if high is not None else f" ≥ {low}"
            fail(self.at(key), f"an integer{bound}", value)
        return int(value)

    def flag(self, key: str) -> bool:
        value = self._get(key, False)
        if value is None:
            return False
        if not isinstance(value, bool):
            fail(self.at(key), "true or false", value)
        return value

    def moment(self, key: str) -> dt.datetime:
        value = self._get(key, True)
        if not isinstance(value, dt.datetime):
            fail(self.at(key), "a date-time with a UTC offset", value)
        if value.tzinfo is None or value.utcoffset() is None:
            raise SchemaError(
                f"{self.at(key)}: expected a date-time with a UTC offset "
                f"(like 2026-11-23T09:05:12+01:00), got {value.isoformat()}"
            )
        check_date(self.at(key), value)
        return value

    def opt_moment(self, key: str) -> dt.datetime | None:
        return None if self.doc.get(key) is None else self.moment(key)

    def day(self, key: str) -> dt.date:
        value = self._get(key, True)
        if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
            fail(self.at(key), "a date (like 2026-11-27)", value)
        check_date(self.at(key), value)
        return value

    def opt_day(self, key: str) -> dt.date | None:
        return None if self.doc.get(key) is None else self.day(key)

    def text(self, key: str) -> Text | None:
        value = self._get(key, False)
        if value is None:
            return None
        if not isinstance(value, dict):
            fail(self.at(key), "a table { text, private }", value)
        inner = Table(value, self.at(key))
        return Text(inner.string("text"), inner.flag("private"), inner.extra(TEXT_KEYS))

    def extra(self, known: frozenset[str]) -> dict[str, Any]:
        """The table's keys outside `known`, checked as any kept value is (finite
        numbers, dates in the range, within the nesting limit)."""
        if self.doc.keys() <= known:
            return {}
        found = {k: v for k, v in self.doc.items() if k not in known}
        for key, value in found.items():
            check_data(self.at(key), value)
        return found

    def tables(self, key: str) -> Iterator[Table]:
        value = self._get(key, False)
        if value is None:
            return
        if not isinstance(value, list):
            fail(self.at(key), "an array of tables", value)
        for index, item in enumerate(value):
            where = f"{self.at(key)}[{index}]"
            if not isinstance(item, dict):
                fail(where, "a table", item)
            yield Table(item, where)


def read_id(table: Table) -> str:
    value = table.string("id")
    if not ID_PATTERN.match(value):
        fail("id", "an id like 20261123T080512Z-weekly-3f9a", value)
    return value


def check_data(where: str, value: object, depth: int = 2) -> None:
    """Kind-specific event values: any TOML value, but finite numbers only, because
    exports write JSON and NaN is not JSON; and within `check_limits` (depth 1 is the
    document), so that pmcoach never writes an event it would refuse to read."""
    if isinstance(value, float) and not math.isfinite(value):
        fail(where, "a finite number", value)
    if isinstance(value, list | dict) and depth > MAX_NESTING:
        raise SchemaError(f"{where}: nested more than {MAX_NESTING} levels deep")
    if isinstance(value, list):
        for index, item in enumerate(value):
            check_data(f"{where}[{index}]", item, depth + 1)
    elif isinstance(value, dict):
        for key, item in value.items():
            check_data(key_path(where, key), item, depth + 1)
    elif isinstance(value, int) and not isinstance(value, bool) and not is_int(value):
        fail(where, "an integer of at most 64 bits", value)
    elif isinstance(value, dt.date):
        check_date(where, value)
    elif not isinstance(value, str | int | float | bool | dt.date | dt.time):
        fail(where, "a TOML value", value)


def text_doc(text: Text | None) -> dict[str, Any] | None:
    if text is None:
        return None
    return with_extra({"text": text.text, "private": text.private}, text.extra, TEXT_KEYS)
