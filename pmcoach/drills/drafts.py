"""Working-backwards drafts as Markdown files in `drafts/` of the data folder.

The file is the export: a plain press release and FAQ that reads well in any
Markdown viewer and can be attached or pasted as it is. So it holds no
pmcoach-only fields; the draft is read back from its headings. To keep that
exact, a line of the writer's own text that would read as a heading gets a
backslash in front (`\\## …`, which Markdown shows as `## …`), removed again
on reading, and the customer quote is a block quote whose `> ` is removed.
`parse(render(d)) == d` for every draft (a property test holds it).

Files are written like every other file of the folder (`files.write_atomic`:
temp file, fsync, rename; 0600 in a 0700 folder). `drafts/` is created on the
first save, and is never a link: private words are not written where a link
points.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import stat
from dataclasses import dataclass, replace
from pathlib import Path

from pmcoach.domain import daterange
from pmcoach.domain.ids import new_id
from pmcoach.drills.press_release import SECTIONS, Draft
from pmcoach.storage.errors import StoreError
from pmcoach.storage.files import make_private_dir, write_atomic, write_new
from pmcoach.storage.ids import created

FOLDER = "drafts"
SUFFIX = ".md"
MAX_FILE_BYTES = 1024 * 1024
UNTITLED = "Untitled working-backwards draft"
INTRO = "*A press release and FAQ, written working backwards: problem first.*"

# A line that reads as one of the draft's own headings once any backslashes in front
# of its `#` are taken away.
_HEADING_LIKE = re.compile(r"^( {0,3})(\\*)(#.*)\Z", re.DOTALL)
_HEADINGS = {f"## {s.heading}": s.key for s in SECTIONS if s.key != "headline"}


def _escape(line: str) -> str:
    """A backslash in front of a line that would read as one of the draft's own
    headings (`## The problem`, or `\\## The problem`, so that reading removes just
    the one added). Every other line is written as it is: `## Appendix` stays a
    heading of the writer's own, `\\# a hash` stays as typed."""
    match = _HEADING_LIKE.match(line)
    if match is None or match.group(3).rstrip() not in _HEADINGS:
        return line
    return match.group(1) + "\\" + match.group(2) + match.group(3)


def _unescape(line: str) -> str:
    match = _HEADING_LIKE.match(line)
    if match is None or not match.group(2) or match.group(3).rstrip() not in _HEADINGS:
        return line
    return match.group(1) + match.group(2)[1:] + match.group(3)


def _unquote(line: str) -> str:
    if line.startswith("> "):
        return line[2:]
    return "" if line == ">" else line


def render(draft: Draft) -> str:
    """The Markdown file of a draft."""
    lines = [f"# {draft.headline or UNTITLED}", "", INTRO, ""]
    if draft.preamble:
        lines += [*(_escape(line) for line in draft.preamble.split("\n")), ""]
    for item in SECTIONS:
        if item.key == "headline":
            continue
        lines += [f"## {item.heading}", ""]
        body = draft.get(item.key)
        if not body:
            continue
        escaped = [_escape(line) for line in body.split("\n")]
        if item.key == "quote":
            escaped = [f"> {line}" if line else ">" for line in escaped]
        lines += [*escaped, ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def parse(draft_id: str, markdown: str) -> Draft:
    """A draft from its Markdown; any text at all gives a draft, never an error, so a
    file edited by hand is read as well as it can be."""
    headline = ""
    intro = False
    preamble: list[str] = []
    bodies: dict[str, list[str]] = {}
    current: str | None = None
    for line in markdown.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if current is None and not bodies and not headline and line.startswith("# "):
            headline = line[2:]
            continue
        key = _HEADINGS.get(line.rstrip())
        if key is not None and key not in bodies:
            current = key
            bodies[key] = []
            continue
        if current is not None:
            bodies[current].append(line)
        elif line.strip() == INTRO and not intro:
            intro = True  # written with every draft: not the writer's own text
        else:
            preamble.append(line)
    draft = Draft(draft_id, preamble="\n".join(_unescape(line) for line in preamble))
    if headline.strip() != UNTITLED:
        draft = draft.with_text("headline", headline)
    for key, lines in bodies.items():
        if key == "quote":
            lines = [_unquote(line) for line in lines]
        draft = draft.with_text(key, "\n".join(_unescape(line) for line in lines))
    return draft


def canonical(draft: Draft) -> Draft:
    """The draft as its file keeps it (what `parse(render(draft))` gives back)."""
    out = Draft(draft.id, preamble=draft.preamble)
    for item in SECTIONS:
        out = out.with_text(item.key, draft.get(item.key))
    if out.headline == UNTITLED:
        out = out.with_text("headline", "")
    return out


# --------------------------------------------------------------------------- files


def folder(root: Path) -> Path:
    return root / FOLDER


def new_draft(now: dt.datetime) -> Draft:
    """An empty draft, named like every file of the folder: by time, kind and chance."""
    return Draft(new_id("draft", now.astimezone(dt.UTC)))


def started(draft_id: str) -> dt.datetime | None:
    """When a draft was begun, from its id (`<UTC time>-draft-<hex>`); None for a file
    named by hand or dated outside the range pmcoach computes with (shown in a time
    zone, a time near year 1 or 9999 would overflow)."""
    try:
        when = dt.datetime.strptime(draft_id[:16], "%Y%m%dT%H%M%SZ").replace(tzinfo=dt.UTC)
    except ValueError:
        return None
    return when if daterange.contains(when) else None


def relative_path(draft_id: str) -> str:
    """The draft's path inside the data folder, as drill events record it."""
    return f"{FOLDER}/{draft_id}{SUFFIX}"


def save(root: Path, draft: Draft) -> Path:
    """Write the file of a draft already saved once, atomically; a StoreError says why
    it could not be."""
    path, data = _prepared(root, draft)
    write_atomic(path, data)
    return path


def create(root: Path, draft: Draft) -> tuple[Draft, Path]:
    """A new draft's first save, in a file of its own: another window that began one in
    the same second with the same suffix would otherwise have its file replaced. When
    the name is taken, the id's suffix is drawn again; the draft returned is the one
    saved, and what is saved next must be it."""

    def create_as(draft_id: str) -> tuple[Draft, Path]:
        new = replace(draft, id=draft_id)
        path, data = _prepared(root, new)
        write_new(path, data)
        return new, path

    return created(draft.id, create_as)


def _prepared(root: Path, draft: Draft) -> tuple[Path, bytes]:
    """The draft's path, its folder made, and its bytes."""
    where = folder(root)
    if where.is_symlink():
        raise StoreError(f"{where} is a symbolic link; drafts are not written through links")
    if where.exists() and not where.is_dir():
        raise StoreError(f"{where} is a file, not a folder")
    make_private_dir(where)  # 0700 when it creates it; an existing folder's mode is its owner's
    try:
        data = render(draft).encode("utf-8")
    except UnicodeEncodeError:
        raise StoreError("the draft contains a character that cannot be saved") from None
    return where / f"{draft.id}{SUFFIX}", data


@dataclass(frozen=True)
class DraftFile:
    """One file of `drafts/`: the draft read from it, or why it could not be read."""

    path: Path
    draft: Draft | None
    problem: str | None = None


def load(path: Path) -> DraftFile:
    if path.is_symlink():
        return DraftFile(path, None, "a symbolic link; not read")
    # O_NONBLOCK and the check for a regular file: a FIFO named like a draft would
    # otherwise block the open, and the drills screen with it, until something writes.
    flags = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
        with os.fdopen(fd, "rb") as handle:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode):
                return DraftFile(path, None, "not a regular file; not read")
            if info.st_size > MAX_FILE_BYTES:
                return DraftFile(path, None, f"larger than {MAX_FILE_BYTES // 1024} KiB; not read")
            text = handle.read(MAX_FILE_BYTES + 1).decode("utf-8")
    except UnicodeDecodeError:
        return DraftFile(path, None, "not UTF-8 text; not read")
    except OSError as exc:
        return DraftFile(path, None, exc.strerror or str(exc))
    return DraftFile(path, parse(path.name[: -len(SUFFIX)], text))


def load_all(root: Path) -> list[DraftFile]:
    """Every draft, newest first (ids start with their time); saves in progress skipped.

    A `drafts` that is a link, a file or a folder that cannot be listed is one entry
    saying why: "no drafts yet" would be untrue while they are behind it."""
    where = folder(root)
    if where.is_symlink():
        return [DraftFile(where, None, "a symbolic link; drafts are not read through links")]
    if not where.exists():
        return []
    if not where.is_dir():
        return [DraftFile(where, None, "not a folder; not read")]
    try:
        names = [
            entry.name
            for entry in os.scandir(where)
            if entry.name.endswith(SUFFIX) and not entry.name.startswith(".")
        ]
    except OSError as exc:
        return [DraftFile(where, None, exc.strerror or str(exc))]
    return [load(where / name) for name in sorted(names, reverse=True)]
