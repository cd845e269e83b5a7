"""The person's name outside the app: `pmcoach config` shows it, a JSON export carries it
as `config.name`, an import restores it, and `demo` writes none."""

from __future__ import annotations

import json
import tomllib
from dataclasses import replace
from pathlib import Path

import pytest
from support.cli import home, run
from support.tui import configured

from pmcoach.app.settings import NO_NAME


@pytest.fixture
def named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PMCOACH_NO_FSYNC", "1")
    store = configured("new")
    config = store.load_config()
    assert config is not None
    store.save_config(replace(config, name="Alex Doe"))


@pytest.mark.usefixtures("named")
def test_config_shows_the_name_and_a_changed_name_at_once() -> None:
    first = run("config")
    assert first.returncode == 0 and "name:        Alex Doe\n" in first.stdout
    path = home() / "config.toml"
    path.write_text(path.read_text().replace('"Alex Doe"', '"Alex Roe"'))
    second = run("config")
    assert "name:        Alex Roe\n" in second.stdout


def test_config_says_when_there_is_no_name(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PMCOACH_NO_FSYNC", "1")
    configured("new")
    assert f"name:        {NO_NAME}\n" in run("config").stdout


@pytest.mark.usefixtures("named")
def test_json_carries_the_name_and_import_restores_it(tmp_path: Path) -> None:
    out = tmp_path / "backup.json"
    assert run("export", "--format", "json", "-o", str(out)).returncode == 0
    assert json.loads(out.read_text())["config"]["name"] == "Alex Doe"
    fresh = tmp_path / "fresh"
    result = run("import", str(out), env={"PMCOACH_HOME": str(fresh)})
    assert result.returncode == 0, result.stderr
    assert tomllib.loads((fresh / "config.toml").read_text())["name"] == "Alex Doe"


def test_demo_writes_no_name(tmp_path: Path) -> None:
    folder = tmp_path / "demo"
    assert run("demo", "--data-dir", str(folder), "--weeks", "4").returncode == 0
    assert "name" not in tomllib.loads((folder / "config.toml").read_text())
    assert NO_NAME in run("config", "--data-dir", str(folder)).stdout
