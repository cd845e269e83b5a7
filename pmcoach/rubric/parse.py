"""Read one rubric file: from bytes, through UTF-8 and TOML, to a checked `ParsedFile`.

Every file is hostile until read: a folder, a FIFO, a file of a gigabyte, UTF-16, a
dotted key nested past the codec's limit or a syntax error each becomes one problem
with its line, never a traceback or a hang. TOML parsers report lines only for syntax
errors; for everything else the line is found by scanning the source for the
offending table or key (see `lines`).
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from pmcoach.rubric.check import check_document
from pmcoach.rubric.lines import SourceMap
from pmcoach.rubric.parsed import ParsedFile
from pmcoach.storage import codec

MAX_FILE_BYTES = 1024 * 1024


def display_name(path: Path) -> str:
    """A user file as a problem names it: relative to where the command runs, if inside."""
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _too_big(size: int) -> str:
    limit = MAX_FILE_BYTES // (1024 * 1024)
    return f"file is {size} bytes; rubric files are limited to {limit} MiB, so it was not read"


def read_file(path: Path, display: str | None = None) -> ParsedFile:
    """Parse one file and check what can be checked without the other files."""
    shown = display if display is not None else display_name(path)
    empty = ParsedFile(path, shown, SourceMap(""))
    try:
        size = path.stat().st_size
        if path.is_dir():
            empty.add("", "is a folder, not a rubric file")
            return empty
        if not path.is_file():  # a FIFO would block the read forever
            empty.add("", "is not a regular file, so it was not read")
            return empty
        if size > MAX_FILE_BYTES:
            empty.add("", _too_big(size))
            return empty
        raw = path.read_bytes()
    except OSError as exc:
        empty.add("", f"cannot read the file: {exc.strerror or exc}")
        return empty
    return parse_bytes(raw, path, shown)


def parse_bytes(raw: bytes, path: Path, display: str) -> ParsedFile:
    """`read_file` past the file system: the bytes as a test or the fuzzer hands them in."""
    empty = ParsedFile(path, display, SourceMap(""))
    if len(raw) > MAX_FILE_BYTES:
        empty.add("", _too_big(len(raw)))
        return empty
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        hint = " (it looks like UTF-16)" if raw[:2] in (b"\xff\xfe", b"\xfe\xff") else ""
        empty.add("", f"not valid UTF-8 at byte {exc.start}{hint}; save the file as UTF-8", line)
        return empty
    long_key = codec.long_key_line(text)
    if long_key is not None:
        parts = codec.MAX_KEY_PARTS
        empty.add("", f"TOML syntax error: a dotted key of more than {parts} parts", long_key)
        return empty
    source = SourceMap(text)
    parsed = ParsedFile(path, display, source)
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message, at_line = _split_decode_error(str(exc))
        parsed.add("", f"TOML syntax error: {message}", at_line)
        return parsed
    except RecursionError:
        parsed.add("", "TOML syntax error: nesting is too deep")
        return parsed
    except ValueError:  # Python converts no decimal integer of more than 4,300 digits
        parsed.add("", "TOML syntax error: a number with too many digits")
        return parsed
    return check_parsed(doc, parsed, text)


def check_parsed(doc: dict[str, Any], parsed: ParsedFile, text: str) -> ParsedFile:
    """Check a parsed document, from a file or from the rubric's cache: one set of rules
    for both, so the cache can give nothing a file could not."""
    try:
        codec.check_limits(doc)
    except codec.SchemaError as exc:
        parsed.add("", str(exc))
        return parsed
    parsed.document, parsed.text = doc, text
    check_document(doc, parsed)
    return parsed


_AT_LINE = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")
_AT_END = re.compile(r"\s*\(at end of document\)\s*$")


def _split_decode_error(message: str) -> tuple[str, int | None]:
    found = _AT_LINE.search(message)
    if found:
        msg = message[: found.start()]
        return f"{msg} (column {found.group(2)})", int(found.group(1))
    if _AT_END.search(message):
        return _AT_END.sub("", message) + " (at the end of the file)", None
    return message, None
