"""The Timeline tab's table: one row per event, keyed by the event's stable key.

Keys ask for edits (`a` add, `e`/enter edit, `t`/`i` edit in place, `d`
delete, `c` duplicate, a paste adds lines) by posting messages; the table
never changes the report. `z` cycles the zone the
times are shown in: the report's, UTC, or this machine's.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import ClassVar, NamedTuple

from dateutil.tz import tzlocal
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.message import Message

from pmtui.labels import EVENT_KIND_LABELS, EVENT_KIND_WIDTH
from pmtui.model import Event, Postmortem, Problem
from pmtui.timeshow import format_event_time
from pmtui.widgets.keyed_table import KeyedTable, row_problems
from pmtui.zones import is_fixed_offset, zone_label

ZONE_MODES = ("report", "utc", "local")
NOTE_LABEL = "note"
"""Shown for a note in the table only: the export writes no label for it (see labels.py)."""
COLUMNS = ("time", "kind", "text")


class _Row(NamedTuple):
    """A row as the table shows it: its cells, their plain texts (to see what changed) and
    the width of its time."""

    cells: tuple[Text, Text, Text]
    texts: tuple[str, ...]
    time_width: int


class TimelineTable(KeyedTable):
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

    def __init__(self, report: Postmortem, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.report = report
        self.zone_mode = "report"
        self._layout: tuple[str, int, int] = ("", 0, 0)
        self._keys: list[str] = []
        self._row_texts: list[tuple[str, ...]] = []
        self._problems: dict[int, str] = {}
        self._cell_cache: dict[tuple[object, ...], _Row] = {}
        self._cells_for: tuple[str, str] = ("", "")
        """Formatted rows by what they show; emptied when the zone shown changes (`show`)."""

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

        When the events and layout are the same as last time (an edit that kept
        every event in place), only the cells that changed are updated: a full
        rebuild of 1,000 rows takes tens of milliseconds.
        """
        if (report.timezone, self.zone_mode) != self._cells_for:
            self._cell_cache.clear()
            self._cells_for = (report.timezone, self.zone_mode)
        self.report = report
        self._problems = row_problems(report.problems() if problems is None else problems, "timeline")
        times = report.anchored_times()
        with_date = report.is_dated and len({t.astimezone(report.zone).date() for t in times}) > 1
        shown = [
            self._cached_cells(event, with_date, self._problems.get(index))
            for index, event in enumerate(report.timeline)
        ]
        if len(self._cell_cache) > 2 * len(shown) + 100:  # entries for events long gone
            self._cell_cache.clear()
        rows = [row.cells for row in shown]
        heading = f"Time ({self.zone_heading()})"
        time_width = max([len(heading)] + [row.time_width for row in shown])
        layout = (heading, time_width, self.remaining_width(time_width, EVENT_KIND_WIDTH))
        keys = [str(event.key) for event in report.timeline]
        row_texts = [row.texts for row in shown]
        if layout == self._layout and keys == self._keys:
            for key, row, now, before in zip(keys, rows, row_texts, self._row_texts, strict=False):
                if now != before:
                    for column, cell in zip(COLUMNS, row, strict=False):
                        self.update_cell(key, column, cell)
        else:
            self._rebuild(keys, rows, layout)
        self._layout, self._keys, self._row_texts = layout, keys, row_texts

    def _rebuild(
        self, keys: list[str], rows: list[tuple[Text, Text, Text]], layout: tuple[str, int, int]
    ) -> None:
        selected = self.selected_key()
        heading, time_width, text_width = layout
        self.clear(columns=True)
        self.add_column(heading, key="time", width=time_width)
        self.add_column("Kind", key="kind", width=EVENT_KIND_WIDTH)
        self.add_column("Event", key="text", width=text_width)
        for key, row in zip(keys, rows, strict=False):
            self.add_row(*row, key=key)
        if selected is not None:
            self.select_key(selected)

    def _cached_cells(self, event: Event, with_date: bool, problem: str | None) -> _Row:
        """A row's cells, formatted again only when what they show changed: formatting every
        time of a 10,000-event timeline after each edit took most of the edit."""
        shown = (event.key, event.at, event.approximate, event.kind, event.text, with_date, problem)
        row = self._cell_cache.get(shown)
        if row is None:
            cells = self._cells(event, with_date, problem)
            row = self._cell_cache[shown] = _Row(
                cells, tuple(cell.plain for cell in cells), cells[0].cell_len
            )
        return row

    def _cells(self, event: Event, with_date: bool, problem: str | None) -> tuple[Text, Text, Text]:
        report = self.report
        when = format_event_time(
            event,
            report.timezone,
            with_date=with_date,
            display=self.display_zone(),
            with_zone=False,  # the zone is in the heading
        )
        text = Text(event.text.replace("\n", " ⏎ "), no_wrap=True, overflow="ellipsis")
        if problem:
            text = Text.assemble(("⚠ " + problem + ": ", "bold red"), text)
        kind = EVENT_KIND_LABELS.get(event.kind)
        kind_cell = Text(kind, style="bold") if kind else Text(NOTE_LABEL, style="dim")
        return Text(when, no_wrap=True), kind_cell, text

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
