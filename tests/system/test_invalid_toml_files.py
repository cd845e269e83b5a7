"""The toml-test invalid corpus as the files of a data folder: every kind pmcoach reads.

The rubric's parser meets the corpus in tests/unit/test_rubric.py; these are the same
documents arriving as a peer's reply, a request for feedback, a topic, a topic marked
discussed and config.toml, as a sync tool or a restore could leave them. Each is listed
as a problem on one line, read again the same way from a warm cache, and left as it was.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from support import fuzz as fuzz_files
from support.exports import CONFIG

from pmcoach.cache.opener import open_store
from pmcoach.storage.errors import StoreError

INVALID_DIR = Path(__file__).parents[1] / "data" / "toml-test-invalid"
# The kinds of file the corpus lands as, and the folder each lives in.
KINDS = (("sessions", "peer"), ("sessions", "manager"), ("events", "peer-request"))
KINDS += (("events", "topic"), ("events", "topic-done"))


def documents() -> list[bytes]:
    """Every invalid document of the corpus; a `.multi` file holds one per line, with
    `\\xNN` standing for that byte."""
    found = [path.read_bytes() for path in sorted(INVALID_DIR.rglob("*.toml"))]
    for path in sorted(INVALID_DIR.rglob("*.multi")):
        found.append(path.read_bytes())
        for line in path.read_bytes().splitlines():
            if line.strip() and not line.startswith(b"#"):
                found.append(
                    re.sub(rb"\\x([0-9a-fA-F]{2})", lambda m: bytes([int(m[1], 16)]), line)
                )
    return found


def name(kind: str, number: int) -> str:
    """A file name pmcoach would have written: a time from the number, a suffix from it."""
    minutes, seconds = divmod(number, 60)
    hours, minutes = divmod(minutes, 60)
    return f"20261123T{hours:02}{minutes:02}{seconds:02}Z-{kind}-{number:04x}.toml"


def test_every_invalid_document_as_a_new_kind_of_file_is_a_problem_left_alone(
    tmp_path: Path,
) -> None:
    docs = documents()
    assert len(docs) > 515
    root = tmp_path / "data"
    store = open_store(root, cache_root=tmp_path / "cache")
    store.save_config(CONFIG)
    written: dict[Path, bytes] = {}
    for folder, kind in KINDS:
        where = root / folder / "2026"
        where.mkdir(parents=True, exist_ok=True)
        for number, data in enumerate(docs):
            path = where / name(kind, number)
            path.write_bytes(data)
            written[path] = data
    for _ in range(2):  # cold, then from the cache the first pass saved
        store = open_store(root, cache_root=tmp_path / "cache")
        store.refresh()
        assert not store.sessions()
        assert not store.events()
        problems = {Path(p.path).resolve(): p.reason for p in store.problems}
        assert set(problems) == {p.resolve() for p in written}
        for reason in problems.values():
            fuzz_files.check_message(reason, "Store.refresh")
    assert all(path.read_bytes() == data for path, data in written.items())


def test_an_invalid_config_is_an_error_of_one_line_and_kept(tmp_path: Path) -> None:
    store = open_store(tmp_path / "data", cache_root=tmp_path / "cache")
    store.config_path.parent.mkdir(parents=True, exist_ok=True)
    for data in documents():
        store.config_path.write_bytes(data)
        with pytest.raises(StoreError) as raised:
            store.load_config()
        fuzz_files.check_message(str(raised.value), "Store.load_config")
        assert store.config_path.read_bytes() == data
