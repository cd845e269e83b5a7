"""Track, review day and time, time zone, the person's name and targets: shared by
onboarding and settings."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Input, RadioSet, Select, Static

from pmcoach.app.settings import parse_name, parse_review_time, valid_zone
from pmcoach.domain.model import Config, Rubric
from pmcoach.domain.rules import WEEKDAYS
from pmcoach.text.sanitize import one_line
from pmcoach.tui.widgets.marked import MarkedCheckbox, MarkedRadioButton
from pmcoach.tui.widgets.typed import PlainInput

PEER_NAMES_LABEL = "Show peers' names on screen"


class SettingsForm(VerticalScroll, can_focus=False):
    """Collects a Config; `value()` says what is wrong instead of returning one."""

    def __init__(
        self, rubric: Rubric, config: Config, *, id: str | None = None, peer_names: bool = False
    ) -> None:
        super().__init__(id=id)
        self.rubric = rubric
        self.config = config
        # Whether peers' names are shown is asked in the settings only: nobody has a
        # peer's reply at set-up.
        self._peer_names = peer_names
        # What each target reads when the form opens: the user's own, else the default
        # of their track (docs/definitions.md, "Senior scope").
        opened = rubric.track(config.track)
        self._shown = {s.id: config.target(s.id, opened) for s in rubric.skills}

    def compose(self) -> ComposeResult:
        with Horizontal(classes="row"):
            yield Static("Track", classes="label", markup=False)
            with RadioSet(id="track"):
                for track in self.rubric.tracks:
                    yield MarkedRadioButton(
                        Content(one_line(track.title, 30)),
                        value=track.id == self.config.track,
                        id=f"track-{track.id}",
                    )
        with Horizontal(classes="row"):
            yield Static("Review day", classes="label", markup=False)
            yield Select(
                [(day.capitalize(), index) for index, day in enumerate(WEEKDAYS)],
                value=self.config.review_day,
                allow_blank=False,
                id="review-day",
            )
        with Horizontal(classes="row"):
            yield Static("Review time", classes="label", markup=False)
            yield PlainInput(
                f"{self.config.review_time:%H:%M}", placeholder="HH:MM", id="review-time"
            )
        with Horizontal(classes="row"):
            yield Static("Time zone", classes="label", markup=False)
            yield PlainInput(self.config.time_zone, placeholder="Europe/Berlin", id="time-zone")
        with Horizontal(classes="row"):
            yield Static("Your name", classes="label", markup=False)
            yield PlainInput(self.config.name or "", placeholder="optional", id="name")
        if self._peer_names:
            with Horizontal(classes="row"):
                yield Static("Peers", classes="label", markup=False)
                yield MarkedCheckbox(
                    Content(PEER_NAMES_LABEL),
                    value=self.config.show_peer_names,
                    id="show-peer-names",
                )
        yield Static("Targets (the rating you aim for on each skill)", classes="section")
        for skill in self.rubric.skills:
            with Horizontal(classes="row target-row"):
                yield Static(Content(one_line(skill.title, 22)), classes="label")
                yield Select(
                    [(str(n), n) for n in range(1, 6)],
                    value=self._shown[skill.id],
                    allow_blank=False,
                    id=f"target-{skill.id}",
                )

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        """Another track: the targets the user never set show that track's defaults."""
        pressed = event.radio_set.pressed_button
        if event.radio_set.id != "track" or pressed is None or pressed.id is None:
            return
        track = self.rubric.track(pressed.id.removeprefix("track-"))
        for skill in self.rubric.skills:
            select = self.query_one(f"#target-{skill.id}", Select)
            if skill.id in self.config.targets or select.value != self._shown[skill.id]:
                continue
            default = Config().target(skill.id, track)
            self._shown[skill.id] = default
            select.value = default

    def value(self) -> Config | str:
        radio = self.query_one("#track", RadioSet)
        pressed = radio.pressed_button
        if pressed is None or pressed.id is None:
            return "Choose a track."
        track = pressed.id.removeprefix("track-")
        time_text = self.query_one("#review-time", Input).value
        review_time = parse_review_time(time_text)
        if review_time is None:
            return f"Review time '{one_line(time_text, 20)}' is not HH:MM (for example 09:00)."
        zone = self.query_one("#time-zone", Input).value.strip()
        if not valid_zone(zone):
            return f"Unknown time zone '{one_line(zone, 40)}' (for example Europe/Berlin, UTC)."
        try:
            name = parse_name(self.query_one("#name", Input).value)
        except ValueError as exc:
            return str(exc)
        day = self.query_one("#review-day", Select).value
        targets: dict[str, int] = {}
        chosen_track = self.rubric.track(track)
        for skill in self.rubric.skills:
            chosen = self.query_one(f"#target-{skill.id}", Select).value
            if not isinstance(chosen, int):
                continue
            # A target left as it opened and never set stays the track's default, so
            # it follows the track when the track changes; one set to the track's
            # default is the default again.
            touched = chosen != self._shown[skill.id] or skill.id in self.config.targets
            if touched and chosen != Config().target(skill.id, chosen_track):
                targets[skill.id] = chosen
        names = self.config.show_peer_names
        if self._peer_names:
            names = self.query_one("#show-peer-names", MarkedCheckbox).value
        # Onto the config the form was opened with, so what the form does not show
        # (the set-up date) is kept.
        return replace(
            self.config,
            track=track,
            review_day=day if isinstance(day, int) else 0,
            review_time=review_time if isinstance(review_time, dt.time) else dt.time(9),
            time_zone=zone,
            targets=targets,
            name=name,
            show_peer_names=names,
        )
