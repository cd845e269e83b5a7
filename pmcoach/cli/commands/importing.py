"""pmcoach import: restore a JSON backup, or add what a folder does not have yet."""

from __future__ import annotations

import argparse

from pmcoach.cli.exits import EXIT_OK, UsageError
from pmcoach.cli.folder import data_dir


def run(args: argparse.Namespace) -> int:
    from pmcoach.app import importer
    from pmcoach.cache.opener import open_store
    from pmcoach.export import json_read
    from pmcoach.storage.errors import Locked

    try:
        backup = json_read.read_export(args.file)  # every check before the folder is touched
        store = open_store(data_dir(args))
        try:
            lock = store.lock()
        except Locked as exc:
            raise UsageError(f"{exc}; close it and import again") from None
        with lock:
            outcome = importer.restore(store, backup)
    except json_read.ImportRefused as exc:
        raise UsageError(str(exc)) from None
    print(importer.summary(outcome))
    return EXIT_OK
