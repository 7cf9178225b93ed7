"""The browser's table: one row per file of the team's folder, drawn only when on screen.

Rows are sorted by any column (`s` cycles the column, `r` reverses, a click on a heading
sorts by it) and filtered by what the browser's filter says. A broken file shows its error
in place of a title; a Markdown postmortem, which opening imports, says "import".
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import ClassVar

from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.message import Message

from pmtui.digest import Digest
from pmtui.folder import Listed
from pmtui.model import TaskStatus, is_overdue
from pmtui.timeshow import format_duration
from pmtui.widgets.line_table import Column, LineTable


@dataclass(frozen=True)
class Field:
    heading: str
    width: int
    shown: Callable[[Listed, date], str]
    order: Callable[[Listed, date], tuple[object, ...]]


def _digest_text(read: Callable[[Digest], str]) -> Callable[[Listed, date], str]:
    return lambda entry, _: read(entry.digest) if entry.digest is not None else ""


def _digest_order(
    read: Callable[[Digest], object], missing: object
) -> Callable[[Listed, date], tuple[object, ...]]:
    """A sort key from the digest; a file without one sorts as `missing`."""
    return lambda entry, _: (read(entry.digest) if entry.digest is not None else missing,)


def _duration(seconds: float | None) -> str:
    from datetime import timedelta

    return format_duration(timedelta(seconds=seconds)) if seconds is not None else ""


def _open_tasks(entry: Listed, today: date) -> tuple[int, int]:
    if entry.digest is None:
        return 0, 0
    open_tasks = [task for task in entry.digest.tasks if task.status is TaskStatus.OPEN]
    return len(open_tasks), sum(1 for task in open_tasks if is_overdue(task.status, task.due, today))


def _tasks_shown(entry: Listed, today: date) -> str:
    waiting, late = _open_tasks(entry, today)
    return f"{waiting}, {late} late" if late else (str(waiting) if entry.digest is not None else "")


def _title(entry: Listed, _: date) -> str:
    if entry.digest is None:
        return "⚠ " + entry.error.removeprefix(str(entry.path) + ": ")
    return entry.digest.title


def _status(entry: Listed, _: date) -> str:
    if entry.digest is None:
        return "broken"
    return "import" if entry.imported else entry.digest.status


FIELDS = (
    Field("Date", 10, _digest_text(lambda d: d.start[:10]), _digest_order(lambda d: d.start, "")),
    Field("Title", 0, _title, lambda e, t: (_title(e, t).casefold(),)),
    Field("Sev", 4, _digest_text(lambda d: d.severity or ""), _digest_order(lambda d: d.severity or "", "")),
    Field("Status", 6, _status, lambda e, t: (_status(e, t),)),
    Field(
        "Lasted",
        9,
        _digest_text(lambda d: _duration(d.duration)),
        _digest_order(lambda d: d.duration or 0, 0),
    ),
    Field(
        "TTR",
        6,
        _digest_text(lambda d: _duration(d.times.get("resolve"))),
        _digest_order(lambda d: d.times.get("resolve", 0), 0),
    ),
    Field("Open", 9, _tasks_shown, lambda e, t: _open_tasks(e, t)[::-1]),
)


class ReportList(LineTable):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select_cursor", "Open", id="browser-open", tooltip="Open the report"),
        Binding("s", "sort_next", "Sort", id="browser-sort", tooltip="Sort by the next column"),
        Binding("r", "reverse", "Reverse", id="browser-reverse", tooltip="Reverse the order"),
    ]

    @dataclass
    class OpenRequested(Message):
        path: os.PathLike[str]

    def __init__(self, today: date, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.today = today
        self.entries: list[Listed] = []
        self.shown: list[Listed] = []
        self._keys: dict[int, int] = {}
        """Each entry's row key, by its identity: the cursor stays on a report when the order changes."""
        self.filter_text = ""
        self.sort_field = 0
        self.descending = True
        self._sorted: list[tuple[Listed, str]] | None = None
        """Every entry in the order asked for, with what the filter looks in: sorted when the
        entries or the order change, filtered on each key typed in the filter."""

    def show_entries(self, entries: list[Listed]) -> None:
        self.entries = entries
        self._keys = {id(entry): number for number, entry in enumerate(entries)}
        self._sorted = None
        self.refill()

    def select_path(self, path: os.PathLike[str]) -> None:
        for index, entry in enumerate(self.shown):
            if os.path.samefile(entry.path, path) if os.path.exists(path) else entry.path == path:
                self.move_cursor(row=index)
                return

    def filter(self, text: str) -> None:
        self.filter_text = text.casefold().strip()
        self.refill()

    def sort_by(self, index: int, descending: bool | None = None) -> None:
        if descending is None:
            descending = not self.descending if index == self.sort_field else index in (0, 4, 5, 6)
        self.sort_field, self.descending = index, descending
        self._sorted = None
        self.refill()

    def sort_label(self) -> str:
        return f"{FIELDS[self.sort_field].heading.lower()} {'↓' if self.descending else '↑'}"

    def refill(self) -> None:
        if self._sorted is None:
            field = FIELDS[self.sort_field]
            ordered = sorted(
                self.entries,
                key=lambda entry: (field.order(entry, self.today), str(entry.path)),
                reverse=self.descending,
            )
            self._sorted = [(entry, _haystack(entry)) for entry in ordered]
        wanted = self.filter_text
        self.shown = [entry for entry, haystack in self._sorted if not wanted or wanted in haystack]
        title_width = self.remaining_width(*(f.width for f in FIELDS if f.width))
        columns = tuple(Column(f.heading, f.width or title_width) for f in FIELDS)
        self.set_rows(columns, [self._keys[id(entry)] for entry in self.shown])

    def row_cells(self, index: int) -> tuple[Text, ...]:
        entry = self.shown[index]
        cells = [Text(f.shown(entry, self.today)) for f in FIELDS]
        if entry.digest is None:
            cells[1].stylize("bold red")
        elif _open_tasks(entry, self.today)[1]:
            cells[6].stylize("bold red")
        return tuple(cells)

    def detail(self) -> str:
        if not 0 <= self.cursor_row < len(self.shown):
            return ""
        entry = self.shown[self.cursor_row]
        return entry.error if entry.digest is None else f"{entry.digest.title} · {entry.path}"

    def selected_entry(self) -> Listed | None:
        return self.shown[self.cursor_row] if 0 <= self.cursor_row < len(self.shown) else None

    def action_select_cursor(self) -> None:
        entry = self.selected_entry()
        if entry is not None:
            self.post_message(self.OpenRequested(entry.path))

    def action_sort_next(self) -> None:
        self.sort_by((self.sort_field + 1) % len(FIELDS))

    def action_reverse(self) -> None:
        self.sort_by(self.sort_field, not self.descending)

    def on_click(self, event: events.Click) -> None:
        if event.y != 0:
            super().on_click(event)
            return
        x = 0
        for index, column in enumerate(self.columns):
            x += column.width + 2
            if event.x < x:
                self.sort_by(index)
                return


def _haystack(entry: Listed) -> str:
    """What the filter looks in: the title, the path, severity and status, the tasks' titles and owners."""
    parts = [str(entry.path), entry.error]
    digest = entry.digest
    if digest is not None:
        parts += [digest.title, digest.severity or "", digest.status]
        parts += [f"{task.title} {task.owner or ''}" for task in digest.tasks]
    return " ".join(parts).casefold()
