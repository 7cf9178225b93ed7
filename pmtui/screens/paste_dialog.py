"""Paste log lines: shows what each pasted line becomes before anything is added.

Opened by a paste on the timeline (with the pasted text) or from the palette
(empty, for the terminal's paste). The list under the text says which events
will be added and which lines have no time; ctrl+s adds them all as one edit.
Escape with text typed asks first, as every dialog does.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static, TextArea

from pmtui.importers.pasted import PastedLines, read_pasted
from pmtui.labels import EVENT_KIND_LABELS, EVENT_KIND_WIDTH
from pmtui.model import Event, Postmortem
from pmtui.screens.discard_question import close_or_ask
from pmtui.timeshow import format_event_time
from pmtui.widgets.text_fields import OrderedTextArea

#: Lines without a time named in the dialog before "and N more".
LEFT_OUT_SHOWN = 3


class PasteDialog(ModalScreen[list[Event] | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="cancel", tooltip="Close; asks first if anything was typed"),
        Binding("ctrl+s", "accept", "Add", id="accept", tooltip="Add these events", priority=True),
    ]

    def __init__(self, report: Postmortem, text: str = "") -> None:
        super().__init__(classes="dialog")
        self.report = report
        self.first_text = text
        self.reading = read_pasted(text, report)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box", id="paste-box"):
            yield Static(Content("Paste log lines into the timeline"), classes="dialog-title")
            yield Label("Lines (each with a time becomes an event)")
            yield OrderedTextArea(self.first_text, id="paste-text", soft_wrap=False, compact=True)
            yield Label("", id="paste-count")
            with VerticalScroll(id="paste-events", can_focus=False):
                yield Static("", id="paste-list")
            yield Static("", id="paste-left-out", classes="dialog-hint")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Add", id="paste-ok", variant="primary", compact=True)
                yield Button("Cancel", id="paste-cancel", compact=True)
            yield Static(Content("ctrl+s: add · escape: cancel"), classes="dialog-hint")

    def on_mount(self) -> None:
        self._show_reading()
        area = self.query_one("#paste-text", TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    @on(TextArea.Changed, "#paste-text")
    def _text_changed(self) -> None:
        self.reading = read_pasted(self.query_one("#paste-text", TextArea).text, self.report)
        self._show_reading()

    def _show_reading(self) -> None:
        reading = self.reading
        count = len(reading.events)
        self.query_one("#paste-count", Label).update(
            Content(
                f"Will add {count} event{'' if count == 1 else 's'}:" if count else "No line has a time yet."
            )
        )
        self.query_one("#paste-list", Static).update(Content("\n".join(self._row(e) for e in reading.events)))
        self.query_one("#paste-left-out", Static).update(Content(describe_left_out(reading)))
        self.query_one("#paste-ok", Button).disabled = not count

    def _row(self, event: Event) -> str:
        when = format_event_time(event, self.report.timezone, with_date=True)
        kind = EVENT_KIND_LABELS.get(event.kind, "note")
        return f"{when}  {kind:<{EVENT_KIND_WIDTH}}  {event.text}"

    @on(Button.Pressed, "#paste-ok")
    def action_accept(self) -> None:
        if self.reading.events:
            self.dismiss(self.reading.events)

    @on(Button.Pressed, "#paste-cancel")
    def _cancel_pressed(self) -> None:
        self.dismiss(None)

    def action_cancel(self) -> None:
        changed = self.query_one("#paste-text", TextArea).text != self.first_text
        close_or_ask(self, "paste", changed=changed)


def describe_left_out(reading: PastedLines) -> str:
    """One line on what will not be added: the lines with no time (and any time that could not be read)."""
    left = reading.left_out
    if not left and not reading.warnings:
        return ""
    parts = []
    if left:
        named = ", ".join(repr(line[:30]) for line in left[:LEFT_OUT_SHOWN])
        more = f" and {len(left) - LEFT_OUT_SHOWN} more" if len(left) > LEFT_OUT_SHOWN else ""
        parts.append(f"Left out, no time: {named}{more}")
    parts.extend(reading.warnings)
    return "; ".join(parts)
