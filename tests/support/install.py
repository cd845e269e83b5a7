"""Building the wheel and installing it into a fresh virtual environment.

Shared by the packaging tests and the end-to-end test, through the session-scoped `wheel`
and `fresh_venv` fixtures in `conftest.py`: building and installing take most of a minute
on a slow machine, so it happens once per test run, not once per test module.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
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
    return _build("wheel", out)


def build_sdist(out: Path) -> Path:
    """The source archive, built from the source tree into `out`."""
    return _build("sdist", out)


def _build(kind: str, out: Path) -> Path:
    if importlib.util.find_spec("build") is None:
        pytest.fail("the 'build' package is missing: install the test extra (see README)")
    if importlib.util.find_spec("hatchling") is not None:
        # Fast and offline: use the build backend installed here.
        args: list[str | Path] = [sys.executable, "-m", "build", f"--{kind}", "--no-isolation"]
        env = clean_env()
    else:
        # The backend comes from the package index, pinned by the constraints file.
        args = [sys.executable, "-m", "build", f"--{kind}"]
        env = clean_env(PIP_CONSTRAINT=str(CONSTRAINTS))
    run([*args, "--outdir", out, REPO], cwd=out, env=env)
    found = sorted(out.glob("pmcoach-*.whl" if kind == "wheel" else "pmcoach-*.tar.gz"))
    assert len(found) == 1, found
    return found[0]


# Python versions pmcoach supports; each one found on the machine gets the wheel installed.
SUPPORTED = ((3, 11), (3, 12), (3, 13), (3, 14))


def interpreters() -> dict[str, Path]:
    """Every supported Python on this machine, by version ("3.12"): on PATH, or installed by
    pyenv without being selected (its shims then refuse to run)."""
    roots = [Path(os.environ.get("PYENV_ROOT") or Path.home() / ".pyenv") / "versions"]
    found: dict[str, Path] = {}
    for major, minor in SUPPORTED:
        name = f"python{major}.{minor}"
        candidates = [shutil.which(name)]
        for root in roots:
            candidates += [str(p) for p in sorted(root.glob(f"{major}.{minor}*/bin/{name}"))]
        for candidate in filter(None, candidates):
            if _runs_as(candidate, f"{major}.{minor}"):
                found[f"{major}.{minor}"] = Path(candidate)
                break
    return found


def _runs_as(python: str, version: str) -> bool:
    probe = "import sys, venv; print('%d.%d' % sys.version_info[:2])"
    try:
        result = subprocess.run(
            [python, "-c", probe],
            env=clean_env(),
            capture_output=True,
            text=True,
            stdin=subprocess.DEVNULL,
            timeout=60,
            check=False,
        )
    except OSError:
        return False
    return result.returncode == 0 and result.stdout.strip() == version


def install_fresh(wheel: Path, root: Path, python: str | Path = sys.executable) -> Path:
    """A new virtual environment of `python` under `root` with only the wheel and its
    pinned dependencies; returns the environment's folder."""
    venv = root / "venv"
    run([python, "-m", "venv", venv], cwd=root)
    python = venv / "bin" / "python"
    run([python, "-m", "pip", "install", "--quiet", "-c", CONSTRAINTS, wheel], cwd=root)
    return venv
