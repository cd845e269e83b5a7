"""Find the line of a table or key in TOML source text.

tomllib gives lines only for syntax errors. A rubric problem such as "four
anchors instead of five" is found after parsing, so its line is recovered by
scanning the text the way a reader would: headers (`[x]`, `[[x]]`) and
`key =` assignments, skipping strings and comments so that text inside a
multi-line string is never mistaken for a key.
"""

from __future__ import annotations

import re

_BARE = r"[A-Za-z0-9_-]+"
_QUOTED = r"\"(?:[^\"\\]|\\.)*\"|'[^']*'"
_KEY = rf"(?:{_BARE}|{_QUOTED})"
_DOTTED = rf"{_KEY}(?:\s*\.\s*{_KEY})*"
_HEADER = re.compile(rf"^\s*(\[\[?)\s*({_DOTTED})\s*(\]\]?)")
_ASSIGN = re.compile(rf"^\s*({_DOTTED})\s*=")
_SEGMENT = re.compile(_KEY)

Where = tuple[str, int | None]


def _first_segment(dotted: str) -> str:
    found = _SEGMENT.match(dotted.strip())
    if not found:
        return dotted
    seg = found.group(0)
    if seg[:1] in "\"'":
        return seg[1:-1]
    return seg


def _normalise(dotted: str) -> str:
    parts = []
    for seg in _SEGMENT.findall(dotted):
        parts.append(seg[1:-1] if seg[:1] in "\"'" else seg)
    return ".".join(parts)


class SourceMap:
    """Lines of headers and keys in one TOML document, 1-based."""

    def __init__(self, text: str) -> None:
        # Scanned on the first question: a rubric without problems never asks, and
        # scanning the built-in files is a third of loading them.
        self._text: str | None = text
        self._headers: dict[Where, int] = {}
        self._keys: dict[tuple[Where, str], int] = {}

    def _scanned(self) -> None:
        if self._text is not None:
            text, self._text = self._text, None
            self._scan(text)

    def line_of(self, table: str, index: int | None, key: str | None) -> int | None:
        self._scanned()
        where: Where = (table, index)
        if key is not None:
            line = self._keys.get((where, key))
            if line is not None:
                return line
        return self._headers.get(where)

    def line_of_key(self, table: tuple[str, ...], key: str) -> int | None:
        self._scanned()
        where: Where = (".".join(table), None)
        return self._keys.get((where, key))

    def _scan(self, text: str) -> None:
        counts: dict[str, int] = {}
        current: Where = ("", None)
        # Inside `[question.observer]` after a `[[question]]`: the keys belong to that
        # question, under this prefix ("observer.prompt"), not to a table of their own.
        prefix = ""
        in_multiline: str | None = None
        for number, line in enumerate(text.splitlines(), start=1):
            if in_multiline is not None:
                end = line.find(in_multiline)
                if end < 0:
                    continue
                rest = line[end + 3 :]
                in_multiline = _multiline_opened(rest, None)
                continue
            header = _HEADER.match(line)
            if header and (header.group(1) == "[[") == (header.group(3) == "]]"):
                name = _normalise(header.group(2))
                prefix = ""
                owner, _dot, sub = name.partition(".")
                if header.group(1) == "[[":
                    index = counts.get(name, 0)
                    counts[name] = index + 1
                    current = (name, index)
                    self._headers.setdefault(current, number)
                elif sub and owner in counts:
                    current, prefix = (owner, counts[owner] - 1), sub
                    self._keys.setdefault((current, sub), number)
                else:
                    current = (name, None)
                    self._headers.setdefault(current, number)
                in_multiline = _multiline_opened(line[header.end() :], None)
                continue
            assign = _ASSIGN.match(line)
            if assign:
                key = _first_segment(assign.group(1))
                dotted = _normalise(assign.group(1))
                if prefix:
                    key, dotted = f"{prefix}.{key}", f"{prefix}.{dotted}"
                self._keys.setdefault((current, key), number)
                # `levels.senior = [...]`: the whole dotted key too, so a problem with
                # one ladder names its own line, not the first `levels.` line.
                if dotted != key:
                    self._keys.setdefault((current, dotted), number)
                line = line[assign.end() :]
            in_multiline = _multiline_opened(line, None)


def _multiline_opened(line: str, state: str | None) -> str | None:
    """Walk one line's value text; return the delimiter of a multi-line string left open."""
    i, n = 0, len(line)
    while i < n:
        ch = line[i]
        if ch == "#":
            return None
        if line.startswith('"""', i) or line.startswith("'''", i):
            delim = line[i : i + 3]
            end = line.find(delim, i + 3)
            if end < 0:
                return delim
            i = end + 3
            # A closing delimiter may be followed by up to two more quotes.
            while i < n and line[i] == delim[0]:
                i += 1
            continue
        if ch == '"':
            i += 1
            while i < n and line[i] != '"':
                i += 2 if line[i] == "\\" else 1
            i += 1
            continue
        if ch == "'":
            end = line.find("'", i + 1)
            i = n if end < 0 else end + 1
            continue
        i += 1
    return state
