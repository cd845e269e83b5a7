"""The export screen's remembered choices (`[export]` in config.toml) as a sync tool or a
hand edit may leave them: whatever they hold, the screen opens with its defaults."""

from __future__ import annotations

import datetime as dt

import pytest

from pmcoach.app.export_choices import DEFAULT_FORMAT, offered
from pmcoach.domain.model import Config
from pmcoach.export import ExportError
from pmcoach.export.files import check_target
from pmcoach.storage import paths

TODAY = dt.date(2026, 12, 7)


@pytest.mark.parametrize(
    "folder",
    [
        "/" + "a" * 300,  # one name longer than any filesystem takes
        "/tmp/" + "b" * 256 + "/reports",
        "~/" + "c" * 1000,
    ],
    ids=["root", "under-tmp", "under-home"],
)
def test_a_remembered_folder_the_system_cannot_even_look_up_falls_back(folder: str) -> None:
    choices = offered(Config(export={"folder": folder, "format": "html"}), TODAY)
    assert choices.folder == paths.export_dir()
    assert choices.fmt == "html"


@pytest.mark.parametrize("what", ["REVIEW", "review ", "draft", "export", "x" * 4096], ids=range(5))
def test_an_unknown_what_is_the_export(what: str) -> None:
    choices = offered(Config(export={"what": what, "format": "md"}), TODAY)
    assert not choices.review
    assert choices.fmt == DEFAULT_FORMAT


@pytest.mark.parametrize(
    "name", ["/" + "a" * 300 + ".md", "/tmp/" + "d" * 300 + "/x.md"], ids=["file", "folder"]
)
def test_a_file_name_too_long_for_the_filesystem_is_refused_in_words(name: str) -> None:
    with pytest.raises(ExportError, match="too long"):
        check_target(name, force=False)
