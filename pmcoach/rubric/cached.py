"""The rubric's cache: each bank file's parsed document, kept while the files are unchanged.

Parsing the bank costs as much as the rest of an export. With a data folder, each bank
file's parsed document (or why it could not be parsed) is kept in its cache folder
(`rubric.json`, docs/data-format.md "The cache and the lock") while every bank file,
the names shown for them and the code are unchanged, by the rule of `cachedir`. What
comes from the cache is checked and merged exactly as a file is (`parse.check_parsed`);
only the parsing is saved. The files are looked at before they are read, so a file
changed meanwhile is read again next time, never missed. The cache holds data only: a
cache that holds anything a file could not give is ignored and written again.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pmcoach.cache import cachedir, documents
from pmcoach.rubric import parse
from pmcoach.rubric.lines import SourceMap
from pmcoach.rubric.parsed import ParsedFile
from pmcoach.storage import paths

RUBRIC_CACHE_NAME = "rubric.json"
RUBRIC_CACHE_FORMAT = 2


def parsed_files(data_dir: Path, shown: list[tuple[Path, str]]) -> tuple[list[ParsedFile], bool]:
    """Each of `shown` (a bank file and the name shown for it) parsed and checked, and
    whether that came from the cache. Read from the files when the cache is missing or
    stale, and the cache written again if the data folder exists."""
    header = "\0".join([str(RUBRIC_CACHE_FORMAT), cachedir.code_key(), *(d for _p, d in shown)])
    taken = cachedir.Fingerprint.take(
        Path("/"), header, [(str(p), _stat_key(p)) for p, _d in shown], digests=True
    )
    folder = paths.cache_dir(data_dir)
    cached = _cached_files(folder, taken, shown)
    if cached is not None:
        return cached, True
    parsed = [parse.read_file(p, d) for p, d in shown]
    if data_dir.is_dir():
        body = {
            "format": RUBRIC_CACHE_FORMAT,
            "fingerprint": taken.to_json(),
            "files": [_file_json(f) for f in parsed],
        }
        cachedir.write(folder, RUBRIC_CACHE_NAME, _dumps(documents.to_json(body)))
    return parsed, False


def _stat_key(path: Path) -> tuple[int, int, int, int] | None:
    try:
        return cachedir.file_key(path.stat())
    except OSError:
        return None


def _dumps(value: object) -> bytes:
    return json.dumps(value, separators=(",", ":")).encode("ascii")


def _file_json(parsed: ParsedFile) -> dict[str, Any]:
    if parsed.document is not None:
        return {"text": parsed.text, "doc": parsed.document}
    issues = [[i.line, i.path, i.message, i.severity] for i in parsed.issues]
    return {"issues": issues}


def _cached_files(
    folder: Path, taken: cachedir.Fingerprint, shown: list[tuple[Path, str]]
) -> list[ParsedFile] | None:
    """The bank files as the rubric's cache holds them, checked again; None for a cache
    that is missing, stale or holds anything a file could not give."""
    data = cachedir.read(folder, RUBRIC_CACHE_NAME)
    if data is None:
        return None
    try:
        raw = json.loads(data, object_hook=documents.from_json)
        if type(raw) is not dict or raw.get("format") != RUBRIC_CACHE_FORMAT:
            return None
        saved = raw.get("fingerprint")
        still = cachedir.still_matches(saved, taken, Path("/"))
        if still is None:
            return None
        files = raw.get("files")
        if type(files) is not list or len(files) != len(shown):
            return None
        parsed = [
            _cached_file(item, path, display)
            for item, (path, display) in zip(files, shown, strict=True)
        ]
    except (ValueError, TypeError, KeyError, AttributeError, RecursionError):
        return None
    if isinstance(saved, dict) and cachedir.settled(saved, still):
        raw["fingerprint"] = cachedir.Fingerprint(taken.key, still).to_json()
        cachedir.write(folder, RUBRIC_CACHE_NAME, _dumps(documents.to_json(raw)))
    return parsed


def _cached_file(item: Any, path: Path, display: str) -> ParsedFile:
    if type(item) is not dict:
        raise ValueError("not a file")
    text, doc = item.get("text"), item.get("doc")
    if type(text) is str and type(doc) is dict:
        return parse.check_parsed(doc, ParsedFile(path, display, SourceMap(text)), text)
    issues = item["issues"]
    if type(issues) is not list or not issues:
        raise ValueError("a file neither parsed nor refused")
    parsed = ParsedFile(path, display, SourceMap(""))
    for line, where, message, severity in issues:
        if not (line is None or type(line) is int) or severity not in ("error", "warning"):
            raise ValueError("not an issue")
        if type(where) is not str or type(message) is not str:
            raise ValueError("not an issue")
        parsed.add(where, message, line, severity)
    return parsed
