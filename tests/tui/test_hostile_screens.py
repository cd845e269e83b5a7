"""Hostile user and rubric text on every screen: shown literally, inert, and free of control bytes.

A company rubric in rubrics/ and a data folder full of hostile notes, commitments,
events and drafts are opened in the app, and every screen that shows them is
visited with many strings at once. On each screen:

- the app is still running (no MarkupError, no other exception);
- every text widget shows the strings literally: its plain text holds the
  printable form of each string, so no bracket was taken for markup;
- what would go to the terminal (the compositor's rendered segments) holds no
  control character, no link and no `@click` action; clicking on a hostile
  "link" runs no action;
- notifications carry no control character and no markup.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from rich.cells import cell_len
from rich.console import Console
from rich.text import Text as RichText
from support.hostile import HOSTILE, file_name_safe, fits
from support.tui import TODAY, configured, data_dir, local, settle
from textual import events
from textual.app import App, ComposeResult
from textual.content import Content
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import DataTable, Input, Static, TextArea

from pmcoach.domain.model import Answer, Commitment, Event, Session, Text
from pmcoach.drills.drafts import render as render_draft
from pmcoach.drills.press_release import SECTIONS, Draft
from pmcoach.drills.working_backwards import MAX_SECTION_CHARS
from pmcoach.export import SUFFIXES
from pmcoach.rubric.load import load_rubric
from pmcoach.storage.store import Store
from pmcoach.tui.app import PMCoachApp, make_app
from pmcoach.tui.screens.commitments import CommitmentsScreen
from pmcoach.tui.screens.confirm import ConfirmScreen
from pmcoach.tui.screens.dashboard import DashboardScreen
from pmcoach.tui.screens.drill import AnswerFirstScreen
from pmcoach.tui.screens.drills import DrillsScreen
from pmcoach.tui.screens.exercise_done import ExerciseDoneScreen
from pmcoach.tui.screens.exercises import ExercisesScreen
from pmcoach.tui.screens.export import ExportScreen
from pmcoach.tui.screens.help import HelpScreen
from pmcoach.tui.screens.manager import ComparisonScreen, ManagerScreen
from pmcoach.tui.screens.progress import ProgressScreen
from pmcoach.tui.screens.question import QuestionScreen
from pmcoach.tui.screens.reflection import ReflectionScreen
from pmcoach.tui.screens.results import ResultsScreen
from pmcoach.tui.screens.resume import ResumeScreen
from pmcoach.tui.screens.sessions import SessionListScreen
from pmcoach.tui.screens.settings import SettingsScreen
from pmcoach.tui.screens.week_review import WeekReviewScreen
from pmcoach.tui.screens.working_backwards import WorkingBackwardsScreen
from pmcoach.tui.widgets.text_field import TextField

SIZE = (120, 40)
TRACK = "new"

# Written out here rather than taken from pmcoach.text.sanitize, so a gap there shows up
# here: C0 but tab and newline, DEL, C1, and the bidi controls.
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
# A rendered segment goes to the terminal as it is: tab and newline would move the cursor.
SEGMENT_CONTROL = re.compile(f"[\t\n{CONTROL.pattern[1:-1]}]")
# The only actions a rendered segment may carry: those of Textual's own scroll bars.
SCROLLBAR_ACTIONS = {
    ("@mouse.down", "grab"),
    ("@mouse.down", "scroll_up"),
    ("@mouse.down", "scroll_down"),
}
# Where the text of a hostile "link" starts on screen: clicking there must do nothing.
CLICKABLE = ("[@click", "[link", "@click=", "]8;;")


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PMCOACH_TODAY", TODAY)
    monkeypatch.setenv("PMCOACH_NO_FSYNC", "1")


# --------------------------------------------------------------------------- choosing strings


class Feed:
    """Hands out the hostile strings in order, each slot the next one that fits it.

    Starting feeds at different offsets puts different strings in the same slots,
    so the tests together show every string in rubric fields and in user fields.
    """

    def __init__(self, start: int = 0) -> None:
        self.index = start
        self.used: list[str] = []

    def take(self, cap: int | None = None, *, file_name: bool = False) -> str:
        """The next string that fits; a file name also holds a control character,
        since a path is shown in messages that are not cut or flattened."""
        for _ in range(len(HOSTILE)):
            text = HOSTILE[self.index % len(HOSTILE)]
            self.index += 1
            if cap is not None and not fits(text, cap):
                continue
            if file_name and not (file_name_safe(text) and CONTROL.search(text)):
                continue
            self.used.append(text)
            return text
        raise AssertionError(f"no hostile string fits {cap} characters")

    def takes(self, count: int, cap: int | None = None) -> list[str]:
        return [self.take(cap) for _ in range(count)]


def whole(text: str) -> str:
    """What a widget that shows `text` uncut must contain: every printable character,
    brackets and all, in order (whitespace is compared collapsed)."""
    return collapse(CONTROL.sub("", text.replace("\r", "\n")))


def start_of(text: str) -> str:
    """What a widget that cuts `text` to a column must contain at least."""
    return whole(text)[:12].rstrip()


# --------------------------------------------------------------------------- looking at the screen


def plain(renderable: object) -> str:
    """The text a renderable shows, without styles; a Rich table is rendered wide."""
    if isinstance(renderable, (Content, RichText)):
        return renderable.plain
    if isinstance(renderable, str):
        return renderable
    inner = getattr(renderable, "_renderable", renderable)
    if isinstance(inner, (Content, RichText)):
        return inner.plain
    console = Console(width=4000, file=io.StringIO(), record=True, color_system=None)
    console.print(inner)
    return console.export_text()


def _displayed(widget: Widget) -> bool:
    node: Any = widget
    while isinstance(node, Widget):
        if not node.display:
            return False
        node = node.parent
    return True


def widget_texts(app: PMCoachApp) -> tuple[list[str], list[str]]:
    """(what text widgets show, what fields hold as typed) on the current screen."""
    shown: list[str] = []
    typed: list[str] = []
    for widget in app.screen.query("*"):
        if not _displayed(widget):
            continue
        if isinstance(widget, DataTable):
            shown.extend(plain(column.label) for column in widget.columns.values())
            for row in range(widget.row_count):
                shown.extend(plain(cell) for cell in widget.get_row_at(row))
        elif isinstance(widget, TextArea):
            typed.append(widget.text)
        elif isinstance(widget, Input):
            typed.append(widget.value)
        elif isinstance(widget, Static):
            shown.append(plain(widget.render()))
    return shown, typed


def collapse(text: str) -> str:
    return " ".join(text.split())


def rendered(app: App[Any]) -> list[Any]:
    """The screen's lines as the terminal would get them: segments with their styles."""
    return list(app.screen._compositor.render_strips())


def check_rendered(app: App[Any]) -> list[tuple[int, int]]:
    """No control character, link or action in any rendered segment; returns where a
    hostile "link" is drawn, to click on."""
    targets: list[tuple[int, int]] = []
    for y, strip in enumerate(rendered(app)):
        line = ""
        for segment in strip:
            text, style = segment.text, segment.style
            assert segment.control is None, (y, segment)
            found = SEGMENT_CONTROL.search(text)
            assert found is None, f"{type(app.screen).__name__} line {y}: {text!r}"
            if style is not None:
                assert not style.link, f"line {y}: link {style.link!r} on {text!r}"
                actions = [
                    (key, value)
                    for key, value in style.meta.items()
                    if key.startswith("@") and (key, value) not in SCROLLBAR_ACTIONS
                ]
                assert not actions, f"line {y}: {actions} on {text!r}"
            line += text
        for marker in CLICKABLE:
            at = line.find(marker)
            if at >= 0:
                targets.append((cell_len(line[:at]) + 2, y))
    return targets


def check_notifications(app: PMCoachApp) -> None:
    for notification in app._notifications:
        message = notification.message
        assert CONTROL.search(message) is None, repr(message)
        assert not notification.markup or "[" not in message, repr(message)


async def look(
    pilot: Pilot[Any],
    shows: Iterable[str] = (),
    *,
    click: bool = True,
    stay: bool = True,
) -> None:
    """Check the current screen; `shows` are fragments some widget must show literally."""
    app = pilot.app
    assert isinstance(app, PMCoachApp)
    await pilot.pause()
    assert app.is_running, "the app stopped"
    shown, typed = widget_texts(app)
    for text in shown:
        found = CONTROL.search(text)
        assert found is None, f"{type(app.screen).__name__}: {found.group()!r} in {text[:80]!r}"
    everything = collapse("\n".join(shown + typed))
    for fragment in shows:
        assert collapse(fragment) in everything, (
            f"{type(app.screen).__name__} does not show {fragment[:80]!r}"
        )
    targets = check_rendered(app)
    check_notifications(app)
    if not click:
        return
    screen = app.screen
    ran: list[str] = []
    original = app.run_action

    async def spy(action: Any, *args: Any, **kwargs: Any) -> bool:
        ran.append(str(action))
        return await original(action, *args, **kwargs)

    clicked: set[tuple[str, str]] = app.__dict__.setdefault("hostile_clicked", set())
    for x, y in targets:
        # Once per kind of widget on each screen: every click waits for the app to idle.
        widget, _ = app.screen.get_widget_at(x, y)
        kind = (type(screen).__name__, widget.id or type(widget).__name__)
        if kind in clicked:
            continue
        clicked.add(kind)
        ran.clear()
        app.run_action = spy  # type: ignore[method-assign]
        try:
            await pilot.click(offset=(x, y))
            await pilot.pause()
        finally:
            del app.run_action
        assert app.is_running, f"clicking at {(x, y)} stopped the app"
        assert not ran, f"clicking at {(x, y)} ran {ran}"
        if stay:
            assert app.screen is screen, f"clicking at {(x, y)} left {type(screen).__name__}"
        while app.screen is not screen:
            # A click that chose a row may open it (a draft): back, to go on checking.
            await app.pop_screen()
            await pilot.pause()


async def paste(pilot: Pilot[Any], text: str, into: Widget | None = None) -> None:
    """Paste into a field (the focused one by default), as a terminal's bracketed paste."""
    field = into or pilot.app.focused
    assert field is not None
    field.post_message(events.Paste(text))
    await pilot.pause()


# --------------------------------------------------------------------------- the data folder


def builtin_rubric() -> Any:
    result = load_rubric(None)
    assert result.rubric is not None
    return result.rubric


@dataclasses.dataclass
class CompanyRubric:
    """What the hostile rubric says, by where it is shown."""

    track_title: str
    skills: dict[str, tuple[str, str]]  # id: (title, summary)
    questions: dict[str, tuple[str, tuple[str, ...], str]]  # id: (prompt, anchors, evidence)
    exercises: dict[str, dict[str, Any]]
    cards: dict[str, tuple[str, str]]  # id: (situation, hint)
    words: list[str]


def write_company_rubric(feed: Feed, exercises: Iterable[str], cards: int) -> CompanyRubric:
    """rubrics/acme.toml redefining the track's title, every skill, every question of
    the track, the given exercises, the first drill cards and the hedge list."""
    builtin = builtin_rubric()
    track = builtin.track(TRACK)
    doc: dict[str, Any] = {"bank": "acme", "version": "1"}
    track_title = feed.take(40)
    doc["track"] = [
        {
            "id": track.id,
            "title": track_title,
            "skills": list(track.skills),
            "emphasis": list(track.emphasis),
        }
    ]
    skills: dict[str, tuple[str, str]] = {}
    doc["skill"] = []
    for skill in builtin.skills:
        skills[skill.id] = (feed.take(40), feed.take(200))
        title, summary = skills[skill.id]
        entry: dict[str, Any] = {"id": skill.id, "title": title, "summary": summary}
        if skill.id in track.skills:
            entry["levels"] = {track.id: feed.takes(5, 140)}
        doc["skill"].append(entry)
    questions: dict[str, tuple[str, tuple[str, ...], str]] = {}
    doc["question"] = []
    for question in builtin.questions:
        if question.retired or question.skill not in track.skills:
            continue
        item: dict[str, Any] = {
            "id": question.id,
            "skill": question.skill,
            "kind": question.kind,
            "prompt": feed.take(200),
        }
        anchors: tuple[str, ...] = ()
        if question.kind == "rating":
            anchors = tuple(feed.takes(5, 110))
            item["anchors"] = list(anchors)
        if question.out_of is not None:
            item["out_of"] = question.out_of
        item["evidence"] = feed.take(120)
        for key in ("tracks", "source"):
            if getattr(question, key):
                item[key] = list(getattr(question, key))
        questions[question.id] = (item["prompt"], anchors, item["evidence"])
        doc["question"].append(item)
    exercise_texts: dict[str, dict[str, Any]] = {}
    doc["exercise"] = []
    for exercise_id in exercises:
        exercise = builtin.exercise(exercise_id)
        texts: dict[str, Any] = {
            "title": feed.take(60),
            "why": feed.take(300),
            "steps": feed.takes(7, 200),
            "time": feed.take(40),
            "done_when": feed.take(200),
            "reflection": feed.take(200),
        }
        item = {"id": exercise.id, "skills": list(exercise.skills), **texts}
        for key in ("tracks", "source"):
            if getattr(exercise, key):
                item[key] = list(getattr(exercise, key))
        exercise_texts[exercise.id] = texts
        doc["exercise"].append(item)
    card_texts: dict[str, tuple[str, str]] = {}
    doc["drill_card"] = []
    for card in [c for c in builtin.drill_cards if not c.retired][:cards]:
        situation, hint = feed.take(300), feed.take(200)
        card_texts[card.id] = (situation, hint)
        item = {
            "id": card.id,
            "skill": card.skill,
            "situation": situation,
            "expects": card.expects,
            "hint": hint,
        }
        if card.source:
            item["source"] = list(card.source)
        doc["drill_card"].append(item)
    words = [w for w in feed.takes(6, 60) if w.strip()]
    hedges = next(w for w in builtin.word_lists if w.kind == "hedge")
    doc["word_list"] = [
        {
            "id": hedges.id,
            "kind": hedges.kind,
            "title": feed.take(60),
            "explain": feed.take(300),
            "words": [*hedges.words, *(w for w in words if w not in hedges.words)],
        }
    ]
    folder = data_dir() / "rubrics"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "acme.toml").write_text(tomli_w.dumps(doc), encoding="utf-8")
    errors = [str(i) for i in load_rubric(data_dir()).issues if i.severity == "error"]
    assert not errors, errors
    return CompanyRubric(track_title, skills, questions, exercise_texts, card_texts, words)


def session(
    when: dt.datetime,
    answers: Iterable[Answer],
    *,
    kind: str = "weekly",
    finished: bool = True,
    suffix: str = "0000",
    **more: Any,
) -> Session:
    utc = when.astimezone(dt.UTC)
    return Session(
        id=f"{utc:%Y%m%dT%H%M%SZ}-{kind}-{suffix}",
        kind=kind,  # type: ignore[arg-type]
        track=TRACK,
        rubric="builtin@2026.11",
        device="test-device",
        started=when,
        updated=when + dt.timedelta(minutes=8),
        finished=when + dt.timedelta(minutes=8) if finished else None,
        answers=tuple(answers),
        **more,
    )


def event(kind: str, when: dt.datetime, skill: str, text: str, n: int, **data: object) -> Event:
    return Event(
        id=f"{when.astimezone(dt.UTC):%Y%m%dT%H%M%SZ}-{kind}-{n:04x}",
        kind=kind,
        at=when,
        device="test-device",
        skill=skill,
        text=Text(text),
        data=dict(data),
    )


def track_questions() -> list[Any]:
    builtin = builtin_rubric()
    track = builtin.track(TRACK)
    return [q for q in builtin.questions if not q.retired and q.skill in track.skills]


def rated(question: Any, note: str | None = None, rating: int = 3) -> Answer:
    text = Text(note) if note is not None else None
    if question.kind == "frequency":
        return Answer(
            question=question.id,
            count=1,
            out_of=question.out_of,
            rating=1 + round(4 * 1 / question.out_of),
            note=text,
        )
    if question.kind == "reflection":
        return Answer(question=question.id, text=Text(note or "reflection"))
    return Answer(question=question.id, rating=rating, note=text)


COMMUNICATE_EXERCISES = (
    "communicate.rewrite-answer-first",
    "communicate.hedge-hunt",
    "communicate.one-page-before-meeting",
    "communicate.feedback-on-named-items",
    "communicate.translate-one-decision",
)


# --------------------------------------------------------------------------- rubric text


async def test_company_rubric_on_the_dashboard_exercises_and_drills() -> None:
    store = configured(track=TRACK)
    feed = Feed(0)
    rubric = write_company_rubric(feed, COMMUNICATE_EXERCISES, cards=8)
    questions = track_questions()
    store.save_session(
        session(
            local("2026-11-16"),
            [rated(q) for q in questions[:6]],
            assigned=COMMUNICATE_EXERCISES,
        )
    )
    app = make_app(data_dir())
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        track = app.workspace.track
        titles = [rubric.skills[s][0] for s in track.skills]
        await look(pilot, [start_of(rubric.track_title), *map(start_of, titles)])

        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await look(pilot)
        await pilot.press("escape")

        await pilot.press("s")
        assert isinstance(app.screen, SettingsScreen)
        await look(pilot, [start_of(rubric.track_title), *map(start_of, titles)])
        zone = app.screen.query_one("#time-zone", Input)
        await paste(pilot, feed.take(file_name=True), zone)  # one with a control character
        await look(pilot)
        await pilot.press("escape")

        await pilot.press("e")
        assert isinstance(app.screen, ExercisesScreen)
        for row, exercise_id in enumerate(COMMUNICATE_EXERCISES):
            # Moved to, not walked to: a click of the check may have moved the cursor.
            app.screen.query_one(DataTable).move_cursor(row=row)
            texts = rubric.exercises[exercise_id]
            detail = [texts["title"], texts["why"], *texts["steps"], texts["time"]]
            await look(pilot, [*map(whole, [*detail, texts["done_when"]])])
        await pilot.press("d")  # the last one
        assert isinstance(app.screen, ExerciseDoneScreen)
        await look(pilot, [whole(texts["title"]), whole(texts["reflection"])])
        reflection = feed.take()
        await paste(pilot, reflection)
        await look(pilot)
        await pilot.press("escape", "ctrl+s")
        assert isinstance(app.screen, ExercisesScreen)
        await look(pilot)
        await pilot.press("h")
        await look(pilot, [start_of(texts["title"]), start_of(reflection)])
        await pilot.press("escape")

        await pilot.press("d")
        assert isinstance(app.screen, DrillsScreen)
        await look(pilot)
        await pilot.press("a")
        screen = app.screen
        assert isinstance(screen, AnswerFirstScreen)
        for number in range(len(rubric.cards)):
            card = screen.card
            assert card is not None
            situation, hint = rubric.cards[card.id]
            await look(pilot, [whole(situation), start_of(rubric.skills[card.skill][0])])
            words = rubric.words[number % len(rubric.words)]
            reply = f"Yes, 12 of them. {words} {feed.take()}"
            screen.query_one(TextField).text = reply
            await pilot.press("ctrl+s")
            shows = [whole(hint)] if screen.feedback and screen.feedback.checked else []
            await look(pilot, shows)
            await pilot.press("n")
        await pilot.press("escape", "escape")
        assert isinstance(app.screen, DrillsScreen)
        await look(pilot)


async def test_company_rubric_in_questions_results_progress_and_manager() -> None:
    configured(track=TRACK)
    # Two rubrics one after the other: more strings through the question screens.
    await _questions_results_progress_and_manager(Feed(97), everywhere=True)
    await _questions_results_progress_and_manager(Feed(211), everywhere=False)


async def _questions_results_progress_and_manager(feed: Feed, *, everywhere: bool) -> None:
    rubric = write_company_rubric(feed, (), cards=0)
    app = make_app(data_dir())
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        await pilot.press("a")
        seen: list[str] = []
        planned = len(app.workspace.plan("full"))
        while isinstance(app.screen, QuestionScreen):
            question = app.screen.question
            assert question is not None
            prompt, anchors, evidence = rubric.questions[question.id]
            title = rubric.skills[question.skill][0]
            await look(
                pilot, [whole(prompt), *map(whole, anchors), whole(evidence), start_of(title)]
            )
            await pilot.press("right")
            seen.append(prompt)
        assert len(seen) == planned
        assert isinstance(app.screen, ResultsScreen)
        await look(pilot, [start_of(p) for p in seen])
        await pilot.press("escape")
        if everywhere:
            await _progress_and_manager(pilot, rubric)
    app.workspace.close()


async def _progress_and_manager(pilot: Pilot[Any], rubric: CompanyRubric) -> None:
    app = pilot.app
    assert isinstance(app, PMCoachApp)
    await pilot.press("p")
    assert isinstance(app.screen, ProgressScreen)
    for skill in app.workspace.track.skills:
        await look(pilot, [start_of(rubric.skills[skill][0])])
        await pilot.press("right")
    await pilot.press("escape")

    await pilot.press("m")
    while isinstance(app.screen, ManagerScreen):
        skill = app.screen._need().current
        assert skill is not None
        title, summary = rubric.skills[skill.id]
        await look(pilot, [start_of(title), whole(summary)])
        await pilot.press("3")
    assert isinstance(app.screen, ComparisonScreen)
    titles = [rubric.skills[s][0] for s in app.workspace.track.skills]
    await look(pilot, [start_of(t) for t in titles])
    await pilot.press("escape")
    await look(pilot)


# --------------------------------------------------------------------------- user text


def write_user_data(store: Store, feed: Feed) -> dict[str, Any]:
    """Finished sessions with hostile notes, commitments to review, grades, wins,
    exercise reflections, drill replies and a working-backwards draft."""
    questions = track_questions()
    notes: dict[str, list[str]] = {}
    for week, day in enumerate(("2026-10-26", "2026-11-02", "2026-11-09")):
        answers = [rated(q, feed.take()) for q in questions]
        found = session(local(day), answers, suffix=f"{week:04x}", reflection=Text(feed.take()))
        store.save_session(found)
        notes[found.id] = [a.note.text for a in answers if a.note is not None]
    commitments = tuple(
        Commitment(f"c-{n:04x}", feed.take(), feed.take(), dt.date(2026, 11, 20)) for n in range(12)
    )
    latest = session(
        local("2026-11-16"),
        [rated(q, feed.take()) for q in questions],
        suffix="0100",
        commitments=tuple(c for c in commitments if c.text.strip()),
        assigned=COMMUNICATE_EXERCISES[:2],
    )
    store.save_session(latest)
    notes[latest.id] = [a.note.text for a in latest.answers if a.note is not None]
    track = builtin_rubric().track(TRACK)
    evidence: dict[str, list[str]] = {}
    n = 0
    for skill in track.skills:
        evidence[skill] = []
        for hour in range(3):
            text = feed.take()
            n += 1
            kind = "grade" if hour % 2 == 0 else "win"
            extra: dict[str, object] = {"rating": 2} if kind == "grade" else {}
            store.save_event(event(kind, local("2026-11-18", 9 + hour), skill, text, n, **extra))
            evidence[skill].append(text)
    reflections = []
    for index in range(10):
        text = feed.take()
        n += 1
        when = local("2026-11-17", 8) + dt.timedelta(minutes=index)
        exercise = COMMUNICATE_EXERCISES[index % len(COMMUNICATE_EXERCISES)]
        store.save_event(event("exercise-done", when, "communicate", text, n, exercise=exercise))
        reflections.append(text)
    for index in range(6):
        n += 1
        when = local("2026-11-19", 8) + dt.timedelta(minutes=index)
        data = {"drill": "answer-first", "card": "communicate.drill-ship-this-quarter", "score": 40}
        store.save_event(event("drill", when, "communicate", feed.take(), n, **data))
    drafts = data_dir() / "drafts"
    drafts.mkdir(mode=0o700, exist_ok=True)
    draft = Draft("20261120T090000Z-draft-00aa")
    for item in SECTIONS:
        draft = draft.with_text(item.key, feed.take() + "\n" + feed.take())
    (drafts / f"{draft.id}.md").write_text(render_draft(draft), encoding="utf-8")
    named = feed.take(file_name=True)
    hand = Draft(named, problem=feed.take(), headline=feed.take(200))
    (drafts / f"{named}.md").write_text(render_draft(hand), encoding="utf-8")
    # A file named by hand in sessions/ (not readable) and its twin in the trash.
    trashed = feed.take(file_name=True)
    for folder in (data_dir() / "sessions", data_dir() / "trash" / "sessions"):
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{trashed}.toml").write_text(feed.take(), encoding="utf-8")
    return {
        "notes": notes,
        "commitments": commitments,
        "evidence": evidence,
        "reflections": reflections,
        "draft": draft,
        "named": named,
    }


async def test_user_text_in_sessions_results_progress_exercises_and_week_review() -> None:
    store = configured(track=TRACK)
    feed = Feed(5)
    data = write_user_data(store, feed)
    app = make_app(data_dir())
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, DashboardScreen)
        await look(pilot)

        await pilot.press("l")
        assert isinstance(app.screen, SessionListScreen)
        await look(pilot)
        ids = [s.id for s in sorted(app.workspace.sessions(), key=lambda s: s.started)]
        for row, session_id in enumerate(reversed(ids)):
            app.screen.query_one(DataTable).move_cursor(row=row)
            await pilot.press("enter")
            assert isinstance(app.screen, ResultsScreen)
            assert app.screen.session.id == session_id
            await look(pilot, [start_of(note) for note in data["notes"][session_id]])
            await pilot.press("escape")
            assert isinstance(app.screen, SessionListScreen), row
        await pilot.press("t")
        await look(pilot)
        await pilot.press("r")  # refused: the file is back in sessions/ already
        await look(pilot)
        await pilot.press("escape")

        await pilot.press("e", "h")
        assert isinstance(app.screen, ExercisesScreen)
        await look(pilot, [start_of(t) for t in data["reflections"]])
        await pilot.press("escape")

        await pilot.press("p")
        assert isinstance(app.screen, ProgressScreen)
        for skill in app.workspace.track.skills:
            await look(pilot, [start_of(data["evidence"][skill][-1])])
            await pilot.press("right")
        await pilot.press("escape")

        await pilot.press("w")
        assert isinstance(app.screen, WeekReviewScreen)
        commitments = [c for c in data["commitments"] if c.text.strip()]
        await look(pilot, [start_of(c.text) for c in commitments])
        await pilot.press("m", "x", "r")
        await look(pilot)
        await pilot.press("enter")  # r asked for the new date: the default
        await pilot.press("enter")
        while isinstance(app.screen, QuestionScreen):
            question = app.screen.question
            assert question is not None
            lines = [start_of(t) for t in data["evidence"][question.skill]]
            await look(pilot, lines)
            await pilot.press("right")
        assert isinstance(app.screen, ReflectionScreen)
        await pilot.press("escape", "escape")  # out of the text box, then out of the check-in
        assert isinstance(app.screen, DashboardScreen)
        await look(pilot)


async def test_user_text_in_drafts_export_and_notifications(tmp_path: Path) -> None:
    store = configured(track=TRACK)
    feed = Feed(170)
    data = write_user_data(store, feed)
    app = make_app(data_dir())
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("d")
        screen = app.screen
        assert isinstance(screen, DrillsScreen)
        draft = data["draft"]
        await look(pilot, [start_of(draft.title)], stay=False)
        for row, item in enumerate(screen.files):
            screen.query_one(DataTable).move_cursor(row=row)
            await look(pilot, stay=False)
            if item.path.stem != draft.id:
                continue
            screen.query_one(DataTable).move_cursor(row=row)
            await pilot.press("enter")
            assert isinstance(app.screen, WorkingBackwardsScreen)
            for section in SECTIONS:
                await look(pilot, [start_of(draft.get(section.key))])
                await pilot.press("ctrl+s")
            texts = [draft.get(s.key) for s in SECTIONS if s.key != "headline"]
            # A section over the limit gets a message instead of the review.
            fit = all(len(t) <= MAX_SECTION_CHARS for t in texts)
            await look(pilot, [whole(t) for t in texts] if fit else [])
            await pilot.press("escape")
            assert isinstance(app.screen, DrillsScreen)
        named = next(row for row, f in enumerate(screen.files) if f.path.stem == data["named"])
        screen.query_one(DataTable).move_cursor(row=named)
        await pilot.press("enter")
        assert isinstance(app.screen, WorkingBackwardsScreen)
        await look(pilot)
        await pilot.press(*["ctrl+s"] * len(SECTIONS))  # to the review, which names the file
        await look(pilot)
        await pilot.press("escape")  # leaves: "Draft kept: drafts/<the name>.md"
        assert isinstance(app.screen, DrillsScreen)
        await look(pilot, stay=False)
        await pilot.press("escape")

        await pilot.press("x")
        export = app.screen
        assert isinstance(export, ExportScreen)
        for _ in ("md", "html", "csv", "json"):
            await app.workers.wait_for_complete()
            await look(pilot)
            await pilot.press("f")
        period = export.query_one("#period", Input)
        for _ in range(3):
            period.value = feed.take(file_name=True)  # not a period: the error quotes it
            await look(pilot)
        period.value = ""
        await app.workers.wait_for_complete()
        field = export.query_one("#file", Input)
        # Each name ends in the chosen format's suffix: another's is refused before all else.
        suffix = SUFFIXES[export.fmt]
        missing = tmp_path / feed.take(file_name=True) / f"report{suffix}"
        field.value = str(missing)
        await look(pilot)
        await pilot.press("ctrl+s")
        await look(pilot, [start_of(str(missing))])
        existing = tmp_path / f"{feed.take(file_name=True)}{suffix}"
        existing.write_text("{}")
        field.value = str(existing)
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, ConfirmScreen)
        await look(pilot)
        await pilot.press("n")
        target = tmp_path / f"{feed.take(file_name=True)}{suffix}"
        field.value = str(target)
        await look(pilot)
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, DashboardScreen)
        await look(pilot)
        assert target.exists()


async def test_notes_in_the_note_box_and_typed_text() -> None:
    store = configured(track=TRACK)
    feed = Feed(250)
    questions = track_questions()
    answered = [
        rated(q, feed.take())
        if i % 3
        else Answer(question=q.id, skipped=True, note=Text(feed.take()))
        for i, q in enumerate(questions[:10])
    ]
    store.save_session(
        session(local("2026-11-23", 8), answered, kind="full", finished=False, suffix="0200")
    )
    app = make_app(data_dir())
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ResumeScreen)
        await look(pilot)
        await pilot.press("r")
        assert isinstance(app.screen, QuestionScreen)
        for _ in answered:
            await pilot.press("left")
            await look(pilot)
        # A note written now: pasted into the note box, kept, shown again on the way back.
        await pilot.press("n")
        await paste(pilot, feed.take())
        await look(pilot)
        await pilot.press("escape", "right", "left")
        await look(pilot)
        await pilot.press("escape")
        assert isinstance(app.screen, DashboardScreen)

        await pilot.press("d", "a")
        screen = app.screen
        assert isinstance(screen, AnswerFirstScreen)
        for _ in range(4):
            await paste(pilot, " ".join(feed.takes(3)))
            await look(pilot)
            await pilot.press("ctrl+s")
            await look(pilot)
            if not screen.query_one(TextField).display:
                await pilot.press("e")
            screen.query_one(TextField).text = ""
        await pilot.press("escape", "escape", "w")
        assert isinstance(app.screen, WorkingBackwardsScreen)
        for _ in SECTIONS:
            await paste(pilot, "\n".join(feed.takes(2)))
            await look(pilot)
            await pilot.press("ctrl+s")
        await look(pilot)
        await pilot.press("escape")  # the review has no text box: esc leaves the draft
        assert isinstance(app.screen, DrillsScreen)
        await look(pilot, stay=False)


async def test_typed_reflection_and_commitments() -> None:
    configured(track=TRACK)
    feed = Feed(290)
    app = make_app(data_dir())
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        # Straight to the end of a weekly check-in: its questions are not the point here.
        app.push_screen(ReflectionScreen(app.workspace.start("weekly")))
        await pilot.pause()
        await paste(pilot, feed.take())
        await look(pilot)
        await pilot.press("ctrl+s")
        screen = app.screen
        assert isinstance(screen, CommitmentsScreen)
        added = []
        for _ in range(6):
            # A paste into a one-line field keeps its first line: two strings a line.
            await paste(pilot, " ".join(feed.takes(2)), screen.query_one("#what", Input))
            await paste(pilot, " ".join(feed.takes(2)), screen.query_one("#to", Input))
            await look(pilot)
            typed = screen.query_one("#what", Input).value
            await pilot.press("ctrl+s")
            if screen.query_one("#what", Input).value:
                screen.query_one("#what", Input).value = ""  # refused: nothing to commit to
            else:
                added.append(typed)
            await look(pilot, [start_of(w) for w in added])
        await pilot.press("ctrl+f")
        assert isinstance(app.screen, ResultsScreen)
        await look(pilot)


# --------------------------------------------------------------------------- the checks themselves


async def test_the_checks_see_a_live_link_and_a_control_byte() -> None:
    """What the checks above look for, shown the unsafe way, is found."""

    class Unsafe(App[None]):
        def compose(self) -> ComposeResult:
            yield Static("[@click=app.quit]quit[/]", id="link")
            yield Static("title \x1b]0;stolen\x07", markup=False, id="osc")

    app = Unsafe()
    async with app.run_test(size=(40, 4)) as pilot:
        with pytest.raises(AssertionError, match="@click"):
            check_rendered(app)
        app.query_one("#link").display = False
        await pilot.pause()
        with pytest.raises(AssertionError, match="x1b"):
            check_rendered(app)
        app.query_one("#link").display = True
        await pilot.pause()
        await pilot.click("#link")
        await pilot.pause()
        assert not app.is_running  # the action ran: what `look` proves does not happen


# --------------------------------------------------------------------------- coverage


def test_the_strings_are_many_deterministic_and_all_used() -> None:
    from support.hostile import hostile_strings

    assert len(HOSTILE) >= 200
    assert hostile_strings() == list(HOSTILE)
    assert len(set(HOSTILE)) == len(HOSTILE)
    assert any(len(s) >= 100 * 1024 for s in HOSTILE)
    store = configured(track=TRACK)
    used: set[str] = set()
    for start, exercises, cards in ((0, COMMUNICATE_EXERCISES, 8), (97, (), 0), (211, (), 0)):
        feed = Feed(start)
        write_company_rubric(feed, exercises, cards)
        used.update(feed.used)
    for start in (5, 170):
        feed = Feed(start)
        write_user_data(store, feed)
        used.update(feed.used)
    missing = [s[:40] for s in HOSTILE if s not in used]
    assert not missing, missing
