"""Corrective tasks, read out of a section's lines: items, table rows and labelled groups.

Owner, due date, priority and ticket come from the item, a table's columns or
the lines under it ("Owner: sre", "Due: 3 March 2027").
"""

from __future__ import annotations

import re

from pydantic import ValidationError

from pmtui.dates import read_date
from pmtui.importers.blocks import Line, clean_line
from pmtui.importers.context import Context
from pmtui.importers.sections import IMPROVEMENT_LABEL, TASK_LABEL, section_of, undecorated
from pmtui.importers.timeline import PLACEHOLDERS
from pmtui.labels import TASK_STATUS_LABELS
from pmtui.model import Task, TaskKind, TaskStatus, refusal
from pmtui.timeparse import TimeParseError

#: A task pmtui's export struck out: "~~title~~ (not doing)".
_NOT_DOING = re.compile(rf"~~(.+)~~ \({re.escape(TASK_STATUS_LABELS[TaskStatus.NOT_DOING])}\)")

_LEADING_BOLD_LABEL = re.compile(r"^(?:\*\*|__)([^*_]{1,60}?)(?::(?:\*\*|__)|(?:\*\*|__):)")
_DETAILS = re.compile(r"\s\(((?:owner|due|priority|ticket): [^)]*)\)$")
_FIELD_LINE = re.compile(
    r"^\W*(owner|assignee|assigned to|responsible|due|deadline|eta|due date|priority|ticket)"
    r"\s*[:\-]\s*(.+)$",
    re.I,
)


def read_tasks(lines: list[Line], default_kind: TaskKind, context: Context) -> tuple[list[Task], list[Line]]:
    tasks: list[Task] = []
    unplaced: list[Line] = []
    has_items = any(line.kind in ("item", "row") for line in lines)
    kind = default_kind
    label: str | None = None
    label_depth = 0
    header: list[str] = []
    for line in lines:
        text = clean_line(line.text)
        if not text or text in PLACEHOLDERS:
            continue
        if line.kind == "row":
            if line.header:
                header = [undecorated(cell).casefold() for cell in line.cells]
            else:
                _table_task(tasks, line.cells, header, kind, context)
            continue
        if line.kind == "heading" or _is_label(text):
            name = undecorated(text)
            if IMPROVEMENT_LABEL.search(name) and not TASK_LABEL.search(name):
                kind, label = TaskKind.IMPROVEMENT, None
            elif TASK_LABEL.search(name) or section_of(text) in ("corrective",):
                kind, label = TaskKind.TASK, None
            elif line.kind == "heading":
                kind, label = default_kind, None
            else:
                label, label_depth = name, line.depth
            continue
        field_line = _FIELD_LINE.match(undecorated(text) if "**" in text else text)
        if tasks and field_line and line.depth > 0 and (line.kind == "more" or line.depth > 1):
            _set_field(tasks[-1], field_line.group(1), field_line.group(2), context)
            continue
        if label is not None and (line.depth > label_depth or line.kind == "more"):
            text = f"{label}: {text.lstrip('-*+ ')}"
            label = None
        elif label is not None:
            label = None
        if line.kind == "more" and tasks and line.depth == 0:
            unplaced.append(line)
            continue
        if line.kind in ("text", "code") and not _is_task_like(line, text, has_items):
            unplaced.append(line)
            continue
        text = _LEADING_BOLD_LABEL.sub(r"\1:", text)  # "**Label:** text" -> "Label: text"
        item_kind = kind
        labelled = re.match(r"^([^:()]{2,40}):\s", text) if context.infer_kinds else None
        if (
            labelled
            and IMPROVEMENT_LABEL.search(labelled.group(1))
            and not TASK_LABEL.search(labelled.group(1))
        ):
            item_kind = TaskKind.IMPROVEMENT  # "Improvements/Fixes: we will audit ..." in a task list
        task = _task(text, item_kind, line.checked, context)
        if task is not None:
            tasks.append(task)
    return tasks, unplaced


def _is_label(text: str) -> bool:
    """ "**Improvements/Fixes:**", "Tasks to address the issue:" - a name for the items below it."""
    cleaned = undecorated(text)
    whole_bold = bool(re.fullmatch(r"\*\*[^*]+\*\*:?", text.strip()))
    return (text.rstrip("*_ ").endswith(":") or whole_bold) and 0 < len(cleaned) <= 60 and ". " not in cleaned


_PROSE_OPENER = re.compile(
    r"^(to (prevent|mitigate|avoid|ensure|address)|in (conclusion|summary|short)|overall|by (addressing|implementing)"
    r"|this (postmortem|incident|report|document)|we (believe|are confident|hope|will continue)|these (measures|steps)"
    r"|with these|moving forward|going forward|finally|thank)",
    re.I,
)


#: "✔️ Add tests", "➡️ Train engineers": an emoji standing in for a bullet.
_SYMBOL_BULLET = re.compile(r"^[^\w\s*_`\[(<#>\"'-]")


def _is_task_like(line: Line, text: str, beside_items: bool) -> bool:
    """A line outside any list (text or code) is a task when it reads like an item, not an
    intro, an outro or prose.

    Beside a real list, such lines are usually its introduction or a closing
    remark; only "Label: what to do" lines count there.
    """
    if text.rstrip("*_ ").endswith(":"):
        return False
    labelled = re.match(r"^\W*([^:.]{2,45}):\s", undecorated(text) + " ")
    if labelled and re.search(r"\bnote\b|disclaimer|p\.?s\b", labelled.group(1), re.I):
        return False
    if _PROSE_OPENER.match(undecorated(text)):
        return False
    if beside_items:
        return bool(labelled) or bool(_SYMBOL_BULLET.match(text))
    return line.paragraph_lines > 1 or bool(labelled) or len(text) <= 160


def _task(text: str, kind: TaskKind, checked: bool | None, context: Context) -> Task | None:
    status = TaskStatus.DONE if checked else TaskStatus.OPEN
    fields: dict[str, str] = {}
    details = _DETAILS.search(text)
    if details:
        for pair in details.group(1).split("; "):
            key, _, value = pair.partition(": ")
            fields[key] = value
        text = text[: details.start()]
    skipped = _NOT_DOING.fullmatch(text)
    if skipped:
        text, status = skipped.group(1), TaskStatus.NOT_DOING
    title = " ".join(text.split("\n")).strip()
    if not title:
        return None
    try:
        task = Task(title=title, kind=kind, status=status)
        for key, value in fields.items():
            _set_field(task, key, value, context)
        return task
    except ValidationError as error:
        context.warnings.append(f"task {title[:40]!r}: {refusal(error)}")
        return None


def _set_field(task: Task, key: str, value: str, context: Context) -> None:
    key = key.casefold()
    value = value.strip()
    try:
        if key in ("due", "deadline", "eta", "due date"):
            try:  # a due date without a year is the next one after the incident
                task.due = context.noted(read_date(value, not_before=context.day, guess=True))
            except TimeParseError:
                task.title = f"{task.title} ({key}: {value})"
        elif key in ("owner", "assignee", "assigned to", "responsible"):
            task.owner = value
        elif key == "priority":
            task.priority = value
        elif key == "ticket":
            task.ticket = value
    except ValidationError as error:
        context.warnings.append(f"task {task.title[:40]!r}: {key}: {refusal(error)}")


def _table_task(
    tasks: list[Task], cells: list[str], header: list[str], kind: TaskKind, context: Context
) -> None:
    named = dict(zip(header, cells, strict=False))
    title_key = next((h for h in header if re.search(r"task|action|item|description|what", h)), None)
    title = named.get(title_key, cells[0] if cells else "") if title_key else (cells[0] if cells else "")
    task = _task(title, kind, None, context)
    if task is None:
        return
    for column, value in named.items():
        if not value or column == title_key:
            continue
        if re.search(r"owner|assignee|who|responsible", column):
            _set_field(task, "owner", value, context)
        elif re.search(r"due|deadline|eta|date", column):
            _set_field(task, "due", value, context)
        elif re.search(r"priority", column):
            _set_field(task, "priority", value, context)
        elif re.search(r"ticket|issue|link", column):
            _set_field(task, "ticket", value, context)
        elif re.search(r"status|done", column) and re.search(r"done|complete|closed|yes", value, re.I):
            task.status = TaskStatus.DONE
    tasks.append(task)
