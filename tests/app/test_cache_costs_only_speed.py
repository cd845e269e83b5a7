"""Deleting the cache folder costs only speed: every flow gives the same result without it.

One suite of flows, each result recorded: the dashboard (the saved first frame when there
is one, else computed), the status line, the config output, progress, the four exports,
the team page, the rubric, a check-in then the dashboard and status again, and an edit in
place of a session file then the dashboard and status again. It runs three times on the
same history: with no cache at all (nothing read from or written to the cache folder),
with a cold cache that fills as the flows run, and with a warm one. Every result must be
the same each time.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import os
import re
import secrets
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from support.day import TODAY
from support.edits import put_back

from pmcoach.app import snapshot
from pmcoach.app.demo import DemoPlan, write_demo
from pmcoach.app.present import dashboard
from pmcoach.app.present.progress import RANGES, workspace_progress
from pmcoach.app.workspace import Workspace
from pmcoach.cache import cachedir
from pmcoach.cli.main import main
from pmcoach.rubric.load import load_rubric
from pmcoach.storage import paths

MODES = ("no cache", "cold cache", "warm cache")


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Forty weeks of demo history, written once; each run works on a fresh copy."""
    root = tmp_path_factory.mktemp("history") / "data"
    bank = load_rubric(None).rubric
    assert bank is not None
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PMCOACH_CACHE_HOME", str(root.parent / "cache-home"))
        patch.setenv("PMCOACH_NO_FSYNC", "1")
        write_demo(
            root,
            bank,
            DemoPlan(weeks=40, end=dt.date.fromisoformat(TODAY)),
            dt.date.fromisoformat(TODAY),
        )
    return root


@pytest.fixture(autouse=True)
def _fixed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PMCOACH_TODAY", TODAY)
    monkeypatch.setenv("PMCOACH_NO_FSYNC", "1")
    # The check-in's id is the same in every run.
    monkeypatch.setattr(secrets, "token_hex", lambda n: "0a" * n)


@contextlib.contextmanager
def no_cache() -> Iterator[None]:
    """Nothing read from the cache folder and nothing written to it: every cached answer
    goes through these two, so this is pmcoach with its cache folder deleted at every
    step (the lock still works: it is not a cache)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(cachedir, "read", lambda folder, name: None)
        patch.setattr(cachedir, "write", lambda folder, name, data: False)
        yield


def command(*argv: str) -> tuple[str, int]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        code = main(list(argv))
    return out.getvalue(), code


def the_dashboard(root: Path) -> Any:
    """What the dashboard shows once started: the saved overview when one is current
    (a warm start draws it and nothing else until the recompute), else the computed one."""
    saved = snapshot.load_unopened(root)
    workspace = Workspace.open(root)
    try:
        computed = dashboard.overview(workspace)
    finally:
        workspace.close()
    assert saved is None or saved == computed
    return computed


def read_only_flows(root: Path, out: Path) -> dict[str, Any]:
    results: dict[str, Any] = {"dashboard": the_dashboard(root)}
    for run in ("first", "again"):
        results[f"status, {run}"] = command("status")
        results[f"config, {run}"] = command("config")
    workspace = Workspace.open(root)
    try:
        for name in RANGES:
            results[f"progress {name}"] = workspace_progress(workspace, name)
        results["recent weeks first"] = dashboard.recent_overview(workspace)
    finally:
        workspace.close()
    for fmt in ("md", "html", "csv", "json"):
        results[f"export {fmt}"] = command("export", "--format", fmt, "-o", "-")
    export = out / "pm.json"
    export.write_text(results["export json"][0])
    results["team page"] = command("team", str(export), "-o", "-")
    loaded = load_rubric(root)
    results["rubric"] = (loaded.rubric, [str(issue) for issue in loaded.issues])
    return results


def check_in(root: Path) -> None:
    """A weekly check-in, every question rated 3 (a count of at most 3), finished."""
    workspace = Workspace.open(root)
    try:
        checkin = workspace.start("weekly")
        while (question := checkin.current) is not None:
            checkin.rate(min(3, question.out_of or 3), workspace.now())
            checkin.advance()
        workspace.finish(checkin)
    finally:
        workspace.close()


def edit_in_place(root: Path) -> None:
    """The latest weekly session's first rating changed by hand, the size and the
    modification time kept."""
    latest = max((root / "sessions").rglob("*-weekly-*.toml"))
    text = latest.read_bytes()
    found = re.search(rb"rating = ([1-5])", text)
    assert found is not None
    other = b"1" if found.group(1) != b"1" else b"5"
    put_back(latest, text[: found.start(1)] + other + text[found.end(1) :], in_place=True)


def every_flow(root: Path, out: Path) -> dict[str, Any]:
    results = read_only_flows(root, out)
    check_in(root)
    results["dashboard after a check-in"] = the_dashboard(root)
    results["status after a check-in"] = command("status")
    edit_in_place(root)
    results["dashboard after an edit in place"] = the_dashboard(root)
    results["status after an edit in place"] = command("status")
    return results


def run(mode: str, history: Path, tmp_path: Path) -> dict[str, Any]:
    """The suite on a fresh copy of the history, in one data folder and one cache folder
    for every mode (the config output names both)."""
    root = Path(os.environ["PMCOACH_HOME"])
    if root.exists():
        shutil.rmtree(root)
    shutil.copytree(history, root)
    root.chmod(0o700)
    shutil.rmtree(paths.cache_root(), ignore_errors=True)
    out = tmp_path / mode
    out.mkdir()
    if mode == "no cache":
        with no_cache():
            results = every_flow(root, out)
        folder = paths.cache_dir(root)
        assert not folder.exists() or sorted(p.name for p in folder.iterdir()) == ["lock"]
        return results
    if mode == "warm cache":
        read_only_flows(root, out)  # fills the cache; the results that count come next
    return every_flow(root, out)


@pytest.mark.parametrize("times", ["recent: checked by content too", "old enough to tell"])
def test_every_flow_gives_the_same_result_with_no_cold_or_warm_cache(
    history: Path, tmp_path: Path, times: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The copies are fresh, so every file is one whose times may not tell a change yet
    and is checked by its content too; with that window closed, the times alone must."""
    if times == "old enough to tell":
        monkeypatch.setattr(cachedir, "RACY_NS", 0)
    results = {mode: run(mode, history, tmp_path) for mode in MODES}
    expected = results["no cache"]
    assert expected["dashboard after a check-in"] != expected["dashboard"]
    assert expected["dashboard after an edit in place"] != expected["dashboard after a check-in"]
    for mode in MODES[1:]:
        differ = sorted(name for name in expected if results[mode][name] != expected[name])
        assert differ == [], mode
    assert sorted(results["warm cache"]) == sorted(expected)
