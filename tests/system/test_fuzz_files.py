"""Hostile files: mutated sessions, events, configs, rubric files and JSON exports go
through the loaders, and nothing escapes but pmcoach's own error with a one-line message
(the cases and the contract are in fuzz_files.py).

CI runs 4,000 mutated files in one process (about 10 s); `PMCOACH_FULL=1` runs
1,000,000 on every core and prints its progress (benchmarks/run --full).

Below the run, one test for each way a hostile file got past a loader before, so each
stays fixed whatever the random cases happen to reach.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest
import support.fuzz as fuzz_files

from pmcoach.cache import documents
from pmcoach.export import json_read
from pmcoach.rubric import validate
from pmcoach.storage import codec

FULL = os.environ.get("PMCOACH_FULL", "") not in ("", "0")
COUNT = 1_000_000 if FULL else 4_000


def test_no_mutated_file_escapes_the_loaders(capsys: pytest.CaptureFixture[str]) -> None:
    def progress(line: str) -> None:
        with capsys.disabled():
            print(line, flush=True)

    workers = (os.cpu_count() or 1) if FULL else 1
    tally = fuzz_files.run(COUNT, workers, progress=progress if FULL else None)
    if FULL:
        progress(f"{tally.summary()} in {tally.seconds:.0f} s")
    assert tally.total >= COUNT
    assert not tally.failures, "\n\n".join(str(f) for f in tally.failures)
    for target in fuzz_files.TARGETS:
        # Some of every kind get past the parser, so the checks behind it are reached too.
        assert 0 < tally.accepted[target] < tally.cases[target], target


def test_cases_repeat_exactly() -> None:
    for target in fuzz_files.TARGETS:
        for number in (0, 1, 977):
            assert fuzz_files.make_case(target, number) == fuzz_files.make_case(target, number)


# --------------------------------------------------------------------------- fixed escapes


def read(tmp_path: Path, data: bytes) -> codec.Doc:
    """As the store reads a file: from disk, through the size cap, then parsed."""
    path = tmp_path / "20261123T080512Z-weekly-3f9a.toml"
    path.write_bytes(data)
    return documents.read_document(path)[0]


def refused(tmp_path: Path, data: bytes) -> str:
    with pytest.raises(codec.SchemaError) as raised:
        doc = read(tmp_path, data)
        codec.decode_event(doc)
    message = str(raised.value)
    fuzz_files.check_message(message, "test")
    return message


SESSION = fuzz_files.seeds()["session"][0].data  # a weekly check-in, as pmcoach wrote it
EVENT = fuzz_files.seeds()["event"][0].data  # a grade


def test_a_long_dotted_key_is_refused_before_tomllib_spends_minutes_on_it(tmp_path: Path) -> None:
    """tomllib's time and memory grow with the square of a dotted key's length: a key of
    40,000 parts (80 KB) took minutes and gigabytes. Keys, headers, inline tables,
    quoted parts: all are refused at once, with the line."""
    for line in (
        "a" + ".a" * 40_000 + " = 1",
        "[a" + ".a" * 40_000 + "]",
        "[[a" + " . a" * 40_000 + "]]",
        "x = { " + "a." * 40_000 + "b = 1 }",
        '"a"' + '."a"' * 40_000 + " = 1",
    ):
        started = time.perf_counter()
        message = refused(tmp_path, EVENT + line.encode())
        assert time.perf_counter() - started < 1.0
        line_number = EVENT.count(b"\n") + 1
        assert (
            message == f"not readable: a dotted key of more than 16 parts (at line {line_number})"
        )


def test_a_dotted_key_of_sixteen_parts_and_long_dotted_text_still_read(tmp_path: Path) -> None:
    dotted = ".".join(["part"] * 40)
    data = (
        EVENT
        + b"a" + b".a" * 15 + b" = 1\n"
        + f'dotted = "{dotted}"\n'.encode()
        + f'multi = """\n{dotted}\n"""\n'.encode()
        + f"literal = '{dotted}' # {dotted}\n".encode()
    )  # fmt: skip
    event = codec.decode_event(read(tmp_path, data))
    assert event.data["dotted"] == dotted
    assert codec.long_key_line(data.decode()) is None


@pytest.mark.parametrize(
    "value",
    ["0x" + "f" * 1200, "0b" + "1" * 70, str(2**64), str(-(2**63) - 1), "9" * 5000],
)
def test_an_integer_beyond_64_bits_is_refused(tmp_path: Path, value: str) -> None:
    """TOML integers are 64-bit. A larger one used to reach the checks, and one of more
    than 4,300 digits made describing it raise ValueError from inside the decoder."""
    for data in (
        EVENT + f"count = {value}\n".encode(),
        SESSION.replace(b"rating = 3", f"rating = {value}".encode(), 1),
        EVENT.replace(b"schema = 1", f"schema = {value}".encode()),
    ):
        message = refused(tmp_path, data)
        assert message.startswith("not valid TOML: ")


def test_the_64_bit_limits_themselves_are_read(tmp_path: Path) -> None:
    data = EVENT + f"high = {2**63 - 1}\nlow = {-(2**63)}\n".encode()
    event = codec.decode_event(read(tmp_path, data))
    assert (event.data["high"], event.data["low"]) == (2**63 - 1, -(2**63))


def test_nesting_deeper_than_32_is_refused_however_it_is_written(tmp_path: Path) -> None:
    """Dotted keys and headers nest without recursion in tomllib, so a deep document once
    reached the event checks, which overflowed the stack (RecursionError)."""
    for line in (
        "x = " + "[" * 33 + "]" * 33,
        "x = " + "{ a = " * 33 + "1" + " }" * 33,
        "[" + ".".join(["a"] * 16) + "]\n" + "b = " + "[" * 17 + "]" * 17,
    ):
        assert refused(tmp_path, EVENT + line.encode() + b"\n") == (
            "not readable: nested more than 32 levels deep"
        )
    ok = EVENT + b"x = " + b"[" * 31 + b"]" * 31 + b"\n"
    assert codec.decode_event(read(tmp_path, ok)).data["x"]


def test_event_data_is_held_to_the_same_limits_when_written() -> None:
    """What the importer hands over is checked by decode_event, so pmcoach never writes an
    event its own reader would refuse."""
    event = codec.decode_event(codec.parse_document(EVENT))
    deep: object = 1
    for _ in range(32):
        deep = [deep]
    for data, reason in (
        ({"x": deep}, r"^x(\[0\]){31}: nested more than 32 levels deep$"),
        ({"x": {"y": 2**64}}, r"^x\.y: expected an integer of at most 64 bits, got an integer"),
    ):
        with pytest.raises(codec.SchemaError, match=reason):
            codec.encode_event(event.__class__(**{**event.__dict__, "data": data}))


@pytest.mark.parametrize("name", ["a" * 5000, "America", "..", "a\nb", "\x1b[2J"])
def test_a_time_zone_that_is_no_file_name_is_refused(tmp_path: Path, name: str) -> None:
    """zoneinfo raised OSError (name too long, a folder of the zone data) past the codec."""
    data = f"schema = 1\ntime_zone = {json.dumps(name)}\n".encode()
    with pytest.raises(codec.SchemaError, match=r"^time_zone: unknown time zone ") as raised:
        codec.decode_config(read(tmp_path, data))
    fuzz_files.check_message(str(raised.value), "test")


def test_keys_with_line_breaks_or_escapes_stay_on_one_line(tmp_path: Path) -> None:
    message = refused(tmp_path, EVENT + b'"a\\nb" = { "\\u001b[2J" = nan }\n')
    assert message == r"'a\nb'.'\x1b[2J': expected a finite number, got nan"
    config = b'schema = 1\n[targets]\n"a\\nb" = 9\n'
    with pytest.raises(codec.SchemaError) as raised:
        codec.decode_config(read(tmp_path, config))
    assert str(raised.value) == r"targets.'a\nb': expected an integer 1–5, got 9"


def test_an_id_or_kind_with_a_final_line_break_is_refused(tmp_path: Path) -> None:
    """`$` matches before a final line break: an id ending in one named a file."""
    data = SESSION.replace(b'-a001"', b'-a001\\n"', 1)
    with pytest.raises(codec.SchemaError, match=r"^id: expected an id like"):
        codec.decode_session(read(tmp_path, data))
    with pytest.raises(codec.SchemaError, match=r"^kind: expected a lower-case word"):
        codec.decode_event(read(tmp_path, EVENT.replace(b'kind = "grade"', b'kind = "grade\\n"')))


def test_the_contents_of_an_odd_value_are_never_shown() -> None:
    """A value of a type no file can hold (from code, not a file) is named by its type:
    its contents may be private notes."""
    event = codec.decode_event(codec.parse_document(EVENT))
    private = ("PRIVATE words", 1)
    with pytest.raises(codec.SchemaError, match=r"^x: expected a TOML value, got a tuple$"):
        codec.encode_event(event.__class__(**{**event.__dict__, "data": {"x": private}}))


# --------------------------------------------------------------------------- the rubric


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)  # so that issues name the file as `acme.toml`
    return tmp_path


def issues(here: Path, text: bytes) -> list[str]:
    path = here / "acme.toml"
    path.write_bytes(text)
    found = [str(i) for i in validate.validate([path]).issues]
    for issue in found:
        fuzz_files.check_message(issue, "test")
    return found


GOOD = fuzz_files.seeds()["rubric"][2].data


def test_rubric_messages_stay_on_one_line(here: Path) -> None:
    found = issues(here, GOOD.replace(b'version = "3"', b'version = "3"\n"a\\nb\\u001b" = 1'))
    assert any(r"unknown key 'a\nb\x1b'" in issue for issue in found), found


def test_a_rubric_with_a_long_dotted_key_or_a_huge_number_is_an_issue(here: Path) -> None:
    found = issues(here, GOOD + b"a" + b".a" * 40_000 + b" = 1\n")
    line = GOOD.count(b"\n") + 1
    assert found == [f"acme.toml:{line}: TOML syntax error: a dotted key of more than 16 parts"]
    found = issues(here, GOOD.replace(b"out_of = 5", b"out_of = 0x" + b"f" * 1200))
    assert found == ["acme.toml: not valid TOML: an integer outside the 64-bit range"]
    found = issues(here, GOOD.replace(b"out_of = 5", b"out_of = " + b"9" * 5000))
    assert found == ["acme.toml: TOML syntax error: a number with too many digits"]


def test_a_rubric_slug_with_a_final_line_break_is_refused(here: Path) -> None:
    found = issues(here, GOOD.replace(b'bank = "acme"', b'bank = "acme\\n"'))
    assert any(r"bank: 'acme\n' must use only a-z" in issue for issue in found), found


def test_a_rubric_fifo_is_not_read(here: Path) -> None:
    """Reading a FIFO named like a rubric file would wait for a writer forever."""
    path = here / "acme.toml"
    os.mkfifo(path)
    assert [str(i) for i in validate.validate([path]).issues] == [
        "acme.toml: is not a regular file, so it was not read"
    ]


# --------------------------------------------------------------------------- the importer


def test_an_import_with_a_key_holding_a_line_break_is_refused_on_one_line() -> None:
    doc = json.loads(fuzz_files.seeds()["import"][0].data)
    doc["events"][0]["a\nb"] = {"private": True}
    with pytest.raises(json_read.ImportRefused) as raised:
        json_read.parse_export(json.dumps(doc).encode())
    fuzz_files.check_message(str(raised.value), "test")
    assert r"'a\nb': private text was left out" in str(raised.value)


@pytest.mark.parametrize("value", [2**64, -(2**64) - 1])
def test_an_import_with_an_integer_beyond_64_bits_is_refused(value: int) -> None:
    doc = json.loads(fuzz_files.seeds()["import"][0].data)
    doc["events"][0]["count"] = value
    with pytest.raises(json_read.ImportRefused, match="count: expected an integer of at most 64"):
        json_read.parse_export(json.dumps(doc).encode())
