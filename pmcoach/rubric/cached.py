"""The rubric's parsed banks as a cached answer: what a bank file's parse is in the cache.

Parsing the bank costs as much as the rest of an export. With a data folder, each bank
file's parsed document (or why it could not be parsed) is kept in its cache folder as a
cached answer like any other (`cache.answers`, `RUBRIC_NAME`: kept while every bank file,
the names shown for them and the code are unchanged). This module holds only what is the
rubric's own: a `ParsedFile` as JSON and back. What comes from the cache is checked and
merged exactly as a file is (`parse.check_parsed`), its documents checked as a TOML file's
are (`documents.untagged`); only the parsing is saved. A cache that holds anything a file
could not give is a miss, and is written again.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pmcoach.cache import answers, documents
from pmcoach.rubric import parse
from pmcoach.rubric.lines import SourceMap
from pmcoach.rubric.parsed import ParsedFile
from pmcoach.storage import paths

RUBRIC_CACHE_NAME = answers.RUBRIC_NAME


def parsed_files(data_dir: Path, shown: list[tuple[Path, str]]) -> tuple[list[ParsedFile], bool]:
    """Each of `shown` (a bank file and the name shown for it) parsed and checked, and
    whether that came from the cache. Read from the files when the cache is missing or
    stale, and the cache written again if the data folder exists."""
    # Taken before the files are read: a file changed meanwhile is read again next time.
    taken = answers.of_files([p for p, _d in shown], "\0".join(d for _p, d in shown))
    folder = paths.cache_dir(data_dir)
    value = answers.load_value(folder, RUBRIC_CACHE_NAME, answers.FILES_ROOT, taken)
    cached = None if value is None else _cached_files(value, shown)
    if cached is not None:
        return cached, True
    parsed = [parse.read_file(p, d) for p, d in shown]
    if data_dir.is_dir():
        files = [documents.to_json(_file_json(f)) for f in parsed]
        answers.save_value(folder, RUBRIC_CACHE_NAME, taken, {"files": files})
    return parsed, False


def _file_json(parsed: ParsedFile) -> dict[str, Any]:
    if parsed.document is not None:
        return {"text": parsed.text, "doc": parsed.document}
    issues = [[i.line, i.path, i.message, i.severity] for i in parsed.issues]
    return {"issues": issues}


def _cached_files(value: dict[str, Any], shown: list[tuple[Path, str]]) -> list[ParsedFile] | None:
    """The bank files as the cache holds them, checked again; None for a value that
    holds anything a file could not give."""
    files = value.get("files")
    if type(files) is not list or len(files) != len(shown):
        return None
    try:
        return [
            _cached_file(item, path, display)
            for item, (path, display) in zip(files, shown, strict=True)
        ]
    except (ValueError, TypeError, KeyError, AttributeError, RecursionError):
        return None


def _cached_file(item: Any, path: Path, display: str) -> ParsedFile:
    if type(item) is not dict:
        raise ValueError("not a file")
    text, doc = item.get("text"), item.get("doc")
    if type(text) is str and doc is not None:
        return parse.check_parsed(
            documents.untagged(doc), ParsedFile(path, display, SourceMap(text)), text
        )
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
