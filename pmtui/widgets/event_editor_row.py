"""Edit the selected event's time, kind or text in place, under the timeline table.

A quick fix should not need the whole form: `t` (time) or `i`/F2 (text) on a
row opens this one-line editor with the event's values; enter keeps them, and
escape closes it (the editor screen asks first when something was typed). The
time is read as the event dialog reads it (event_time.py), and a time that
cannot be read stays typed, marked with the reason. Several-line texts are
left to the full form (`e`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from pydantic import ValidationError
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Input, Select

from pmtui.event_time import EventTime
from pmtui.labels import EVENT_KIND_CHOICES
from pmtui.model import Event, EventKind, EventMoment, refusal
from pmtui.widgets.field_error import FieldError, FieldHint
from pmtui.widgets.field_reading import FieldReading
from pmtui.widgets.text_fields import OrderedInput

#: What each opening key puts the cursor in.
FIELD_IDS = {"at": "inline-at", "kind": "inline-kind", "text": "inline-text"}


class EventEditorRow(Vertical):
    """Hidden until `open`; posts `Submitted` with the changed event, or `Closing` on escape."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Cancel", id="inline-cancel", tooltip="Close without changing the event"),
    ]

    @dataclass
    class Submitted(Message):
        key: int
        event: Event

    @dataclass
    class Closing(Message):
        """Escape: `changed` says whether anything was typed (the screen asks before dropping it)."""

        editor: EventEditorRow
        changed: bool

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.original: Event | None = None
        self.times: EventTime | None = None
        self.first_values: tuple[object, ...] = ()
        self.at_reading = FieldReading(
            self,
            "inline-at",
            read=self._read_at,
            describe=lambda at: self.times.describe(at, self.at_reading.field.value) if self.times else "",
            shown=lambda: str(self.first_values[0]) if self.first_values else "",
        )

    def compose(self) -> ComposeResult:
        with Horizontal(id="inline-fields"):
            yield OrderedInput("", id="inline-at", name="Event time", placeholder="14:05", compact=True)
            yield Select(
                EVENT_KIND_CHOICES,
                value=EventKind.NOTE,
                allow_blank=False,
                id="inline-kind",
                name="Event kind",
                compact=True,
            )
            yield OrderedInput(
                "", id="inline-text", name="Event text", placeholder="what happened", compact=True
            )
        yield FieldHint("", id="inline-at-hint", classes="field-hint")
        yield FieldError("", id="inline-at-error", classes="field-error")

    def on_mount(self) -> None:
        self.display = False

    @property
    def is_open(self) -> bool:
        return self.display and self.original is not None

    def open(self, event: Event, times: EventTime, field: str = "text") -> None:
        """Show `event`'s values and put the cursor in `field` ("at", "kind" or "text")."""
        self.original, self.times = event, times
        several_lines = "\n" in event.text
        shown_text = event.text.replace("\n", " ⏎ ") if several_lines else event.text
        self.first_values = (times.shown_event(event), event.kind, shown_text)
        self.query_one("#inline-at", Input).value = str(self.first_values[0])
        self.query_one("#inline-kind", Select).value = event.kind
        text = self.query_one("#inline-text", Input)
        text.value = shown_text
        text.disabled = several_lines
        text.tooltip = "Several lines: e opens the full form" if several_lines else None
        self.at_reading.quiet()
        self.display = True
        # a text of several lines is the full form's (e): the cursor goes to the time instead
        target = self.query_one(f"#{FIELD_IDS['at' if several_lines and field == 'text' else field]}")
        self.screen.set_focus(target)
        if target.id == "inline-text" and isinstance(target, Input):
            target.call_later(target.action_end)  # text is added to, not replaced; a time is typed over

    def close(self) -> None:
        self.original = None
        self.at_reading.quiet()
        self.display = False

    def values(self) -> tuple[object, ...]:
        return (
            self.query_one("#inline-at", Input).value,
            self.query_one("#inline-kind", Select).value,
            self.query_one("#inline-text", Input).value,
        )

    def _read_at(self, text: str) -> EventMoment:
        if self.times is None:
            raise ValueError("no event is being edited")
        return self.times.read(text)

    @on(Input.Changed, "#inline-at")
    def _at_typed(self) -> None:
        if self.is_open:
            self.at_reading.follow()

    @on(Input.Submitted)
    def _submitted(self, message: Input.Submitted) -> None:
        message.stop()
        original = self.original
        if original is None:
            return
        try:
            at = self.at_reading.take_or(original.at)
        except ValueError:
            return
        text_field = self.query_one("#inline-text", Input)
        text = original.text if text_field.disabled else text_field.value.strip()
        approximate = original.approximate if not self.at_reading.typed else None  # a typed time is exact
        try:
            event = Event(
                at=at,
                approximate=approximate,
                kind=self.query_one("#inline-kind", Select).value,
                text=text,
                link=original.link,
            )
        except ValidationError as error:
            self.at_reading.refuse(refusal(error, with_field=True))
            return
        event._key = original.key
        self.post_message(self.Submitted(original.key, event))

    def action_close(self) -> None:
        self.post_message(self.Closing(self, changed=self.values() != self.first_values))
