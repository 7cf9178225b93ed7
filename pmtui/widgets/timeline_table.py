"""The Timeline tab's table: one row per event, keyed by the event's stable key.

Keys ask for edits (`a` add, `e`/enter edit, `t`/`i` edit in place, `d`
delete, `c` duplicate, a paste adds lines) by posting messages; the table
never changes the report. `z` cycles the zone the
times are shown in: the report's, UTC, or this machine's.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, time, tzinfo
from typing import ClassVar

from dateutil.tz import tzlocal
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.message import Message

from pmtui.labels import EVENT_KIND_LABELS, EVENT_KIND_WIDTH
from pmtui.model import Event, EventMoment, Postmortem, Problem
from pmtui.timeshow import format_event_time
from pmtui.widgets.keyed_table import row_problems
from pmtui.widgets.line_table import Column, LineTable
from pmtui.zones import is_fixed_offset, zone_label

ZONE_MODES = ("report", "utc", "local")
NOTE_LABEL = "note"
"""Shown for a note in the table only: the export writes no label for it (see labels.py)."""
COLUMNS = ("time", "kind", "text")


class TimelineTable(LineTable):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "add", "Add", id="timeline-add", tooltip="Add an event after the selected one"),
        Binding("e,enter", "edit", "Edit", id="timeline-edit", tooltip="Edit the selected event"),
        Binding(
            "t",
            "edit_here('at')",
            "Time",
            id="timeline-time",
            tooltip="Change the event's time in place",
        ),
        Binding(
            "i,f2",
            "edit_here('text')",
            "In place",
            id="timeline-edit-here",
            tooltip="Change the event's time, kind or text in place, under the table",
        ),
        Binding(
            "d,delete",
            "delete",
            "Delete",
            id="timeline-delete",
            tooltip="Delete the selected event (undo brings it back)",
        ),
        Binding(
            "c",
            "duplicate",
            "Duplicate",
            id="timeline-duplicate",
            tooltip="Copy the selected event",
        ),
        Binding(
            "z",
            "cycle_zone",
            "Zone",
            id="timeline-zone",
            tooltip="Show times in the report's zone, UTC or local",
        ),
    ]

    @dataclass
    class AddRequested(Message):
        """Add an event; `after` is the selected event's key, for relative times like +15m."""

        after: int | None

    @dataclass
    class EditRequested(Message):
        key: int

    @dataclass
    class EditHereRequested(Message):
        """Edit in place, with the cursor in `field` ("at" or "text")."""

        key: int
        field: str

    @dataclass
    class PasteRequested(Message):
        """Lines were pasted on the table: each with a time may become an event."""

        text: str

    @dataclass
    class DeleteRequested(Message):
        key: int

    @dataclass
    class DuplicateRequested(Message):
        key: int

    def __init__(self, report: Postmortem, problems: list[Problem], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.report = report
        self.problems = problems
        """The report's warnings as last told; a row with one is marked."""
        self.zone_mode = "report"
        self._problems: dict[int, str] = {}
        self._with_date = False
        self._cells: dict[int, tuple[Event, bool, str | None, tuple[Text, Text, Text]]] = {}
        """Rows drawn so far, by the event's identity (events are replaced, never changed, by
        an edit); emptied when the zone shown changes (`show`)."""
        self._cells_for: tuple[str, str] = ("", "")

    def on_mount(self) -> None:
        self.show(self.report)

    # ------------------------------------------------------------ display

    def display_zone(self) -> tzinfo | None:
        if self.zone_mode == "utc":
            from datetime import timezone

            return timezone.utc
        if self.zone_mode == "local":
            return tzlocal()
        return None

    def zone_heading(self) -> str:
        if self.zone_mode == "utc":
            return "UTC"
        if self.zone_mode == "local":
            return f"local ({zone_label(tzlocal(), datetime.now(tzlocal()))})"
        zone = self.report.timezone
        return zone_label(self.report.zone) if is_fixed_offset(zone) else zone

    def show(self, report: Postmortem, problems: list[Problem] | None = None) -> None:
        """Bring the rows up to date, keeping the cursor on the same event.

        Only the keys and the column widths are worked out for every event; a row's cells
        are made when it is drawn (`row_cells`), so a 10,000-event timeline costs little
        more than a short one.
        """
        if (report.timezone, self.zone_mode) != self._cells_for:
            self._cells.clear()
            self._cells_for = (report.timezone, self.zone_mode)
        self.report = report
        self.problems = self.problems if problems is None else problems
        self._problems = row_problems(self.problems, "timeline")
        self._with_date = report.spans_days()
        heading = f"Time ({self.zone_heading()})"
        time_width = max(len(heading), widest_time(report.timeline, self._time_text))
        columns = (
            Column(heading, time_width),
            Column("Kind", EVENT_KIND_WIDTH),
            Column("Event", self.remaining_width(time_width, EVENT_KIND_WIDTH)),
        )
        if len(self._cells) > 2 * len(report.timeline) + 100:  # rows for events long gone
            self._cells.clear()
        self.set_rows(columns, [event.key for event in report.timeline])

    def _time_text(self, event: Event) -> str:
        return format_event_time(
            event,
            self.report.timezone,
            with_date=self._with_date,
            display=self.display_zone(),
            with_zone=False,  # the zone is in the heading
        )

    def row_cells(self, index: int) -> tuple[Text, Text, Text]:
        event = self.report.timeline[index]
        problem = self._problems.get(index)
        cached = self._cells.get(id(event))
        if cached is not None and cached[0] is event and cached[1:3] == (self._with_date, problem):
            return cached[3]
        text = Text(event.text.replace("\n", " ⏎ "))
        if problem:
            text = Text.assemble(("⚠ " + problem + ": ", "bold red"), text)
        kind = EVENT_KIND_LABELS.get(event.kind)
        kind_cell = Text(kind, style="bold") if kind else Text(NOTE_LABEL, style="dim")
        cells = (Text(self._time_text(event)), kind_cell, text)
        self._cells[id(event)] = (event, self._with_date, problem, cells)
        return cells

    def refill(self) -> None:
        self.show(self.report)

    def detail(self) -> str:
        """The selected event's whole text, and its warning, which the row cuts short."""
        if self.cursor_row >= len(self.report.timeline):
            return ""
        text = self.report.timeline[self.cursor_row].text
        problem = self._problems.get(self.cursor_row)
        return f"⚠ {problem}. {text}" if problem else text

    # ------------------------------------------------------------ actions

    def action_add(self) -> None:
        self.post_message(self.AddRequested(self.selected_key()))

    def action_edit(self) -> None:
        self.post_for_selected(self.EditRequested)

    def action_edit_here(self, field: str) -> None:
        self.post_for_selected(lambda key: self.EditHereRequested(key, field))

    def on_paste(self, event: events.Paste) -> None:
        """A bracketed paste (the terminal's paste) while the table has the focus."""
        if event.text.strip():
            event.stop()
            self.post_message(self.PasteRequested(event.text))

    def action_delete(self) -> None:
        self.post_for_selected(self.DeleteRequested)

    def action_duplicate(self) -> None:
        self.post_for_selected(self.DuplicateRequested)

    def action_cycle_zone(self) -> None:
        self.zone_mode = ZONE_MODES[(ZONE_MODES.index(self.zone_mode) + 1) % len(ZONE_MODES)]
        self.show(self.report)
        self.notify(f"Times shown in {self.zone_heading()}", markup=False)

    def action_select_cursor(self) -> None:
        """Enter edits the row instead of only selecting it."""
        self.action_edit()


def widest_time(timeline: list[Event], shown: Callable[[Event], str]) -> int:
    """The width of the widest of the events' times as `shown`, from one event of each shape a
    time can take (a date, seconds, an approximate reading): formatting 10,000 times took 50 ms."""
    examples: dict[tuple[object, ...], Event] = {}
    for event in timeline:
        examples.setdefault(_time_shape(event.at, event.approximate), event)
    return max((len(shown(event)) for event in examples.values()), default=0)


def _time_shape(at: EventMoment, approximate: str | None) -> tuple[object, ...]:
    """What decides a time's width: a datetime, a wall time or a date, with seconds or not,
    and an approximate reading's length."""
    if isinstance(at, (datetime, time)):
        return (type(at), bool(at.second), bool(at.microsecond), len(approximate or ""))
    return (type(at), 0, 0, len(approximate or ""))
