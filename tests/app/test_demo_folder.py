"""The demo's folder, read back the way the app and the commands read it: every feature
has something to show (peers, the manager comparison, the agenda, the drills), every file
reads clean, the same arguments write the same bytes, and only a few texts are private."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from support.rubric import builtin

from pmcoach.app import demo
from pmcoach.app.agenda import open_topics
from pmcoach.app.demo_notes import WORDS, SkillWords
from pmcoach.app.demo_texts import FLAGGED_NOTES
from pmcoach.app.present.dashboard import overview
from pmcoach.app.present.manager import comparison
from pmcoach.app.workspace import Workspace
from pmcoach.cli import main
from pmcoach.domain import peer_request
from pmcoach.domain.model import ANSWER_FIRST, WORKING_BACKWARDS, Rubric
from pmcoach.drills import attempts, drafts

END = dt.date(2026, 11, 26)


@pytest.fixture(autouse=True)
def today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PMCOACH_TODAY", END.isoformat())
    monkeypatch.setenv("PMCOACH_NO_FSYNC", "1")


@pytest.fixture(scope="module")
def rubric() -> Rubric:
    return builtin()


def write(root: Path, rubric: Rubric, weeks: int = 26, seed: int = 7) -> demo.DemoHistory:
    return demo.write_demo(root, rubric, demo.DemoPlan(weeks=weeks, seed=seed, end=END), END)


@pytest.fixture
def folder(tmp_path: Path, rubric: Rubric) -> Path:
    root = tmp_path / "demo"
    write(root, rubric)
    return root


def test_the_dashboard_shows_a_peer_mean_from_two_peers(folder: Path) -> None:
    rows = overview(Workspace.open(folder)).rows
    shown = [row for row in rows if row.peer_mean is not None]
    assert shown and all(row.peers >= 2 for row in shown)


def test_the_manager_comparison_has_a_recent_rating_and_a_difference(folder: Path) -> None:
    workspace = Workspace.open(folder)
    rows = comparison(workspace, workspace.now())
    assert all(row.manager != "–" for row in rows)  # a 1:1 in the last 8 weeks, levels scale
    assert any(row.flagged for row in rows)


def test_the_agenda_has_open_topics_written_and_suggested(folder: Path, rubric: Rubric) -> None:
    workspace = Workspace.open(folder)
    config = workspace.store.load_config()
    assert config is not None
    events = workspace.store.events()
    topics = open_topics(workspace.sessions(), events, rubric, config, workspace.now())
    assert any(not t.suggested for t in topics)
    assert any(t.suggested for t in topics)
    done = {str(e.data["topic"]) for e in events if e.kind == "topic-done"}
    assert done and not done & {t.key for t in topics}


def test_peer_replies_answer_requests_recorded_in_the_folder(folder: Path) -> None:
    store = Workspace.open(folder).store
    requests = {r.code: r for r in peer_request.requests(store.events())}
    replies = [s for s in store.sessions() if s.kind == "peer"]
    assert len({s.peer.text for s in replies if s.peer is not None}) >= 2
    for reply in replies:
        assert reply.request is not None and reply.request in requests
        request = requests[reply.request]
        assert tuple(a.question for a in reply.answers) == request.questions
        assert request.to is not None and reply.peer is not None
        assert request.to.text == reply.peer.text
        assert request.at < reply.started


def test_the_drills_have_a_trend_and_drafts_that_read_back(folder: Path) -> None:
    events = Workspace.open(folder).store.events()
    trend = attempts.trend(events, ANSWER_FIRST)
    assert trend.count >= 2 and trend.change is not None
    written = [e for e in attempts.attempts(events, WORKING_BACKWARDS)]
    files = drafts.load_all(folder)
    assert len(files) == len(written) == 2
    assert all(f.draft is not None and f.problem is None for f in files)
    assert {str(e.data["draft"]) for e in written} == {
        drafts.relative_path(f.draft.id) for f in files if f.draft is not None
    }


def test_doctor_finds_nothing(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main.main(["doctor", "--data-dir", str(folder)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("all good"), out


def files_of(root: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(root)): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def test_the_same_arguments_write_the_same_bytes(tmp_path: Path, rubric: Rubric) -> None:
    write(tmp_path / "one", rubric, weeks=60)
    write(tmp_path / "two", rubric, weeks=60)
    write(tmp_path / "other", rubric, weeks=60, seed=8)
    first = files_of(tmp_path / "one")
    assert any(name.startswith("drafts/") for name in first)
    assert files_of(tmp_path / "two") == first
    assert files_of(tmp_path / "other") != first


def test_the_report_leaves_out_only_a_few_private_texts(
    tmp_path: Path, rubric: Rubric, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tmp_path / "demo"
    write(root, rubric, weeks=104)
    assert main.main(["export", "--data-dir", str(root)]) == 0
    found = re.search(r"(\d+) private texts? left out", capsys.readouterr().out)
    assert found is not None
    assert 1 <= int(found.group(1)) <= 8


def template_pattern(template: str) -> re.Pattern[str]:
    """A template as a pattern its filled texts match, whatever fills its slots."""
    parts = re.split(r"\{[a-z]+\}", template)
    body = ".+".join(re.escape(part) for part in parts)
    return re.compile(body, re.IGNORECASE)


def belongs(text: str, pool: tuple[str, ...]) -> bool:
    return any(template_pattern(t).fullmatch(text) for t in pool)


def every_pool(words: SkillWords) -> tuple[str, ...]:
    return (
        words.strengths
        + words.slips
        + words.private_notes
        + words.grades
        + words.exercise
        + words.manager
        + tuple(text for _, text in words.wins)
    )


def test_every_text_is_written_for_the_skill_it_is_filed_under(rubric: Rubric) -> None:
    """A note on a question, a manager's remark, a grade, a win or an exercise done reads
    as its own skill's words, and no other skill's."""
    history = demo.generate(rubric, demo.DemoPlan(weeks=104, end=END), END)
    filed: list[tuple[str, str]] = []
    for session in history.sessions:
        for answer in session.answers:
            if answer.note is None or answer.note.text in FLAGGED_NOTES.values():
                continue
            question = rubric.question(answer.question) if answer.question else None
            skill = question.skill if question is not None else answer.skill
            assert skill is not None
            filed.append((skill, answer.note.text))
    for event in history.events:
        if event.kind in ("grade", "win", "exercise-done") and event.text is not None:
            assert event.skill is not None
            filed.append((event.skill, event.text.text))
    assert len(filed) > 300
    for skill, text in filed:
        assert belongs(text, every_pool(WORDS[skill])), (skill, text)
        others = [s for s in WORDS if s != skill and belongs(text, every_pool(WORDS[s]))]
        assert not others, (skill, text, others)


def test_ten_years_of_notes_do_not_repeat_one_sentence(rubric: Rubric) -> None:
    history = demo.generate(rubric, demo.DemoPlan(weeks=520, end=END), END)
    notes = [a.note.text for s in history.sessions for a in s.answers if a.note is not None]
    assert len(notes) > 1000
    assert len(set(notes)) > len(notes) * 0.7
    most = max(notes.count(n) for n in set(notes))
    assert most < 12
