"""Rubric banks: their schema, reading and checking them, and the built-in ones."""
