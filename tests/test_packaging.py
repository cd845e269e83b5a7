"""The package as users get it: the wheel's contents, a fresh install, and the editable install.

The built-in question banks live in the top-level `questions/` folder. The wheel carries
them as `pmcoach/questions/`; an editable install has no such folder inside the package and
finds the repository's instead. Both paths are tested here.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

import pmcoach

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parent.parent
CONSTRAINTS = REPO / "constraints.txt"

# Variables that would make a fresh environment see this one's packages or settings.
_LEAKY_ENV = ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "PYTHONSTARTUP", "PYTHONUSERBASE")


def _clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in _LEAKY_ENV}
    env.update(PIP_DISABLE_PIP_VERSION_CHECK="1", PIP_NO_INPUT="1", PYTHONNOUSERSITE="1")
    env.update(extra)
    return env


def _run(args: list[str | Path], *, cwd: Path, env: dict[str, str] | None = None) -> str:
    result = subprocess.run(
        [str(a) for a in args],
        cwd=cwd,
        env=env if env is not None else _clean_env(),
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


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel, built from the source tree into a temporary folder."""
    if importlib.util.find_spec("build") is None:
        pytest.fail("the 'build' package is missing: install the test extra (see README)")
    out = tmp_path_factory.mktemp("dist")
    if importlib.util.find_spec("hatchling") is not None:
        # Fast and offline: use the build backend installed here.
        args: list[str | Path] = [sys.executable, "-m", "build", "--wheel", "--no-isolation"]
        env = _clean_env()
    else:
        # The backend comes from the package index, pinned by the constraints file.
        args = [sys.executable, "-m", "build", "--wheel"]
        env = _clean_env(PIP_CONSTRAINT=str(CONSTRAINTS))
    _run([*args, "--outdir", out, REPO], cwd=out, env=env)
    wheels = sorted(out.glob("pmcoach-*.whl"))
    assert len(wheels) == 1, wheels
    return wheels[0]


def test_wheel_carries_the_banks_and_nothing_else(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as zf:
        names = zf.namelist()
    assert "pmcoach/py.typed" in names
    assert "pmcoach/__init__.py" in names

    banks = {n.removeprefix("pmcoach/questions/") for n in names if n.startswith("pmcoach/")}
    banks = {n for n in banks if "/" not in n and n.endswith(".toml")}
    assert {"tracks.toml", "ideas.toml"} <= banks
    assert banks - {"tracks.toml", "ideas.toml"}, "no skill file in the wheel"
    # Every bank in the repository ships, whatever its name.
    in_repo = {p.name for p in (REPO / "questions").glob("*.toml")}
    assert in_repo <= banks, in_repo - banks

    for name in names:
        top = name.split("/", 1)[0]
        assert top == "pmcoach" or top.endswith(".dist-info"), name
        assert "tests/" not in name and ".venv" not in name, name
        assert "__pycache__" not in name and not name.endswith(".pyc"), name


@pytest.fixture(scope="module")
def fresh_venv(
    wheel: Path, tmp_path_factory: pytest.TempPathFactory, require_tool: Callable[[str], str]
) -> Path:
    """A new virtual environment with only the wheel and its pinned dependencies."""
    require_tool("venv")  # Debian and Ubuntu: apt-get install python3-venv
    root = tmp_path_factory.mktemp("fresh")
    venv = root / "venv"
    _run([sys.executable, "-m", "venv", venv], cwd=root)
    python = venv / "bin" / "python"
    _run([python, "-m", "pip", "install", "--quiet", "-c", CONSTRAINTS, wheel], cwd=root)
    return venv


def test_wheel_installs_and_runs_outside_the_source_tree(fresh_venv: Path, tmp_path: Path) -> None:
    bindir = fresh_venv / "bin"
    assert _run([bindir / "pmcoach", "--version"], cwd=tmp_path).strip() == (
        f"pmcoach {pmcoach.__version__}"
    )
    out = _run([bindir / "python", "-m", "pmcoach", "--version"], cwd=tmp_path)
    assert out.strip() == f"pmcoach {pmcoach.__version__}"

    # The banks come from inside the installed package, not from this repository.
    probe = (
        "import json, pmcoach, pmcoach.rubric as r; "
        "print(json.dumps([pmcoach.__file__, str(r.builtin_bank_dir())]))"
    )
    package_file, bank_dir = json.loads(_run([bindir / "python", "-c", probe], cwd=tmp_path))
    assert Path(package_file).resolve().is_relative_to(fresh_venv.resolve())
    assert Path(bank_dir).resolve() == Path(package_file).resolve().parent / "questions"
    assert (Path(bank_dir) / "tracks.toml").is_file()

    lines = _run([bindir / "pmcoach", "rubric", "validate"], cwd=tmp_path).splitlines()
    assert lines, "rubric validate printed nothing"
    assert lines[-1].startswith("checked "), lines
    assert " 0 errors" in lines[-1], lines


def test_editable_install_finds_the_repository_banks(
    tmp_path: Path, require_tool: Callable[[str], str]
) -> None:
    require_tool("pmcoach")  # the console script of this environment's install
    from importlib.metadata import distribution

    direct_url = distribution("pmcoach").read_text("direct_url.json")
    editable = bool(direct_url and json.loads(direct_url).get("dir_info", {}).get("editable"))
    if not editable:
        pytest.skip("pmcoach is installed from a wheel here, not in editable mode")

    probe = "from pmcoach.rubric import builtin_bank_dir; print(builtin_bank_dir())"
    bank_dir = Path(_run([sys.executable, "-c", probe], cwd=tmp_path).strip())
    assert (bank_dir / "tracks.toml").is_file(), bank_dir
    assert bank_dir.resolve() == (REPO / "questions").resolve()
