"""Dates at the edges: every date, date-time and week a file, an import or the command
line can hold, just inside and outside the range pmcoach computes with (daterange.py),
through loading, `status`, every export, `doctor`, `import` and the app's start.

A date near the year 1 or 9999 used to pass every loader and then raise OverflowError
in the week arithmetic: a traceback in `status`, every export and the app, "all good"
from `doctor`, and an import that wrote a folder which then crashed.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support.exports import at, event, fill, history, snapshot, weekly

from pmcoach.cli.main import main
from pmcoach.domain import daterange
from pmcoach.domain.model import Config
from pmcoach.drills import drafts
from pmcoach.export import json_read
from pmcoach.storage import codec
from pmcoach.storage.store import Store

EXAMPLES = 1_000 if os.environ.get("PMCOACH_FULL", "") not in ("", "0") else 25
Doc = dict[str, Any]
TODAY = "2026-11-23"


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)  # where exports without -o are written
    monkeypatch.setenv("PMCOACH_TODAY", TODAY)
    monkeypatch.setenv("PMCOACH_NO_FSYNC", "1")


def zone(hours: int, minutes: int = 0) -> dt.timezone:
    sign = -1 if hours < 0 else 1
    return dt.timezone(sign * dt.timedelta(hours=abs(hours), minutes=minutes))


# Just outside the range, and at the ends of Python's own.
OUTSIDE_MOMENTS = (
    dt.datetime(1, 1, 1, tzinfo=zone(1)),
    dt.datetime(9999, 12, 31, 23, tzinfo=zone(-5)),
    dt.datetime(1899, 12, 31, 23, 59, 59, tzinfo=dt.UTC),
    dt.datetime(3000, 1, 1, tzinfo=zone(14)),
)
# At the ends of the range, in the zones furthest from the user's.
INSIDE_MOMENTS = (
    dt.datetime(1900, 1, 1, tzinfo=zone(14)),
    dt.datetime(2999, 12, 31, 23, 59, 59, tzinfo=zone(-12)),
)
OUTSIDE_DAYS = (dt.date(1, 1, 1), dt.date(9999, 12, 31), dt.date(1899, 12, 31), dt.date(3000, 1, 1))
INSIDE_DAYS = (daterange.FIRST, daterange.LAST)
OUTSIDE_WEEKS = ("0001-W01", "9999-W52", "1899-W52")
INSIDE_WEEKS = ("1900-W01", "3000-W01")  # the Monday of 3000-W01 is 2999-12-30


def session_file(field: str, value: object) -> tuple[str, Doc]:
    session = weekly(at("2026-11-16"), "e001")
    doc = codec.session_doc(session)
    if field == "due":
        doc["commitments"][0]["due"] = value
    else:
        doc[field] = value
    return f"sessions/2026/{session.id}.toml", doc


def event_file(field: str, value: object) -> tuple[str, Doc]:
    kind = "skip-week" if field == "week" else "drill"
    item = event(at("2026-11-17", 11), kind, "e002", data={"score": 1})
    doc = codec.event_doc(item)
    if field == "when":
        doc["reviewed"] = {"when": value, "ok": True}
    else:
        doc[field] = value
    return f"events/2026/{item.id}.toml", doc


FileMaker = Callable[[str, object], tuple[str, Doc]]
MOMENT_FIELDS: tuple[tuple[FileMaker, str], ...] = (
    (session_file, "started"),
    (session_file, "updated"),
    (session_file, "finished"),
    (event_file, "at"),
    (event_file, "updated"),
    (event_file, "when"),  # a kind's own date-time, nested in a table
)
DAY_FIELDS: tuple[tuple[FileMaker, str], ...] = ((session_file, "due"), (event_file, "on"))

OUTSIDE = (
    [(make, name, value) for make, name in MOMENT_FIELDS for value in OUTSIDE_MOMENTS]
    + [(make, name, value) for make, name in DAY_FIELDS for value in OUTSIDE_DAYS]
    + [(event_file, "week", value) for value in OUTSIDE_WEEKS]
)
INSIDE = (
    [(make, name, value) for make, name in MOMENT_FIELDS for value in INSIDE_MOMENTS]
    + [(make, name, value) for make, name in DAY_FIELDS for value in INSIDE_DAYS]
    + [(event_file, "week", value) for value in INSIDE_WEEKS]
)


def case_id(case: tuple[FileMaker, str, object]) -> str:
    make, name, value = case
    shown = value.isoformat() if isinstance(value, dt.date) else str(value)
    return f"{make.__name__}-{name}-{shown}"


def a_folder(tmp_path: Path) -> Path:
    sessions, events = history()
    store = fill(tmp_path / "data", sessions, events)
    store.save_config(Config(track="senior", time_zone="Europe/Berlin"))
    return store.root


def put(root: Path, rel: str, doc: Doc) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(tomli_w.dumps(doc), encoding="utf-8")
    return path


COMMANDS = (
    ["status"],
    ["export", "--format", "json", "--include-private", "--force"],
    ["export", "--format", "csv", "--force"],
    ["export", "--format", "md", "--force"],
    ["export", "--format", "html", "--force"],
)


def run_everything(capsys: pytest.CaptureFixture[str]) -> dict[str, tuple[int, str, str]]:
    """Each command's exit status and output; any exception fails the test here."""
    results = {}
    for command in [*COMMANDS, ["doctor"]]:
        code = main(command)
        out, err = capsys.readouterr()
        assert "Traceback" not in out + err
        results[" ".join(command)] = (code, out, err)
    return results


@pytest.mark.parametrize("case", OUTSIDE, ids=case_id)
def test_a_date_outside_the_range_is_a_problem_not_a_crash(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], case: tuple[FileMaker, str, object]
) -> None:
    make, field, value = case
    root = a_folder(tmp_path)
    rel, doc = make(field, value)
    path = put(root, rel, doc)
    before = path.read_bytes()
    results = run_everything(capsys)
    assert "1 unreadable file (see pmcoach doctor)" in results["status"][1]
    for command in COMMANDS[1:]:
        code, _out, err = results[" ".join(command)]
        assert code == 0, err
        assert "1 unreadable file left out" in err
    code, out, _err = results["doctor"]
    assert code == 2
    (line,) = [line for line in out.splitlines() if line.startswith(str(path))]
    assert f": {field}: expected " in line or f".{field}: expected " in line
    assert "1900-01-01 to 2999-12-31" in line or "whole minutes" in line
    assert path.read_bytes() == before  # reported and left untouched
    backup = json.loads(results[" ".join(COMMANDS[1])][1])  # not a terminal: the output
    assert backup["complete"] is False  # a backup that misses a file says so, and which
    (named,) = backup["unreadable"]
    assert named.startswith(f"{rel}: ") and "expected" in named
    assert Store.open(root).session(rel.rsplit("/", 1)[-1][:-5]) is None


@pytest.mark.parametrize("case", INSIDE, ids=case_id)
def test_a_date_at_the_ends_of_the_range_is_read_and_used(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], case: tuple[FileMaker, str, object]
) -> None:
    make, field, value = case
    root = a_folder(tmp_path)
    rel, doc = make(field, value)
    put(root, rel, doc)
    results = run_everything(capsys)
    assert results["status"][0] in (0, 3, 4)
    assert "unreadable" not in results["status"][1]
    for command in COMMANDS[1:]:
        code, _out, err = results[" ".join(command)]
        assert code == 0, err
    assert results["doctor"][0] == 0, results["doctor"][1]


moments = st.datetimes(
    min_value=dt.datetime(1, 1, 2), max_value=dt.datetime(9999, 12, 30), timezones=st.just(dt.UTC)
).flatmap(
    lambda d: st.integers(-23 * 60 - 59, 23 * 60 + 59).map(
        lambda m: d.replace(tzinfo=dt.timezone(dt.timedelta(minutes=m)), microsecond=0)
    )
)


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(field=st.sampled_from(MOMENT_FIELDS), value=moments)
def test_any_date_time_is_read_and_used_or_refused_by_its_loader(
    tmp_path_factory: pytest.TempPathFactory,
    capsys: pytest.CaptureFixture[str],
    field: tuple[FileMaker, str],
    value: dt.datetime,
) -> None:
    make, name = field
    tmp_path = tmp_path_factory.mktemp("any")
    root = a_folder(tmp_path)
    os.environ["PMCOACH_HOME"] = str(root)
    os.environ["PMCOACH_CACHE_HOME"] = str(tmp_path / "cache")
    rel, doc = make(name, value)
    put(root, rel, doc)
    results = run_everything(capsys)
    inside = daterange.contains(value)
    assert ("unreadable" in results["status"][1]) != inside
    assert results["doctor"][0] == (0 if inside else 2)


def test_the_app_starts_on_a_folder_with_dates_outside_the_range(tmp_path: Path) -> None:
    """The app crashed at its start and exited 0; now the files are listed as problems."""
    import asyncio

    from textual.widgets import Static

    from pmcoach.tui.app import make_app

    root = a_folder(tmp_path)
    for make, name, value in (OUTSIDE[0], OUTSIDE[len(OUTSIDE) // 2], OUTSIDE[-1]):
        rel, doc = make(name, value)
        put(root, rel, doc)

    async def start() -> str:
        app = make_app(root)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()
            shown = "\n".join(str(w.render()) for w in app.screen.query(Static))
        assert app.return_code in (None, 0)
        return shown

    shown = asyncio.run(start())
    assert "Not read" in shown
    assert "1900-01-01 to 2999-12-31" in shown


@pytest.mark.parametrize("key", ["p", "l", "e", "d", "m", "x", "w"])
def test_every_screen_opens_with_dates_at_the_ends_of_the_range(tmp_path: Path, key: str) -> None:
    import asyncio

    from pmcoach.tui.app import make_app

    root = a_folder(tmp_path)
    for index, (make, name, value) in enumerate(INSIDE):
        rel, doc = make(name, value)
        item_id = doc["id"] = doc["id"][:-4] + f"{index:04x}"  # each case a file of its own
        put(root, f"{rel.rsplit('/', 1)[0]}/{item_id}.toml", doc)
    assert Store.open(root).problems == []
    draft = root / "drafts" / "29991231T235959Z-draft-3f9a.md"
    draft.parent.mkdir()
    draft.write_text("# Edge\n")

    async def visit() -> None:
        app = make_app(root)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()
            dashboard = app.screen
            await pilot.press(key)
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()
            assert app.screen is not dashboard or key == "w"

    asyncio.run(visit())


# --------------------------------------------------------------------------- import


def backup_with(change: Callable[[Doc], None]) -> Doc:
    from support.exports import export_data

    from pmcoach.export import render

    sessions, events = history()
    doc: Doc = json.loads(render("json", export_data(sessions, events, include_private=True)))
    change(doc)
    return doc


IMPORT_CASES: tuple[tuple[str, Callable[[Doc], None]], ...] = (
    ("sessions[0].started", lambda d: d["sessions"][0].update(started="0001-01-01T00:00:00+01:00")),
    ("sessions[1].updated", lambda d: d["sessions"][1].update(updated="9999-12-31T23:00:00-05:00")),
    ("sessions[2].finished", lambda d: d["sessions"][2].update(finished="1899-12-31T12:00:00Z")),
    (
        "sessions[0].commitments[0].due",
        lambda d: d["sessions"][0]["commitments"][0].update(due="0001-01-01"),
    ),
    ("events[0].at", lambda d: d["events"][0].update(at="9999-12-31T23:00:00-05:00")),
    ("events[5].updated", lambda d: d["events"][5].update(updated="3000-01-01T00:00:00+00:00")),
    ("events[1].at", lambda d: d["events"][1].update(at="2026-11-23T09:00:00+01:00:30")),
    (
        "events[2].week",
        lambda d: d["events"][2].update(kind="skip-week", week="0001-W01"),
    ),
)


@pytest.mark.parametrize(("where", "change"), IMPORT_CASES, ids=[c[0] for c in IMPORT_CASES])
def test_import_refuses_a_date_outside_the_range(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    where: str,
    change: Callable[[Doc], None],
) -> None:
    root = a_folder(tmp_path)
    before = snapshot(root)
    file = tmp_path / "backup.json"
    file.write_text(json.dumps(backup_with(change)))
    code = main(["import", str(file)])
    _out, err = capsys.readouterr()
    assert code == 2
    assert err.count("\n") == 1
    first, _, field = where.partition(".")
    assert first in err and field.rsplit(".", 1)[-1] in err, err
    assert snapshot(root) == before
    with pytest.raises(json_read.ImportRefused):
        json_read.parse_export(file.read_bytes())


BACKUP_DATES = (
    ("sessions", 0, "started"),
    ("sessions", 2, "finished"),
    ("events", 0, "at"),
    ("events", 5, "updated"),
    ("due", 0, "due"),
)


@settings(max_examples=EXAMPLES * 4, deadline=None)
@given(where=st.sampled_from(BACKUP_DATES), value=moments)
def test_any_date_in_a_backup_is_imported_or_refused_as_the_loaders_do(
    where: tuple[str, int, str], value: dt.datetime
) -> None:
    key, index, field = where

    def change(doc: Doc) -> None:
        if key == "due":
            doc["sessions"][0]["commitments"][0]["due"] = value.date().isoformat()
        else:
            doc[key][index][field] = value.isoformat()

    data = json.dumps(backup_with(change)).encode()
    day = value.date()
    if daterange.contains(day):
        json_read.parse_export(data)
    else:
        with pytest.raises(json_read.ImportRefused, match=f"{field}: expected a date from"):
            json_read.parse_export(data)


def test_an_import_at_the_ends_of_the_range_is_restored_and_runs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def edges(doc: Doc) -> None:
        doc["sessions"][0]["started"] = "1900-01-01T00:00:00+14:00"
        doc["events"][0]["at"] = "2999-12-31T23:59:59-12:00"

    file = tmp_path / "backup.json"
    file.write_text(json.dumps(backup_with(edges)))
    target = tmp_path / "restored"
    assert main(["import", str(file), "--data-dir", str(target)]) == 0
    capsys.readouterr()
    os.environ["PMCOACH_HOME"] = str(target)
    results = run_everything(capsys)
    assert results["doctor"][0] == 0
    assert all(code in (0, 3, 4) for code, _out, _err in results.values())


# --------------------------------------------------------------------------- command line


@pytest.mark.parametrize(
    "args",
    [
        ["skip", "--week", "9999-12-31"],
        ["skip", "--week", "0001-01-01"],
        ["skip", "--week", "0001-W01"],
        ["skip", "--week", "1899-12-31"],
        ["export", "--since", "0001-01-01"],
        ["export", "--format", "json", "--since", "1899-12-31"],
        ["demo", "--data-dir", "{tmp}/demo", "--end", "0001-01-02"],
        ["demo", "--data-dir", "{tmp}/demo", "--end", "9999-12-31"],
        ["demo", "--data-dir", "{tmp}/demo", "--end", "1900-06-01", "--weeks", "52"],
    ],
    ids=lambda a: " ".join(a),
)
def test_a_command_line_date_outside_the_range_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    a_folder(tmp_path)
    before = snapshot(tmp_path / "data")
    assert exit_code([a.replace("{tmp}", str(tmp_path)) for a in args]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.count("\n") == 1 and "1900-01-01 to 2999-12-31" in err, err
    assert snapshot(tmp_path / "data") == before
    assert not (tmp_path / "demo").exists()


def exit_code(args: list[str]) -> int:
    """main's answer, or argparse's when it refuses an argument itself."""
    try:
        return main(args)
    except SystemExit as exc:
        assert isinstance(exc.code, int)
        return exc.code


@pytest.mark.parametrize("today", ["0001-01-01", "9999-12-31", "1899-12-31", "3000-01-01"])
@pytest.mark.parametrize("command", [["status"], ["export", "--format", "csv"], ["skip"], []])
def test_pmcoach_today_outside_the_range_is_one_line(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    today: str,
    command: list[str],
) -> None:
    a_folder(tmp_path)
    monkeypatch.setenv("PMCOACH_TODAY", today)
    if not command:  # the app: refused before it draws anything
        monkeypatch.setattr("pmcoach.tui.app.run_app", _never)
    code = main(command)
    out, err = capsys.readouterr()
    assert (code, out) == (2, "")
    assert err == (
        f"pmcoach: PMCOACH_TODAY='{today}' is outside the dates pmcoach works with "
        "(1900-01-01 to 2999-12-31)\n"
    )


def _never(*_args: object) -> int:
    raise AssertionError("the app was started")


def test_the_ends_of_the_range_are_days_pmcoach_runs_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    a_folder(tmp_path)
    for today in ("1900-01-01", "2999-12-31"):
        monkeypatch.setenv("PMCOACH_TODAY", today)
        assert main(["status"]) in (0, 3, 4)
        assert main(["skip", "--week", today]) == 0
        assert main(["export", "--format", "csv", "--last", "9999w"]) == 0
    capsys.readouterr()


# --------------------------------------------------------------------------- drafts


def test_a_draft_named_at_the_end_of_time_has_no_start() -> None:
    assert drafts.started("00010101T000000Z-draft-3f9a") is None
    assert drafts.started("99991231T235959Z-draft-3f9a") is None
    assert drafts.started("20261123T080512Z-draft-3f9a") == dt.datetime(
        2026, 11, 23, 8, 5, 12, tzinfo=dt.UTC
    )
