"""Hostile files for pmcoach's loaders: seeds, mutations, and the contract they are held to.

Every file pmcoach reads can be edited by hand, damaged by a sync tool or a full disk, or
written on purpose to break it. Each case here takes a real file (a session, an event,
config.toml, a rubric file, a JSON export), mutates it, and feeds it to the entry point
the product uses for that kind of file:

    session, event  scan.read_document on a file, then decode_session / decode_event;
                    every 50th case also through Store.refresh of a real data folder
    config          scan.read_document + decode_config; every 50th Store.load_config
    rubric          parse.read_file on a file, merged with the built-in bank as
                    `rubric validate` does; every 50th through validate itself
    import          json_read.read_export on a file; every 10th accepted one is restored
                    into an empty data folder, which must then read without problems

The contract: the only exception that may escape is the loader's own (SchemaError from
the codec and the store's reading, ImportRefused from the importer, none at all from the
rubric, which reports issues), with a message that is not empty, fits on one line and
holds no control character. A file that is accepted must also write back and read back
as itself, so that correcting it later cannot fail or change it.

Cases are numbered per loader and each draws from its own RNG (`random.Random("session/17")`),
so a failure names a case that repeats on any machine and under any split into workers:

    python tests/support/fuzz.py --target session --case 17      show one case and its outcome
    python tests/support/fuzz.py --count 100000 --workers 2       a run with progress
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import datetime as dt
import functools
import json
import math
import multiprocessing
import os
import random
import re
import shutil
import sys
import tempfile
import time
import tomllib
import traceback
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tomli_w

TARGETS = ("session", "event", "config", "rubric", "import")
# Shares of a run. Sessions and events are most of a data folder; the rubric and the
# import cases cost several times as much each, so they get fewer.
SHARES = {"session": 0.32, "event": 0.28, "config": 0.20, "rubric": 0.08, "import": 0.12}
STORE_EVERY = 50  # session, event and config cases that also go through the Store
VALIDATE_EVERY = 50  # rubric cases that also go through validate
RESTORE_EVERY = 10  # accepted imports that are also restored into a folder
CHUNK = 2_000  # cases a worker runs between reports
MAX_MESSAGE = 2_000  # characters; a longer "message" is a dump, not a sentence
SIZE_CAP = 1 << 20  # the loaders' own cap (scan.MAX_FILE_SIZE, parse.MAX_FILE_BYTES)

ROOT = Path(__file__).resolve().parents[2]
SESSION_NAME = "20261116T080000Z-weekly-a001.toml"
EVENT_NAME = "20261117T100000Z-grade-d001.toml"

Doc = dict[str, Any]


class Broken(Exception):
    """The contract was broken; the message says how."""


# --------------------------------------------------------------------------- seeds


@dataclass(frozen=True)
class Seed:
    name: str
    data: bytes


@functools.cache
def seeds() -> dict[str, tuple[Seed, ...]]:
    """Real files, as pmcoach writes them (sessions, events, config, exports) or as they
    ship (rubric files). Built once per process; nothing in them depends on the clock."""
    from dataclasses import replace

    from pmcoach.domain.model import Config
    from pmcoach.export import render
    from pmcoach.storage.config import encode_config
    from pmcoach.storage.events import encode_event
    from pmcoach.storage.sessions import encode_session
    from support.exports import CONFIG, export_data, history

    sessions, events = history()
    sessions, events = (*sessions, *_peer_sessions()), (*events, *_agenda_events())
    found: dict[str, list[Seed]] = {target: [] for target in TARGETS}
    found["session"] = [Seed(s.id, encode_session(s)) for s in sessions]
    found["event"] = [Seed(e.id, encode_event(e)) for e in events]
    targets = {"communicate": 3, "think-big": 5}
    found["config"] = [
        Seed("config", encode_config(CONFIG)),
        Seed("config-targets", encode_config(Config(track="new", targets=targets))),
        Seed("config-name", encode_config(replace(CONFIG, name="Dana Reyes", export=EXPORT))),
    ]
    questions = ROOT / "questions"
    example = (questions / "README.md").read_text(encoding="utf-8")
    example = example.split("```toml\n", 1)[1].split("```", 1)[0]
    found["rubric"] = [
        Seed("questions/tracks.toml", (questions / "tracks.toml").read_bytes()),
        Seed("questions/communicate.toml", (questions / "communicate.toml").read_bytes()),
        Seed("acme.toml", example.encode("utf-8")),
    ]
    whole = export_data(sessions, events, include_private=True)
    small = export_data(sessions[:1], events[:2], include_private=True)
    found["import"] = [
        Seed("export-small.json", render("json", small).encode("utf-8")),
        Seed("export.json", render("json", whole).encode("utf-8")),
    ]
    return {target: tuple(items) for target, items in found.items()}


EXPORT = {"format": "html", "period": "12w", "folder": "/home/dana/Documents", "what": "review"}
"""The export screen's remembered choices, as config.toml keeps them."""


def _peer_sessions() -> tuple[Any, ...]:
    """The kinds of session written beside one's own: a peer's reply to a request, named
    privately, and a manager's ratings on the levels scale."""
    from dataclasses import replace

    from pmcoach.domain.model import Text
    from support.exports import at, manager, peer

    private = replace(peer(at("2026-11-24", 12), "e001"), peer=Text("PRIVATE peer", True))
    return (private, manager(at("2026-11-25", 15), "e002", scale="levels"))


def _agenda_events() -> tuple[Any, ...]:
    """The events of a request for feedback and of the 1:1 agenda."""
    from pmcoach.domain.model import Text
    from support.exports import at, event

    topic = event(
        at("2026-11-24", 9), "topic", "e003", skill="prioritize", text=Text("Pricing page", False)
    )
    return (
        event(
            at("2026-11-24", 8),
            "peer-request",
            "e004",
            text=Text("Sam Lee", False),
            data={"code": "K7QF", "questions": ["communicate.answer-first", "execute.ship"]},
        ),
        topic,
        event(at("2026-11-25", 9), "topic-done", "e005", data={"topic": topic.id}),
    )


@functools.cache
def _seed_doc(target: str, name: str) -> Doc:
    seed = next(s for s in seeds()[target] if s.name == name)
    if target == "import":
        doc: Doc = json.loads(seed.data)
        return doc
    return tomllib.loads(seed.data.decode("utf-8"))


@functools.cache
def _seed_paths(target: str, name: str) -> tuple[tuple[object, ...], ...]:
    return tuple(_paths(_seed_doc(target, name)))


# --------------------------------------------------------------------------- hostile pieces

_INTERESTING_BYTES = b"\x00\x01\x1b\x7f\x80\xbf\xc0\xc3\xe2\xed\xf4\xfe\xff\"'[]{}=#.,\\\n\r\t "
_INVALID_UTF8 = (
    b"\x80",
    b"\xbf",
    b"\xc3",
    b"\xc0\xaf",  # overlong "/"
    b"\xe0\x80\xaf",
    b"\xed\xa0\x80",  # an encoded surrogate
    b"\xf4\x90\x80\x80",  # beyond U+10FFFF
    b"\xf8\x88\x80\x80\x80",
    b"\xfe",
    b"\xff",
    b"\xe2\x82",
)
_TOKENS = (
    "[", "]", "[[", "]]", "{", "}", "=", '"', "'", '"""', "'''", "\\", "\n", "\r\n", "\r",
    "#", ",", ".", "..", " = ", "\t", "\x00", "\x1b[31m", "\u2028", "\u202e", "\ufeff",
    "\\u0000", "\\ud800", "\\U00110000", "\\x41", "nan", "inf", "-inf", "1e999", "9" * 30,
    "0x", "true", "1979-05-27", "T", "Z", "+01:00", ":", "-", "_",
)  # fmt: skip
_TOML_VALUES = (
    "nan", "+nan", "-nan", "inf", "-inf", "+inf",
    str(2**64), str(-(2**64) - 1), str(2**63 - 1), str(-(2**63)), str(2**63), str(-(2**63) - 1),
    "0xffffffffffffffff", "0x7fffffffffffffff", "0o1777777777777777777777", "0b" + "1" * 70,
    "0x" + "f" * 1200, "1" * 5000, "-" + "9" * 4400,
    "1e400", "-1e400", "1e-400", "0.0", "-0.0", "1_000", "01", "1__0", "+1", "-0", "0", "6",
    '""', '"x"', "''", '"""\n"""', "'''x'''", '"\\u0000"', '"\\ud800"', '"\\U0010FFFF"',
    '"\\U00110000"', '"\\x41"', '"a\\nb"', '"\\u001b]0;title\\u0007"', '"../../etc/passwd"',
    '"2026/../../x"', '"/etc/passwd"', '"a/b"', '"\\u202e"', '"\\r"',
    "true", "false", "True", "yes",
    "2026-11-23", "2026-11-23T09:05:12", "2026-11-23 09:05:12", "09:05:12", "24:00:00",
    "2026-11-23T09:05:12Z", "2026-11-23T09:05:12+01:00", "2026-11-23T09:05:12-00:00",
    "2026-11-23T09:05:12+24:00", "2026-11-23T09:05:12+23:59", "2026-02-30T09:05:12Z",
    "0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59.999999999-23:59", "2026-11-23T23:59:60Z",
    "1979-05-27T00:32:00.999999999999+01:00", "2026-11-23T09:05:12.5+01:30",
    "[]", "[[]]", "[1, 'a', 1.5, true]", "[{}]", "[{ text = 1 }]", "[nan]", "{}",
    '{ text = "x" }', '{ text = 1, private = "no" }', "{ private = true }",
    '{ text = "x", private = true, extra = nan }', '{ text = "x", text = "y" }',
    "weekly", '"weekly"', '"manager"', '"monday"', '"Mon"', '"UTC"', '"Europe/Berlin"',
    '"America"', '"zone.tab"', '"' + "a" * 300 + '"', '"/' + "a" * 300 + '"', '"review"',
)  # fmt: skip
_KEYS = (
    "extra", "schema", "id", "kind", "at", "answers", "text", "private", "targets",
    '"a\\nb"', '"\\u001b[2J"', '""', '"."', '".."', '"/"', '"a/b"', "é", '"\\u202e"', '"$"',
    "a.b", "a . b", '"a".b', "1", "-", "_", "true", "nan", "inf",
)  # fmt: skip
_HOSTILE_IDS = (
    "../../etc/passwd",
    "2026/../../x",
    "/etc/passwd",
    "20261123T080512Z-weekly-3f9a\n",
    "20261123T080512Z-weekly-3f9a/",
    "20261123T080512Z-weekly-3F9A",
    "20261123T080512Z-../x-3f9a",
    "20261123T080512Z-weekly-3f9a.toml",
    "20261123T080512Z--3f9a",
    "99991323T999999Z-weekly-3f9a",
    "20261123T080512Z-weekly-3f9a\x00",
    "",
    ".",
    "..",
    "CON",
    "20261123T080512Z-weekly-3f9a" * 50,
)
_TYPE_VALUES: tuple[object, ...] = (
    "x",
    "",
    " ",
    0,
    -1,
    7,
    2**63 - 1,
    -(2**63),
    2**64,
    -(2**64) - 1,
    True,
    False,
    1.5,
    -0.0,
    float("nan"),
    float("inf"),
    dt.date(2026, 11, 23),
    dt.datetime(2026, 11, 23, 9, 5, 12),
    dt.datetime(2026, 11, 23, 9, 5, 12, tzinfo=dt.timezone(dt.timedelta(hours=1))),
    dt.time(9, 0),
    dt.date(1, 1, 1),
    dt.date(9999, 12, 31),
    dt.date(1899, 12, 31),
    dt.date(3000, 1, 1),
    dt.datetime(1, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=1))),
    dt.datetime(9999, 12, 31, 23, tzinfo=dt.timezone(dt.timedelta(hours=-5))),
    dt.datetime(1900, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=14))),
    dt.datetime(2999, 12, 31, 23, 59, 59, tzinfo=dt.timezone(dt.timedelta(hours=-12))),
    "0001-W01",
    "9999-W52",
    "3000-W01",
    [],
    [1, "a"],
    [{}],
    {},
    {"text": 1},
    {"text": "x", "private": "no"},
    {"private": True},
)


def _deep_array(depth: int) -> str:
    return "[" * depth + "]" * depth


def _deep_table(depth: int) -> str:
    return "{ a = " * depth + "1" + " }" * depth


def _dotted(parts: int) -> str:
    return ".".join(["a"] * parts)


def _big_string(rng: random.Random) -> str:
    """A long string, within the size cap or just past it."""
    size = rng.choice((300, 5_000, 200_000, 900_000, SIZE_CAP + 10))  # in bytes
    char = rng.choice("xé€😀")
    return '"' + char * (size // len(char.encode())) + '"'


def _generated_value(rng: random.Random) -> str:
    pick = rng.randrange(8)
    if pick == 0:
        return _deep_array(rng.choice((31, 32, 33, 100, 500, 5_000)))
    if pick == 1:
        return _deep_table(rng.choice((31, 32, 33, 100, 500)))
    if pick == 2 and rng.random() < 0.1:
        return _big_string(rng)
    if pick == 3:
        return "[" + ", ".join(["1"] * rng.choice((100, 10_000))) + "]"
    if pick == 4:
        return "{ " + ", ".join(f"k{i} = {i}" for i in range(rng.choice((10, 1000)))) + " }"
    return rng.choice(_TOML_VALUES)


# --------------------------------------------------------------------------- byte mutations


def _pos(rng: random.Random, data: bytes) -> int:
    return rng.randrange(len(data) + 1)


def flip_bits(rng: random.Random, data: bytes) -> bytes:
    if not data:
        return b"\x80"
    out = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        i = rng.randrange(len(out))
        out[i] ^= 1 << rng.randrange(8)
    return bytes(out)


def set_bytes(rng: random.Random, data: bytes) -> bytes:
    if not data:
        return bytes([rng.choice(_INTERESTING_BYTES)])
    out = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        out[rng.randrange(len(out))] = rng.choice(_INTERESTING_BYTES)
    return bytes(out)


def truncate(rng: random.Random, data: bytes) -> bytes:
    return data[: _pos(rng, data)]


def delete_span(rng: random.Random, data: bytes) -> bytes:
    start = _pos(rng, data)
    return data[:start] + data[start + rng.randint(1, 200) :]


def duplicate_span(rng: random.Random, data: bytes) -> bytes:
    start = _pos(rng, data)
    span = data[start : start + rng.randint(1, 400)]
    at = _pos(rng, data)
    return data[:at] + span * rng.choice((1, 1, 2, 50)) + data[at:]


def insert_token(rng: random.Random, data: bytes) -> bytes:
    token = rng.choice(_TOKENS).encode("utf-8", "surrogatepass")
    at = _pos(rng, data)
    return data[:at] + token + data[at:]


def invalid_utf8(rng: random.Random, data: bytes) -> bytes:
    at = _pos(rng, data)
    return data[:at] + rng.choice(_INVALID_UTF8) + data[at:]


def re_encode(rng: random.Random, data: bytes) -> bytes:
    """A byte order mark, another encoding, other line ends."""
    text = data.decode("utf-8", "replace")
    pick = rng.randrange(9)
    if pick == 0:
        return b"\xef\xbb\xbf" + data
    if pick == 1:
        return b"\xef\xbb\xbf\xef\xbb\xbf" + data
    if pick == 2:
        return text.encode("utf-16", "surrogatepass")  # with its BOM
    if pick == 3:
        return text.encode(rng.choice(("utf-16-le", "utf-16-be")), "surrogatepass")
    if pick == 4:
        return text.encode("utf-32", "surrogatepass")
    if pick == 5:
        return text.encode("latin-1", "replace")
    if pick == 6:
        return data.replace(b"\n", b"\r\n")
    if pick == 7:
        return data.replace(b"\n", b"\r")
    at = _pos(rng, data)
    return data[:at] + b"\xef\xbb\xbf" + data[at:]


def splice(rng: random.Random, data: bytes) -> bytes:
    """A piece of another seed, of any loader, put somewhere in this one."""
    other = rng.choice([s for group in seeds().values() for s in group]).data
    start = _pos(rng, other)
    piece = other[start : start + rng.randint(1, 2_000)]
    at = _pos(rng, data)
    return data[:at] + piece + data[at:]


def oversize(rng: random.Random, data: bytes) -> bytes:
    """Grow the file to just under or just over the size cap."""
    target = SIZE_CAP + rng.choice((-200, 1, 4096))
    pad = b"\n# " + b"x" * 78
    return data + pad * max(0, (target - len(data)) // len(pad) + 1)


BYTE_OPS: tuple[tuple[int, Callable[[random.Random, bytes], bytes]], ...] = (
    (10, flip_bits),
    (8, set_bytes),
    (6, truncate),
    (6, delete_span),
    (5, duplicate_span),
    (8, insert_token),
    (5, invalid_utf8),
    (5, re_encode),
    (4, splice),
    (1, oversize),
)


# --------------------------------------------------------------------------- TOML mutations

_ASSIGNMENT = re.compile(rb"^([ \t]*)([^=\n\[#]+?)[ \t]*=[ \t]*(.*)$", re.MULTILINE)
_HEADER = re.compile(rb"^[ \t]*(\[\[?)([^\]\n]*)(\]\]?)[ \t]*$", re.MULTILINE)


def _enc(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")


def replace_value(rng: random.Random, data: bytes) -> bytes:
    lines = list(_ASSIGNMENT.finditer(data))
    if not lines:
        return insert_token(rng, data)
    found = rng.choice(lines)
    return data[: found.start(3)] + _enc(_generated_value(rng)) + data[found.end(3) :]


def rename_key(rng: random.Random, data: bytes) -> bytes:
    lines = list(_ASSIGNMENT.finditer(data))
    if not lines:
        return insert_token(rng, data)
    found = rng.choice(lines)
    key = rng.choice(_KEYS) if rng.random() < 0.8 else _dotted(rng.choice((16, 17, 40, 3000)))
    return data[: found.start(2)] + _enc(key) + data[found.end(2) :]


def drop_line(rng: random.Random, data: bytes) -> bytes:
    lines = data.split(b"\n")
    del lines[rng.randrange(len(lines))]
    return b"\n".join(lines)


def duplicate_line(rng: random.Random, data: bytes) -> bytes:
    lines = data.split(b"\n")
    line = rng.choice(lines)
    lines.insert(rng.randrange(len(lines) + 1), line)
    return b"\n".join(lines)


def add_line(rng: random.Random, data: bytes) -> bytes:
    pick = rng.randrange(6)
    if pick == 0:
        line = f"{_dotted(rng.choice((3, 16, 17, 33, 2_000, 40_000)))} = 1"
    elif pick == 1:
        line = f"[{_dotted(rng.choice((2, 16, 17, 33, 2_000, 40_000)))}]"
    elif pick == 2:
        line = rng.choice(("[[answers]]", "[answers]", "[[answers.note]]", "[targets]", "[[x]]"))
    elif pick == 3:
        count = rng.choice((100, 5_000))
        line = "\n".join(f"k{i} = {i}" for i in range(count))
    else:
        line = f"{rng.choice(_KEYS)} = {_generated_value(rng)}"
    lines = data.split(b"\n")
    # Mostly at the top, where it belongs to the document rather than to the last table.
    at = 0 if rng.random() < 0.5 else rng.randrange(len(lines) + 1)
    lines.insert(at, _enc(line))
    return b"\n".join(lines)


def change_header(rng: random.Random, data: bytes) -> bytes:
    headers = list(_HEADER.finditer(data))
    if not headers:
        return add_line(rng, data)
    found = rng.choice(headers)
    name = found.group(2).decode("utf-8", "replace")
    new = rng.choice(
        (f"[{name}]", f"[[{name}.x]]", f"[{name}.x]", "[[answers]]", f"[[{name}]", f"[{name}]]")
    )
    return data[: found.start()] + _enc(new) + data[found.end() :]


def _paths(value: object, path: tuple[object, ...] = ()) -> Iterator[tuple[object, ...]]:
    """Every place in a document, as the keys and indexes that lead to it."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield (*path, key)
            yield from _paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield (*path, index)
            yield from _paths(item, (*path, index))


def _parent(doc: Any, path: tuple[object, ...]) -> Any:
    for step in path[:-1]:
        doc = doc[step]
    return doc


def _hostile_python(rng: random.Random) -> object:
    pick = rng.random()
    if pick < 0.7:
        return copy.deepcopy(rng.choice(_TYPE_VALUES))
    if pick < 0.8:
        return rng.choice(_HOSTILE_IDS)
    depth = rng.choice((31, 32, 33, 60))
    value: object = 1
    for _ in range(depth):
        value = [value] if rng.random() < 0.5 else {"a": value}
    return value


def mutate_document(rng: random.Random, doc: Doc, places: Sequence[tuple[object, ...]]) -> Doc:
    """One change to a parsed document: a value of another type, a key removed or added,
    an id that tries to leave its folder, a schema from another version."""
    doc = copy.deepcopy(doc)
    pick = rng.randrange(10)
    if pick == 0 and "id" in doc:
        doc["id"] = rng.choice(_HOSTILE_IDS)
        return doc
    if pick == 1:
        doc["schema"] = rng.choice((0, 2, -1, 2**63 - 1, 2**64, "1", 1.0, True, [1]))
        return doc
    if pick == 2:
        doc[rng.choice(("extra", "a\nb", "\x1b[2J", "", "..", "é", "$"))] = _hostile_python(rng)
        return doc
    if not places:
        return doc
    path = rng.choice(places)
    parent = _parent(doc, path)
    if pick in (3, 4):
        if isinstance(parent, dict):
            del parent[path[-1]]
        else:
            parent.pop(path[-1])
        return doc
    parent[path[-1]] = _hostile_python(rng)
    return doc


def mutate_toml_document(rng: random.Random, seed: Seed, target: str) -> bytes:
    doc = mutate_document(rng, _seed_doc(target, seed.name), _seed_paths(target, seed.name))
    try:
        return tomli_w.dumps(doc).encode("utf-8", "surrogatepass")
    except (TypeError, ValueError, RecursionError):
        return seed.data


TEXT_OPS: tuple[tuple[int, Callable[[random.Random, bytes], bytes]], ...] = (
    (12, replace_value),
    (5, rename_key),
    (5, drop_line),
    (4, duplicate_line),
    (6, add_line),
    (3, change_header),
)


# --------------------------------------------------------------------------- JSON mutations

_JSON_VALUES: tuple[str, ...] = (
    "NaN", "Infinity", "-Infinity", "1e999", "-1e999", "1" * 5000, str(2**64), str(-(2**64) - 1),
    "1.0", "-0", "null", "true", '"\\ud800"', '"\\udfff\\ud800"', '"\\u0000"', '"a\\nb"',
    '"2026-11-23T09:05:12"', '"2026-11-23"', '"09:05:12+01:00"', '"2026-11-23T09:05:12+01:00"',
    '"../../etc/passwd"', '{"private": true}', '{"text": 1}', "[]", "{}", "[" * 5000 + "]" * 5000,
    "[" * 31 + "]" * 31, "[" * 40 + "]" * 40, '{"a":' * 500 + "1" + "}" * 500,
)  # fmt: skip


def json_value_text(rng: random.Random, data: bytes) -> bytes:
    """A JSON value (after a `: `) replaced by a literal JSON cannot hold or pmcoach refuses."""
    spots = [m.end() for m in re.finditer(rb'": ?', data)]
    if not spots:
        return insert_token(rng, data)
    at = rng.choice(spots)
    end = at
    while end < len(data) and data[end : end + 1] not in b",}]\n":
        end += 1
        if data[at : at + 1] in b"[{":
            break
    return data[:at] + _enc(rng.choice(_JSON_VALUES)) + data[end:]


def json_duplicate_key(rng: random.Random, data: bytes) -> bytes:
    spots = [m.end() for m in re.finditer(rb"\{", data)]
    if not spots:
        return insert_token(rng, data)
    at = rng.choice(spots)
    key = rng.choice(('"id"', '"format"', '"schema"', '"sessions"', '"kind"', '"text"'))
    return data[:at] + _enc(f"{key}: {rng.choice(_JSON_VALUES)}, ") + data[at:]


def mutate_json_document(rng: random.Random, seed: Seed) -> bytes:
    doc = mutate_document(rng, _seed_doc("import", seed.name), _seed_paths("import", seed.name))
    if rng.random() < 0.3:  # the export's own header
        doc[rng.choice(("format", "version"))] = _hostile_python(rng)
    items = doc.get(rng.choice(("sessions", "events")))
    if rng.random() < 0.2 and isinstance(items, list) and items and isinstance(items[0], dict):
        items[0]["id"] = rng.choice(_HOSTILE_IDS)  # an id names the file import writes
    try:
        text = json.dumps(doc, ensure_ascii=rng.random() < 0.5, default=str)
    except (TypeError, ValueError, RecursionError):
        return seed.data
    return text.encode("utf-8", "surrogatepass")


JSON_OPS: tuple[tuple[int, Callable[[random.Random, bytes], bytes]], ...] = (
    (10, json_value_text),
    (3, json_duplicate_key),
)


# --------------------------------------------------------------------------- cases


def _weighted(
    rng: random.Random, ops: Sequence[tuple[int, Callable[[random.Random, bytes], bytes]]]
) -> Callable[[random.Random, bytes], bytes]:
    total = sum(weight for weight, _ in ops)
    pick = rng.randrange(total)
    for weight, op in ops:
        if pick < weight:
            return op
        pick -= weight
    raise AssertionError("unreachable")


@dataclass(frozen=True)
class Case:
    target: str
    number: int
    seed: Seed
    label: str
    data: bytes


def make_case(target: str, number: int) -> Case:
    """Case `number` of a loader: a seed and one to three mutations, from its own RNG."""
    rng = random.Random(f"{target}/{number}")
    seed = rng.choice(seeds()[target])
    data, labels = seed.data, []
    structural = JSON_OPS if target == "import" else TEXT_OPS
    roll = rng.random()
    if roll < 0.25:
        if target == "import":
            data = mutate_json_document(rng, seed)
        else:
            data = mutate_toml_document(rng, seed, target)
        labels.append("document")
    elif roll < 0.5:
        op = _weighted(rng, structural)
        data = op(rng, data)
        labels.append(op.__name__)
    for _ in range(1 if roll >= 0.5 else rng.choice((0, 0, 0, 1, 2))):
        op = _weighted(rng, BYTE_OPS)
        data = op(rng, data)
        labels.append(op.__name__)
    return Case(target, number, seed, f"{seed.name}: {' + '.join(labels)}", data)


# --------------------------------------------------------------------------- the contract


# Unicode's control characters (Cc) and line and paragraph separators (Zl, Zp).
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def check_message(message: str, where: str) -> None:
    """Not empty, one line, no control character, and short enough to read."""
    if not message.strip():
        raise Broken(f"{where}: empty message")
    bad = _CONTROL.search(message)
    if bad:
        raise Broken(f"{where}: message holds {bad.group()!r}: {message[:300]!r}")
    if len(message) > MAX_MESSAGE:
        raise Broken(f"{where}: message of {len(message)} characters: {message[:200]!r}")


class Workspace:
    """One worker's folders, made once and reused by every case it runs."""

    def __init__(self, root: Path) -> None:
        from pmcoach.cache.opener import open_store
        from pmcoach.rubric import load, parse
        from support.exports import CONFIG

        self.root = root
        self.files = root / "files"
        (self.files / "sessions" / "2026").mkdir(parents=True, exist_ok=True)
        self.store = open_store(root / "data", cache_root=root / "cache")
        self.store.save_config(CONFIG)
        shown = {p: load.builtin_display(p) for p in load.builtin_files()}
        builtin = {p: parse.read_file(p, name) for p, name in shown.items()}
        # As `rubric validate FILE` does: the built-in bank without the file under test.
        self.context = {
            seed.name: [f for p, f in builtin.items() if shown[p] != seed.name]
            for seed in seeds()["rubric"]
        }
        self.restores = 0

    def path(self, name: str) -> Path:
        return self.files / name


def check_session(work: Workspace, case: Case) -> str:
    from pmcoach.storage import scan, toml_io
    from pmcoach.storage.sessions import decode_session, encode_session

    path = work.path(SESSION_NAME)
    path.write_bytes(case.data)
    try:
        doc, _key = scan.read_document(path)
        session = decode_session(doc)
    except toml_io.SchemaError as exc:
        check_message(str(exc), "decode_session")
        return "refused"
    back = decode_session(toml_io.parse_document(encode_session(session)))
    if back != session:
        raise Broken(f"session {session.id} reads back differently after saving")
    moments = [session.started, session.updated, session.finished]
    compute_with(moments, [c.due for c in session.commitments], [])
    compute_agenda([session], [])
    return "accepted"


def check_event(work: Workspace, case: Case) -> str:
    from pmcoach.storage import scan, toml_io
    from pmcoach.storage.events import decode_event, encode_event

    path = work.path(EVENT_NAME)
    path.write_bytes(case.data)
    try:
        doc, _key = scan.read_document(path)
        event = decode_event(doc)
    except toml_io.SchemaError as exc:
        check_message(str(exc), "decode_event")
        return "refused"
    back = decode_event(toml_io.parse_document(encode_event(event)))
    if back != event:
        raise Broken(f"event {event.id} reads back differently after saving")
    days = [v for v in event.data.values() if isinstance(v, dt.date)]
    compute_with([event.at, event.updated], days, [event])
    compute_agenda([], [event])
    return "accepted"


_FAR_ZONES = (dt.timezone(dt.timedelta(hours=14)), dt.timezone(dt.timedelta(hours=-12)))


def compute_with(
    moments: Sequence[dt.datetime | None], days: Sequence[dt.date], events: Sequence[Any]
) -> None:
    """What the week arithmetic does with an accepted file's dates: its week in the zones
    furthest apart, the weeks around it, a week off's week. An OverflowError here is
    what status, the exports and the app would have met."""
    from pmcoach.domain import streak, weeks

    for moment in moments:
        if moment is None:
            continue
        for zone in _FAR_ZONES:
            monday = weeks.week_start(weeks.week_of(moment, zone))
            days = [*days, monday]
    for day in days:
        for span in (-53, 53):
            weeks.iso_week(day + dt.timedelta(weeks=span))
    for event in events:
        for zone in _FAR_ZONES:
            week = streak.skip_week(event, zone)
            if week is not None:
                weeks.week_start(week) - dt.timedelta(weeks=53)


def compute_agenda(sessions: Sequence[Any], events: Sequence[Any]) -> None:
    """What the agenda, the peers' means and the manager's differences do with an accepted
    file, beside a history that gives them something to compare it with: a request it
    names, a topic it marks discussed, a rating or a reply a week after it."""
    from pmcoach.domain import agenda, peer_request
    from support.exports import NOW, RUBRIC, history

    base_sessions, base_events = history()
    every_event = [*base_events, *_agenda_events(), *events]
    for event in events:
        peer_request.from_event(event)
    for moment in [NOW, *(s.started + dt.timedelta(weeks=1) for s in sessions)]:
        agenda.open_topics(
            [*base_sessions, *_peer_sessions(), *sessions],
            every_event,
            RUBRIC,
            RUBRIC.track("senior"),
            moment,
        )
    peer_request.find(every_event, None)


def check_config(work: Workspace, case: Case) -> str:
    from pmcoach.storage import scan, toml_io
    from pmcoach.storage.config import decode_config, encode_config

    path = work.path("config.toml")
    path.write_bytes(case.data)
    try:
        doc, _key = scan.read_document(path)
        config = decode_config(doc)
    except toml_io.SchemaError as exc:
        check_message(str(exc), "decode_config")
        return "refused"
    back = decode_config(toml_io.parse_document(encode_config(config)))
    if back != config:
        raise Broken("config reads back differently after saving")
    # The export screen offers what `[export]` remembers: whatever it holds, it opens.
    from pmcoach.app.export_choices import offered

    offered(config, dt.date(2026, 11, 23))
    return "accepted"


def check_in_store(work: Workspace, case: Case) -> None:
    """The same bytes as a file of a real data folder: read by Store.refresh (sessions,
    events) or Store.load_config, where a bad file is a problem or a StoreError."""
    from pmcoach.storage.errors import StoreError

    store = work.store
    if case.target == "config":
        store.config_path.write_bytes(case.data)
        try:
            store.load_config()
        except StoreError as exc:
            check_message(str(exc), "Store.load_config")
        return
    folder = "sessions" if case.target == "session" else "events"
    name = SESSION_NAME if case.target == "session" else EVENT_NAME
    path = store.root / folder / "2026" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(case.data)
    try:
        store.refresh()
        for problem in store.problems:
            check_message(problem.reason, "Store.refresh")
        items = store.sessions() if case.target == "session" else store.events()
        if not items and not store.problems:
            raise Broken("Store.refresh neither read the file nor listed it as a problem")
    finally:
        path.unlink()


def check_rubric(work: Workspace, case: Case) -> str:
    from pmcoach.rubric import merge, parse, validate

    path = work.path("acme.toml")
    path.write_bytes(case.data)
    parsed = parse.read_file(path, "acme.toml")
    _rubric, issues = merge.merge([*work.context[case.seed.name], parsed])
    for issue in [*parsed.issues, *issues]:
        check_message(str(issue), "rubric issue")
        if not issue.message.strip():
            raise Broken(f"rubric issue without a message: {issue!r}")
    if case.number % VALIDATE_EVERY == 0:
        for issue in validate.validate([path]).issues:
            check_message(str(issue), "rubric.validate")
    return "accepted" if parsed.ok and not any(i.severity == "error" for i in issues) else "refused"


def check_import(work: Workspace, case: Case) -> str:
    from pmcoach.export import json_read

    path = work.path("export.json")
    path.write_bytes(case.data)
    try:
        backup = json_read.read_export(str(path))
    except json_read.ImportRefused as exc:
        check_message(str(exc), "import")
        return "refused"
    work.restores += 1
    if work.restores % RESTORE_EVERY == 0:
        _restore(work, backup)
    return "accepted"


def _restore(work: Workspace, backup: Any) -> None:
    """An accepted export restored into an empty folder: every file lands where the format
    says, and the folder then reads back without a problem."""
    from pmcoach.app import importer
    from pmcoach.cache.opener import open_store

    folder = work.root / "restore"
    shutil.rmtree(folder, ignore_errors=True)
    store = open_store(folder / "data", cache_root=folder / "cache")
    with store.lock():
        importer.restore(store, backup)
    store.refresh()
    if store.problems:
        raise Broken(f"a restored export reads back with problems: {store.problems[0]}")
    allowed = re.compile(r"^(config\.toml|(sessions|events)/\d{4}/[^/]+\.toml)$")
    for file in (folder / "data").rglob("*"):
        rel = file.relative_to(folder / "data").as_posix()
        if file.is_file() and not allowed.match(rel):
            raise Broken(f"import wrote {rel!r}")


CHECKS: dict[str, Callable[[Workspace, Case], str]] = {
    "session": check_session,
    "event": check_event,
    "config": check_config,
    "rubric": check_rubric,
    "import": check_import,
}


@dataclass
class Failure:
    target: str
    number: int
    label: str
    error: str
    trace: str

    def __str__(self) -> str:
        return (
            f"{self.target} case {self.number} ({self.label}): {self.error}\n"
            f"  reproduce: python tests/support/fuzz.py --target {self.target} "
            f"--case {self.number}\n{self.trace}"
        )


@dataclass
class Tally:
    """What a run found, per loader; added up across workers."""

    cases: dict[str, int] = field(default_factory=dict)
    accepted: dict[str, int] = field(default_factory=dict)
    failed: dict[str, int] = field(default_factory=dict)  # "target: error type" -> cases
    failures: list[Failure] = field(default_factory=list)  # the first few, in full
    slowest: list[tuple[float, str]] = field(default_factory=list)
    seconds: float = 0.0

    def add(self, other: Tally) -> None:
        pairs = (self.cases, other.cases), (self.accepted, other.accepted)
        for mine, theirs in (*pairs, (self.failed, other.failed)):
            for key, value in theirs.items():
                mine[key] = mine.get(key, 0) + value
        self.failures += other.failures
        self.slowest = sorted(self.slowest + other.slowest, reverse=True)[:5]
        self.seconds += other.seconds

    @property
    def total(self) -> int:
        return sum(self.cases.values())

    def summary(self) -> str:
        parts = [
            f"{t} {self.cases.get(t, 0):,} ({self.accepted.get(t, 0):,} accepted)"
            for t in TARGETS
            if self.cases.get(t)
        ]
        return f"{self.total:,} mutated files: " + ", ".join(parts)


def run_case(work: Workspace, case: Case) -> str:
    outcome = CHECKS[case.target](work, case)
    if case.target in ("session", "event", "config") and case.number % STORE_EVERY == 0:
        check_in_store(work, case)
    return outcome


def _trace(exc: BaseException) -> str:
    lines = traceback.format_exception(type(exc), exc, exc.__traceback__)
    return "".join(lines[-6:]).rstrip()[-3000:]


def run_cases(work: Workspace, target: str, numbers: range, keep: int = 10) -> Tally:
    tally = Tally(cases={target: 0}, accepted={target: 0})
    started = time.perf_counter()
    for number in numbers:
        case = make_case(target, number)
        began = time.perf_counter()
        try:
            outcome = run_case(work, case)
        except Exception as exc:  # anything escaping is what is looked for
            error = f"{type(exc).__name__}: {str(exc)[:500]}"
            kind = f"{target}: {type(exc).__name__}"
            tally.failed[kind] = tally.failed.get(kind, 0) + 1
            if len(tally.failures) < keep:
                tally.failures.append(Failure(target, number, case.label, error, _trace(exc)))
            outcome = "failed"
        spent = time.perf_counter() - began
        if not tally.slowest or spent > tally.slowest[-1][0]:
            tally.slowest = sorted([*tally.slowest, (spent, f"{target} case {number}")])[-5:]
            tally.slowest.reverse()
        tally.cases[target] += 1
        tally.accepted[target] += outcome == "accepted"
    tally.seconds = time.perf_counter() - started
    return tally


# --------------------------------------------------------------------------- running


def plan(total: int) -> dict[str, int]:
    """Cases per loader for a run of at least `total`."""
    return {t: max(1, math.ceil(total * SHARES[t])) for t in TARGETS}


@contextlib.contextmanager
def private_folders() -> Iterator[Path]:
    """A temporary folder for a run, removed afterwards, with pmcoach's data and cache
    pointed into it so that no case can touch the real user's files; fsync off, as in
    the other tests."""
    names = ("PMCOACH_HOME", "PMCOACH_CACHE_HOME", "PMCOACH_NO_FSYNC")
    saved = {name: os.environ.get(name) for name in names}
    with tempfile.TemporaryDirectory(prefix="pmcoach-fuzz-") as name:
        root = Path(name)
        _point_pmcoach_at(root)
        try:
            yield root
        finally:
            for key, value in saved.items():
                if value is None:
                    os.environ.pop(key, None)
                else:
                    os.environ[key] = value


def _point_pmcoach_at(root: Path) -> None:
    os.environ["PMCOACH_HOME"] = str(root / "home")
    os.environ["PMCOACH_CACHE_HOME"] = str(root / "cache-home")
    os.environ["PMCOACH_NO_FSYNC"] = "1"


_WORK: Workspace | None = None


def _worker_init(base: str) -> None:
    """A pool worker's folders, inside the run's: a worker ends without running atexit
    handlers, so the run removes them all at once when the pool is done."""
    global _WORK
    root = Path(tempfile.mkdtemp(dir=base))
    _point_pmcoach_at(root)
    _WORK = Workspace(root)  # seeds and the built-in bank, before any chunk is timed


def _worker_chunk(job: tuple[str, int, int]) -> Tally:
    assert _WORK is not None
    target, start, stop = job
    return run_cases(_WORK, target, range(start, stop))


def run(total: int, workers: int = 1, progress: Callable[[str], None] | None = None) -> Tally:
    """At least `total` cases spread over the loaders; `workers` > 1 uses processes."""
    counts = plan(total)
    jobs = [
        (target, start, min(start + CHUNK, count))
        for target, count in counts.items()
        for start in range(0, count, CHUNK)
    ]
    tally = Tally()
    started = time.perf_counter()

    def report(part: Tally) -> None:
        tally.add(part)
        if progress is not None:
            done, want = tally.total, sum(counts.values())
            elapsed = time.perf_counter() - started
            rate = done / elapsed if elapsed else 0.0
            left = (want - done) / rate if rate else 0.0
            progress(
                f"fuzz: {done:,}/{want:,} files, {rate:,.0f}/s, {elapsed:,.0f} s gone, "
                f"~{left:,.0f} s left, {sum(tally.failed.values())} failed"
            )

    with private_folders() as root:
        if workers <= 1:
            work = Workspace(root)
            for target, start, stop in jobs:
                report(run_cases(work, target, range(start, stop)))
        else:
            context = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")
            with context.Pool(workers, _worker_init, (str(root),)) as pool:
                for part in pool.imap_unordered(_worker_chunk, jobs):
                    report(part)
    tally.seconds = time.perf_counter() - started
    return tally


def _show(target: str, number: int) -> int:
    case = make_case(target, number)
    print(f"{target} case {number}: {case.label}, {len(case.data):,} bytes")
    print(repr(case.data[:600]) + (" ..." if len(case.data) > 600 else ""))
    with private_folders() as root:
        work = Workspace(root)
        try:
            print("outcome:", run_case(work, case))
        except Exception:  # shown, not handled
            traceback.print_exc()
            return 1
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=10_000, help="cases in all")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--target", choices=TARGETS, help="with --case: show one case")
    parser.add_argument("--case", type=int)
    args = parser.parse_args(argv)
    if args.target is not None and args.case is not None:
        return _show(args.target, args.case)
    tally = run(args.count, args.workers, progress=lambda line: print(line, flush=True))
    print(f"{tally.summary()} in {tally.seconds:.1f} s")
    for spent, name in tally.slowest:
        print(f"  slowest: {name} {spent * 1000:.0f} ms")
    for kind, count in sorted(tally.failed.items()):
        print(f"  failed: {kind} in {count:,} cases")
    for failure in tally.failures:
        print(failure)
    return 1 if tally.failures else 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    raise SystemExit(main())
