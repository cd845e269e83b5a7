"""The CSV export: RFC 4180 rows for a spreadsheet, formula cells escaped by a rule that
can be undone exactly, private text left out, and the shared count of what was left out.

Property tests run 50 examples; `PMCOACH_FULL=1` runs 10,000 (benchmarks/run --full).
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from support.exports import (
    PRIVATE_COUNT,
    PRIVATE_TEXTS,
    RUBRIC,
    TODAY,
    at,
    event,
    export_data,
    history,
    weekly,
)

from pmcoach.domain.model import Answer, Event, Session, Text
from pmcoach.export import Period, render
from pmcoach.export.csv import FORMULA_STARTS, HEADER, escape_cell, rows, unescape_cell

EXAMPLES = 10_000 if os.environ.get("PMCOACH_FULL", "") not in ("", "0") else 50
TEXTS = st.text(st.characters(blacklist_categories=("Cs",)), max_size=60)

HOSTILE = (
    "=cmd|' /C calc'!A0",
    "@SUM(1)",
    "+1+1",
    "-2+3",
    "\tTab first",
    "\rCR first",
    "\nLF first",
    "＝1+1",
    "'already quoted",
    "''twice",
    "'",
    "=",
    "",
    "<b>markup</b> [bold]x[/] [@click=app.quit]q[/]",
    'say "no", then, "yes"',
    "line one\nline two\r\nline three\rend",
    "bell\x07 escape\x1b[31m red\x1b[0m del\x7f c1\x85 bidi\u202e",
    "trailing quote'",
    " =leading space",
)

ANSWER_FIRST = RUBRIC.question("communicate.answer-first")
SAY_BETTER = RUBRIC.question("communicate.say-better")
assert ANSWER_FIRST is not None and SAY_BETTER is not None


def read(text: str) -> list[list[str]]:
    """What a spreadsheet (or Python) reads, with the escaping undone."""
    return [[unescape_cell(c) for c in row] for row in csv.reader(io.StringIO(text, newline=""))]


def raw(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def export(*, include_private: bool = True, period: Period | None = None) -> str:
    sessions, events = history()
    options: dict[str, object] = {"include_private": include_private}
    if period is not None:
        options["period"] = period
    return render("csv", export_data(sessions, events, **options))  # type: ignore[arg-type]


def graded(what: str, note: str, *, private: bool = False, suffix: str = "e001") -> Event:
    return event(
        at("2026-11-20", 10),
        "grade",
        suffix,
        skill="communicate",
        text=Text(what, private),
        data={"rating": 3, "note": {"text": note, "private": private}},
    )


def noted(note: str, suffix: str = "e002") -> Session:
    return weekly(
        at("2026-11-19"), suffix, answers=(Answer(question="execute.x", rating=4, note=Text(note)),)
    )


# --------------------------------------------------------------------------- the rule


@pytest.mark.parametrize("cell", HOSTILE)
def test_escaping_is_undone_exactly(cell: str) -> None:
    assert unescape_cell(escape_cell(cell)) == cell


@pytest.mark.parametrize("first", sorted(FORMULA_STARTS))
def test_a_formula_start_gets_a_quote(first: str) -> None:
    assert escape_cell(first + "1+1") == "'" + first + "1+1"


def test_the_rule_on_quotes_and_plain_cells() -> None:
    assert escape_cell("'x") == "''x"
    assert escape_cell("''x") == "'''x"
    assert escape_cell("plain = text") == "plain = text"
    assert escape_cell("3") == "3"
    assert escape_cell("") == ""
    assert unescape_cell("plain") == "plain"


@settings(max_examples=EXAMPLES, deadline=None)
@given(cell=TEXTS)
def test_escaping_is_one_to_one_and_safe(cell: str) -> None:
    escaped = escape_cell(cell)
    assert unescape_cell(escaped) == cell
    assert not escaped or escaped[0] not in FORMULA_STARTS
    # A cell the rule wrote that starts with a quote always has a reason for it.
    if escaped.startswith("'"):
        assert escaped[1] in FORMULA_STARTS or escaped[1] == "'"


# --------------------------------------------------------------------------- the file


def test_rfc4180_line_ends_and_header() -> None:
    text = export()
    assert text.startswith("date,kind,skill,question_id,text,rating,note,peer\r\n")
    assert text.endswith("\r\n")
    assert "\n" not in text.replace("\r\n", "")  # no note in the sample has a line break
    assert raw(text)[0] == list(HEADER)


def test_one_row_per_answer_grade_and_win_in_time_order() -> None:
    found = read(export())[1:]
    assert [(r[0], r[1]) for r in found] == [
        *[("2026-11-16", "weekly")] * 4,
        ("2026-11-17", "grade"),
        ("2026-11-18", "manager"),
        ("2026-11-18", "manager"),
        ("2026-11-19", "grade"),
        ("2026-11-20", "win"),
        ("2026-11-20", "win"),
        *[("2026-11-23", "weekly")] * 4,
    ]  # no skipped answer, no unfinished check-in, no exercise or drill event
    assert found[0] == [
        "2026-11-16",
        "weekly",
        "communicate",
        "communicate.answer-first",
        ANSWER_FIRST.prompt,
        "3",
        "PRIVATE note on answer-first",
        "",
    ]
    assert found[1][3:] == [
        "communicate.updates-with-numbers",
        found[1][4],
        "3.4",  # 3 of 5, rescored exactly: 1 + 4 × 3 / 5
        "Launch update, with numbers",
        "",
    ]
    # An open question: no rating, its answer in the note column.
    assert found[2] == [
        "2026-11-16",
        "weekly",
        "communicate",
        "communicate.say-better",
        SAY_BETTER.prompt,
        "",
        "PRIVATE open answer",
        "",
    ]
    # A question the rubric no longer has: its skill from its id, no text.
    assert found[3] == [
        "2026-11-16",
        "weekly",
        "think-big",
        "think-big.retired-question",
        "",
        "4",
        "",
        "",
    ]
    assert found[4] == [
        "2026-11-17",
        "grade",
        "communicate",
        "",
        "Budget email, ask in paragraph three",
        "2",
        "Lead with the ask",
        "",
    ]
    assert found[5] == [
        "2026-11-18",
        "manager",
        "communicate",
        "",
        "",
        "2",
        "PRIVATE manager note",
        "",
    ]
    assert found[8] == ["2026-11-20", "win", "execute", "", "Shipped the importer", "", "", ""]


def test_an_empty_history_is_the_header_alone() -> None:
    assert render("csv", export_data((), ())) == ",".join(HEADER) + "\r\n"


def test_dates_are_days_in_the_configured_zone() -> None:
    # 23:30 in New York on the 22nd is 05:30 on the 23rd in Berlin.
    new_york = dt.timezone(dt.timedelta(hours=-5))
    late = dataclasses.replace(
        graded("Late email", "sent at night"), at=dt.datetime(2026, 11, 22, 23, 30, tzinfo=new_york)
    )
    assert read(render("csv", export_data((), (late,))))[1][0] == "2026-11-23"


# --------------------------------------------------------------------------- hostile text


def test_hostile_notes_come_back_exactly_and_formulas_are_escaped() -> None:
    sessions = tuple(noted(cell, f"{i:04x}") for i, cell in enumerate(HOSTILE))
    events = tuple(graded(cell, cell, suffix=f"{i + 100:04x}") for i, cell in enumerate(HOSTILE))
    text = render("csv", export_data(sessions, events))
    found = raw(text)[1:]
    notes = [r[6] for r in found if r[1] == "weekly"]
    assert [unescape_cell(n) for n in notes] == list(HOSTILE)
    graded_rows = [r for r in found if r[1] == "grade"]
    assert [unescape_cell(r[4]) for r in graded_rows] == list(HOSTILE)
    assert [unescape_cell(r[6]) for r in graded_rows] == list(HOSTILE)
    for row in found:
        for cell in row:
            assert not cell or cell[0] not in FORMULA_STARTS, cell
    assert "'=cmd|' /C calc'!A0" in [r[4] for r in graded_rows]
    assert "'@SUM(1)" in [r[6] for r in graded_rows]


def test_every_row_has_eight_cells_whatever_the_notes_hold() -> None:
    sessions = tuple(noted(cell, f"{i:04x}") for i, cell in enumerate(HOSTILE))
    found = raw(render("csv", export_data(sessions, ())))
    assert {len(row) for row in found} == {len(HEADER)}
    assert len(found) == len(HOSTILE) + 1


@settings(max_examples=EXAMPLES, deadline=None)
@given(what=TEXTS, note=TEXTS, skill=TEXTS)
def test_any_text_reads_back_as_written(what: str, note: str, skill: str) -> None:
    item = dataclasses.replace(graded(what, note), skill=skill or None)
    data = export_data((noted(note),), (item,))
    text = render("csv", data)
    assert read(text)[1:] == [list(row) for row in rows(data)]
    assert read(text)[2][4:] == [what, "3", note, ""]
    assert text.endswith("\r\n")


# --------------------------------------------------------------------------- privacy


def test_private_cells_are_empty_without_include_private() -> None:
    text = export(include_private=False)
    for secret in PRIVATE_TEXTS:
        assert secret not in text, secret
    found = read(text)[1:]
    assert found[0][6] == ""  # the private note
    assert found[0][5] == "3"  # the rating is not private
    assert found[7][4] == "" and found[7][5] == "4" and found[7][6] == ""  # private grade
    assert found[9][4] == ""  # private win
    assert "Launch update, with numbers" in text
    assert "Lead with the ask" in text


def test_private_cells_are_filled_with_include_private() -> None:
    text = export(include_private=True)
    shown_in_csv = (
        "PRIVATE note on answer-first",
        "PRIVATE open answer",
        "PRIVATE manager note",
        "PRIVATE graded meeting",
        "PRIVATE grade note",
        "PRIVATE win",
    )
    for secret in shown_in_csv:
        assert secret in text, secret


def test_left_out_counts_every_private_text_in_the_period() -> None:
    sessions, events = history()
    assert export_data(sessions, events, include_private=False).left_out == PRIVATE_COUNT
    assert export_data(sessions, events, include_private=True).left_out == 0
    since = Period(dt.date(2026, 11, 20), TODAY, "since 20 Nov 2026")
    # The second check-in 4, the unfinished one 1, a private win 1, the drill's answer 1.
    assert export_data(sessions, events, include_private=False, period=since).left_out == 7


# --------------------------------------------------------------------------- periods


def test_a_period_keeps_its_rows_only() -> None:
    since = Period(dt.date(2026, 11, 19), dt.date(2026, 11, 20), "19–20 Nov")
    found = read(export(period=since))[1:]
    assert [(r[0], r[1]) for r in found] == [
        ("2026-11-19", "grade"),
        ("2026-11-20", "win"),
        ("2026-11-20", "win"),
    ]
