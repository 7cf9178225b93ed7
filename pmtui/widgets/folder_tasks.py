"""The browser's Tasks view: the folder's action items as `pmtui tasks` lists them, overdue first.

Space asks for the selected task to be marked done, or open again, in its report (the browser
writes it: task_marking.py); `a` shows done and dropped tasks too; enter opens the report.
A task just marked keeps its place and stays in view until the list is sorted again (another
filter, `a`, the folder read again), so a second press never lands on another task.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message

from pmtui.folder import Listed
from pmtui.follow_up import TaskRow, Wanted, task_rows
from pmtui.labels import TASK_BOXES
from pmtui.model import TaskStatus
from pmtui.widgets.line_table import Column, LineTable
from pmtui.widgets.report_list import ReportList

BOX, DUE, OWNER, REPORT = 3, 10, 8, 18


class FolderTasks(LineTable):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "space",
            "mark",
            "Done/open",
            id="folder-tasks-mark",
            tooltip="Mark the task done, or open again, in its report",
        ),
        Binding("a", "every_status", "All", id="folder-tasks-all", tooltip="Show done and dropped tasks too"),
        Binding("enter", "select_cursor", "Open", id="folder-tasks-open", tooltip="Open the task's report"),
    ]

    @dataclass
    class MarkRequested(Message):
        row: TaskRow

    def __init__(self, today: date, folder: Path, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.today = today
        self.folder = folder
        self.entries: list[Listed] = []
        self.rows: list[TaskRow] = []
        self.every_status = False
        self.filter_text = ""
        self._keys: dict[tuple[Path, int, str], int] = {}
        """A stable row key per task (its report and place): the cursor stays on a task."""
        self._sorted: list[tuple[TaskRow, str]] | None = None
        """Every wanted task in order, with what the filter looks in: sorted once per change of
        the tasks (200 ms for 60,000), filtered on each key typed in the filter."""

    def show(self, entries: list[Listed], filter_text: str) -> None:
        """The tasks of these reports that the filter lets through; sorted again only when the
        reports are another list than last time."""
        if entries is not self.entries:
            self.entries = entries
            self._sorted = None
        self.filter_text = filter_text.casefold().strip()
        self.refill()

    def refill(self) -> None:
        """Filter, sorting afresh (overdue first, then by due date) if the tasks changed."""
        if self._sorted is None:
            wanted_tasks = task_rows(self.entries, self.today, Wanted(every_status=self.every_status))
            self._sorted = [(row, _haystack(row)) for row in wanted_tasks]
        wanted = self.filter_text
        self.rows = [row for row, haystack in self._sorted if not wanted or wanted in haystack]
        self._show_rows()

    def report_changed(self, entry: Listed) -> None:
        """A report was written (a task marked): its rows change in place, none moves or goes."""
        old = next((known for known in self.entries if known.path == entry.path), None)
        self.entries = [entry if known is old else known for known in self.entries]
        self._sorted = None  # the next filter sorts afresh; until then, nothing moves
        if old is None or _titles(old) != _titles(entry):
            self.refill()  # its tasks changed on disk meanwhile: list it afresh
            return
        fresh = {row.position: row for row in task_rows([entry], self.today, Wanted(every_status=True))}
        self.rows = [fresh[row.position] if row.report == entry.path else row for row in self.rows]
        self._show_rows()

    def _show_rows(self) -> None:
        """A box as the editor's task list has ([ ], [x], [-]), due, owner, task, report's title."""
        keys = [self._key(row) for row in self.rows]
        task_width = self.remaining_width(BOX, DUE, OWNER, REPORT)
        columns = (
            Column("", BOX),
            Column("Due", DUE),
            Column("Owner", OWNER),
            Column("Task", task_width),
            Column("Report", REPORT),
        )
        self.set_rows(columns, keys)

    def _key(self, row: TaskRow) -> int:
        """By report, place and title: a task changed on disk at the same place is another row."""
        return self._keys.setdefault((row.report, row.position, row.task.title), len(self._keys))

    def row_cells(self, index: int) -> tuple[Text, ...]:
        row = self.rows[index]
        task = row.task
        cells = (
            Text(TASK_BOXES[task.status]),
            Text(task.due.isoformat() if task.due else ""),
            Text(task.owner or ""),
            Text(task.title),
            Text(row.report_title),
        )
        if row.overdue:
            cells[1].stylize("bold red")
        elif task.status is not TaskStatus.OPEN:
            for cell in cells[1:4]:
                cell.stylize("dim")
        return cells

    def _report_name(self, path: Path) -> str:
        """The report's path within the browsed folder."""
        try:
            return os.path.relpath(path, self.folder)
        except ValueError:  # pragma: no cover - another drive on Windows
            return str(path)

    def detail(self) -> str:
        row = self.selected_row()
        if row is None:
            return ""
        task = row.task
        who = f" · {task.owner}" if task.owner else ""
        due = f" · due {task.due.isoformat()}{' (overdue)' if row.overdue else ''}" if task.due else ""
        return f"{task.title}{who}{due} · {row.report_title} ({self._report_name(row.report)})"

    def selected_row(self) -> TaskRow | None:
        return self.rows[self.cursor_row] if 0 <= self.cursor_row < len(self.rows) else None

    def action_mark(self) -> None:
        row = self.selected_row()
        if row is not None:
            self.post_message(self.MarkRequested(row))

    def action_every_status(self) -> None:
        self.every_status = not self.every_status
        self._sorted = None
        self.refill()

    def action_select_cursor(self) -> None:
        row = self.selected_row()
        if row is not None:
            self.post_message(ReportList.OpenRequested(row.report))

    def counts(self) -> str:
        """What the status line says of the list: how many tasks (open ones, unless every status
        is shown: a task just marked done stays in view but no longer counts), how many overdue."""
        late = sum(1 for row in self.rows if row.overdue)
        if self.every_status:
            count, what = len(self.rows), "task"
        else:
            count, what = sum(1 for row in self.rows if row.task.status is TaskStatus.OPEN), "open task"
        return f"{count} {what}{'' if count == 1 else 's'}" + (f" · {late} overdue" if late else "")


def _titles(entry: Listed) -> list[str]:
    return [task.title for task in entry.digest.tasks] if entry.digest is not None else []


def _haystack(row: TaskRow) -> str:
    """What the filter looks in: the task, its owner, its report's title and path."""
    task = row.task
    return f"{task.title} {task.owner or ''} {row.report_title} {row.report}".casefold()
