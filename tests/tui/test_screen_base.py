"""Every screen stands on the base screen: the app and workspace typed, help declared,
the key bar added by the base; and screens open each other through top-level imports."""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
from pathlib import Path

from textual.screen import Screen

import pmcoach.tui.screens
from pmcoach.tui import navigation
from pmcoach.tui.screens.base import CoachDialog, CoachScreen

PACKAGE = Path(pmcoach.tui.screens.__file__).parent
# The first frame's path opens the screens it leads to by name, each imported when
# opened: together they cost the store and about 120 ms (tests/tui/test_first_frame.py).
DEFERS_SCREENS = {"pmcoach.tui.navigation"}


def screen_classes() -> list[type[Screen[object]]]:
    found: list[type[Screen[object]]] = []
    for module in pkgutil.iter_modules([str(PACKAGE)]):
        loaded = importlib.import_module(f"pmcoach.tui.screens.{module.name}")
        found += [
            cls
            for _, cls in inspect.getmembers(loaded, inspect.isclass)
            if issubclass(cls, Screen)
            and cls.__module__ == loaded.__name__
            and cls not in (CoachScreen, CoachDialog)
        ]
    return found


def test_the_screens_are_found() -> None:
    names = {cls.__name__ for cls in screen_classes()}
    assert {"DashboardScreen", "QuestionScreen", "ConfirmScreen", "HelpScreen"} <= names
    assert len(names) >= 24


def test_every_screen_stands_on_the_base_and_declares_its_help() -> None:
    for cls in screen_classes():
        assert issubclass(cls, CoachScreen), cls
        text = cls.__dict__.get("HELP")
        assert isinstance(text, str) and text.strip(), f"{cls.__name__} declares no HELP"
        # The help's first line names the screen, as the help dialog shows it.
        assert text.splitlines()[0].strip(), cls


def test_the_base_adds_the_key_bar_to_every_full_screen() -> None:
    """A full screen composes its body only; a dialog shows its keys in its own text."""
    for cls in screen_classes():
        assert "compose" not in cls.__dict__, f"{cls.__name__} composes past the base"
        assert "compose_body" in cls.__dict__, f"{cls.__name__} has no body"


def test_no_screen_casts_the_app_itself() -> None:
    for path in sorted(PACKAGE.glob("*.py")):
        if path.name == "base.py":
            continue
        source = path.read_text(encoding="utf-8")
        assert "cast(" not in source, path.name
        assert "def coach_app" not in source, path.name


def _imports_in_functions(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            found += [
                inner.module
                for inner in ast.walk(node)
                if isinstance(inner, ast.ImportFrom)
                and inner.module
                and inner.module.startswith("pmcoach.tui.screens.")
            ]
    return found


def test_screens_open_each_other_through_top_level_imports() -> None:
    """Only navigation, for the first frame's path, imports screens when it opens them."""
    package = PACKAGE.parents[1]
    for path in sorted(package.joinpath("tui").rglob("*.py")):
        name = ".".join(path.relative_to(package.parent).with_suffix("").parts)
        if name in DEFERS_SCREENS:
            continue
        assert _imports_in_functions(path) == [], name


def test_every_place_opens_a_screen_of_its_own() -> None:
    opened = {place: navigation.screen_for(place) for place in navigation.PLACES}
    assert all(isinstance(screen, CoachScreen) for screen in opened.values())
    assert len({type(screen) for screen in opened.values()}) == len(navigation.PLACES)
    assert navigation.is_place("progress") and not navigation.is_place("dashboard")
