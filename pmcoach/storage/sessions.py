"""Session files: a check-in's answers, commitments and reviews, as a TOML document
and back (docs/data-format.md, "Session files")."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from pmcoach.domain.model import (
    COMMITMENT_OUTCOMES,
    EXERCISE_OUTCOMES,
    MAX_RATING,
    MIN_RATING,
    SESSION_KINDS,
    Answer,
    Commitment,
    CommitmentReview,
    ExerciseReview,
    Session,
)
from pmcoach.storage.fields import Table, read_id, text_doc
from pmcoach.storage.toml_io import (
    SCHEMA,
    Doc,
    SchemaError,
    check_schema,
    compact,
    to_bytes,
    with_extra,
)

# The keys each table of a session or config has a meaning for. Any other key is kept
# as it is, in the item's `extra`, and written back after these (see model.py).
SESSION_KEYS = frozenset(
    {"schema", "id", "kind", "track", "rubric", "device", "started", "updated", "finished"}
    | {"reflection", "answers", "commitments", "commitment_reviews", "exercise_reviews"}
    | {"assigned", "peer", "request", "scale"}
)
ANSWER_KEYS = frozenset(
    {"question", "skill", "rating", "count", "out_of", "skipped", "no_occasion", "note", "text"}
)
COMMITMENT_KEYS = frozenset({"id", "text", "to", "due", "private"})
COMMITMENT_REVIEW_KEYS = frozenset({"commitment", "outcome", "note", "due"})
EXERCISE_REVIEW_KEYS = frozenset({"exercise", "outcome", "note"})
ASSIGNED_KEYS = frozenset({"exercise"})
# A peer session's `request`: the short code printed on the request it answers.
REQUEST_CODE = re.compile(r"[A-Za-z0-9-]{1,32}")
# A manager session's `scale`: a lower-case word; only `levels` is comparable with one's own.
SCALE_NAME = re.compile(r"[a-z][a-z0-9-]{0,31}")


def _read_answer(table: Table, kind: str) -> Answer:
    manager = kind == "manager"
    question = table.opt_string("question")
    skill = table.opt_string("skill")
    if manager and skill is None:
        raise SchemaError(f"{table.at('skill')}: missing (a manager's rating names a skill)")
    if not manager and question is None:
        raise SchemaError(f"{table.at('question')}: missing")
    rating = table.opt_int("rating", MIN_RATING, MAX_RATING)
    count = table.opt_int("count", 0)
    out_of = table.opt_int("out_of", 1)
    skipped = table.flag("skipped")
    if skipped and rating is not None:
        raise SchemaError(f"{table.where}: a skipped answer has no rating")
    no_occasion = table.flag("no_occasion")
    if no_occasion and manager:
        raise SchemaError(f"{table.at('no_occasion')}: a manager's rating has no 'no occasion'")
    if kind == "peer" and (no_occasion or count is not None or table.text("text") is not None):
        raise SchemaError(f"{table.where}: a peer's answer is a rating, or skipped")
    if no_occasion and skipped:
        raise SchemaError(f"{table.where}: an answer is either skipped or 'no occasion'")
    if no_occasion and (rating is not None or count is not None):
        raise SchemaError(f"{table.where}: a 'no occasion' answer has no rating or count")
    if (count is None) != (out_of is None):
        raise SchemaError(f"{table.where}: count and out_of go together")
    if count is not None and out_of is not None and count > out_of:
        raise SchemaError(f"{table.at('count')}: {count} is more than out_of ({out_of})")
    return Answer(
        question=question,
        skill=skill,
        rating=rating,
        count=count,
        out_of=out_of,
        skipped=skipped,
        no_occasion=no_occasion,
        note=table.text("note"),
        text=table.text("text"),
        extra=table.extra(ANSWER_KEYS),
    )


def decode_session(doc: Mapping[str, Any]) -> Session:
    check_schema(doc)
    top = Table(doc)
    kind = top.choice("kind", SESSION_KINDS)
    peer = top.text("peer")
    request = top.opt_string("request")
    if request is not None and not REQUEST_CODE.fullmatch(request):
        raise SchemaError(f"{top.at('request')}: a request code of letters, digits and dashes")
    if kind == "peer" and peer is None:
        raise SchemaError(f"{top.at('peer')}: missing (a peer session names who answered)")
    if kind != "peer" and (peer is not None or request is not None):
        raise SchemaError(f"{top.at('peer' if peer else 'request')}: only a peer session has it")
    scale = top.opt_string("scale")
    if scale is not None and not SCALE_NAME.fullmatch(scale):
        raise SchemaError(f"{top.at('scale')}: a lower-case word like levels")
    if scale is not None and kind != "manager":
        raise SchemaError(f"{top.at('scale')}: only a manager session has it")
    assigned = list(top.tables("assigned"))
    assigned_extra = tuple(t.extra(ASSIGNED_KEYS) for t in assigned)
    return Session(
        id=read_id(top),
        kind=kind,
        track=top.string("track"),
        rubric=top.string("rubric"),
        device=top.string("device"),
        started=top.moment("started"),
        updated=top.moment("updated"),
        finished=top.opt_moment("finished"),
        reflection=top.text("reflection"),
        answers=tuple(_read_answer(t, kind) for t in top.tables("answers")),
        commitments=tuple(
            Commitment(
                id=t.string("id"),
                text=t.string("text"),
                to=t.string("to"),
                due=t.day("due"),
                private=t.flag("private"),
                extra=t.extra(COMMITMENT_KEYS),
            )
            for t in top.tables("commitments")
        ),
        commitment_reviews=tuple(
            CommitmentReview(
                commitment=t.string("commitment"),
                outcome=t.choice("outcome", COMMITMENT_OUTCOMES),
                note=t.text("note"),
                due=t.opt_day("due"),
                extra=t.extra(COMMITMENT_REVIEW_KEYS),
            )
            for t in top.tables("commitment_reviews")
        ),
        exercise_reviews=tuple(
            ExerciseReview(
                exercise=t.string("exercise"),
                outcome=t.choice("outcome", EXERCISE_OUTCOMES),
                note=t.text("note"),
                extra=t.extra(EXERCISE_REVIEW_KEYS),
            )
            for t in top.tables("exercise_reviews")
        ),
        assigned=tuple(t.string("exercise") for t in assigned),
        schema=SCHEMA,
        extra=top.extra(SESSION_KEYS),
        assigned_extra=assigned_extra if any(assigned_extra) else (),
        peer=peer,
        request=request,
        scale=scale,
    )


def _answer_doc(answer: Answer) -> Doc:
    return with_extra(_answer_fields(answer), answer.extra, ANSWER_KEYS)


def _answer_fields(answer: Answer) -> Doc:
    return compact(
        {
            "question": answer.question,
            "skill": answer.skill,
            "count": answer.count,
            "out_of": answer.out_of,
            "rating": answer.rating,
            "skipped": answer.skipped,
            "no_occasion": answer.no_occasion,
            "text": text_doc(answer.text),
            "note": text_doc(answer.note),
        }
    )


def session_doc(session: Session) -> Doc:
    assigned_extra = session.assigned_extra or ({},) * len(session.assigned)
    if len(assigned_extra) != len(session.assigned):
        raise SchemaError("assigned: the kept fields do not match the exercises")
    doc = compact(
        {
            "schema": SCHEMA,
            "id": session.id,
            "kind": session.kind,
            "track": session.track,
            "rubric": session.rubric,
            "device": session.device,
            "started": session.started,
            "updated": session.updated,
            "finished": session.finished,
            "reflection": text_doc(session.reflection),
            "peer": text_doc(session.peer),
            "request": session.request,
            "scale": session.scale,
            "answers": [_answer_doc(a) for a in session.answers],
            "commitments": [
                with_extra(
                    {"id": c.id, "text": c.text, "to": c.to, "due": c.due, "private": c.private},
                    c.extra,
                    COMMITMENT_KEYS,
                )
                for c in session.commitments
            ],
            "commitment_reviews": [
                with_extra(
                    compact(
                        {
                            "commitment": r.commitment,
                            "outcome": r.outcome,
                            "note": text_doc(r.note),
                            "due": r.due,
                        }
                    ),
                    r.extra,
                    COMMITMENT_REVIEW_KEYS,
                )
                for r in session.commitment_reviews
            ],
            "exercise_reviews": [
                with_extra(
                    compact(
                        {"exercise": r.exercise, "outcome": r.outcome, "note": text_doc(r.note)}
                    ),
                    r.extra,
                    EXERCISE_REVIEW_KEYS,
                )
                for r in session.exercise_reviews
            ],
            "assigned": [
                with_extra({"exercise": e}, x, ASSIGNED_KEYS)
                for e, x in zip(session.assigned, assigned_extra, strict=True)
            ],
        }
    )
    # An empty array of tables cannot be written as [[name]]; absent means empty.
    known = {k: v for k, v in doc.items() if v != []}
    return with_extra(known, session.extra, SESSION_KEYS)


def encode_session(session: Session) -> bytes:
    doc = session_doc(session)
    decode_session(doc)
    return to_bytes(doc, inline=True)
