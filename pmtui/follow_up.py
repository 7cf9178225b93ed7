"""Action items across a folder of reports: which are still open, and whose are overdue.

`pmtui tasks` lists them, overdue first, then by due date; as a table for the
terminal, or as JSON, CSV or a Markdown table to feed a weekly review or a chat
message. Nothing here imports Textual.
"""

from __future__ import annotations

import csv
import io
import json
import os
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from pmtui.digest import TaskDigest
from pmtui.folder import Listed
from pmtui.labels import TASK_STATUS_LABELS
from pmtui.model import TaskStatus, is_overdue
from pmtui.render.safety import neutralise_line

FORMATS = ("table", "json", "csv", "md")
COLUMNS = ("due", "owner", "task", "status", "report")


@dataclass(frozen=True)
class TaskRow:
    """One action item and the report it belongs to."""

    report: Path
    report_title: str
    task: TaskDigest
    overdue: bool
    position: int = 0
    """The task's place among its report's tasks (from 0), to find it there again."""


@dataclass(frozen=True)
class Wanted:
    """Which action items to list (`pmtui tasks`' options)."""

    every_status: bool = False
    overdue_only: bool = False
    owner: str | None = None
    due_before: date | None = None

    def takes(self, row: TaskRow) -> bool:
        task = row.task
        if not self.every_status and task.status is not TaskStatus.OPEN:
            return False
        if self.overdue_only and not row.overdue:
            return False
        if self.owner is not None and (task.owner or "").casefold() != self.owner.casefold():
            return False
        return self.due_before is None or (task.due is not None and task.due < self.due_before)


def task_rows(listed: Iterable[Listed], today: date, wanted: Wanted) -> list[TaskRow]:
    """The wanted action items of every report, overdue first, then by due date (none last),
    then by report and their order in it."""
    rows = [
        TaskRow(entry.path, entry.digest.title, task, is_overdue(task.status, task.due, today), position)
        for entry in listed
        if entry.digest is not None
        for position, task in enumerate(entry.digest.tasks)
    ]
    taken = [row for row in rows if wanted.takes(row)]
    return sorted(taken, key=lambda row: (not row.overdue, row.task.due is None, row.task.due or today))


def _cells(row: TaskRow) -> dict[str, str]:
    task = row.task
    due = task.due.isoformat() if task.due else ""
    return {
        "due": due + (" (overdue)" if row.overdue else ""),
        "owner": task.owner or "",
        "task": task.title,
        "status": TASK_STATUS_LABELS[task.status],
        "report": _shown_path(row.report),
    }


def _shown_path(path: Path) -> str:
    """The report's path as the user named the folder: relative to here when it is below it."""
    try:
        return os.path.relpath(path)
    except ValueError:  # pragma: no cover - another drive on Windows
        return str(path)


def format_rows(rows: list[TaskRow], form: str, width: int | None = None) -> str:
    """The rows as `form` (one of FORMATS); the text ends with a newline unless it is empty.
    `width`: a terminal's, to cut long task titles in the table so each row fits a line."""
    if form == "json":
        return json.dumps([_as_json(row) for row in rows], indent=2, ensure_ascii=False) + "\n"
    if form == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(COLUMNS)
        writer.writerows([_cells(row)[column] for column in COLUMNS] for row in rows)
        return out.getvalue()
    if form == "md":
        lines = ["| " + " | ".join(COLUMNS) + " |", "|" + " --- |" * len(COLUMNS)]
        lines += ["| " + " | ".join(_md_cell(_cells(row)[c]) for c in COLUMNS) + " |" for row in rows]
        return "\n".join(lines) + "\n"
    return _table(rows, width)


def _as_json(row: TaskRow) -> dict[str, object]:
    task = row.task
    return {
        "report": _shown_path(row.report),
        "report_title": row.report_title,
        "task": task.title,
        "status": task.status.value,
        "owner": task.owner,
        "due": task.due.isoformat() if task.due else None,
        "overdue": row.overdue,
        "priority": task.priority,
        "kind": task.kind.value,
        "ticket": task.ticket,
    }


def _md_cell(text: str) -> str:
    """A table cell: pipes escaped, and nothing in it read as Markdown or HTML."""
    return neutralise_line(text).replace("|", "\\|")


#: The narrowest a cut task title or report path gets: past that, the row wraps instead.
NARROWEST_TASK = 24
NARROWEST_REPORT = 16


def _fit(cells: list[dict[str, str]], widths: dict[str, int], width: int) -> None:
    """Cut task titles (at the end) and then report paths (at the start, keeping the file's
    name) with an ellipsis, so a row fits `width` columns; a title keeps NARROWEST_TASK."""
    fixed = sum(widths[c] for c in ("due", "owner", "status")) + 2 * (len(COLUMNS) - 1)
    report = max(cell_width(row["report"]) for row in cells)
    task = max(NARROWEST_TASK, min(widths["task"], width - fixed - report))
    report = max(NARROWEST_REPORT, width - fixed - task)
    widths["task"] = min(widths["task"], task)
    for row in cells:
        row["task"] = _cut(row["task"], task)
        row["report"] = _cut(row["report"][::-1], report)[::-1]  # the end of the path is kept


def cell_width(text: str) -> int:
    """Columns `text` takes on a terminal: wide characters (CJK, most emoji) two, combining
    marks none. Enough for a listing; the editor's own drawing uses Rich's tables."""
    return sum(_char_width(char) for char in text)


def _char_width(char: str) -> int:
    if unicodedata.combining(char) or char in "\u200b\u200d\ufe0f":
        return 0
    return 2 if unicodedata.east_asian_width(char) in "WF" else 1


def _cut(text: str, width: int) -> str:
    """`text` in at most `width` columns, ending in an ellipsis when cut."""
    if cell_width(text) <= width:
        return text
    kept, used = [], 1
    for char in text:
        used += _char_width(char)
        if used > width:
            break
        kept.append(char)
    return "".join(kept) + "…"


def _table(rows: list[TaskRow], width: int | None) -> str:
    """Aligned columns with a heading. On a terminal (`width`), task titles are cut with an
    ellipsis so a row fits its line; piped, nothing is cut."""
    if not rows:
        return ""
    cells = [_cells(row) for row in rows]
    widths = {c: max(len(c), *(cell_width(row[c]) for row in cells)) for c in COLUMNS if c != "report"}
    if width is not None:
        _fit(cells, widths, width)
    lines = []
    for row in [{c: c for c in COLUMNS}, *cells]:
        fixed = "  ".join(row[c] + " " * (widths[c] - cell_width(row[c])) for c in COLUMNS if c != "report")
        lines.append(f"{fixed}  {row['report']}".rstrip())
    return "\n".join(lines) + "\n"
