"""config.toml: the settings shared by every machine that syncs the folder, as a TOML
document and back (docs/data-format.md, "config.toml")."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from pmcoach.domain.model import MAX_RATING, MIN_RATING, Config
from pmcoach.domain.rules import WEEKDAYS
from pmcoach.storage.fields import Table
from pmcoach.storage.toml_io import (
    SCHEMA,
    Doc,
    SchemaError,
    check_schema,
    describe,
    fail,
    to_bytes,
    with_extra,
)

CONFIG_KEYS = frozenset(
    {
        "schema",
        "track",
        "review_day",
        "review_time",
        "time_zone",
        "targets",
        "onboarded",
        "theme",
        "name",
        "show_peer_names",
        "export",
    }
)
NAME_LIMIT = 80
"""A name is one line of at most this many characters: it heads a report and a file name."""


EXPORT_KEYS = ("format", "period", "folder", "what")
"""What the app's export screen remembers (`[export]`): the last format, period and folder,
and whether it wrote the self-review draft (`what = "review"`)."""
EXPORT_LIMIT = 4096


def _export_choices(value: object) -> dict[str, str]:
    """The export screen's last choices, leniently: a convenience, so a value that is not
    one line of text is dropped (the screen then offers its default), never an error that
    would stop pmcoach from reading the settings."""
    if not isinstance(value, dict):
        return {}
    return {
        key: text
        for key in EXPORT_KEYS
        if isinstance(text := value.get(key), str)
        and 0 < len(text) <= EXPORT_LIMIT
        and text.isprintable()
    }


def _check_time_zone(name: str) -> None:
    if name == "UTC":
        return
    import zoneinfo  # only needed when a config is read or written

    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        # OSError: a name too long for a file name, or naming a folder of the zone data.
        raise SchemaError(f"time_zone: unknown time zone {describe(name)}") from None


def decode_config(doc: Mapping[str, Any]) -> Config:
    """The device is not read from config.toml: the file is shared by every
    machine that syncs the folder, and the device name must differ per machine."""
    check_schema(doc)
    top = Table(doc)
    defaults = Config()
    track = top.opt_string("track") or defaults.track
    review_day = defaults.review_day
    day_name = top.opt_string("review_day")
    if day_name is not None:
        if day_name.lower() not in WEEKDAYS:
            fail("review_day", "a weekday name like monday", day_name)
        review_day = WEEKDAYS.index(day_name.lower())
    review_time = doc.get("review_time", defaults.review_time)
    if not isinstance(review_time, dt.time):
        fail("review_time", "a time like 09:00:00", review_time)
    time_zone = top.opt_string("time_zone") or defaults.time_zone
    _check_time_zone(time_zone)
    targets: dict[str, int] = {}
    raw_targets = doc.get("targets", {})
    if not isinstance(raw_targets, dict):
        fail("targets", "a table of skill = rating", raw_targets)
    target_table = Table(raw_targets, "targets")
    for skill in raw_targets:
        value = target_table.opt_int(skill, MIN_RATING, MAX_RATING)
        if value is not None:
            targets[skill] = value
    onboarded = None if doc.get("onboarded") is None else top.day("onboarded")
    theme = top.opt_string("theme")
    name = top.opt_string("name")
    if name is not None:
        name = " ".join(name.split())
        if len(name) > NAME_LIMIT or not name.isprintable():
            fail("name", f"one line of printable text, at most {NAME_LIMIT} characters", name)
    return Config(
        track=track,
        review_day=review_day,
        review_time=review_time,
        time_zone=time_zone,
        targets=targets,
        onboarded=onboarded,
        theme=theme,
        name=name or None,
        show_peer_names=top.flag("show_peer_names"),
        export=_export_choices(doc.get("export")),
        extra=top.extra(CONFIG_KEYS),
    )


def config_doc(config: Config) -> Doc:
    if not 0 <= config.review_day < len(WEEKDAYS):
        fail("review_day", "0–6", config.review_day)
    doc = {
        "schema": SCHEMA,
        "track": config.track,
        "review_day": WEEKDAYS[config.review_day],
        "review_time": config.review_time,
        "time_zone": config.time_zone,
        "targets": dict(config.targets),
        **({} if config.onboarded is None else {"onboarded": config.onboarded}),
        **({} if config.theme is None else {"theme": config.theme}),
        **({} if config.name is None else {"name": config.name}),
        **({"show_peer_names": True} if config.show_peer_names else {}),
        **({"export": dict(config.export)} if config.export else {}),
    }
    return with_extra(doc, config.extra, CONFIG_KEYS)


def encode_config(config: Config) -> bytes:
    doc = config_doc(config)
    decode_config(doc)
    return to_bytes(doc, inline=False)
