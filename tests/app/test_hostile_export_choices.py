"""The export screen's remembered choices (`[export]` in config.toml) as a sync tool or a
hand edit may leave them: whatever they hold, the screen opens with its defaults."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest
from support.exports import CONFIG

from pmcoach.app.export_choices import DEFAULT_FORMAT, Choices, offered, remember
from pmcoach.app.workspace import Workspace
from pmcoach.cache.opener import open_store
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


def test_choices_are_not_kept_over_settings_that_vanished(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """config.toml gone while the app runs (a sync tool replacing it, a restore): the
    export's choices are no reason to write a default one, nor to drop the settings the
    app holds (the track, the targets, the name) for defaults."""
    monkeypatch.setenv("PMCOACH_NO_FSYNC", "1")
    store = open_store(tmp_path / "data")
    store.save_config(CONFIG)
    workspace = Workspace(store.root, store)
    try:
        assert workspace.config == CONFIG
        store.config_path.unlink()
        remember(workspace, Choices("html", "", tmp_path, review=True))
        assert not store.config_path.exists()
        assert workspace.config == CONFIG
    finally:
        workspace.close()


def test_choices_are_kept_beside_the_settings_on_disk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PMCOACH_NO_FSYNC", "1")
    store = open_store(tmp_path / "data")
    store.save_config(CONFIG)
    workspace = Workspace(store.root, store)
    try:
        remember(workspace, Choices("html", "", tmp_path, review=True))
        kept = open_store(store.root).load_config()
        assert kept == replace(
            CONFIG, export={"format": "html", "folder": str(tmp_path), "what": "review"}
        )
    finally:
        workspace.close()
