"""Merge the usable rubric files into one rubric, and what only the whole can show.

Files merge in order: a later bank replaces an earlier bank's id with a warning, the
same id twice in one bank is an error. References (a question's skill, an exercise's
track, a source idea) and the rotation are checked on the merged whole, since a
company file may build on the built-in bank's skills and ideas.
"""

from __future__ import annotations

from collections.abc import Sequence

from pmcoach.domain import rotation
from pmcoach.domain.model import Rubric
from pmcoach.domain.rules import ROTATION_WEEKS, WEEKLY_MAX_QUESTIONS
from pmcoach.rubric.build import build
from pmcoach.rubric.issues import RubricIssue, did_you_mean
from pmcoach.rubric.nested import check_levels
from pmcoach.rubric.parsed import Entry, ParsedFile
from pmcoach.rubric.schema import TABLES


def merge(files: Sequence[ParsedFile]) -> tuple[Rubric | None, list[RubricIssue]]:
    """Merge usable files in order; later banks replace earlier ids with a warning."""
    issues: list[RubricIssue] = []
    chosen: dict[str, dict[str, Entry]] = {table: {} for table in TABLES}
    versions: dict[str, tuple[str, ParsedFile]] = {}
    for parsed in files:
        if not parsed.ok or not parsed.bank:
            continue
        first = versions.get(parsed.bank)
        if first is None:
            versions[parsed.bank] = (parsed.version, parsed)
        elif first[0] != parsed.version:
            issues.append(
                RubricIssue(
                    parsed.display,
                    parsed.source.line_of_key((), "version"),
                    "version",
                    f"bank '{parsed.bank}' has version '{first[0]}' in {first[1].display}; "
                    "every file of a bank must say the same version",
                )
            )
        for entry in parsed.entries:
            earlier = chosen[entry.table].get(entry.id)
            if earlier is not None:
                where = f"{earlier.file.display}:{earlier.line('id') or earlier.line()}"
                if earlier.file.bank == parsed.bank:
                    issues.append(
                        RubricIssue(
                            parsed.display,
                            entry.line("id"),
                            f"{entry.path}.id",
                            f"duplicate {entry.table.replace('_', ' ')} id '{entry.id}' "
                            f"(first defined at {where})",
                        )
                    )
                    continue
                issues.append(
                    RubricIssue(
                        parsed.display,
                        entry.line("id"),
                        f"{entry.path}.id",
                        f"replaces the {entry.table.replace('_', ' ')} '{entry.id}' "
                        f"of bank '{earlier.file.bank}' ({where})",
                        "warning",
                    )
                )
            chosen[entry.table][entry.id] = entry

    issues.extend(_check_references(chosen))
    issues.extend(check_levels(chosen))
    if any(i.severity == "error" for i in issues):
        return None, issues
    rubric = build(chosen, versions)
    issues.extend(_check_rotation(rubric, chosen))
    return rubric, issues


def _check_references(chosen: dict[str, dict[str, Entry]]) -> list[RubricIssue]:
    issues: list[RubricIssue] = []
    skills, tracks = chosen["skill"], chosen["track"]
    # A `source` names a seed idea or, where no seed covers the item, an external reference.
    ideas = {**chosen["idea"], **chosen["reference"]}

    def check(entry: Entry, key: str, known: dict[str, Entry], what: str) -> None:
        raw = entry.data.get(key)
        values = [raw] if isinstance(raw, str) else (raw or [])
        for value in values:
            if value not in known:
                issues.append(
                    RubricIssue(
                        entry.file.display,
                        entry.line(key),
                        f"{entry.path}.{key}",
                        f"no {what} '{value}'{did_you_mean(value, known)}",
                    )
                )

    for entry in tracks.values():
        check(entry, "skills", skills, "skill")
    for entry in chosen["question"].values():
        check(entry, "skill", skills, "skill")
        check(entry, "tracks", tracks, "track")
        check(entry, "source", ideas, "idea or reference")
    for entry in chosen["exercise"].values():
        check(entry, "skills", skills, "skill")
        check(entry, "tracks", tracks, "track")
        check(entry, "source", ideas, "idea or reference")
    for entry in chosen["drill_card"].values():
        check(entry, "skill", skills, "skill")
        check(entry, "source", ideas, "idea or reference")
    for entry in chosen["idea"].values():
        if "skill" in entry.data:
            check(entry, "skill", skills, "skill")
    return issues


def _check_rotation(rubric: Rubric, chosen: dict[str, dict[str, Entry]]) -> list[RubricIssue]:
    issues: list[RubricIssue] = []
    for track in rubric.tracks:
        active = rotation.full_questions(rubric, track)
        entry = chosen["track"][track.id]
        if not rotation.rotation_fits(rubric, track, WEEKLY_MAX_QUESTIONS):
            slots = rotation.rotation_slots(rubric, track)
            issues.append(
                RubricIssue(
                    entry.file.display,
                    entry.line("id"),
                    f"{entry.path}",
                    f"track '{track.id}' has {len(active)} scored questions needing {slots} of "
                    f"the {WEEKLY_MAX_QUESTIONS * ROTATION_WEEKS} slots of {ROTATION_WEEKS} "
                    f"check-ins (each skill takes at least {ROTATION_WEEKS}); some will not "
                    f"come up in every {ROTATION_WEEKS} check-ins",
                    "warning",
                )
            )
        for skill in track.skills:
            if not any(q.skill == skill for q in active):
                issues.append(
                    RubricIssue(
                        entry.file.display,
                        entry.line("skills"),
                        f"{entry.path}.skills",
                        f"skill '{skill}' has no active scored question in track '{track.id}'",
                        "warning",
                    )
                )
    return issues
