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
from support.install import REPO, build_sdist, install_fresh, interpreters, run

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
        "import json, pmcoach, pmcoach.rubric.load as r; "
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

    probe = "from pmcoach.rubric.load import builtin_bank_dir; print(builtin_bank_dir())"
    bank_dir = Path(run([sys.executable, "-c", probe], cwd=tmp_path).strip())
    assert (bank_dir / "tracks.toml").is_file(), bank_dir
    assert bank_dir.resolve() == (REPO / "questions").resolve()


# ----------------------------------------------------------------------- license and metadata


def _metadata(wheel: Path) -> str:
    with zipfile.ZipFile(wheel) as zf:
        (name,) = [n for n in zf.namelist() if n.endswith(".dist-info/METADATA")]
        return zf.read(name).decode("utf-8")


def test_the_license_is_in_the_repository_the_wheel_and_the_sdist(
    wheel: Path, tmp_path: Path
) -> None:
    text = (REPO / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License\n")
    assert "License-Expression: MIT" in _metadata(wheel)
    with zipfile.ZipFile(wheel) as zf:
        licenses = [n for n in zf.namelist() if n.endswith(".dist-info/licenses/LICENSE")]
        assert len(licenses) == 1, zf.namelist()
        assert zf.read(licenses[0]).decode("utf-8") == text
    import tarfile

    sdist = build_sdist(tmp_path)
    with tarfile.open(sdist) as tf:
        member = tf.getmember(f"{sdist.name.removesuffix('.tar.gz')}/LICENSE")
        extracted = tf.extractfile(member)
        assert extracted is not None
        assert extracted.read().decode("utf-8") == text


def test_the_classifiers_say_what_pmcoach_runs_on(wheel: Path) -> None:
    classifiers = {
        line.removeprefix("Classifier: ")
        for line in _metadata(wheel).splitlines()
        if line.startswith("Classifier: ")
    }
    expected = {
        "Programming Language :: Python :: 3.11",
        "Programming Language :: Python :: 3.12",
        "Programming Language :: Python :: 3.13",
        "Operating System :: MacOS",
        "Operating System :: POSIX",
        "Typing :: Typed",
    }
    assert expected <= classifiers, expected - classifiers


# ----------------------------------------------------------------------- every Python here

PYTHONS = interpreters()


def test_at_least_the_oldest_supported_python_is_found() -> None:
    assert "3.11" in PYTHONS, PYTHONS


@pytest.mark.parametrize("version", sorted(PYTHONS))
def test_the_wheel_installs_and_starts_on_every_python_here(
    version: str, wheel: Path, tmp_path: Path
) -> None:
    """A fresh environment of each Python version on the machine: the command runs, a
    demo history is written and read, and the app's code imports (Textual included)."""
    venv = install_fresh(wheel, tmp_path, PYTHONS[version])
    bindir = venv / "bin"
    probe = "import sys; print('%d.%d' % sys.version_info[:2])"
    assert run([bindir / "python", "-c", probe], cwd=tmp_path).strip() == version
    assert run([bindir / "pmcoach", "--version"], cwd=tmp_path).strip() == (
        f"pmcoach {pmcoach.__version__}"
    )
    data = tmp_path / "data"
    run([bindir / "pmcoach", "demo", "--data-dir", data, "--weeks", "4"], cwd=tmp_path)
    line = run([bindir / "pmcoach", "config", "--data-dir", data], cwd=tmp_path)
    assert str(data) in line
    run([bindir / "python", "-c", "import pmcoach.tui.app"], cwd=tmp_path)


def test_the_readme_offers_pipx_and_uv_after_the_two_commands() -> None:
    """The first fenced block installs, the second tests (CI runs it); the alternatives
    come after both, in words."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    blocks = readme.split("```")
    assert ".venv/bin/pmcoach" in blocks[1] and "pytest" in blocks[3]
    after = blocks[4]
    assert "`pipx install .`" in after and "`uv tool install .`" in after
