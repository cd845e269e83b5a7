"""The person's name in config.toml: one printable line, kept as a field of its own."""

from __future__ import annotations

import pytest

from pmcoach.domain.model import Config
from pmcoach.storage.config import NAME_LIMIT, config_doc, decode_config
from pmcoach.storage.toml_io import SchemaError


def test_a_name_reads_back_and_its_spaces_are_tidied() -> None:
    config = decode_config({"schema": 1, "name": "  Alex \t Doe "})
    assert config.name == "Alex Doe" and "name" not in config.extra
    assert decode_config(config_doc(config)) == config
    assert "name" not in config_doc(Config())


@pytest.mark.parametrize("name", ["Alex\x1b[31m", "x" * (NAME_LIMIT + 1), "A\u202eB"])
def test_a_name_that_cannot_be_shown_is_refused(name: str) -> None:
    with pytest.raises(SchemaError, match=r"^name: expected one line"):
        decode_config({"schema": 1, "name": name})


def test_an_empty_name_is_no_name() -> None:
    assert decode_config({"schema": 1, "name": "   "}).name is None
