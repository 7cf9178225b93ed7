"""Add or edit one timeline event. Dismisses with a new `Event`; the caller applies it.

While the time is typed, the line under it says what it reads as ("→ 20:30 EAT,
15m after 20:15"), or why it cannot be read; OK takes it. A date alone makes a
date-only event; an approximate time ("~13:30 EAT") is shown as written and kept
while the field is left as it is. Escape closes at once
when nothing was changed, and asks before throwing away what was typed.
"""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar

from pydantic import ValidationError
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static, TextArea

from pmtui.event_time import EventTime
from pmtui.labels import EVENT_KIND_CHOICES
from pmtui.model import Event, EventKind, Postmortem, refusal
from pmtui.screens.discard_question import close_or_ask
from pmtui.widgets.field_error import FieldError, FieldHint
from pmtui.widgets.field_reading import FieldReading
from pmtui.widgets.text_fields import OrderedInput, OrderedTextArea


class EventDialog(ModalScreen[Event | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="cancel", tooltip="Close; asks first if anything was typed"),
        Binding("ctrl+s", "accept", "OK", id="accept", tooltip="Keep this event", priority=True),
    ]

    def __init__(self, title: str, times: EventTime, event: Event | None = None) -> None:
        super().__init__(classes="dialog")
        self.heading = title
        self.times = times
        """How the typed time is read: the report's zone and day, `+15m` from the event before."""
        self.original = event
        self.shown_at = times.shown_event(event) if event else ""
        """The event's time as the field first shows it."""
        self.first_values: tuple[object, ...] = (
            self.shown_at,
            event.kind if event else EventKind.NOTE,
            event.text if event else "",
            (event.link or "") if event else "",
        )
        """What the fields hold when the dialog opens: escape asks only once they differ."""
        self.at_reading = FieldReading(
            self,
            "event-at",
            read=times.read,
            describe=lambda at: times.describe(at, self.at_reading.field.value),
            shown=lambda: self.shown_at,
        )

    @classmethod
    def for_report(
        cls, title: str, report: Postmortem, after: datetime | None = None, event: Event | None = None
    ) -> EventDialog:
        """The dialog for an event of `report`: its zone, its day, and whether it has a date at all."""
        return cls(title, EventTime.for_report(report, after), event=event)

    def compose(self) -> ComposeResult:
        at, kind, text, link = self.first_values
        with Vertical(classes="dialog-box", id="event-box"):
            yield Static(Content(self.heading), classes="dialog-title")
            yield Label("When (14:05, 2:05 PM EAT, 2024-05-10 14:05 UTC, +15m)")
            yield OrderedInput(str(at), id="event-at", placeholder="14:05", compact=True)
            yield FieldHint("", id="event-at-hint", classes="field-hint")
            yield FieldError("", id="event-at-error", classes="field-error")
            yield Label("Kind")
            yield Select(
                EVENT_KIND_CHOICES,
                value=kind,
                allow_blank=False,
                id="event-kind",
                compact=True,
            )
            yield Label("What happened")
            yield OrderedTextArea(str(text), id="event-text", soft_wrap=True, compact=True)
            yield FieldError("", id="event-text-error", classes="field-error")
            yield Label("Evidence link (optional)")
            yield OrderedInput(str(link), id="event-link", placeholder="https://", compact=True)
            with Horizontal(classes="dialog-buttons"):
                yield Button("OK", id="event-ok", variant="primary", compact=True)
                yield Button("Cancel", id="event-cancel", compact=True)
            yield Static(Content("ctrl+s: OK · escape: cancel"), classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#event-at", Input).focus()

    def _values(self) -> tuple[object, ...]:
        return (
            self.query_one("#event-at", Input).value,
            self.query_one("#event-kind", Select).value,
            self.query_one("#event-text", TextArea).text,
            self.query_one("#event-link", Input).value,
        )

    @on(Input.Changed, "#event-at")
    def _at_typed(self) -> None:
        self.at_reading.follow()

    @on(Input.Submitted)
    @on(Button.Pressed, "#event-ok")
    def action_accept(self) -> None:
        try:
            at = self.at_reading.take_or(self.original.at if self.original else None)
        except ValueError:
            return
        link = self.query_one("#event-link", Input).value.strip() or None
        kept = self.original is not None and not self.at_reading.typed
        try:
            event = Event(
                at=at,
                approximate=self.original.approximate if kept and self.original else None,
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
    def _cancel_pressed(self) -> None:
        self.dismiss(None)

    def action_cancel(self) -> None:
        close_or_ask(self, "event", changed=self._values() != self.first_values)
