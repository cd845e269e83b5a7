"""The help texts state the numbers the rules compute with, read from `domain.rules`.

A help text that says "8 weeks" while the score looks back some other number of weeks
tells the user something false. Each help text is built from the constants, so the test
changes the constants before any screen is imported (in a fresh interpreter, as the
screens read them when they are imported) and looks for the new numbers on every help
text that names them.
"""

from __future__ import annotations

import json
import subprocess
import sys
from fractions import Fraction

from pmcoach.domain import rules

# Values no help text holds by chance.
CHANGED = {
    "SCORE_WEEKS": 7,
    "WEEKLY_MAX_QUESTIONS": 13,
    "EMPHASIS_WEIGHT": 1.75,
    "SAY_DO_WEEKS": 11,
    "EXERCISE_REST_WEEKS": 9,
    "FLAG_DIFFERENCE": 3,
}

PROBE = """
import json, sys
from pmcoach.domain import rules
for name, value in json.loads(sys.argv[1]).items():
    setattr(rules, name, value)
from pmcoach.tui.screens import dashboard, exercises, manager, onboarding, progress, results
texts = {
    "dashboard": dashboard.HELP,
    "exercises": exercises.HELP,
    "manager": manager.HELP,
    "comparison": manager.COMPARISON_HELP,
    "onboarding": onboarding.HELP,
    "progress": progress.HELP,
    "results": results.HELP,
}
print(json.dumps({name: " ".join(text.split()) for name, text in texts.items()}))
"""

EXPECTED = {
    "dashboard": [
        "at most 13 questions",
        "answered in the 7 weeks before now",
        "the skills your track emphasises weigh 1.75.",
    ],
    "exercises": ["not repeated within 9 weeks"],
    "manager": ["a difference of 3 or more either way"],
    "comparison": ["questions in the 7 weeks before", "in the same 7 weeks", "difference of 3"],
    "progress": [
        "no rating of the skill in the 7 weeks before it",
        "questions answered in the 7 weeks before.",
        "over 11 weeks",
    ],
    "results": ["answered in the 7 weeks before"],
}


def test_every_help_text_reads_the_numbers_from_the_rules() -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(CHANGED)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    texts = json.loads(result.stdout)
    missing = {
        screen: [phrase for phrase in phrases if phrase not in texts[screen]]
        for screen, phrases in EXPECTED.items()
    }
    assert {screen: found for screen, found in missing.items() if found} == {}


def test_the_help_texts_state_todays_numbers() -> None:
    """The same phrases with the real values: the probe's edits reach what users read."""
    from pmcoach.tui.screens import dashboard, manager

    words = " ".join(dashboard.HELP.split())
    assert f"at most {rules.WEEKLY_MAX_QUESTIONS} questions" in words
    assert f"weigh {rules.EMPHASIS_WEIGHT:g}." in words
    assert f"difference of {rules.FLAG_DIFFERENCE} or more" in " ".join(manager.HELP.split())


def test_the_emphasis_weight_is_exact_as_a_fraction() -> None:
    """The focus ranks by exact fractions: a weight like 1.3 would rank by 1.3000000000000000444."""
    weight = rules.EMPHASIS_WEIGHT
    assert Fraction(weight) == Fraction(str(weight))
