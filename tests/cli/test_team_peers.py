"""The team page reads an export that holds peers' replies: they are read, never named,
and never taken for the PM's own answers."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from support.cli import home, run
from support.exports import peer

from pmcoach.cache.opener import open_store
from pmcoach.domain.model import Answer, Config, Session, Text

BERLIN = ZoneInfo("Europe/Berlin")


def at(day: str, hour: int = 9) -> dt.datetime:
    return dt.datetime.fromisoformat(f"{day}T{hour:02d}:05:00").replace(tzinfo=BERLIN)


def folder(track: str = "new") -> None:
    store = open_store(home())
    store.save_config(
        Config(track=track, review_day=0, review_time=dt.time(9), time_zone="Europe/Berlin")
    )
    started = at("2026-11-16")
    store.save_session(
        Session(
            id=f"{started.astimezone(dt.UTC):%Y%m%dT%H%M%SZ}-weekly-0001",
            kind="weekly",
            track=track,
            rubric="builtin@2026.11",
            device="test-device",
            started=started,
            updated=started,
            finished=started,
            answers=(Answer(question="execute.unblocked", rating=3),),
        )
    )
    store.save_session(peer(at("2026-11-18"), "f001", name="Dana Ruiz", rating=5))
    secret = peer(at("2026-11-19"), "f002", name="PRIVATE peer name", rating=4)
    store.save_session(Session(**{**secret.__dict__, "peer": Text("PRIVATE peer name", True)}))


def test_an_export_with_peer_replies_makes_a_team_page(tmp_path) -> None:  # type: ignore[no-untyped-def]
    folder()
    out = tmp_path / "alex.json"
    done = run("export", "--format", "json", "-o", str(out))
    assert done.returncode == 0, done.stderr
    page = run("team", str(out))
    assert page.returncode == 0, page.stderr
    assert "Dana" not in page.stdout and "PRIVATE" not in page.stdout


def test_an_unknown_track_is_compared_on_its_own_answers_not_a_peer_s(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The peers rated communicate; the PM only ever answered on execute."""
    folder(track="acme-pm")
    out = tmp_path / "alex.json"
    assert run("export", "--format", "json", "-o", str(out)).returncode == 0
    page = run("team", str(out))
    assert page.returncode == 0, page.stderr
    assert "| Execute |" in page.stdout
    assert "Communicate" not in page.stdout
