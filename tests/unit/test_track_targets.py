"""Targets: the user's own, else the track's default, else the global default."""

from __future__ import annotations

from pmcoach.domain.model import Config, Track
from pmcoach.domain.rules import DEFAULT_TARGET
from pmcoach.rubric.load import load_rubric

SENIOR = Track("senior", "Senior PM", ("communicate", "think-big"), targets={"communicate": 5})


def test_the_track_sets_the_default_and_the_user_wins() -> None:
    assert Config().target("communicate", SENIOR) == 5
    assert Config().target("think-big", SENIOR) == DEFAULT_TARGET
    assert Config().target("communicate") == DEFAULT_TARGET
    assert Config(targets={"communicate": 3}).target("communicate", SENIOR) == 3


def test_the_built_in_senior_track_holds_the_core_skills_to_five() -> None:
    rubric = load_rubric(None).rubric
    assert rubric is not None
    senior, new = rubric.track("senior"), rubric.track("new")
    assert senior is not None and new is not None
    for skill in ("communicate", "prioritize", "execute"):
        assert Config().target(skill, senior) == 5
        assert Config().target(skill, new) == 4
    assert Config().target("working-backwards", new) == 3
    assert set(senior.targets) == set(senior.skills)
