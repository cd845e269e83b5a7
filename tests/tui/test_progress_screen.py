"""The progress screen driven by keys, and pinned at 80×24, 120×40 and 160×50.

Regenerate the snapshots after an intended change with
`pytest tests/tui/test_progress_screen.py --snapshot-update` and read the report.
"""

from __future__ import annotations

import datetime as dt

import pytest
from support import exports
from support.tui import TODAY, configured, data_dir, finished_session, local, settle

from pmcoach.domain.model import LEVELS_SCALE, Commitment, CommitmentReview, Session
from pmcoach.rubric.load import load_rubric
from pmcoach.storage.store import Store
from pmcoach.tui.app import PMCoachApp, make_app
from pmcoach.tui.screens.dashboard import DashboardScreen
from pmcoach.tui.screens.progress import ProgressScreen
from pmcoach.tui.widgets.chart import SELF, ProgressChart

SIZES = [(80, 24), (120, 40), (160, 50)]


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PMCOACH_TODAY", TODAY)
    monkeypatch.setenv("PMCOACH_NO_FSYNC", "1")


def manager_session(store: Store, day: str, ratings: dict[str, int]) -> None:
    when = local(day, 15)
    store.save_session(
        exports.manager(when, "e001", scale=LEVELS_SCALE, ratings=ratings, track="new")
    )


def history() -> None:
    """Five weeks of check-ins with a missed week, a manager's rating and one kept promise."""
    store = configured(track="new")
    ratings = [
        ("2026-10-19", 2, 2),
        ("2026-10-26", 2, 3),
        ("2026-11-09", 3, 3),
        ("2026-11-17", 4, 4),
    ]
    for index, (day, communicate, prioritize) in enumerate(ratings):
        finished_session(
            store,
            local(day),
            {
                "communicate.answer-first": communicate,
                "prioritize.said-no": prioritize,
                "execute.unblocked": 3,
            },
            track="new",
            suffix=f"b{index:03d}",
        )
    manager_session(store, "2026-11-12", {"communicate": 3, "prioritize": 4})
    promise = local("2026-11-09", 10)
    store.save_session(
        Session(
            id=f"{promise.astimezone(dt.UTC):%Y%m%dT%H%M%SZ}-weekly-c001",
            kind="weekly",
            track="new",
            rubric="builtin@2026.11",
            device="test-device",
            started=promise,
            updated=promise,
            finished=promise,
            commitments=(
                Commitment(
                    id="c-0001", text="Send the plan", to="finance", due=dt.date(2026, 11, 13)
                ),
            ),
        )
    )
    review = local("2026-11-16", 10)
    store.save_session(
        Session(
            id=f"{review.astimezone(dt.UTC):%Y%m%dT%H%M%SZ}-weekly-c002",
            kind="weekly",
            track="new",
            rubric="builtin@2026.11",
            device="test-device",
            started=review,
            updated=review,
            finished=review,
            commitment_reviews=(CommitmentReview("c-0001", "met"),),
        )
    )


async def open_progress(pilot) -> None:  # type: ignore[no-untyped-def]
    await settle(pilot)
    pilot.app.push_screen(ProgressScreen())
    await pilot.pause()


def texts(app: PMCoachApp) -> dict[str, str]:
    screen = app.screen
    found = {}
    for name in ("title", "ranges", "notice", "review", "levels", "say-do"):
        found[name] = str(screen.query_one(f"#{name}").render())
    found["chart"] = str(screen.query_one(ProgressChart).render())
    return found


async def test_keys_change_range_and_skill_and_esc_goes_back() -> None:
    history()
    app = make_app(data_dir())
    async with app.run_test(size=(80, 24)) as pilot:
        await open_progress(pilot)
        assert isinstance(app.screen, ProgressScreen)
        shown = texts(app)
        assert "Communicate (1 of 4) · 12 weeks" in shown["title"]
        assert "[2 12 weeks]" in shown["ranges"]
        assert "› Communicate" in shown["review"]
        assert "▲ +1.0" in shown["review"]  # 3 → 4 over the last week
        assert "100% kept over 12 weeks (1 of 1)" in shown["say-do"]
        assert "x manager" in shown["chart"] and "target 4" in shown["chart"]

        await pilot.press("1")
        assert "[1 4 weeks]" in texts(app)["ranges"]
        await pilot.press("r")
        assert "[2 12 weeks]" in texts(app)["ranges"]
        await pilot.press("4")
        assert "· all" in texts(app)["title"]
        assert "19 Oct" in texts(app)["chart"]

        await pilot.press("right")
        assert "Prioritize (2 of 4)" in texts(app)["title"]
        assert "› Prioritize" in texts(app)["review"]
        await pilot.press("down", "down")
        assert "Working backwards (4 of 4)" in texts(app)["title"]
        await pilot.press("right")
        assert "Communicate (1 of 4)" in texts(app)["title"]
        await pilot.press("left", "up")
        assert "Execute (3 of 4)" in texts(app)["title"]

        await pilot.press("question_mark")
        await pilot.pause()
        assert "range: 4 weeks, 12 weeks, a year, all (r cycles)" in str(
            app.screen.query("Static")[0].render()
        )
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ProgressScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)


async def test_the_charted_skill_shows_its_level_and_its_targets_in_words() -> None:
    """Where a PM meets a level: the words of the level the score has reached and of the
    target, at the track's scope, for the skill charted."""
    history()
    rubric = load_rubric(None).rubric
    assert rubric is not None
    ladder = {s.id: s.levels["new"] for s in rubric.skills if "new" in s.levels}
    app = make_app(data_dir())
    async with app.run_test(size=(120, 40)) as pilot:
        await open_progress(pilot)
        levels = texts(app)["levels"]  # communicate: 4.0, at its target of 4
        assert "Level" not in levels
        assert f"Target 4: {ladder['communicate'][3]}" in levels
        await pilot.press("right", "right")  # execute: 3.0 against 4
        levels = texts(app)["levels"]
        assert f"Level 3 now: {ladder['execute'][2]}" in levels
        assert f"Target 4: {ladder['execute'][3]}" in levels
        await pilot.press("right")  # working backwards: not rated, the new track's target 3
        assert texts(app)["levels"] == f"Target 3: {ladder['working-backwards'][2]}"


async def test_empty_history_says_what_to_do_next() -> None:
    configured(track="senior")
    app = make_app(data_dir())
    async with app.run_test(size=(80, 24)) as pilot:
        await open_progress(pilot)
        shown = texts(app)
        assert "No check-in yet" in shown["notice"]
        assert "– no commitment reviewed in 12 weeks" in shown["say-do"]
        assert shown["review"].count("\n") == 7  # a header and the senior track's 7 skills
        for key in ("1", "2", "3", "4", "right", "left"):
            await pilot.press(key)
        assert "No check-in yet" in texts(app)["notice"]


async def test_single_session_and_no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    store = configured(track="new")
    finished_session(store, local("2026-11-16"), {"communicate.answer-first": 3}, track="new")
    app = make_app(data_dir())
    async with app.run_test(size=(80, 24)) as pilot:
        await open_progress(pilot)
        shown = texts(app)
        assert "One check-in so far" in shown["notice"]
        assert SELF in shown["chart"]  # the point is a character, not a colour
        # Gap is target − score, as in the report and the focus: 3.0 against 4 is 1.0 to go.
        communicate = next(line for line in shown["review"].split("\n") if "Communicate" in line)
        assert communicate.rstrip().endswith(" 4    1.0"), communicate
        assert "−1.0" not in shown["review"]


async def test_hostile_skill_title_is_shown_literally() -> None:
    configured(track="new")
    rubrics = data_dir() / "rubrics"
    rubrics.mkdir(exist_ok=True)
    (rubrics / "acme.toml").write_text(
        'bank = "acme"\nversion = "1"\n\n[[skill]]\nid = "communicate"\n'
        'title = "[@click=app.quit]Comms[/] \\u001b]0;t\\u0007"\nsummary = "x"\n'
    )
    app = make_app(data_dir())
    async with app.run_test(size=(80, 24)) as pilot:
        await open_progress(pilot)
        shown = texts(app)
        assert "[@click=app.quit]Comms[/]" in shown["title"]
        assert "\x1b" not in shown["title"] and "\x1b" not in shown["review"]
        assert "› [@click=app.qui" in shown["review"]
        await pilot.click("#title")
        await pilot.click("#review")
        await pilot.pause()
        assert app.is_running


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_progress_snapshot(snap_compare, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    history()
    assert snap_compare(make_app(data_dir()), terminal_size=size, run_before=open_progress)
