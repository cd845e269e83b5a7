"""A manager's session as a hand edit or a sync tool may leave it, with thousands of
ratings (the loader takes any number): its results work out one's own score of a skill
once, not once a rating. Each score reads the whole history, so a file of 20,000 ratings
over ten years of check-ins held the results screen for minutes."""

from __future__ import annotations

import dataclasses

import pytest
from support import exports
from support.tui import TODAY, configured, data_dir, finished_session, local

from pmcoach.app.present.results import results
from pmcoach.app.workspace import Workspace
from pmcoach.domain import scores
from pmcoach.domain.model import LEVELS_SCALE, Answer


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PMCOACH_TODAY", TODAY)
    monkeypatch.setenv("PMCOACH_NO_FSYNC", "1")


def test_a_session_of_many_ratings_scores_each_skill_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    store = configured()
    finished_session(store, local("2026-11-16"), {"communicate.answer-first": 2})
    ratings = [
        Answer(skill=skill, rating=rating)
        for _ in range(50)
        for skill in ("communicate", "execute")
        for rating in (1, 4)
    ]
    session = dataclasses.replace(
        exports.manager(local("2026-11-20"), "0000", scale=LEVELS_SCALE),
        answers=tuple(ratings),
    )
    store.save_session(session)
    workspace = Workspace.open(data_dir())
    counted: list[str] = []
    real = scores.skill_score

    def counting(*args: object, **kwargs: object) -> float | None:
        counted.append(str(args[2]))
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(scores, "skill_score", counting)
    try:
        lines = results(workspace, session).answers
    finally:
        workspace.close()
    assert len(lines) == len(ratings)
    assert sorted(counted) == ["communicate", "execute"]
    shown = {(line.question_id, line.rating_text): (line.you, line.difference) for line in lines}
    assert shown[("communicate", "4")] == ("2.0", "+2.0")
    assert shown[("communicate", "1")] == ("2.0", "−1.0")
    assert shown[("execute", "4")] == ("–", "–")
