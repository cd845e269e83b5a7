"""Chromium, headless, as the print and page tests drive it: a page printed to PDF, and
the PDF's pages counted.

Each run gets a profile and a home folder of its own (under the test's folder), so no
browser state is shared between tests or read from the user's.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
]


def chromium(browser: str, tmp_path: Path, *args: str) -> str:
    profile = tmp_path / "profile"
    result = subprocess.run(
        [browser, *FLAGS, f"--user-data-dir={profile}", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "HOME": str(tmp_path)},
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


def pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))
