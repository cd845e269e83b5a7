"""`show_peer_names` in config.toml: off unless set, a boolean or refused with its key."""

from __future__ import annotations

import pytest

from pmcoach.app.settings import PEER_NAMES_WORDS, describe
from pmcoach.domain.model import Config
from pmcoach.storage.config import config_doc, decode_config
from pmcoach.storage.toml_io import SchemaError


def test_off_by_default_and_written_only_when_on() -> None:
    assert decode_config({"schema": 1}).show_peer_names is False
    assert "show_peer_names" not in config_doc(Config())
    on = decode_config({"schema": 1, "show_peer_names": True})
    assert on.show_peer_names and "show_peer_names" not in on.extra
    assert decode_config(config_doc(on)) == on


@pytest.mark.parametrize("value", ["yes", 1, "true"])
def test_anything_but_a_boolean_is_refused(value: object) -> None:
    with pytest.raises(SchemaError, match="show_peer_names"):
        decode_config({"schema": 1, "show_peer_names": value})


def test_pmcoach_config_says_whether_names_show() -> None:
    assert f"peer names:  {PEER_NAMES_WORDS[False]}" in describe(Config())
    assert f"peer names:  {PEER_NAMES_WORDS[True]}" in describe(Config(show_peer_names=True))
