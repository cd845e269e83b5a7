"""File names that carry the person's name, and the export screen's remembered choices in
config.toml: read leniently, written back as they were."""

from __future__ import annotations

import datetime as dt

import pytest

from pmcoach.domain.model import Config
from pmcoach.export.files import NAME_IN_FILE, REVIEW_STEM, default_name, name_part
from pmcoach.storage.config import config_doc, decode_config

DAY = dt.date(2026, 11, 23)


@pytest.mark.parametrize(
    ("name", "part"),
    [
        (None, ""),
        ("Alex Doe", "alex-doe"),
        ("Alex O'Neil / PM", "alex-o-neil-pm"),
        ("../../etc/passwd", "etc-passwd"),
        (".hidden", "hidden"),
        ("Zoë Ångström", "zoë-ångström"),
        ("李小龙", "李小龙"),
        ("___", ""),
        ("a" * 100, "a" * NAME_IN_FILE),
    ],
)
def test_a_name_is_made_safe_for_a_file_name(name: str | None, part: str) -> None:
    assert name_part(name) == part
    made = default_name("md", DAY, name)
    assert "/" not in made and "\\" not in made and not made.startswith(".")
    assert made == ("pmcoach-report-" + (f"{part}-" if part else "") + "2026-11-23.md")


def test_the_review_draft_has_a_stem_of_its_own() -> None:
    assert default_name("html", DAY, "Alex", REVIEW_STEM) == "pmcoach-review-alex-2026-11-23.html"


def test_the_export_choices_round_trip_and_bad_values_are_dropped() -> None:
    config = decode_config(
        {
            "schema": 1,
            "export": {"format": "html", "period": "6m", "folder": "/tmp/x", "other": 1},
        }
    )
    assert dict(config.export) == {"format": "html", "period": "6m", "folder": "/tmp/x"}
    assert decode_config(config_doc(config)) == config
    assert "export" not in config_doc(Config())
    bad = decode_config({"schema": 1, "export": {"format": 3, "period": "", "folder": "a\nb"}})
    assert dict(bad.export) == {}
    assert dict(decode_config({"schema": 1, "export": [1, 2]}).export) == {}
