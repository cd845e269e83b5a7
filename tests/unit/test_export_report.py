"""The report for a manager (Markdown and HTML): its figures, its privacy, and that no user
text can change its structure."""

from __future__ import annotations

import datetime as dt
import html
from html.parser import HTMLParser

import pytest
from markdown_it import MarkdownIt
from support.tui import configured, finished_session, local, logged

from pmcoach.domain.model import Commitment, CommitmentReview, Session, Text
from pmcoach.export import ExportData, Period, render
from pmcoach.export.files import gather
from pmcoach.export.markdown import inline
from pmcoach.export.report import build_report
from pmcoach.export.report_model import sparkline
from pmcoach.rubric.load import load_rubric
from pmcoach.storage.store import Store
from pmcoach.text.sanitize import printable

HOSTILE = [
    "| a | b |\n|---|---|",
    "# heading\n## another",
    "[click](javascript:alert(1)) ![img](http://x/y.png) <https://evil.example>",
    "<script>alert(1)</script><img src=x onerror=alert(1)>",
    "**bold** _em_ `code` ~~strike~~ \\ &amp; &lt;b&gt;",
    "\x1b]0;title\x07 \u202eevil\u202c \x9b31m",
    "=cmd|' /C calc'!A0",
    "line one\r\nline two\rline three",
    "x" * 20000,
]

IDS = [f"hostile-{i}" for i in range(len(HOSTILE))]
NOW = local("2026-11-23", 12)


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PMCOACH_TODAY", "2026-11-23")
    monkeypatch.setenv("PMCOACH_NO_FSYNC", "1")


def export_data(
    store: Store, include_private: bool = False, start: str = "2026-09-07"
) -> ExportData:
    config = store.load_config()
    assert config is not None
    rubric = load_rubric(store.root).rubric
    assert rubric is not None
    period = Period(dt.date.fromisoformat(start), NOW.date(), "last 12 weeks")
    return gather(store, config, rubric, period, include_private, NOW)


def with_commitments(store: Store, session: Session, private: bool = False) -> Session:
    from dataclasses import replace

    made = replace(
        session,
        commitments=(
            Commitment("c-0001", "Send the Q1 plan to finance", "Dana", dt.date(2026, 11, 13)),
            Commitment("c-0002", "Tell Sam the date moved", "Sam", dt.date(2026, 11, 13), private),
        ),
    )
    store.save_session(made)
    return made


def history(note: Text | None = None) -> Store:
    store = configured("senior")
    finished_session(
        store,
        local("2026-10-05"),
        {"communicate.answer-first": 2, "communicate.gave-the-date": 2},
        suffix="0001",
    )
    first = finished_session(
        store,
        local("2026-11-09"),
        {"communicate.answer-first": 3, "prioritize.said-no": 4},
        note=note,
        suffix="0002",
    )
    with_commitments(store, first, private=True)
    later = finished_session(
        store,
        local("2026-11-16"),
        {"communicate.answer-first": 4, "communicate.gave-the-date": 4},
        suffix="0003",
    )
    from dataclasses import replace

    store.save_session(
        replace(
            later,
            reflection=Text("Ask for more exec exposure", False),
            commitment_reviews=(
                CommitmentReview("c-0001", "met"),
                CommitmentReview("c-0002", "missed"),
            ),
        )
    )
    store.save_event(
        logged("win", local("2026-11-18"), "Peer praised the launch memo", "a001", win_kind="peer")
    )
    store.save_event(
        logged("grade", local("2026-11-19"), "Budget email", "a002", private=True, rating=2)
    )
    return store


# --------------------------------------------------------------------------- figures


def test_the_report_has_the_figures_of_the_period() -> None:
    store = history(Text("Opened with the date", False))
    report = build_report(export_data(store))
    communicate = next(line for line in report.skills if line.skill == "communicate")
    # The first week of the period whose score rests on two answers or more.
    assert communicate.start == 2.0
    assert communicate.now == 4.0
    assert communicate.target == 5  # the senior track's default (docs/definitions.md)
    assert report.checkins == 3
    assert report.say_do.met == 1 and report.say_do.missed == 1
    assert report.evidence.items[0].text == "Peer praised the launch memo"
    assert report.left_out == 2  # the private commitment and the private grade
    # The agenda, not the reflections (tests/unit/test_agenda.py): nothing was raised.
    assert report.discuss.items == ()


def test_sparkline_uses_a_fixed_scale() -> None:
    assert sparkline((1.0, 3.0, 5.0, None)) == "▁▅█·"
    assert sparkline(()) == ""


# --------------------------------------------------------------------------- privacy


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_private_text_stays_out_unless_asked(fmt: str) -> None:
    secret = "Felt defensive with the VP"
    store = history(Text(secret, True))
    without = render(fmt, export_data(store))
    assert secret not in without and "Budget email" not in without
    assert "Tell Sam" not in without
    assert "3 private texts left out" in without
    with_private = render(fmt, export_data(store, include_private=True))
    assert secret in with_private and "Budget email" in with_private
    assert "Tell Sam" in with_private
    assert "left out" not in with_private


# --------------------------------------------------------------------------- markdown


def md_tokens(text: str) -> list[str]:
    parser = MarkdownIt("commonmark").enable("table").enable("strikethrough")
    found = []
    for token in parser.parse(text):
        found.append(token.type)
        for child in token.children or []:
            found.append(child.type)
    return found


def test_inline_text_renders_as_the_same_text() -> None:
    parser = MarkdownIt("commonmark")
    for text in HOSTILE[:5]:
        rendered = parser.renderInline(inline(text))
        assert html.unescape(rendered) == " ".join(text.split())


@pytest.mark.parametrize("note", HOSTILE, ids=IDS)
def test_hostile_notes_cannot_change_the_markdown(note: str) -> None:
    plain = render("md", export_data(history(Text("plain words", False))))
    store = history(Text(note, False))
    hostile = render("md", export_data(store))
    assert md_tokens(hostile) == md_tokens(plain)
    for bad in ("link_open", "image", "html_inline", "html_block", "code_inline", "s_open"):
        assert bad not in md_tokens(hostile)
    assert "\x1b" not in hostile and "\u202e" not in hostile and "\x9b" not in hostile


@pytest.mark.parametrize("title", HOSTILE[:6], ids=IDS[:6])
def test_hostile_rubric_text_cannot_change_the_markdown(title: str) -> None:
    store = history()
    data = export_data(store)
    from dataclasses import replace

    skills = tuple(
        replace(s, title=title) if s.id == "communicate" else s for s in data.rubric.skills
    )
    hostile = replace(data, rubric=replace(data.rubric, skills=skills))
    assert md_tokens(render("md", hostile)) == md_tokens(render("md", data))


# --------------------------------------------------------------------------- html


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs += [name for name, _ in attrs]

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parsed(text: str) -> Tags:
    tags = Tags()
    tags.feed(text)
    return tags


@pytest.mark.parametrize("note", HOSTILE, ids=IDS)
def test_hostile_notes_cannot_change_the_html(note: str) -> None:
    plain = parsed(render("html", export_data(history(Text("plain words", False)))))
    page = render("html", export_data(history(Text(note, False))))
    hostile = parsed(page)
    assert hostile.tags == plain.tags
    assert hostile.attrs == plain.attrs
    shown = "".join(hostile.text)  # the parser has decoded the entities
    assert printable_words(note) in " ".join(shown.split())
    assert "\x1b" not in page and "\u202e" not in page


def test_the_html_is_self_contained() -> None:
    page = render("html", export_data(history(Text("note", False))))
    tags = parsed(page)
    assert "script" not in tags.tags and "link" not in tags.tags and "img" not in tags.tags
    assert "http://" not in page.replace("http-equiv", "")
    assert "https://" not in page
    assert tags.tags.count("svg") == 7  # one chart per skill of the senior track
    assert "onerror" not in page and "javascript:" not in page


def test_the_html_shows_user_text_literally() -> None:
    note = "<b>bold</b> & [link](x)"
    page = render("html", export_data(history(Text(note, False))))
    assert html.escape(note) in page
    assert "<b>bold</b>" not in page


def printable_words(text: str) -> str:
    return " ".join(printable(text).split())[:200]  # reports shorten essays to one line
