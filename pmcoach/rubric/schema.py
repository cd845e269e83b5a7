"""What a rubric bank may hold: its keys, their kinds and limits, and its names.

One table read by the per-file checks (`check`) and by the merge (`merge`), so a key
is added in one place. docs/data-format.md ("Rubric files") describes it for people.
"""

from __future__ import annotations

import re

BUILTIN_BANK = "builtin"  # the bank shipped in `questions/`; no user bank may take its name
WORD_LIST_KINDS = ("hedge", "weasel", "solution-first")

# \Z, not $: `$` also matches before a final line break.
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*\Z")
DOTTED_ID = re.compile(r"^[a-z0-9][a-z0-9-]*\.[a-z0-9][a-z0-9-]*\Z")
REFERENCE_PREFIX = "ref"  # `ref.<slug>`: never a skill's id, so never mistaken for an idea

LEVELS = 5  # one level summary per rating 1-5, on every track that lists the skill
LEVEL_CAP = 140
DRILL_ATTEMPTS = (1, 7)  # an exercise includes 1 to 7 attempts: doable within a week

# Each field: (type, required, cap). Types: str, strs (array of strings), int, bool, and
# the four tables `nested` checks: levels, targets, drill, observer.
FieldSpec = tuple[str, bool, int | None]

TOP_LEVEL: dict[str, FieldSpec] = {
    "bank": ("str", True, 32),
    "version": ("str", True, 32),
}

TABLES: dict[str, dict[str, FieldSpec]] = {
    "idea": {
        "id": ("str", True, 80),
        "skill": ("str", False, 40),
        "text": ("str", True, 300),
    },
    "track": {
        "id": ("str", True, 40),
        "title": ("str", True, 40),
        "skills": ("strs", True, 40),
        "emphasis": ("strs", False, 40),
        "targets": ("targets", False, None),
    },
    "skill": {
        "id": ("str", True, 40),
        "title": ("str", True, 40),
        "summary": ("str", True, 200),
        "levels": ("levels", False, LEVEL_CAP),
    },
    "question": {
        "id": ("str", True, 80),
        "skill": ("str", True, 40),
        "kind": ("str", True, 20),
        "prompt": ("str", True, 200),
        "anchors": ("strs", False, 110),
        "out_of": ("int", False, None),
        "evidence": ("str", False, 120),
        "tracks": ("strs", False, 40),
        "retired": ("bool", False, None),
        "source": ("strs", False, 80),
        "observer": ("observer", False, None),
    },
    "exercise": {
        "id": ("str", True, 80),
        "skills": ("strs", True, 40),
        "tracks": ("strs", False, 40),
        "title": ("str", True, 60),
        "why": ("str", True, 300),
        "steps": ("strs", True, 200),
        "time": ("str", True, 40),
        "done_when": ("str", True, 200),
        "reflection": ("str", True, 200),
        "retired": ("bool", False, None),
        "source": ("strs", False, 80),
        "drill": ("drill", False, None),
    },
    "drill_card": {
        "id": ("str", True, 80),
        "skill": ("str", True, 40),
        "situation": ("str", True, 300),
        "expects": ("str", True, 20),
        "true_answer": ("str", False, 10),
        "hint": ("str", False, 200),
        "retired": ("bool", False, None),
        "source": ("strs", False, 80),
    },
    "reference": {
        "id": ("str", True, 80),
        "title": ("str", True, 120),
        "author": ("str", True, 60),
        "url": ("str", False, 300),
        "text": ("str", True, 300),
    },
    "word_list": {
        "id": ("str", True, 40),
        "kind": ("str", True, 20),
        "title": ("str", True, 60),
        "explain": ("str", True, 300),
        "words": ("strs", True, 60),
    },
}


# A question's observer form (`[question.observer]`): what a peer is asked. The caps are
# the self question's, so a request reads like the check-in.
OBSERVER: dict[str, FieldSpec] = {
    "prompt": TABLES["question"]["prompt"],
    "anchors": ("strs", True, TABLES["question"]["anchors"][2]),
}


def type_name(value: object) -> str:
    """A TOML value's kind as a message names it: 'expected a string, found an array'."""
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int):
        return "an integer"
    if isinstance(value, float):
        return "a float"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "a table"
    return f"a {type(value).__name__}"
