"""TOML in and out: parsing with limits, strict refusals, and the documented layout.

Reading is strict: a file that does not match the documented format is refused with a
one-line reason naming the field (`SchemaError`), instead of half-loading and later
showing wrong scores; a newer `schema` is refused (docs/data-format.md, "Common rules"
and "What a file may hold").

Writing builds the text itself (values formatted by tomli_w) because tomli_w alone
cannot write `{ text, private }` as inline tables or keep `[[answers]]` as tables, and
the documented layout is part of the product. Each kind of file (`sessions`, `events`,
`config`) validates its document with its reader before it is turned into bytes here,
so pmcoach never writes a file it would refuse to read.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from collections.abc import Mapping
from typing import Any, NoReturn

import tomli_w

SCHEMA = 1

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+\Z")

# Limits on what a file may hold, checked around tomllib. tomllib's time and memory
# grow with the square of a dotted key's length (a 32 KB key: 4 s and 1 GB), so long
# keys are refused before parsing; deep nesting would overflow the stack of every
# reader after the parser (the index, the exports, the checks here).
MAX_KEY_PARTS = 16
MAX_NESTING = 32
# TOML integers are 64-bit; tomllib reads any size, and Python refuses to print one
# of more than 4,300 digits.
INT_MIN, INT_MAX = -(2**63), 2**63 - 1

Doc = dict[str, Any]


class SchemaError(ValueError):
    """A document that pmcoach will not read or write; the message is one line for people."""


# --------------------------------------------------------------------------- parsing


_KEY_PART = r"""(?>[A-Za-z0-9_-]++|"(?:[^"\\\n]|\\.)*+"|'[^'\n]*+')"""
# MAX_KEY_PARTS dots, each followed by a key part: the match starts at the first dot,
# and a pattern that starts with a plain character lets `re` skip to the dots quickly
# (2 µs for a session file, against 100 µs when every word is tried as a start).
_LONG_KEY = re.compile(
    rf"\.(?:[ \t]*+{_KEY_PART}[ \t]*+\.){{{MAX_KEY_PARTS - 1},}}[ \t]*+{_KEY_PART}"
)
_STRING_OR_COMMENT = re.compile(
    r'"""(?:[^"\\]|\\.|""?(?!"))*+"""'
    r"|'''(?:[^']|''?(?!'))*+'''"
    r'|"(?:[^"\\\n]|\\.)*+"'
    r"|'[^'\n]*+'"
    r"|#[^\n]*+",
    re.DOTALL,
)


def long_key_line(text: str) -> int | None:
    """The line of a dotted key of more than MAX_KEY_PARTS parts in TOML text, or None.

    The first search runs over the raw text and finds nothing in any real file. Only
    when it finds something are strings and comments blanked (their line breaks kept)
    and the search repeated, so that a note holding a long dotted name is not a key.
    """
    if _LONG_KEY.search(text) is None:
        return None
    blanked = _STRING_OR_COMMENT.sub(lambda m: '""' + "\n" * m.group().count("\n"), text)
    found = _LONG_KEY.search(blanked)
    return None if found is None else blanked.count("\n", 0, found.start()) + 1


def check_limits(doc: Mapping[str, Any]) -> None:
    """Refuse a parsed document nested more than MAX_NESTING deep or holding an integer
    TOML does not allow. Iterative, so that a deep document cannot overflow the check."""
    stack: list[tuple[Mapping[str, Any] | list[Any], int]] = [(doc, 1)]
    while stack:
        container, depth = stack.pop()
        if depth > MAX_NESTING:
            raise SchemaError(f"not readable: nested more than {MAX_NESTING} levels deep")
        for item in container.values() if isinstance(container, Mapping) else container:
            if isinstance(item, dict | list):
                stack.append((item, depth + 1))
            elif type(item) is int and not INT_MIN <= item <= INT_MAX:
                raise SchemaError("not valid TOML: an integer outside the 64-bit range")


def parse_document(data: bytes) -> Doc:
    """TOML bytes to a plain document, every failure turned into a one-line reason."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SchemaError(f"not UTF-8 text (bad byte at position {exc.start})") from None
    if text.startswith("\ufeff"):
        # Some Windows editors add one; TOML does not allow it, and "invalid statement
        # at line 1, column 1" would leave the user staring at a line that looks fine.
        raise SchemaError("starts with a byte order mark (BOM); save it as UTF-8 without one")
    line = long_key_line(text)
    if line is not None:
        raise SchemaError(
            f"not readable: a dotted key of more than {MAX_KEY_PARTS} parts (at line {line})"
        )
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise SchemaError(f"not valid TOML: {exc}") from None
    except RecursionError:
        raise SchemaError("not readable: nested too deeply") from None
    except ValueError:
        # Python refuses to convert a decimal integer of more than 4,300 digits.
        raise SchemaError("not valid TOML: a number with too many digits") from None
    check_limits(doc)
    return doc


def check_schema(doc: Mapping[str, Any]) -> int:
    """The document's schema, refusing one this version does not understand."""
    value = doc.get("schema")
    if value is None:
        raise SchemaError("schema: missing")
    if not is_int(value):
        fail("schema", "an integer", value)
    if value > SCHEMA:
        raise SchemaError(f"written by a newer pmcoach (schema {value}); not changed")
    if value < SCHEMA:
        raise SchemaError(f"schema: expected {SCHEMA}, got {value}")
    return int(value)


# --------------------------------------------------------------------------- messages


def is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and INT_MIN <= value <= INT_MAX


def key_path(where: str, key: str) -> str:
    """`where.key` for a message. A key that is not bare is shown quoted, with escapes,
    so that a key holding a line break or a terminal escape cannot break the line."""
    shown = key if _BARE_KEY.match(key) else repr(key)
    return f"{where}.{shown}" if where else shown


def describe(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return repr(shown)
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dt.datetime):
        return f"the date-time {value.isoformat()}"
    if isinstance(value, dt.date):
        return f"the date {value.isoformat()}"
    if isinstance(value, dt.time):
        return f"the time {value.isoformat()}"
    if isinstance(value, int) and not INT_MIN <= value <= INT_MAX:
        return "an integer outside the 64-bit range"
    if isinstance(value, int | float):
        return str(value)
    if value is None:
        return "null"  # from a JSON import
    return f"a {type(value).__name__}"  # never its contents: they may be private notes


def fail(where: str, expected: str, value: object) -> NoReturn:
    raise SchemaError(f"{where}: expected {expected}, got {describe(value)}")


# --------------------------------------------------------------------------- writing


def _literal(value: object) -> str:
    """One scalar. Date-times are written with a `T` as in the documentation;
    strings and numbers use tomli_w's formatting (escapes included)."""
    if isinstance(value, dt.time) and value.tzinfo is not None:
        raise SchemaError(f"TOML has no times with an offset: {value.isoformat()}")
    if isinstance(value, dt.datetime):
        offset = value.utcoffset()
        if offset is not None and offset % dt.timedelta(minutes=1):
            raise SchemaError(f"UTC offset of {value.isoformat()} is not whole minutes")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, str | int | float):
        return tomli_w.dumps({"v": value})[len("v = ") : -1]
    raise SchemaError(f"cannot be written as TOML: {describe(value)}")


def _key(key: str) -> str:
    return tomli_w.dumps({key: 0})[: -len(" = 0\n")]


def _is_table_array(value: object) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


def _inline(value: Mapping[str, Any]) -> str:
    return "{ " + ", ".join(f"{_key(k)} = {_value(v)}" for k, v in value.items()) + " }"


def _value(value: object) -> str:
    if isinstance(value, Mapping):
        return _inline(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    return _literal(value)


def _lines(table: Mapping[str, Any]) -> list[str]:
    """`key = value` lines; tables nested in an entry are written inline."""
    return [f"{_key(k)} = {_value(v)}" for k, v in table.items()]


def _render(doc: Doc, inline: bool) -> str:
    """The document with top-level scalars first and each array of tables as
    `[[name]]` blocks. With `inline`, other top-level tables are inline too (the
    `{ text, private }` of sessions); without, they become `[name]` sections."""
    scalars = {k: v for k, v in doc.items() if not _is_table_array(v)}
    sections = {}
    if not inline:
        sections = {k: v for k, v in scalars.items() if isinstance(v, Mapping)}
        scalars = {k: v for k, v in scalars.items() if k not in sections}
    out = _lines(scalars)
    for name, value in doc.items():
        if _is_table_array(value):
            for item in value:
                out += ["", f"[[{_key(name)}]]", *_lines(item)]
        elif name in sections:
            # Its own keys, each on a line, tables below them inline: nested tables as
            # `[a.b.c]` headers could make a dotted key longer than the reader takes.
            out += ["", f"[{_key(name)}]", *_lines(value)]
    return "\n".join(out) + "\n"


def _first_bad_string(value: object, where: str) -> str | None:
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return where
    elif isinstance(value, Mapping):
        for key, item in value.items():
            found = _first_bad_string(key, where) or _first_bad_string(item, f"{where}.{key}")
            if found:
                return found
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found = _first_bad_string(item, f"{where}[{index}]")
            if found:
                return found
    return None


def to_bytes(doc: Doc, inline: bool) -> bytes:
    """Serialise to bytes before any file is opened: a text that cannot be encoded
    (a lone surrogate pasted from a broken clipboard) must fail here, not halfway
    through writing over the user's file."""
    text = _render(doc, inline)
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        where = (_first_bad_string(doc, "") or "text").lstrip(".")
        raise SchemaError(f"{where}: contains a character that cannot be saved") from None


def with_extra(doc: Doc, extra: Mapping[str, Any], known: frozenset[str]) -> Doc:
    """A table's known keys, then the ones kept from its file (never compacted: an
    unknown `false` or `[]` is written back as it was)."""
    if not extra:
        return doc
    clash = sorted(set(extra) & known)
    if clash:
        raise SchemaError(f"{clash[0]}: has a meaning of its own, cannot be kept as extra")
    return {**doc, **extra}


def compact(table: Mapping[str, Any]) -> Doc:
    """Leave out absent values and false flags, as the documented examples do."""
    return {k: v for k, v in table.items() if v is not None and v is not False and v != []}
