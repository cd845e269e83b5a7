"""The core never imports Textual, and neither do the commands that run without the app.

Importing Textual costs about a quarter of a second; `pmcoach status` runs from shell
prompts and `pmcoach config` from scripts, so only opening the app may pay for it.
Each check runs in a fresh interpreter, where `sys.modules` shows exactly what was loaded.
"""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import pmcoach

PACKAGE_DIR = Path(pmcoach.__file__).resolve().parent

# The core named in the design; a module not written yet is skipped, not passed.
CORE = (
    "pmcoach.domain.model",
    "pmcoach.rubric.load",
    "pmcoach.storage.store",
    "pmcoach.domain.scores",
    "pmcoach.domain.rules",
    "pmcoach.domain.weeks",
    "pmcoach.domain.rotation",
    "pmcoach.domain.streak",
    "pmcoach.domain.ratings",
    "pmcoach.domain.exercises",
    "pmcoach.domain.ids",
    "pmcoach.storage.codec",
    "pmcoach.storage.paths",
    "pmcoach.cache.documents",
    "pmcoach.domain.clock",
)
# Everything outside the interface may be imported without Textual, the CLI included.
NOT_CORE = ("pmcoach.tui", "pmcoach.__main__")

PROBE = """
import importlib, json, sys
importlib.import_module(sys.argv[1])
print(json.dumps(sorted(m for m in sys.modules if m.startswith("textual"))))
"""


def _package_modules() -> list[str]:
    found = []
    for path in PACKAGE_DIR.rglob("*.py"):
        parts = path.relative_to(PACKAGE_DIR.parent).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        name = ".".join(parts)
        if not any(name == n or name.startswith(n + ".") for n in NOT_CORE):
            found.append(name)
    return found


def _module_params() -> list[object]:
    params: list[object] = []
    for name in sorted(set(CORE) | set(_package_modules())):
        exists = importlib.util.find_spec(name) is not None
        marks = [] if exists else [pytest.mark.skip(reason=f"{name} does not exist yet")]
        params.append(pytest.param(name, marks=marks, id=name))
    return params


def _python(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    # Whether pmcoach is installed or not, import the one these tests were collected from.
    env = {**os.environ, "PYTHONPATH": str(PACKAGE_DIR.parent)}
    return subprocess.run(
        [sys.executable, *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize("module", _module_params())
def test_module_imports_without_textual(module: str, tmp_path: Path) -> None:
    result = _python("-c", PROBE, module, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]", f"{module} imports {result.stdout.strip()}"


def _commands() -> list[list[str]]:
    """The commands that must start without Textual, as far as `pmcoach --help` lists them."""
    result = _python("-m", "pmcoach", "--help", cwd=PACKAGE_DIR.parent)
    listed = set(re.findall(r"^\s{2,}([a-z][a-z-]*)\s", result.stdout, flags=re.MULTILINE))
    wanted = [["--version"], ["--help"], ["rubric", "validate"], ["config"]]
    return [argv for argv in wanted if argv[0].startswith("-") or argv[0] in listed]


_IMPORT_TIME = re.compile(r"^import time:\s+\d+\s+\|\s+\d+\s+\|\s*(\S+)\s*$")


@pytest.mark.slow
@pytest.mark.parametrize("argv", _commands(), ids=" ".join)
def test_command_runs_without_textual(argv: list[str], tmp_path: Path) -> None:
    result = _python("-X", "importtime", "-m", "pmcoach", *argv, cwd=tmp_path)
    imported = [
        m.group(1) for line in result.stderr.splitlines() if (m := _IMPORT_TIME.match(line))
    ]
    assert imported, "no import times reported"
    errors = [line for line in result.stderr.splitlines() if not line.startswith("import time:")]
    assert "Traceback (most recent call last):" not in errors, "\n".join(errors)
    # 2 is a finding (say, in a rubric), which other tests judge; here only the imports count.
    assert result.returncode in (0, 2), "\n".join(errors)
    assert [m for m in imported if m.startswith("textual")] == []
