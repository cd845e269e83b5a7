"""The built-in rubric, as `pmcoach` loads it with no rubric of the user's."""

from __future__ import annotations

from pmcoach.domain.model import Rubric
from pmcoach.rubric.load import load_rubric


def builtin() -> Rubric:
    rubric = load_rubric(None).rubric
    assert rubric is not None
    return rubric
