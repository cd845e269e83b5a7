"""The package as users get it: the wheel's contents, a fresh install, and the editable install.

The built-in question banks live in the top-level `questions/` folder. The wheel carries
them as `pmcoach/questions/`; an editable install has no such folder inside the package and
finds the repository's instead. Both paths are tested here. The `wheel` and `fresh_venv`
fixtures come from `conftest.py`, built once per run and shared with the end-to-end test.
"""

from __future__ import annotations

import json
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from install_support import REPO, run

import pmcoach

pytestmark = pytest.mark.slow


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


def test_wheel_installs_and_runs_outside_the_source_tree(fresh_venv: Path, tmp_path: Path) -> None:
    bindir = fresh_venv / "bin"
    assert run([bindir / "pmcoach", "--version"], cwd=tmp_path).strip() == (
        f"pmcoach {pmcoach.__version__}"
    )
    out = run([bindir / "python", "-m", "pmcoach", "--version"], cwd=tmp_path)
    assert out.strip() == f"pmcoach {pmcoach.__version__}"

    # The banks come from inside the installed package, not from this repository.
    probe = (
        "import json, pmcoach, pmcoach.rubric as r; "
        "print(json.dumps([pmcoach.__file__, str(r.builtin_bank_dir())]))"
    )
    package_file, bank_dir = json.loads(run([bindir / "python", "-c", probe], cwd=tmp_path))
    assert Path(package_file).resolve().is_relative_to(fresh_venv.resolve())
    assert Path(bank_dir).resolve() == Path(package_file).resolve().parent / "questions"
    assert (Path(bank_dir) / "tracks.toml").is_file()

    lines = run([bindir / "pmcoach", "rubric", "validate"], cwd=tmp_path).splitlines()
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
    bank_dir = Path(run([sys.executable, "-c", probe], cwd=tmp_path).strip())
    assert (bank_dir / "tracks.toml").is_file(), bank_dir
    assert bank_dir.resolve() == (REPO / "questions").resolve()
