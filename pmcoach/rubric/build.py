"""The rubric's dataclasses, built from the merged tables once every check has passed.

Only entries that passed `check` and `merge` reach here, so every required key is
present with its type; the casts below say so to the type checker.
"""

from __future__ import annotations

from typing import Any, cast

from pmcoach.domain.model import (
    Bank,
    DrillCard,
    Exercise,
    ExerciseDrill,
    Expects,
    Observer,
    Question,
    QuestionKind,
    Reference,
    Rubric,
    Skill,
    Track,
    TrueAnswer,
    WordList,
)
from pmcoach.rubric.parsed import Entry, ParsedFile


def _strs(data: dict[str, Any], key: str) -> tuple[str, ...]:
    return tuple(cast(list[str], data.get(key, [])))


def build(
    chosen: dict[str, dict[str, Entry]], versions: dict[str, tuple[str, ParsedFile]]
) -> Rubric:
    """`chosen`: table, then id, to the entry that won the merge; `versions`: each bank's
    version and the first file that named it."""
    banks = tuple(Bank(name, version) for name, (version, _f) in versions.items())
    return Rubric(
        banks=banks,
        tracks=tuple(
            Track(
                id=e.id,
                title=e.data["title"],
                skills=_strs(e.data, "skills"),
                emphasis=_strs(e.data, "emphasis"),
                bank=e.file.bank,
                targets=dict(e.data.get("targets", {})),
            )
            for e in chosen["track"].values()
        ),
        skills=tuple(
            Skill(
                id=e.id,
                title=e.data["title"],
                summary=e.data["summary"],
                bank=e.file.bank,
                levels={t: tuple(ladder) for t, ladder in e.data.get("levels", {}).items()},
            )
            for e in chosen["skill"].values()
        ),
        questions=tuple(
            Question(
                id=e.id,
                skill=e.data["skill"],
                kind=cast(QuestionKind, e.data["kind"]),
                prompt=e.data["prompt"],
                anchors=_strs(e.data, "anchors"),
                out_of=e.data.get("out_of"),
                evidence=e.data.get("evidence"),
                tracks=_strs(e.data, "tracks"),
                retired=bool(e.data.get("retired", False)),
                source=_strs(e.data, "source"),
                bank=e.file.bank,
                observer=_observer(e.data.get("observer")),
            )
            for e in chosen["question"].values()
        ),
        exercises=tuple(
            Exercise(
                id=e.id,
                skills=_strs(e.data, "skills"),
                title=e.data["title"],
                why=e.data["why"],
                steps=_strs(e.data, "steps"),
                time=e.data["time"],
                done_when=e.data["done_when"],
                reflection=e.data["reflection"],
                tracks=_strs(e.data, "tracks"),
                source=_strs(e.data, "source"),
                retired=bool(e.data.get("retired", False)),
                bank=e.file.bank,
                drill=_drill(e.data.get("drill")),
            )
            for e in chosen["exercise"].values()
        ),
        drill_cards=tuple(
            DrillCard(
                id=e.id,
                skill=e.data["skill"],
                situation=e.data["situation"],
                expects=cast(Expects, e.data["expects"]),
                true_answer=cast(TrueAnswer | None, e.data.get("true_answer")),
                hint=e.data.get("hint"),
                source=_strs(e.data, "source"),
                retired=bool(e.data.get("retired", False)),
                bank=e.file.bank,
            )
            for e in chosen["drill_card"].values()
        ),
        word_lists=tuple(
            WordList(
                id=e.id,
                kind=e.data["kind"],
                title=e.data["title"],
                explain=e.data["explain"],
                words=_strs(e.data, "words"),
                bank=e.file.bank,
            )
            for e in chosen["word_list"].values()
        ),
        references=tuple(
            Reference(
                id=e.id,
                title=e.data["title"],
                author=e.data["author"],
                text=e.data["text"],
                url=e.data.get("url"),
                bank=e.file.bank,
            )
            for e in chosen["reference"].values()
        ),
    )


def _drill(data: dict[str, Any] | None) -> ExerciseDrill | None:
    return None if data is None else ExerciseDrill(data["kind"], data["attempts"])


def _observer(data: dict[str, Any] | None) -> Observer | None:
    return None if data is None else Observer(data["prompt"], _strs(data, "anchors"))
