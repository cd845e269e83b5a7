"""The coaching rules, as pure functions over small frozen dataclasses: no files, no screens."""
