"""A row of an action-item table as a task: its columns found by their headers.

Owner, due date, priority, ticket and status go to the task's fields; a "type"
column that says improvement or prevention sets the kind; any other column is
kept in the title ("(team: payments)") so nothing the table says is lost.
"""

from __future__ import annotations

import re

from pydantic import ValidationError

from pmtui.importers.blocks import clean_line
from pmtui.importers.context import Context
from pmtui.importers.task_text import make_task, set_field
from pmtui.model import Task, TaskKind, refusal

#: Table columns -> what they hold, the first match winning.
_COLUMNS = (
    ("title", r"task|action|item|description|what|remediation|measure|follow|title|summary|to-?do|step|fix"),
    ("owner", r"owner|assignee|assigned|who|responsible|dri|team"),
    ("due", r"due|deadline|eta|target|date|when"),
    ("priority", r"priority|prio|urgency|importance"),
    ("ticket", r"ticket|issue|link|bug|jira|tracking|pr\b|pull|url|ref"),
    ("status", r"status|state|done|progress|complete"),
    ("kind", r"type|kind|category"),
    ("number", r"^(?:#|no\.?|n|nr|id)$"),
)
_FIELDS = ("owner", "due", "priority", "ticket", "status")


def table_task(cells: list[str], header: list[str], kind: TaskKind, context: Context) -> Task | None:
    """One row of an action-item table as a task; None for a row with no title."""
    roles: dict[int, str] = {}
    for column, name in enumerate(header):
        role = next((role for role, pattern in _COLUMNS if re.search(pattern, name)), "")
        if role and (role not in roles.values() or role == "number"):
            roles[column] = role
    title_column = next((column for column, role in roles.items() if role == "title"), 0)
    roles[title_column] = "title"
    extra: list[str] = []
    for column, value in enumerate(cells):
        role = roles.get(column, "")
        name = header[column] if column < len(header) and header[column] else ""
        if role in ("title", "number", *_FIELDS) or not value.strip():
            continue
        if role == "kind" and re.search(r"improve|prevent|process", value, re.I):
            kind = TaskKind.IMPROVEMENT
        elif role == "kind" and re.search(r"^\W*(?:task|action|to-?do)\W*$", value, re.I):
            kind = TaskKind.TASK
        else:
            extra.append(f"{name}: {value}" if name else value)
    title = cells[title_column] if title_column < len(cells) else ""
    task = make_task(clean_line(title), kind, None, context)
    if task is None:
        return None
    if extra:
        try:
            task.title = f"{task.title} ({'; '.join(extra)})"
        except ValidationError as error:
            context.warnings.append(f"task {task.title[:40]!r}: {refusal(error)}")
    for column, value in enumerate(cells):
        role = roles.get(column, "")
        if value.strip() and role in _FIELDS:
            set_field(task, role, value, context)
    return task
