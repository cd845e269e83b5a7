"""The rubric's small tables inside a table: a skill's `levels`, a track's `targets`, an
exercise's `drill` and a question's `observer` form; and the rules about them that need
the whole rubric.

Kept apart from `check` (the flat keys) so each stays readable; the rules are the same
kind: every problem named with its file, line and key path, and a table that breaks one
is left out as a whole. questions/README.md states them for people.
"""

from __future__ import annotations

from typing import Any

from pmcoach.domain.model import DRILL_KINDS, MAX_RATING, MIN_RATING
from pmcoach.rubric.issues import RubricIssue, did_you_mean
from pmcoach.rubric.parsed import Entry
from pmcoach.rubric.schema import DRILL_ATTEMPTS, LEVELS, OBSERVER, SLUG, type_name


def check_nested(entry: Entry, key: str, kind: str, cap: int | None) -> bool:
    """One nested table's shape and values. False if the entry is unusable."""
    value, where = entry.data[key], f"{entry.path}.{key}"
    if not isinstance(value, dict):
        entry.file.add(where, f"expected a table, found {type_name(value)}", entry.line(key))
        return False
    if kind == "levels":
        return _levels(entry, value, where, cap)
    if kind == "targets":
        return _targets(entry, value, where)
    if kind == "observer":
        return _observer(entry, value, where)
    return _drill(entry, value, where)


def _add(entry: Entry, where: str, message: str, key: str) -> None:
    dotted = key.split(".", 1)[0]
    entry.file.add(where, message, entry.line(key) or entry.line(dotted) or entry.line())


def _levels(entry: Entry, ladders: dict[str, Any], where: str, cap: int | None) -> bool:
    ok = True
    for track, ladder in ladders.items():
        here, key = f"{where}.{track}", f"levels.{track}"
        if not SLUG.match(track):
            _add(entry, here, f"'{track}' is not a track id", key)
            ok = False
            continue
        if not isinstance(ladder, list):
            _add(entry, here, f"expected an array of strings, found {type_name(ladder)}", key)
            ok = False
            continue
        if len(ladder) != LEVELS:
            _add(entry, here, f"needs exactly five levels, found {len(ladder)}", key)
            ok = False
        seen: set[str] = set()
        for i, text in enumerate(ladder):
            at = f"{here}[{i}]"
            if not isinstance(text, str):
                _add(entry, at, f"expected a string, found {type_name(text)}", key)
                ok = False
            elif not text.strip():
                _add(entry, at, "text is empty", key)
                ok = False
            elif cap is not None and len(text) > cap:
                _add(entry, at, f"text is {len(text)} characters; the limit is {cap}", key)
                ok = False
            elif text in seen:
                _add(entry, at, f"'{text}' is listed twice", key)
                ok = False
            else:
                seen.add(text)
    return ok


def _targets(entry: Entry, targets: dict[str, Any], where: str) -> bool:
    ok = True
    raw = entry.data.get("skills")
    # `skills` is checked on its own; here only its strings are names to compare with.
    skills = [s for s in raw if isinstance(s, str)] if isinstance(raw, list) else None
    for skill, value in targets.items():
        here = f"{where}.{skill}"
        if isinstance(value, bool) or not isinstance(value, int):
            _add(entry, here, f"expected an integer, found {type_name(value)}", "targets")
            ok = False
        elif not MIN_RATING <= value <= MAX_RATING:
            _add(entry, here, f"is {value}; a target is {MIN_RATING} to {MAX_RATING}", "targets")
            ok = False
        if skills is not None and skill not in skills:
            message = f"'{skill}' is not one of this track's skills{did_you_mean(skill, skills)}"
            _add(entry, here, message, "targets")
            ok = False
    return ok


def _drill(entry: Entry, drill: dict[str, Any], where: str) -> bool:
    ok = True
    for key in drill:
        if key not in ("kind", "attempts"):
            hint = did_you_mean(key, ("kind", "attempts"))
            _add(entry, f"{where}.{key}", f"unknown key '{key}'{hint}", "drill")
            ok = False
    kind, attempts = drill.get("kind"), drill.get("attempts")
    if kind not in DRILL_KINDS:
        shown = "missing" if kind is None else f"'{kind}'"
        hint = did_you_mean(kind, DRILL_KINDS) if isinstance(kind, str) else ""
        message = f"{shown} is not one of {', '.join(DRILL_KINDS)}{hint}"
        _add(entry, f"{where}.kind", message, "drill")
        ok = False
    low, high = DRILL_ATTEMPTS
    if isinstance(attempts, bool) or not isinstance(attempts, int):
        shown = "nothing" if attempts is None else type_name(attempts)
        _add(entry, f"{where}.attempts", f"expected an integer, found {shown}", "drill")
        ok = False
    elif not low <= attempts <= high:
        message = f"is {attempts}; give {low} to {high} attempts, doable within a week"
        _add(entry, f"{where}.attempts", message, "drill")
        ok = False
    return ok


def _observer(entry: Entry, form: dict[str, Any], where: str) -> bool:
    """The observer form's own shape; whether it fits its question (a reflection has
    none, the anchors as many as the self question's) is `check`'s, which knows the kind."""
    ok = True
    for key in form:
        if key not in OBSERVER:
            hint = did_you_mean(key, OBSERVER)
            _add(entry, f"{where}.{key}", f"unknown key '{key}'{hint}", f"observer.{key}")
            ok = False
    for key, (kind, _required, cap) in OBSERVER.items():
        here, line_key = f"{where}.{key}", f"observer.{key}"
        if key not in form:
            _add(entry, here, f"missing required key '{key}'", "observer")
            ok = False
            continue
        value = form[key]
        texts = [(here, value)] if kind == "str" else None
        if kind == "strs":
            if not isinstance(value, list):
                message = f"expected an array of strings, found {type_name(value)}"
                _add(entry, here, message, line_key)
                ok = False
                continue
            texts = [(f"{here}[{i}]", text) for i, text in enumerate(value)]
        seen: set[str] = set()
        for at, text in texts or ():
            if not isinstance(text, str):
                message = f"expected a string, found {type_name(text)}"
            elif not text.strip():
                message = "text is empty"
            elif cap is not None and len(text) > cap:
                message = f"text is {len(text)} characters; the limit is {cap}"
            elif text in seen:
                message = f"'{text}' is listed twice"
            else:
                seen.add(text)
                continue
            _add(entry, at, message, line_key)
            ok = False
    return ok


def check_levels(chosen: dict[str, dict[str, Entry]]) -> list[RubricIssue]:
    """Every track that lists a skill of its own bank needs that skill's five levels on
    its track, and a ladder names only a track that lists the skill.

    A track that borrows a skill from another bank (a company's staff track listing the
    built-in communicate) is not asked for one: that bank cannot add to the skill without
    replacing it, so the skill's `senior` ladder stands in (`domain.model.Skill.ladder`)."""
    issues: list[RubricIssue] = []
    tracks = chosen["track"]
    for skill in chosen["skill"].values():
        ladders = skill.data.get("levels", {})
        for track_id in ladders:
            track = tracks.get(track_id)
            if track is None:
                message = f"no track '{track_id}'{did_you_mean(track_id, tracks)}"
            elif skill.id not in track.data["skills"]:
                message = f"track '{track_id}' does not list this skill"
            else:
                continue
            issues.append(_issue(skill, f"levels.{track_id}", message))
        for track in tracks.values():
            if skill.id not in track.data["skills"] or track.id in ladders:
                continue
            if track.file.bank != skill.file.bank:
                continue  # borrowed: the skill's own bank cannot know this track
            message = f"missing required key '{track.id}' (track '{track.id}' lists this skill)"
            issues.append(_issue(skill, f"levels.{track.id}", message))
    return issues


def _issue(entry: Entry, key: str, message: str) -> RubricIssue:
    line = entry.line(key) or entry.line("levels") or entry.line()
    return RubricIssue(entry.file.display, line, f"{entry.path}.{key}", message)
