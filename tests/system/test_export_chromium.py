"""The HTML report in a real browser: it prints to two pages on A4 and on Letter, the first
holding who, the skills, where I stand and the agenda; nothing is fetched, and nothing runs
past the page's edge, even with a 20,000-character note.

Headless Chromium prints the file as a person would; `.ci/run` installs it where missing.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from pathlib import Path

import pytest
from support.chromium import chromium, pages
from support.exports import manager, peer
from support.tui import data_dir

from pmcoach.app.demo import DemoPlan, write_demo
from pmcoach.cache.opener import open_store
from pmcoach.domain import agenda
from pmcoach.domain.model import Answer, Text
from pmcoach.export import render
from pmcoach.export.files import gather
from pmcoach.export.period import period_for
from pmcoach.export.report import MAX_TEXT
from pmcoach.rubric.load import load_rubric

TODAY = dt.date(2026, 11, 23)
# The printable width and height at 96 px an inch with the report's 10 mm margins.
PAGES = {"A4": 210 - 20, "letter": 215.9 - 20}
HEIGHTS = {"A4": 297 - 20, "letter": 279.4 - 20}
PX_PER_MM = 96 / 25.4
PAGE_ONE = ["Skills", "Where I stand", "What I want to discuss"]
FULL_PAGE_ONE = ["A4", "letter"]
PAGE_TWO = ["Practice", "Commitments", "Evidence"]


# Run in the test's copy only (the report itself has no script): every element whose box
# ends right of the content area, or whose content is wider than its box, is overflow.
MEASURE = """
<script>
const main = document.querySelector('main').getBoundingClientRect();
const bad = [...document.querySelectorAll('main *')].filter(e => {
  const box = e.getBoundingClientRect();
  return box.right > main.right + 0.5 || e.scrollWidth > e.clientWidth + 1;
}).map(e => e.tagName + (e.className ? '.' + e.className : ''));
document.body.setAttribute('data-overflow', bad.length ? bad.join(' ') : 'none');
// Where page one's last section ends, and the sections before and after the break.
const two = document.querySelector('.page-two');
const before = [...document.querySelectorAll('main > section')];
document.body.setAttribute('data-page-one', String(Math.ceil(
  before[before.length - 1].getBoundingClientRect().bottom - main.top)));
document.body.setAttribute('data-first', before.map(
  s => s.querySelector('h2').textContent).join('|'));
document.body.setAttribute('data-second', [...two.querySelectorAll('section')].map(
  s => s.querySelector('h2').textContent).join('|'));
document.body.setAttribute('data-fetched', String(performance.getEntriesByType('resource').length));
</script>
"""


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PMCOACH_TODAY", TODAY.isoformat())
    monkeypatch.setenv("PMCOACH_NO_FSYNC", "1")


def report(
    note: str | None = None,
    name: str | None = None,
    peers: int = 0,
    topics: int = 0,
    every_skill: bool = False,
) -> str:
    """The demo's HTML report; `every_skill`: two peers and the manager rated every skill,
    so each caption holds all its figures."""
    rubric = load_rubric(None).rubric
    assert rubric is not None
    write_demo(data_dir(), rubric, DemoPlan(weeks=26, end=TODAY), TODAY)
    store = open_store(data_dir())
    if name is not None:
        named = store.load_config()
        assert named is not None
        store.save_config(replace(named, name=name))
    for index in range(topics):  # a full agenda of long topics, beside the demo's own
        when = dt.datetime(2026, 11, 20, 9, index, tzinfo=dt.UTC)
        words = f"Topic {index}: roadmap trade-offs and staffing across the teams. " * 4
        store.save_event(agenda.topic_event(Text(words[:MAX_TEXT]), when, "laptop"))
    for index in range(peers):  # the Peers figures and the peers' marks on page one
        when = dt.datetime(2026, 11, 10 + index, 9, tzinfo=dt.UTC)
        store.save_session(peer(when, f"e{index:03}", name=f"Peer {index}", rating=2 + index))
    if every_skill:
        skills = [q for q in rubric.questions if q.observer and not q.retired]
        firsts = {q.skill: q.id for q in reversed(skills)}
        for index, rating in enumerate((3, 4)):
            when = dt.datetime(2026, 11, 16 + index, 9, tzinfo=dt.UTC)
            reply = peer(when, f"d1{index:02}", name=f"Rater {index}")
            answers = tuple(Answer(question=q, rating=rating) for q in firsts.values())
            store.save_session(replace(reply, answers=answers))
        # After the demo's own latest 1:1, so this is the rating every caption shows.
        rated = manager(dt.datetime(2026, 11, 22, 15, tzinfo=dt.UTC), "b0f1", scale="levels")
        answers = tuple(Answer(skill=skill, rating=4) for skill in firsts)
        store.save_session(replace(rated, answers=answers))
    if note is not None:
        latest = max(store.sessions(), key=lambda s: s.started)
        answers = (replace(latest.answers[0], note=Text(note)), *latest.answers[1:])
        store.save_session(replace(latest, answers=answers))
        assert isinstance(answers[0], Answer)
    config = store.load_config()
    assert config is not None
    now = dt.datetime.combine(TODAY, dt.time(12), tzinfo=dt.UTC)
    data = gather(store, config, rubric, period_for("html", TODAY), False, now)
    return render("html", data)


@pytest.mark.parametrize("paper", FULL_PAGE_ONE)
def test_the_report_prints_on_two_pages(paper: str, tmp_path: Path, require_tool: object) -> None:
    """Page two starts with a page break of its own, so two pages in all means page one
    held everything before it."""
    browser = require_tool("chromium")  # type: ignore[operator]
    page = report(name="Alexandra Doe-Whitfield", peers=3, topics=5)
    page = page.replace("</style>", f"@page {{ size: {paper}; }}</style>")
    assert ".page-two { break-before: page; }" in page
    source = tmp_path / "report.html"
    source.write_text(page, encoding="utf-8")
    pdf = tmp_path / "report.pdf"
    chromium(browser, tmp_path, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", source.as_uri())
    assert pages(pdf.read_bytes()) == 2


def measured(browser: str, page: str, paper: str, tmp_path: Path) -> dict[str, str]:
    """The print rules applied on screen at the printable width, then measured by a script
    in the test's copy (the report forbids scripts; the copy lifts that, and only that)."""
    page = page.replace("@media print", "@media all").replace("</body>", MEASURE + "</body>")
    page = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", page)
    source = tmp_path / "measure.html"
    source.write_text(page, encoding="utf-8")
    width = round(PAGES[paper] * PX_PER_MM)
    dom = chromium(browser, tmp_path, f"--window-size={width},1200", "--dump-dom", source.as_uri())
    found = dict(re.findall(r'data-([a-z-]+)="([^"]*)"', dom))
    assert "overflow" in found, dom[-500:]
    return found


@pytest.mark.parametrize("paper", FULL_PAGE_ONE)
def test_page_one_holds_the_skills_where_i_stand_and_the_agenda(
    paper: str, tmp_path: Path, require_tool: object
) -> None:
    browser = require_tool("chromium")  # type: ignore[operator]
    page = report(name="Alexandra Doe-Whitfield", peers=3, topics=5)
    assert "<polygon" in page and "Doe-Whitfield" in page
    assert re.search(r"…and \d+ more topics\.", page)
    found = measured(browser, page, paper, tmp_path)
    assert found["first"].split("|") == PAGE_ONE
    assert found["second"].split("|") == PAGE_TWO
    assert int(found["page-one"]) <= HEIGHTS[paper] * PX_PER_MM


def test_nothing_is_fetched(tmp_path: Path, require_tool: object) -> None:
    """Not an image, a font or a style sheet: the browser's own record of what the page
    loaded is empty, with the page's ban on fetching lifted."""
    browser = require_tool("chromium")  # type: ignore[operator]
    page = report(name="Alex Doe")
    for reference in ("src=", "href=", "url(", "@import", "<link", "<script", "srcset"):
        assert reference not in page
    assert "default-src 'none'" in page
    assert measured(browser, page, "A4", tmp_path)["fetched"] == "0"


@pytest.mark.parametrize("paper", list(PAGES))
@pytest.mark.parametrize(
    "note",
    [None, "x" * 20000, "word " * 400 + "https://" + "a" * 300],
    ids=["demo", "one-long-word", "many-words-and-a-long-link"],
)
def test_nothing_runs_past_the_page_edge(
    paper: str, note: str | None, tmp_path: Path, require_tool: object
) -> None:
    browser = require_tool("chromium")  # type: ignore[operator]
    assert measured(browser, report(note), paper, tmp_path)["overflow"] == "none"


# Each figure of a chart's caption ("peers 3.5 (2)", "target 5", ...) as the lines it is
# laid out on: a figure over two lines reads as two numbers. The caption joins its figures
# with " · "; a range over each one's characters has one box per line it spans.
SPLIT = """
<script>
const split = [];
for (const caption of document.querySelectorAll('figcaption .figs')) {
  const nodes = [];
  const walk = document.createTreeWalker(caption, NodeFilter.SHOW_TEXT);
  while (walk.nextNode()) nodes.push(walk.currentNode);
  const text = nodes.map(n => n.data).join('');
  const at = (offset) => {
    for (const node of nodes) {
      if (offset <= node.data.length) return [node, offset];
      offset -= node.data.length;
    }
  };
  let start = 0;
  for (const part of text.split(' · ')) {
    const range = document.createRange();
    range.setStart(...at(start));
    range.setEnd(...at(start + part.length));
    const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
    if (lines.size > 1) split.push(part);
    start += part.length + 3;
  }
}
document.body.setAttribute('data-split', split.length ? split.join('|') : 'none');
</script>
"""


@pytest.mark.parametrize("paper", list(PAGES))
def test_no_figure_of_a_chart_caption_wraps(
    paper: str, tmp_path: Path, require_tool: object
) -> None:
    """ "peers 3.5 (2)" broke after the mean, leaving "(2)" alone on the next line: each
    figure stays whole, and a caption too long for one line breaks only between them."""
    browser = require_tool("chromium")  # type: ignore[operator]
    page = report(name="Alexandra Doe-Whitfield", topics=5, every_skill=True)
    text = re.sub(r"<[^>]+>", "", page)
    # Every skill's caption holds a manager's rating and a peer mean (the demo's own peers
    # add theirs on the skills they were asked about).
    assert len(re.findall(r"· manager 4 · peers \d\.\d \(\d+\)", text)) == 7
    found = measured(browser, page.replace("</body>", SPLIT + "</body>"), paper, tmp_path)
    assert found["split"] == "none"
