"""A command refused because the folder is not set up leaves the folder as it found it.

A folder that exists but holds no settings (made by hand, or named by mistake with
--data-dir) is not pmcoach's yet: nothing is created in it and its mode is kept.
"""

from __future__ import annotations

import pytest
from support.cli import home, run

WRITING = (
    ("grade", "Launch update email", "--rating", "4"),
    ("win", "Shipped the importer", "--skill", "execute"),
    ("discuss", "Who owns pricing?"),
    ("discuss", "--done", "1"),
    ("ask", "-o", "-"),
    ("feedback", "add", "-", "--from", "Sam", "--yes"),
)


@pytest.mark.parametrize("args", WRITING, ids=" ".join)
def test_an_empty_folder_not_set_up_is_left_empty_with_its_mode(args: tuple[str, ...]) -> None:
    folder = home()
    folder.mkdir(parents=True)
    folder.chmod(0o755)
    result = run(*args, stdin="1: 4\n")
    assert result.returncode == 2
    assert "not set up yet" in result.stderr and result.stderr.count("\n") == 1
    assert list(folder.iterdir()) == []
    assert folder.stat().st_mode & 0o777 == 0o755
