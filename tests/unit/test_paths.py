"""Where data lives: one function decides, and asking it never creates anything."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import platformdirs
import pytest

from pmcoach.storage import paths


def test_cli_value_wins_over_environment(tmp_path: Path) -> None:
    env = {"PMCOACH_HOME": str(tmp_path / "env")}
    assert paths.resolve_data_dir(str(tmp_path / "cli"), env) == tmp_path / "cli"


def test_environment_wins_over_platform_default(tmp_path: Path) -> None:
    env = {"PMCOACH_HOME": str(tmp_path / "env")}
    assert paths.resolve_data_dir(None, env) == tmp_path / "env"


def test_platform_default_when_nothing_is_given() -> None:
    expected = Path(platformdirs.user_data_dir("pmcoach", appauthor=False))
    assert paths.resolve_data_dir(None, {}) == expected


def test_empty_values_count_as_unset(tmp_path: Path) -> None:
    env = {"PMCOACH_HOME": ""}
    expected = Path(platformdirs.user_data_dir("pmcoach", appauthor=False))
    assert paths.resolve_data_dir("", env) == expected


def test_tilde_is_expanded(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    assert paths.resolve_data_dir("~/coach", {}) == tmp_path / "coach"
    assert paths.resolve_data_dir(None, {"PMCOACH_HOME": "~/c2"}) == tmp_path / "c2"


def test_resolving_creates_nothing(tmp_path: Path) -> None:
    data = paths.resolve_data_dir(str(tmp_path / "new"), {})
    cache = paths.cache_dir(data, {"PMCOACH_CACHE_HOME": str(tmp_path / "cache")})
    assert not data.exists()
    assert not cache.exists()
    assert list(tmp_path.iterdir()) == []


def test_default_uses_os_environ(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PMCOACH_HOME", str(tmp_path / "from-env"))
    assert paths.resolve_data_dir(None) == tmp_path / "from-env"


def test_cache_dir_is_per_data_folder_and_stable(tmp_path: Path) -> None:
    env = {"PMCOACH_CACHE_HOME": str(tmp_path / "cache")}
    one = paths.cache_dir(tmp_path / "one", env)
    assert one == paths.cache_dir(tmp_path / "one", env)
    assert one != paths.cache_dir(tmp_path / "two", env)
    assert one.parent == tmp_path / "cache"
    assert one.name.startswith("one-")


def test_cache_dir_is_the_same_through_a_link(tmp_path: Path) -> None:
    env = {"PMCOACH_CACHE_HOME": str(tmp_path / "cache")}
    (tmp_path / "real").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "real")
    assert paths.cache_dir(tmp_path / "link", env) == paths.cache_dir(tmp_path / "real", env)


def test_cache_dir_defaults_to_platform_cache(tmp_path: Path) -> None:
    root = Path(platformdirs.user_cache_dir("pmcoach", appauthor=False))
    assert paths.cache_dir(tmp_path / "data", {}).parent == root


def test_cache_dir_name_is_safe_for_odd_folder_names(tmp_path: Path) -> None:
    env = {"PMCOACH_CACHE_HOME": str(tmp_path / "cache")}
    name = paths.cache_dir(tmp_path / "my coach: ünïcode", env).name
    assert "/" not in name and " " not in name and ":" not in name


def test_device_name_defaults_to_short_host_name() -> None:
    name = paths.device_name({})
    assert name == paths.host_name()
    assert name and "." not in name


def test_device_name_can_be_overridden() -> None:
    assert paths.device_name({"PMCOACH_DEVICE": "desk"}) == "desk"


def test_device_name_reads_os_environ(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PMCOACH_DEVICE", "phone")
    assert paths.device_name() == "phone"
    monkeypatch.delenv("PMCOACH_DEVICE")
    assert paths.device_name() == paths.host_name()


def test_host_name_has_no_separators(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(socket, "gethostname", lambda: "my laptop.local")
    assert paths.host_name() == "my-laptop"
    monkeypatch.setattr(socket, "gethostname", lambda: "")
    assert paths.host_name() == "localhost"


def test_importing_paths_touches_nothing(tmp_path: Path) -> None:
    import subprocess
    import sys

    env = {**os.environ, "HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path / "d")}
    code = (
        "import pmcoach.storage.paths, pmcoach.storage.store, pmcoach.storage.sessions, "
        "pmcoach.storage.events, pmcoach.storage.config, pmcoach.cache.opener, sys; "
    )
    code += "print(any(m.startswith(('textual', 'rich')) for m in sys.modules))"
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "False"
    assert list(tmp_path.iterdir()) == []
