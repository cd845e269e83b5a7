"""Whole documents of each kind of file, written with every field they hold.

A document is checked by its kind's reader, like the typed encoders do, but written
as it is: a field a newer pmcoach added and this model does not carry is not dropped.
"""

from __future__ import annotations

from pmcoach.storage.config import decode_config
from pmcoach.storage.events import decode_event
from pmcoach.storage.sessions import decode_session
from pmcoach.storage.toml_io import Doc, to_bytes

FILE_KINDS = ("session", "event", "config")


def encode_document(kind: str, doc: Doc) -> bytes:
    """A whole document of a kind in FILE_KINDS, checked like the typed encoders but
    written with every field it holds: a migration must not drop fields that a newer
    pmcoach added and this model does not carry."""
    if kind == "session":
        decode_session(doc)
    elif kind == "event":
        decode_event(doc)
    elif kind == "config":
        decode_config(doc)
    else:
        raise ValueError(f"not a kind of file: {kind!r}")
    return to_bytes(doc, inline=kind != "config")
