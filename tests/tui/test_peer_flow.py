"""From a request to the screens: `pmcoach ask`, two peers' replies read by `pmcoach
feedback add`, then the dashboard, progress and the session list as the person sees them."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from support.cli import run
from support.tui import TODAY, configured, data_dir, finished_session, local, settle, typed
from textual.widgets import DataTable

from pmcoach.domain.model import KIND_WORDS, Config
from pmcoach.tui.app import make_app
from pmcoach.tui.screens.progress import ProgressScreen
from pmcoach.tui.screens.results import ResultsScreen
from pmcoach.tui.widgets.chart import PEER, ProgressChart
from pmcoach.tui.widgets.skill_table import SkillTable


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PMCOACH_TODAY", TODAY)
    monkeypatch.setenv("PMCOACH_NO_FSYNC", "1")


def ask_and_reply(name: str, numbers: list[int], note: str) -> None:
    asked = run("ask", "--skill", "communicate", "--to", name)
    assert asked.returncode == 0, asked.stderr
    count = len(re.findall(r"^\d+\. ", asked.stdout, re.MULTILINE))
    code = re.search(r"Request code: (\w+)", asked.stdout)
    assert code and count >= 3
    lines = [f"Request code: {code[1]}", *(f"{i + 1}: {n}" for i, n in enumerate(numbers))]
    reply = "\n".join([*lines[: count + 1], f"Anything else: {note}", ""])
    added = run("feedback", "add", "-", "--from", name, "--yes", stdin=reply)
    assert added.returncode == 0, added.stderr + added.stdout


async def test_two_replies_reach_every_screen() -> None:
    store = configured()
    finished_session(store, local("2026-11-16"), {"communicate.answer-first": 3})
    ask_and_reply("Dana Ruiz", [4, 4, 4, 4, 4, 4], "Crisp updates.")
    ask_and_reply("Sam Lee", [2, 2, 2, 2, 2, 2], "More dates, please.")
    store.update_config(lambda c: replace(c or Config(), show_peer_names=True))
    app = make_app(data_dir())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        rows = {r[0]: r for r in app.screen.query_one(SkillTable).rows_text()}
        assert rows["Communicate"][4] == "3.0"  # (4 + 2) / 2
        names = str(app.screen.query_one("#peer-names").render())
        assert "Sam Lee" in names and "Dana Ruiz" in names
        await typed(pilot, "p")
        assert isinstance(app.screen, ProgressScreen)
        assert "3.0 from 2 peers" in str(app.screen.query_one("#peers").render())
        chart = app.screen.query_one(ProgressChart).render().plain
        assert chart.count(PEER) >= 2  # two marks and the legend's
        await typed(pilot, "escape", "l", "enter")
        assert isinstance(app.screen, ResultsScreen)
        assert app.screen.session.kind == "peer"
        session = app.screen.session
        assert session.peer is not None
        name = session.peer.text
        said = {"Sam Lee": ("More dates, please.", "2"), "Dana Ruiz": ("Crisp updates.", "4")}
        note, rating = said[name]
        assert f"{KIND_WORDS['peer']} · {name}" in str(app.screen.query_one("#title").render())
        assert note in str(app.screen.query_one("#focus").render())
        table = app.screen.query_one("#answers", DataTable)
        ratings = [str(table.get_row_at(i)[2]) for i in range(table.row_count)]
        assert ratings == [rating] * table.row_count
