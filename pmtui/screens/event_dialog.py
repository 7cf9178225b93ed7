"""Add or edit one timeline event. Dismisses with a new `Event`; the caller applies it."""

from __future__ import annotations

from datetime import date, datetime
from typing import ClassVar
from zoneinfo import ZoneInfo

from pydantic import ValidationError
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static, TextArea

from pmtui.labels import EVENT_KIND_LABELS
from pmtui.model import Event, EventKind, Postmortem, refusal
from pmtui.timeparse import TimeParseError, format_moment, is_relative, parse_moment
from pmtui.widgets.field_error import FieldError
from pmtui.widgets.text_fields import OrderedInput, OrderedTextArea

KIND_OPTIONS = [(EVENT_KIND_LABELS.get(kind, "note"), kind) for kind in EventKind]


class EventDialog(ModalScreen[Event | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="cancel", tooltip="Close without changing the timeline"),
        Binding("ctrl+s", "accept", "OK", id="accept", tooltip="Keep this event", priority=True),
    ]

    def __init__(
        self,
        title: str,
        zone: str,
        on_day: date | None,
        after: datetime | None,
        event: Event | None = None,
        dateless: bool = False,
    ) -> None:
        super().__init__(classes="dialog")
        self.heading = title
        self.zone = zone
        self.on_day = on_day
        self.after = after
        self.original = event
        self.dateless = dateless
        """The report has no date: a relative time (+15m) stays a date-less time."""

    @classmethod
    def for_report(
        cls, title: str, report: Postmortem, after: datetime | None = None, event: Event | None = None
    ) -> EventDialog:
        """The dialog for an event of `report`: its zone, its day, and whether it has a date at all."""
        return cls(
            title, report.timezone, report.incident_date, after, event=event, dateless=not report.is_dated
        )

    def compose(self) -> ComposeResult:
        event = self.original
        when = format_moment(event.at, self.zone, with_date=isinstance(event.at, datetime)) if event else ""
        with Vertical(classes="dialog-box", id="event-box"):
            yield Static(Content(self.heading), classes="dialog-title")
            yield Label("When (14:05, 2:05 PM EAT, 2024-05-10 14:05 UTC, +15m)")
            yield OrderedInput(when, id="event-at", placeholder="14:05", compact=True)
            yield FieldError("", id="event-at-error", classes="field-error")
            yield Label("Kind")
            yield Select(
                KIND_OPTIONS,
                value=event.kind if event else EventKind.NOTE,
                allow_blank=False,
                id="event-kind",
                compact=True,
            )
            yield Label("What happened")
            yield OrderedTextArea(event.text if event else "", id="event-text", soft_wrap=True, compact=True)
            yield FieldError("", id="event-text-error", classes="field-error")
            yield Label("Evidence link (optional)")
            yield OrderedInput(
                (event.link or "") if event else "", id="event-link", placeholder="https://", compact=True
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button("OK", id="event-ok", variant="primary", compact=True)
                yield Button("Cancel", id="event-cancel", compact=True)
            yield Static(Content("ctrl+s: OK · escape: cancel"), classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#event-at", Input).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#event-ok")
    def action_accept(self) -> None:
        at_input = self.query_one("#event-at", Input)
        at_error = self.query_one("#event-at-error", FieldError)
        try:
            at = parse_moment(at_input.value, self.zone, on=self.on_day, after=self.after)
        except TimeParseError as error:
            at_input.add_class("-invalid")
            at_error.say(str(error))
            at_input.focus()
            return
        if self.dateless and isinstance(at, datetime) and is_relative(at_input.value):
            at = at.astimezone(ZoneInfo(self.zone)).time().replace(tzinfo=None)
        at_input.remove_class("-invalid")
        at_error.say("")
        link = self.query_one("#event-link", Input).value.strip() or None
        try:
            event = Event(
                at=at,
                kind=self.query_one("#event-kind", Select).value,
                text=self.query_one("#event-text", TextArea).text.strip("\n"),
                link=link,
            )
        except ValidationError as error:
            self.query_one("#event-text-error", FieldError).say(refusal(error, with_field=True))
            return
        if self.original is not None:
            event._key = self.original.key
        self.dismiss(event)

    @on(Button.Pressed, "#event-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
