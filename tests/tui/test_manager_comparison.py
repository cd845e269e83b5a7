"""You and your manager side by side, after a 1:1 and on a past session's page: a header
names each column once, and every cell the table holds is the figure saved on disk (the
manager's rating, one's own answers), the difference with its sign, and a rating on the old
scale shown as such, never subtracted."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from support.exports import manager as manager_session
from support.tui import TODAY, configured, data_dir, finished_session, local, settle, typed
from textual.widgets import DataTable

from pmcoach.app.present.manager import FLAG, FLAG_MARK, OLD_SCALE_NOTE
from pmcoach.rubric.load import load_rubric
from pmcoach.tui.app import make_app
from pmcoach.tui.screens.manager import DIFFERENCE_MEANS, ComparisonScreen
from pmcoach.tui.screens.results import ResultsScreen

# The keys of one 1:1, after `m`: the first three skills rated, the fourth skipped (its
# only rating is then an old-scale one from before), the rest rated 3.
FIRST_RATINGS = ("4", "4", "2", "right")
OLD_SCALE_RATING = 5


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PMCOACH_TODAY", TODAY)
    monkeypatch.setenv("PMCOACH_NO_FSYNC", "1")


def senior() -> tuple[list[str], dict[str, list[str]], dict[str, str]]:
    """The senior track's skills, their rating questions, and their titles."""
    rubric = load_rubric(data_dir()).rubric
    assert rubric is not None
    track = rubric.track("senior")
    assert track is not None
    skills = rubric.track_skills(track)
    questions = {
        s.id: [q.id for q in rubric.questions if q.skill == s.id and q.kind == "rating"]
        for s in skills
    }
    return [s.id for s in skills], questions, {s.id: s.title for s in skills}


def history() -> list[str]:
    """One's own answers on the first four skills (the first a mean of two), and an
    old-scale manager's rating of the fourth, a week before."""
    store = configured()
    skills, questions, _ = senior()
    first = questions[skills[0]]
    assert len(first) >= 2
    own = {first[0]: 2, first[1]: 3, questions[skills[1]][0]: 2}
    own |= {questions[skills[2]][0]: 5, questions[skills[3]][0]: 1}
    finished_session(store, local("2026-11-20"), own)
    when = local("2026-11-16")
    # Written before the levels scale: no `scale`.
    store.save_session(manager_session(when, "0001", ratings={skills[3]: OLD_SCALE_RATING}))
    return skills


def the_burst(skills: list[str]) -> list[str]:
    return ["m", *FIRST_RATINGS, *["3"] * (len(skills) - len(FIRST_RATINGS))]


def saved() -> tuple[dict[str, int], dict[str, int], dict[str, int]]:
    """What the files say: the new manager's ratings, the old-scale ones, one's own answers."""
    new: dict[str, int] = {}
    old: dict[str, int] = {}
    own: dict[str, list[int]] = {}
    for path in sorted((data_dir() / "sessions").rglob("*.toml")):
        doc = tomllib.loads(path.read_text(encoding="utf-8"))
        for answer in doc.get("answers", []):
            if "rating" not in answer or answer.get("skipped"):
                continue
            if doc["kind"] == "manager":
                (new if doc.get("scale") == "levels" else old)[answer["skill"]] = answer["rating"]
            else:
                own.setdefault(answer["question"].split(".")[0], []).append(answer["rating"])
    return new, old, {skill: sum(r) / len(r) for skill, r in own.items()}


def signed(value: float) -> str:
    return format(value, "+.1f").replace("-", "−")


async def test_the_table_names_each_column_once_and_holds_what_was_saved() -> None:
    skills = history()
    _, _, titles = senior()
    app = make_app(data_dir())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await typed(pilot, *the_burst(skills))
        screen = app.screen
        assert isinstance(screen, ComparisonScreen)
        header, *rows = screen.rows_text()
        shown = str(screen.query_one("#topics").render())
    assert header == ["Skill", "You", "Manager", "Difference", ""]
    assert DIFFERENCE_MEANS in shown
    new, old, own = saved()
    assert new == {skills[0]: 4, skills[1]: 4, skills[2]: 2} | dict.fromkeys(skills[4:], 3)
    assert old == {skills[3]: OLD_SCALE_RATING}
    for row, skill in zip(rows, skills, strict=True):
        title, you, manager, difference, flag = row
        assert title == titles[skill][:24]
        assert you == (format(own[skill], ".1f") if skill in own else "–")
        if skill in new:
            assert manager == str(new[skill])
            expected = signed(new[skill] - own[skill]) if skill in own else "–"
            assert difference == expected
            flagged = skill in own and abs(new[skill] - own[skill]) >= 2
            assert flag == (FLAG if flagged else "")
        else:  # shown as it was given, and never subtracted from one's own score
            assert manager == str(old[skill])
            assert (difference, flag) == ("–", OLD_SCALE_NOTE)
        # No cell repeats what its header says.
        for cell in (you, manager, difference):
            assert not any(word in cell.lower() for word in ("you", "manager", "difference"))
    by_skill = {skill: row for row, skill in zip(rows, skills, strict=True)}
    assert by_skill[skills[0]][1:4] == ["2.5", "4", "+1.5"]
    assert by_skill[skills[2]][1:] == ["5.0", "2", "−3.0", FLAG]


def test_comparison_snapshot(snap_compare, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """At 80×24: a header row, one line a skill, figures right-aligned under their header."""
    skills = history()

    async def rate_all(pilot) -> None:  # type: ignore[no-untyped-def]
        await settle(pilot)
        await typed(pilot, *the_burst(skills))
        assert isinstance(pilot.app.screen, ComparisonScreen)

    assert snap_compare(make_app(data_dir()), run_before=rate_all, terminal_size=(80, 24))


def table_text(screen: object) -> list[list[str]]:
    """The header and the rows of the results' answers table, as a reader sees them."""
    assert isinstance(screen, ResultsScreen)
    table = screen.query_one("#answers", DataTable)
    header = [str(column.label) for column in table.ordered_columns]
    return [header, *([str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count))]


async def test_a_past_manager_session_shows_each_rating_beside_the_score_then() -> None:
    """The session list's page of a manager session: the same table, not "Your manager's
    rating of the skill" in every row; an old-scale session says so once, in its header."""
    skills = history()
    _, _, titles = senior()
    app = make_app(data_dir())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        # Rate, then open it from the session list (the latest first). One burst.
        await typed(pilot, *the_burst(skills), "escape", "l", "enter")
        header, *rows = table_text(app.screen)
        # The old-scale session, two rows down the list.
        await typed(pilot, "escape", "down", "down", "enter")
        old_header, *old_rows = table_text(app.screen)
    assert header == ["Skill", "You", "Manager", "Difference", "Note"]
    new, old, own = saved()
    assert len(rows) == len(skills)
    for (title, you, manager, difference, note), skill in zip(rows, skills, strict=True):
        assert titles[skill].startswith(title.rstrip("…"))
        assert you == (format(own[skill], ".1f") if skill in own else "–")
        if skill not in new:
            assert (manager, difference.strip()) == ("skipped", "–")
            continue
        assert manager == str(new[skill])
        if skill not in own:
            assert difference.strip() == "–"
            continue
        apart = new[skill] - own[skill]
        mark = FLAG_MARK if abs(apart) >= 2 else ""
        assert difference.rstrip() == f"{signed(apart)} {mark}".rstrip()
        assert note == ""
    assert old_header == ["Skill", "You", "Manager (old scale)", "Difference", "Note"]
    assert [[c.strip() for c in row[2:4]] for row in old_rows] == [[str(old[skills[3]]), "–"]]
