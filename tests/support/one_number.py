"""One history whose figures every surface must write alike (docs/definitions.md, "How
figures are written"): Prioritize at exactly 3.0, target 5, gap 2.0, risen +1.0."""

from __future__ import annotations

from pmcoach.app.workspace import Workspace
from pmcoach.domain import rotation
from pmcoach.storage.store import Store
from support.peer_replies import peer_reply
from support.tui import configured, data_dir, finished_session, local

# A whole score: where a sentence wrote "3" and a table "3.0", the two seemed to disagree.
START, SCORE, TARGET, GAP, CHANGE = "2.0", "3.0", "5", "2.0", "+1.0"


def history() -> Store:
    """Two full assessments: Prioritize 2 then 3 on each rating question, every other skill
    at its target, so Prioritize is the focus; two peers rated it."""
    store = configured("senior")
    workspace = Workspace.open(data_dir())
    rubric, track = workspace.rubric, workspace.track
    config = workspace.config or workspace.default_config()
    questions = [q for q in rotation.full_questions(rubric, track) if q.kind == "rating"]
    for day, rating, suffix in (("2026-10-12", 2, "0001"), ("2026-11-16", 3, "0002")):
        ratings = {
            q.id: rating if q.skill == "prioritize" else config.target(q.skill, track)
            for q in questions
        }
        finished_session(store, local(day), ratings, kind="full", suffix=suffix)
    first = next(q.id for q in questions if q.skill == "prioritize")
    peer_reply(store, local("2026-11-10", 11), "Sam", {first: 3})
    peer_reply(store, local("2026-11-11", 11), "Dana", {first: 4})
    return store
