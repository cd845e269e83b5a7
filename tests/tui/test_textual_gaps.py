"""The private parts of Textual that pmcoach uses, all in `pmcoach.tui.textual_gaps`.

Each test here fails when a new Textual changes what the override or the table entry
relies on, rather than the app quietly losing the behaviour: a crash printing the
user's notes again, or Esc then a key read as one key.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import re
import time
from collections.abc import MutableMapping
from pathlib import Path

from textual import constants, events
from textual._ansi_sequences import ANSI_SEQUENCES_KEYS
from textual._xterm_parser import XTermParser
from textual.app import App
from textual.message_pump import MessagePump
from textual.worker import Worker

import pmcoach.tui
from pmcoach.tui import textual_gaps
from pmcoach.tui.app import PMCoachApp

TUI = Path(pmcoach.tui.__file__).parent
GAPS = "textual_gaps.py"


def test_the_crash_override_still_matches_textual() -> None:
    """Textual has no public hook for an unhandled error: the app overrides
    App._handle_exception. This fails when Textual renames it, changes its arguments, or
    stops sending its message loop's and workers' errors through it."""
    assert issubclass(PMCoachApp, textual_gaps.QuietCrashApp)
    assert "_handle_exception" in textual_gaps.QuietCrashApp.__dict__
    signature = inspect.signature(App._handle_exception)
    assert list(signature.parameters) == ["self", "error"]
    for source in (MessagePump, Worker):
        assert "app._handle_exception(" in inspect.getsource(source), source
    # Headless (the tests' pilot) keeps Textual's handling, which the override calls.
    assert "is_headless" in inspect.getsource(textual_gaps.QuietCrashApp._handle_exception)
    assert hasattr(App, "panic") and hasattr(App, "is_headless")


def test_the_parser_table_is_still_one_the_app_can_add_to() -> None:
    """The table maps a sequence to a tuple of keys; the parser reads it, and names the
    key it reads after the entry's `.value`."""
    assert isinstance(ANSI_SEQUENCES_KEYS, MutableMapping)
    assert isinstance(ANSI_SEQUENCES_KEYS["\x1b[A"], tuple)  # the up arrow
    parser_source = inspect.getsource(importlib.import_module("textual._xterm_parser"))
    assert "ANSI_SEQUENCES_KEYS" in parser_source
    textual_gaps.read_esc_then_a_key()
    assert isinstance(ANSI_SEQUENCES_KEYS[textual_gaps.ESCAPE + "3"], tuple)
    parser = XTermParser()
    found = list(parser.feed(textual_gaps.ESCAPE + "3"))
    time.sleep(constants.ESCAPE_DELAY + 0.05)
    found += parser.tick()
    found += parser.feed("")
    keys = [event.key for event in found if isinstance(event, events.Key)]
    assert keys == [textual_gaps.MARKER + "3"]


def _sources() -> list[tuple[Path, str]]:
    return [
        (path, path.read_text(encoding="utf-8"))
        for path in sorted(TUI.rglob("*.py"))
        if path.name != GAPS
    ]


def test_no_private_textual_module_is_named_elsewhere() -> None:
    for path, source in _sources():
        assert not re.search(r"textual(\.\w+)*\._", source), path


def _own_private_names() -> set[str]:
    """Every `_name` pmcoach's TUI defines: functions, methods, attributes it assigns."""
    names: set[str] = set()
    for path in sorted(TUI.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                names.add(node.name)
            elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
                names.add(node.attr)
            elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                names.add(node.id)
            elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
                names.add(node.target.id)
    return {name for name in names if name.startswith("_") and not name.startswith("__")}


def test_no_private_textual_name_is_used_or_overridden_elsewhere() -> None:
    """A `_name` read anywhere but the gaps module is pmcoach's own; a method pmcoach
    defines never shares its name with a private one of Textual's (as `_on_key` once did)."""
    own = _own_private_names()
    textual_private = {
        name
        for cls in App.__mro__ + tuple(_textual_widget_classes())
        if cls.__module__.startswith("textual")
        for name in vars(cls)
        if name.startswith("_") and not name.startswith("__")
    }
    for path, source in _sources():
        tree = ast.parse(source)
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr.startswith("_"):
                if node.attr.startswith("__"):
                    continue
                assert node.attr in own, f"{path.name}: {node.attr}"
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                assert node.name not in textual_private, f"{path.name}: {node.name}"


def _textual_widget_classes() -> list[type]:
    """The Textual classes pmcoach's screens and widgets stand on."""
    from textual.screen import ModalScreen
    from textual.widgets import Checkbox, DataTable, Input, Static, TextArea

    found: list[type] = []
    for cls in (ModalScreen, Checkbox, DataTable, Input, Static, TextArea):
        found += [base for base in cls.__mro__ if base.__module__.startswith("textual")]
    return found


def test_the_old_code_would_be_caught() -> None:
    """The scan itself: an `_on_key` override and a private module name are found."""
    tree = ast.parse("class F(TextArea):\n    async def _on_key(self, event): ...\n")
    defined = {n.name for n in ast.walk(tree) if isinstance(n, ast.AsyncFunctionDef)}
    textual_private = {name for cls in _textual_widget_classes() for name in vars(cls)}
    assert "_on_key" in defined & textual_private
    assert re.search(r"textual(\.\w+)*\._", "from textual._ansi_sequences import X")
