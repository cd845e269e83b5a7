"""The colour theme: chosen with ctrl+p, kept as `theme` in config.toml, overridden by
--theme or PMCOACH_THEME, and shown by `pmcoach config` without Textual."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from support import cli
from support.tui import TODAY, configured, data_dir, settle

from pmcoach.app import themes
from pmcoach.app.present import dashboard
from pmcoach.cli import main
from pmcoach.domain.model import Config
from pmcoach.storage.codec import decode_config, encode_config
from pmcoach.storage.store import Store


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PMCOACH_TODAY", TODAY)
    monkeypatch.setenv("PMCOACH_NO_FSYNC", "1")
    # Set, then removed: the tests' own `--theme` (which sets it, as the app reads it)
    # is then undone afterwards too, and cannot colour the tests that follow.
    monkeypatch.setenv(themes.ENV_THEME, "")
    monkeypatch.delenv(themes.ENV_THEME)


def saved_theme() -> object:
    with (data_dir() / "config.toml").open("rb") as file:
        return tomllib.load(file).get("theme")


def with_theme(name: str | None) -> Store:
    store = configured()
    config = store.load_config()
    assert config is not None
    store.save_config(dataclasses.replace(config, theme=name))
    return store


# --------------------------------------------------------------------------- the file


def test_the_theme_is_an_optional_top_level_key() -> None:
    plain = Config()
    assert b"theme" not in encode_config(plain)
    themed = dataclasses.replace(plain, theme="nord")
    text = encode_config(themed).decode()
    assert 'theme = "nord"' in text.splitlines()
    assert decode_config(tomllib.loads(text)).theme == "nord"
    assert decode_config(tomllib.loads(encode_config(plain).decode())).theme is None


def test_the_list_of_theme_names_is_textual_s() -> None:
    from textual.theme import BUILTIN_THEMES

    assert tuple(BUILTIN_THEMES) == themes.KNOWN


def test_demo_writes_no_theme(tmp_path: Path) -> None:
    assert main.main(["demo", "--data-dir", str(tmp_path / "demo"), "--weeks", "2"]) == 0
    with (tmp_path / "demo" / "config.toml").open("rb") as file:
        assert "theme" not in tomllib.load(file)


@pytest.mark.parametrize(
    ("saved", "env", "used"),
    [
        (None, None, "textual-dark"),
        ("nord", None, "nord"),
        ("no-such-theme", None, "textual-dark"),
        ("nord", "textual-light", "textual-light"),
        ("nord", "no-such-theme", "nord"),
    ],
)
def test_which_theme_is_used(saved: str | None, env: str | None, used: str) -> None:
    assert themes.chosen(saved, {} if env is None else {themes.ENV_THEME: env}) == used


# --------------------------------------------------------------------------- pmcoach config


def config_lines(env: dict[str, str] | None = None) -> list[str]:
    result = cli.run("config", today=None, env=env, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


def test_config_shows_the_theme() -> None:
    configured()
    assert "theme:       textual-dark (the default; ctrl+p in the app to choose)" in (
        config_lines()
    )
    with_theme("nord")
    assert "theme:       nord" in config_lines()
    with_theme("no-such-theme")
    assert "theme:       'no-such-theme' is unknown: textual-dark is used" in config_lines()


def test_config_shows_an_override() -> None:
    with_theme("nord")
    lines = config_lines({themes.ENV_THEME: "dracula"})
    assert lines[-2:] == ["theme:       nord", "             PMCOACH_THEME='dracula' overrides it"]
    lines = config_lines({themes.ENV_THEME: "nope"})
    assert lines[-1] == (
        "             PMCOACH_THEME='nope' overrides it, which is unknown: textual-dark is used"
    )


def test_config_with_a_theme_loads_no_textual() -> None:
    with_theme("nord")
    probe = (
        "import sys; from pmcoach.cli.main import main; code = main(['config']); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')), "
        "file=sys.stderr); sys.exit(code)"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == "[]"


# --------------------------------------------------------------------------- --theme


def test_an_unknown_theme_option_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    configured()
    assert main.main(["--theme", "nope"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("pmcoach: no theme 'nope' (known: textual-dark, textual-light, ")
    assert err.count("\n") == 1


def test_the_theme_option_reaches_the_app(monkeypatch: pytest.MonkeyPatch) -> None:
    import pmcoach.tui.app

    configured()
    seen: list[str | None] = []
    monkeypatch.setattr(main, "_need_terminal", lambda: None)  # as on a terminal
    monkeypatch.setattr(
        pmcoach.tui.app,
        "run_app",
        lambda d, start=None: seen.append(os.environ.get(themes.ENV_THEME)) or 0,
    )
    assert main.main(["--theme", "textual-light"]) == 0
    assert main.main(["--theme", "nord", "drill", "answer-first"]) == 0
    assert seen == ["textual-light", "nord"]


# --------------------------------------------------------------------------- the app


async def test_the_app_starts_in_the_saved_theme_and_keeps_a_new_one() -> None:
    from pmcoach.tui.app import make_app

    with_theme("nord")
    app = make_app(data_dir())
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app.theme == "nord"
        assert saved_theme() == "nord"  # shown, not written again
        app.theme = "textual-light"  # what ctrl+p's "Change theme" does
        await settle(pilot)
        assert saved_theme() == "textual-light"
    assert Store.open(data_dir()).load_config() is not None


async def test_an_override_is_shown_but_not_saved(monkeypatch: pytest.MonkeyPatch) -> None:
    from pmcoach.tui.app import make_app

    with_theme("nord")
    monkeypatch.setenv(themes.ENV_THEME, "dracula")
    app = make_app(data_dir())
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app.theme == "dracula"
    assert saved_theme() == "nord"


async def test_an_unknown_saved_theme_uses_the_default_and_stays() -> None:
    from pmcoach.tui.app import make_app

    with_theme("no-such-theme")
    app = make_app(data_dir())
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app.theme == themes.DEFAULT
    assert saved_theme() == "no-such-theme"  # a later Textual may know it


async def test_a_first_frame_from_the_saved_overview_reads_no_settings_for_its_theme(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The saved overview carries the theme: reading config.toml for it would import a
    TOML parser before the first frame, which the saved overview exists to avoid."""
    from pmcoach.app import snapshot
    from pmcoach.app.workspace import Workspace
    from pmcoach.tui.app import PMCoachApp

    with_theme("nord")
    workspace = Workspace.open(data_dir())
    dashboard.overview(workspace)  # saved for the next start
    workspace.close()
    saved = snapshot.load_unopened(data_dir())
    assert saved is not None and saved.theme == "nord"

    def no_reading(root: Path) -> str | None:
        raise AssertionError("config.toml read for the theme of a saved overview")

    monkeypatch.setattr(themes, "saved", no_reading)
    app = PMCoachApp(data_dir(), saved=saved)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app.theme == "nord"
