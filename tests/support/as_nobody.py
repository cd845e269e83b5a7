"""Run pmcoach as an unprivileged user, from a test that runs as root.

Permission cases (a folder of someone else's, `chmod 000`) mean nothing to root, who
reads and writes everything. When the tests run as root and the machine has `setpriv`
and a Python of the same version that the user `nobody` may run, `nobody_run` runs
`python -m pmcoach` as that user, with this checkout and its dependencies on the path;
otherwise the test is skipped with the reason.
"""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import sys
import sysconfig
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def _nobody() -> tuple[int, int] | None:
    try:
        entry = pwd.getpwnam("nobody")
    except KeyError:
        return None
    return entry.pw_uid, entry.pw_gid


def _python() -> str | None:
    """A Python of this version that any user may run (a virtual environment's may live
    in root's home)."""
    version = f"python{sys.version_info.major}.{sys.version_info.minor}"
    for candidate in (f"/usr/bin/{version}", f"/usr/local/bin/{version}"):
        if os.path.isfile(candidate) and os.stat(candidate).st_mode & 0o001:
            return candidate
    return None


def skip_reason() -> str | None:
    if os.geteuid() != 0:
        return "not root: the test user is the unprivileged one"
    if shutil.which("setpriv") is None:
        return "setpriv is not installed"
    if _nobody() is None:
        return "no user 'nobody'"
    if _python() is None:
        return "no Python of this version outside root's home for 'nobody' to run"
    return None


def nobody_run(
    args: list[str], env: dict[str, str], cwd: Path | None = None, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    """`python -m pmcoach ARGS` as `nobody`; skips the test when that cannot be done."""
    reason = skip_reason()
    if reason is not None:
        pytest.skip(reason)
    ids = _nobody()
    python = _python()
    assert ids is not None and python is not None
    site = sysconfig.get_paths()["purelib"]
    full = {
        "PATH": "/usr/bin:/bin",
        # An outer PYTHONPATH first, as for the test's own subprocesses.
        "PYTHONPATH": os.pathsep.join(
            p for p in (os.environ.get("PYTHONPATH"), str(REPO), site) if p
        ),
        "PYTHONDONTWRITEBYTECODE": "1",
        "PMCOACH_NO_FSYNC": "1",
        "HOME": "/nonexistent",
        **env,
    }
    command = ["setpriv", f"--reuid={ids[0]}", f"--regid={ids[1]}", "--clear-groups"]
    result = subprocess.run(
        [*command, python, "-m", "pmcoach", *args],
        env=full,
        cwd=cwd or "/",
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if "No module named" in result.stderr or "Permission denied" in result.stderr.split(":")[0]:
        pytest.skip(f"'nobody' cannot run this checkout: {result.stderr.strip()[:200]}")
    return result


@contextmanager
def shared_tmp() -> Iterator[Path]:
    """A folder everyone may enter (a test's own tmp_path is root's alone); with `cache/`
    owned by nobody, for PMCOACH_CACHE_HOME."""
    folder = Path(tempfile.mkdtemp(prefix="pmcoach-nobody-", dir="/tmp"))
    try:
        folder.chmod(0o755)
        cache = folder / "cache"
        cache.mkdir()
        ids = _nobody()
        if ids is not None and os.geteuid() == 0:
            os.chown(cache, *ids)
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)
