"""User and rubric text is shown literally: no markup, no actions, no control bytes."""

from __future__ import annotations

import pytest
from support.tui import TODAY, configured, data_dir, finished_session, local
from textual.widgets import DataTable, Static

from pmcoach.domain.model import Text
from pmcoach.text.sanitize import printable
from pmcoach.tui.app import make_app
from pmcoach.tui.screens.dashboard import DashboardScreen
from pmcoach.tui.screens.question import QuestionScreen
from pmcoach.tui.screens.results import ResultsScreen
from pmcoach.tui.widgets.skill_table import SkillTable

HOSTILE = [
    "[@click=app.quit]click me[/]",
    "[bold]unclosed",
    "[/",
    "[TODO] fix [[nested]] brackets ]]",
    "\x1b[2J\x1b[31mred\x1b[0m",
    "\x1b]0;stolen title\x07",
    "\x1b]52;c;Y2xpcGJvYXJk\x07",
    "\x9b31mC1 CSI",
    "\u202eevil\u202c \u2066isolate\u2069",
    "emoji 😀 and wide 漢字",
    "x" * 5000,
]

CONTROL = {chr(c) for c in range(0x20) if chr(c) not in "\n\t"} | {"\x7f"}
CONTROL |= {chr(c) for c in range(0x80, 0xA0)} | set("\u202a\u202b\u202c\u202d\u202e")
CONTROL |= set("\u2066\u2067\u2068\u2069")


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PMCOACH_TODAY", TODAY)
    monkeypatch.setenv("PMCOACH_NO_FSYNC", "1")


def test_printable_removes_every_control_character() -> None:
    for text in HOSTILE:
        assert not (set(printable(text)) & CONTROL), repr(text)
    assert printable("[bold]x[/]") == "[bold]x[/]"
    assert printable("a\r\nb\rc") == "a\nb\nc"


@pytest.mark.parametrize("note", HOSTILE)
async def test_hostile_notes_on_the_results_screen(note: str) -> None:
    store = configured(track="new")
    finished_session(store, local("2026-11-16"), {"communicate.answer-first": 3}, note=Text(note))
    app = make_app(data_dir())
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("l")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ResultsScreen)
        table = app.screen.query_one("#answers", DataTable)
        cell = str(table.get_row_at(0)[3])
        assert not (set(cell) & CONTROL)
        expected = printable(note)[:5]
        assert " ".join(expected.split()) in cell
        # Clicking the note must not run the action it pretends to be.
        await pilot.click("#answers", offset=(70, 1))
        await pilot.pause()
        assert app.is_running
        assert isinstance(app.screen, ResultsScreen)


async def test_hostile_rubric_text_is_shown_literally(tmp_path: object) -> None:
    configured(track="new")
    rubrics = data_dir() / "rubrics"
    rubrics.mkdir(exist_ok=True)
    anchors = ",\n".join(
        f'  "{a}"'
        for a in ["[@click=app.quit]one[/]", "[b]two", "[/", "\\u001b]0;t\\u0007four", "five [red]"]
    )
    (rubrics / "acme.toml").write_text(
        'bank = "acme"\nversion = "1"\n\n[[skill]]\nid = "communicate"\n'
        'title = "[b]Comms[/b] \\u001b[31m"\n'
        'summary = "x"\n\n[[question]]\nid = "communicate.answer-first"\nskill = "communicate"\n'
        'kind = "rating"\nprompt = "[@click=app.quit]Prompt[/] [TODO]"\n'
        f"anchors = [\n{anchors},\n]\n"
    )
    app = make_app(data_dir())
    assert not [i for i in app.workspace.rubric_issues if "warning" not in i]
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        table = app.screen.query_one(SkillTable)
        title = table.rows_text()[0][0]
        assert title.startswith("[b]Comms[/b]") and "\x1b" not in title
        await pilot.click(SkillTable)  # the title's brackets are text, not a link
        assert app.is_running
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen)
        prompt = app.screen.query_one("#prompt", Static)
        assert str(prompt.render()) == "[@click=app.quit]Prompt[/] [TODO]"
        await pilot.click("#prompt")
        await pilot.click("#anchors")
        await pilot.pause()
        assert app.is_running
