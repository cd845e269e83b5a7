"""Drill cards in rubric files: `true_answer` says which answer the situation makes true.

The loader accepts only what the rules can compute with: "yes" or "no", on a card that asks
yes or no; every problem names the file, the line and the key.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pmcoach.rubric.load import load_rubric
from pmcoach.rubric.validate import validate

CARD = """bank = "acme"
version = "1"

[[drill_card]]
id = "communicate.acme-slip"
skill = "communicate"
situation = "Your VP asks: still launching on Friday? You know it slips a week."
expects = "{expects}"
{extra}
"""


def issues(tmp_path: Path, expects: str, extra: str) -> list[str]:
    path = tmp_path / "acme.toml"
    path.write_text(CARD.format(expects=expects, extra=extra), encoding="utf-8")
    return [str(i) for i in validate([path]).issues]


@pytest.mark.parametrize("value", ["yes", "no"])
def test_a_yes_no_card_may_say_which_answer_is_true(tmp_path: Path, value: str) -> None:
    assert issues(tmp_path, "yes-no", f'true_answer = "{value}"') == []


def test_a_card_without_a_true_answer_has_none(tmp_path: Path) -> None:
    assert issues(tmp_path, "yes-no", "") == []


@pytest.mark.parametrize(
    ("expects", "extra", "message"),
    [
        (
            "yes-no",
            'true_answer = "nope"',
            "acme.toml:9: drill_card[0].true_answer: 'nope' is not one of yes, no; "
            "did you mean 'no'?",
        ),
        (
            "date",
            'true_answer = "no"',
            "acme.toml:9: drill_card[0].true_answer: only a card that expects 'yes-no' has a "
            "true answer; this one expects 'date'",
        ),
        (
            "yes-no",
            "true_answer = false",
            "acme.toml:9: drill_card[0].true_answer: expected a string, found a boolean",
        ),
    ],
)
def test_a_true_answer_the_rules_cannot_use_is_refused(
    tmp_path: Path, expects: str, extra: str, message: str
) -> None:
    found = issues(tmp_path, expects, extra)
    assert any(i.endswith(message) for i in found), found


def test_the_builtin_honesty_cards_keep_their_ids_and_say_no() -> None:
    rubric = load_rubric(None).rubric
    assert rubric is not None
    cards = {c.id: c for c in rubric.drill_cards}
    assert cards["earn-trust.drill-portal-slip"].true_answer == "no"
    assert cards["earn-trust.drill-csv-dropped"].true_answer == "no"
    assert cards["communicate.drill-ship-this-quarter"].true_answer is None
    assert all(c.expects == "yes-no" for c in cards.values() if c.true_answer)
