"""Drafts as Markdown files, attempts as drill events, the card order and the trend."""

from __future__ import annotations

import datetime as dt
import os
import stat
import tomllib
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pmcoach.cache.opener import open_store
from pmcoach.domain.model import DrillCard, Event
from pmcoach.drills import attempts, drafts
from pmcoach.drills.answer_first import answer_first_feedback
from pmcoach.drills.press_release import SECTIONS, Draft
from pmcoach.drills.working_backwards import working_backwards_feedback
from pmcoach.rubric.load import load_rubric
from pmcoach.storage.errors import StoreError
from pmcoach.storage.events import decode_event, encode_event

RUBRIC = load_rubric().rubric
assert RUBRIC is not None
NOW = dt.datetime(2026, 11, 23, 9, 15, tzinfo=ZoneInfo("Europe/Berlin"))
SKILLS = ("communicate", "prioritize", "execute", "think-big", "earn-trust", "drive-impact")


@pytest.fixture(autouse=True)
def no_fsync(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PMCOACH_NO_FSYNC", "1")


def full_draft(draft_id: str = "20261123T081500Z-draft-0a1b") -> Draft:
    return Draft(
        draft_id,
        problem="Support agents spend 12 minutes reading each long ticket.\n# not a heading",
        solution="A three-line summary at the top of every ticket.",
        quote="I answer twice as fast.\n\n> quoted inside",
        faq="Q: Does it read attachments?\nA: Not yet.\n## The solution",
        big_idea="Yes, every agent every day.",
        should_we="Yes: reading is our largest cost.",
        plan="Two engineers, a pilot in four weeks.",
        headline="Agents answer long tickets in a minute",
    )


# --------------------------------------------------------------------------- cards


def test_the_built_in_cards_cover_every_skill_with_at_least_25() -> None:
    active = [c for c in RUBRIC.drill_cards if not c.retired]
    assert len(active) >= 25
    assert {c.skill for c in active} >= {*SKILLS, "working-backwards"}
    kinds = {w.kind for w in RUBRIC.word_lists}
    assert kinds >= {"hedge", "weasel", "solution-first"}


def test_cards_come_never_practised_first_then_longest_ago() -> None:
    cards = [DrillCard(f"communicate.c{i}", "communicate", "?", "yes-no") for i in range(4)]
    cards.append(DrillCard("communicate.old", "communicate", "?", "open", retired=True))

    def attempt(card: str, day: int) -> Event:
        at = NOW.replace(day=day)
        return Event(
            f"{at:%Y%m%d}T000000Z-drill-{day:04x}",
            "drill",
            at,
            "d",
            data={"drill": "answer-first", "card": card, "score": 50},
        )

    events = [attempt("communicate.c0", 10), attempt("communicate.c2", 5)]
    order = [c.id for c in attempts.card_order(cards, events)]
    assert order == ["communicate.c1", "communicate.c3", "communicate.c2", "communicate.c0"]


# --------------------------------------------------------------------------- events


def test_an_answer_first_attempt_is_a_drill_event_that_round_trips() -> None:
    card = RUBRIC.drill_cards[0]
    reply = "  No: it ships on 14 January. [bold]Review[/] moved.  "
    feedback = answer_first_feedback(card, reply, RUBRIC.word_lists)
    event = attempts.answer_first_event(card, reply, feedback, NOW, "laptop", private=True)
    assert event.kind == "drill" and event.skill == card.skill
    assert event.text is not None and event.text.private
    assert event.text.text == reply.strip()
    assert event.data == {
        "drill": "answer-first",
        "card": card.id,
        "score": feedback.score,
        **({"failed": list(feedback.failed)} if feedback.failed else {}),
    }
    assert decode_event(tomllib.loads(encode_event(event).decode())) == event


def test_a_perfect_attempt_has_no_failed_key() -> None:
    card = RUBRIC.drill_cards[0]
    reply = "Yes: it ships on 12 March. The one risk is the review."
    feedback = answer_first_feedback(card, reply, RUBRIC.word_lists)
    assert feedback.score == 100
    assert "failed" not in attempts.answer_first_event(card, reply, feedback, NOW, "d").data


def test_a_reply_that_was_not_checked_is_not_an_attempt() -> None:
    card = RUBRIC.drill_cards[0]
    with pytest.raises(attempts.AttemptError, match="Write a reply first"):
        attempts.answer_first_event(card, " ", answer_first_feedback(card, " ", ()), NOW, "d")


def test_a_working_backwards_attempt_names_its_draft() -> None:
    draft = full_draft()
    feedback = working_backwards_feedback(draft, RUBRIC.word_lists)
    event = attempts.working_backwards_event(draft, feedback, NOW, "laptop")
    assert event.skill == "working-backwards" and event.text is None
    assert event.data["draft"] == "drafts/20261123T081500Z-draft-0a1b.md"
    assert event.data["score"] == feedback.score
    assert decode_event(tomllib.loads(encode_event(event).decode())) == event


# --------------------------------------------------------------------------- trend


def scores_as_events(scores: list[object]) -> list[Event]:
    return [
        Event(
            f"2026110{1 + i // 10}T0000{i % 10}0Z-drill-{i:04x}",
            "drill",
            NOW - dt.timedelta(days=30 - i),
            "d",
            data={"drill": "answer-first", "score": s},
        )
        for i, s in enumerate(scores)
    ]


def test_the_trend_compares_the_latest_half_with_as_many_before() -> None:
    trend = attempts.trend(scores_as_events([40, 50, 60, 70, 80, 90, 100]))
    assert trend.count == 7 and trend.latest == 100
    assert trend.window == 3
    assert trend.change == pytest.approx((80 + 90 + 100) / 3 - (50 + 60 + 70) / 3)
    line = trend.line()
    assert line.startswith("Answer-first drill: 7 attempts · latest 100 · mean of last 5 80")
    assert "trend ▲ +30" in line
    assert line.endswith("  ▄▄▅▆▇██")


def test_the_trend_reads_falls_flats_and_ignores_bad_scores() -> None:
    assert attempts.trend(scores_as_events([80, 60])).change_text() == "▼ −20"
    assert attempts.trend(scores_as_events([70, 70])).change_text() == "= 0"
    one = attempts.trend(scores_as_events([55, "x", True, 300, None]))
    assert one.scores == (55,)
    assert one.line() == "Answer-first drill: 1 attempt · latest 55  ▅"
    assert attempts.trend([]).line() == "Answer-first drill: no attempts yet."


def test_the_trend_counts_one_drill_only() -> None:
    events = scores_as_events([40, 50])
    other = Event(
        "20261101T000000Z-drill-ffff",
        "drill",
        NOW,
        "d",
        data={"drill": "working-backwards", "score": 10},
    )
    assert attempts.trend([*events, other]).scores == (40, 50)


# --------------------------------------------------------------------------- drafts


def test_a_draft_reads_back_from_its_markdown() -> None:
    draft = full_draft()
    markdown = drafts.render(draft)
    assert markdown.startswith("# Agents answer long tickets in a minute\n")
    assert "\n## The problem\n\nSupport agents" in markdown
    assert "\n# not a heading\n" in markdown  # not one of the draft's own: as written
    assert "\n\\## The solution\n" in markdown
    assert "\n> I answer twice as fast.\n>\n> > quoted inside\n" in markdown
    assert drafts.parse(draft.id, markdown) == draft


def test_an_untitled_draft_stays_untitled() -> None:
    draft = Draft("20261123T081500Z-draft-0a1b", problem="Shoppers wait 9 days.")
    markdown = drafts.render(draft)
    assert markdown.startswith(f"# {drafts.UNTITLED}\n")
    assert drafts.parse(draft.id, markdown) == draft


def test_a_hand_edited_file_is_read_as_well_as_it_can_be() -> None:
    text = "Some notes\n## The problem\nLate refunds.\r\n## Notes\nmore\n## Should we do it?\nYes."
    draft = drafts.parse("mine", text)
    assert draft.problem == "Late refunds.\n## Notes\nmore"
    assert draft.should_we == "Yes."
    assert draft.headline == ""


def test_a_hand_edited_draft_keeps_the_edit_when_saved_again(tmp_path: Path) -> None:
    """A paragraph under the headline was dropped, and `## Appendix` became `\\##`."""
    root = open_store(tmp_path / "data").root
    path = drafts.save(root, full_draft())
    text = path.read_text()
    edited = text.replace(
        f"{drafts.INTRO}\n", f"{drafts.INTRO}\n\nDraft for the Q3 review: ask Dana first.\n"
    ).replace("A: Not yet.\n", "A: Not yet.\n\n## Appendix\n\nThe numbers behind it.\n")
    edited += "\n### Sources\n\n\\# literally a hash\n"
    path.write_text(edited)
    (loaded,) = drafts.load_all(root)
    assert loaded.draft is not None
    assert loaded.draft.preamble == "Draft for the Q3 review: ask Dana first."
    assert "## Appendix\n\nThe numbers behind it." in loaded.draft.faq
    drafts.save(root, loaded.draft.with_text("big-idea", "Yes, every agent every day."))
    assert path.read_text() == edited
    plan = loaded.draft.plan.replace("Two engineers", "One engineer")
    again = drafts.save(root, loaded.draft.with_text("plan", plan))
    assert again.read_text() == edited.replace("Two engineers", "One engineer")


def test_a_line_escaped_by_hand_or_by_an_older_version_is_kept_as_it_is(tmp_path: Path) -> None:
    """Older versions escaped every `#` line of the writer's text; such a line is now
    the writer's own text, backslash included, and saved again byte for byte."""
    text = drafts.render(full_draft()).replace("\n# not a heading\n", "\n\\# not a heading\n")
    draft = drafts.parse(full_draft().id, text)
    assert draft.problem.endswith("\n\\# not a heading")
    assert drafts.render(draft) == text


def test_saving_a_draft_makes_a_private_folder_and_file(tmp_path: Path) -> None:
    root = open_store(tmp_path / "data").root
    path = drafts.save(root, full_draft())
    assert path == root / "drafts" / "20261123T081500Z-draft-0a1b.md"
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(path.parent).st_mode) == 0o700
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no temp file left
    found = drafts.load_all(root)
    assert [f.draft for f in found] == [full_draft()]
    again = full_draft().with_text("plan", "Three engineers, a pilot in two weeks.")
    drafts.save(root, again)
    assert drafts.load_all(root)[0].draft == again


def test_drafts_are_listed_newest_first_and_unreadable_ones_say_why(tmp_path: Path) -> None:
    root = open_store(tmp_path / "data").root
    drafts.save(root, full_draft("20261101T000000Z-draft-0001"))
    drafts.save(root, full_draft("20261120T000000Z-draft-0002"))
    (root / "drafts" / "20261110T000000Z-draft-0003.md").write_bytes(b"\xff\xfe broken")
    (root / "drafts" / ".20261110T000000Z-draft-0004.md.host.1.tmp").write_text("x")
    found = drafts.load_all(root)
    assert [f.path.stem for f in found] == [
        "20261120T000000Z-draft-0002",
        "20261110T000000Z-draft-0003",
        "20261101T000000Z-draft-0001",
    ]
    assert found[1].draft is None and found[1].problem == "not UTF-8 text; not read"


def test_drafts_are_never_written_through_a_link(tmp_path: Path) -> None:
    root = open_store(tmp_path / "data").root
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (root / "drafts").symlink_to(elsewhere)
    with pytest.raises(StoreError, match="symbolic link"):
        drafts.save(root, full_draft())
    assert list(elsewhere.iterdir()) == []


@pytest.mark.parametrize("kind", ["link", "file"])
def test_a_drafts_folder_that_is_a_link_or_a_file_is_reported_not_shown_as_empty(
    tmp_path: Path, kind: str
) -> None:
    """ "No drafts yet" would be untrue: the drafts are there, behind the link."""
    root = open_store(tmp_path / "data").root
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    kept = drafts.save(elsewhere.parent / "other", full_draft()).read_bytes()
    (elsewhere / "20261101T000000Z-draft-0001.md").write_bytes(kept)
    if kind == "link":
        (root / "drafts").symlink_to(elsewhere)
    else:
        (root / "drafts").write_bytes(b"not a folder")
    (found,) = drafts.load_all(root)
    assert found.path == root / "drafts" and found.draft is None
    assert found.problem == (
        "a symbolic link; drafts are not read through links"
        if kind == "link"
        else "not a folder; not read"
    )
    assert [p.read_bytes() for p in elsewhere.iterdir()] == [kept]
    assert drafts.load_all(tmp_path / "nothing") == []


def test_a_draft_with_a_character_that_cannot_be_saved_is_refused(tmp_path: Path) -> None:
    root = open_store(tmp_path / "data").root
    with pytest.raises(StoreError, match="cannot be saved"):
        drafts.save(root, Draft("20261123T081500Z-draft-0a1b", problem="broken \ud800"))
    assert not (root / "drafts" / "20261123T081500Z-draft-0a1b.md").exists()


def test_a_new_draft_is_named_by_time_and_started_reads_it_back() -> None:
    draft = drafts.new_draft(NOW)
    assert draft.id.startswith("20261123T081500Z-draft-")
    assert drafts.started(draft.id) == NOW.astimezone(dt.UTC)
    assert drafts.started("notes") is None
    assert len(SECTIONS) == 8


ODD_LINES = (
    "## The problem",
    "\\## The problem",
    "\\\\## The solution",
    "  ## The solution",
    "## Appendix",
    "# h",
    "\\# h",
    "> q",
    ">",
    "",
    drafts.INTRO,
    f"# {drafts.UNTITLED}",
)
LINES = st.lists(st.one_of(st.sampled_from(ODD_LINES), st.text(max_size=20)), max_size=30).map(
    "\n".join
)


@settings(max_examples=300, deadline=None)
@given(markdown=LINES)
def test_any_file_saved_again_reads_as_it_did(markdown: str) -> None:
    """What pmcoach reads from a file, written and read again, is the same draft."""
    draft = drafts.parse("any", markdown)
    assert drafts.parse("any", drafts.render(draft)) == draft


@settings(max_examples=200, deadline=None)
@given(preamble=LINES, problem=LINES)
def test_any_preamble_reads_back(preamble: str, problem: str) -> None:
    draft = Draft("20261123T081500Z-draft-0a1b", preamble=preamble, problem=problem)
    assert drafts.parse(draft.id, drafts.render(draft)) == draft
