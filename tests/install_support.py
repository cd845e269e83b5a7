"""Building the wheel and installing it into a fresh virtual environment.

Shared by the packaging tests and the end-to-end test, through the session-scoped `wheel`
and `fresh_venv` fixtures in `conftest.py`: building and installing take most of a minute
on a slow machine, so it happens once per test run, not once per test module.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
CONSTRAINTS = REPO / "constraints.txt"

# Variables that would make a fresh environment see this one's packages or settings.
LEAKY_ENV = ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "PYTHONSTARTUP", "PYTHONUSERBASE")


def clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in LEAKY_ENV}
    env.update(PIP_DISABLE_PIP_VERSION_CHECK="1", PIP_NO_INPUT="1", PYTHONNOUSERSITE="1")
    env.update(extra)
    return env


def run(args: list[str | Path], *, cwd: Path, env: dict[str, str] | None = None) -> str:
    """Run a command and return its standard output; a non-zero exit fails the test with
    both streams, so a broken build or install says why."""
    result = subprocess.run(
        [str(a) for a in args],
        cwd=cwd,
        env=env if env is not None else clean_env(),
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=600,
        check=False,
    )
    if result.returncode != 0:
        pytest.fail(
            f"{' '.join(map(str, args))} exited {result.returncode}\n"
            f"--- stdout\n{result.stdout}\n--- stderr\n{result.stderr}"
        )
    return result.stdout


def build_wheel(out: Path) -> Path:
    """The wheel, built from the source tree into `out`."""
    if importlib.util.find_spec("build") is None:
        pytest.fail("the 'build' package is missing: install the test extra (see README)")
    if importlib.util.find_spec("hatchling") is not None:
        # Fast and offline: use the build backend installed here.
        args: list[str | Path] = [sys.executable, "-m", "build", "--wheel", "--no-isolation"]
        env = clean_env()
    else:
        # The backend comes from the package index, pinned by the constraints file.
        args = [sys.executable, "-m", "build", "--wheel"]
        env = clean_env(PIP_CONSTRAINT=str(CONSTRAINTS))
    run([*args, "--outdir", out, REPO], cwd=out, env=env)
    wheels = sorted(out.glob("pmcoach-*.whl"))
    assert len(wheels) == 1, wheels
    return wheels[0]


def install_fresh(wheel: Path, root: Path) -> Path:
    """A new virtual environment under `root` with only the wheel and its pinned
    dependencies; returns the environment's folder."""
    venv = root / "venv"
    run([sys.executable, "-m", "venv", venv], cwd=root)
    python = venv / "bin" / "python"
    run([python, "-m", "pip", "install", "--quiet", "-c", CONSTRAINTS, wheel], cwd=root)
    return venv
