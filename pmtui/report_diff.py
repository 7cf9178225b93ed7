"""What changed between two versions of a report, by meaning (`pmtui diff OLD NEW`).

A line diff of two TOML files says that lines moved; a reviewer wants to know that an
event was added at 14:05, that a task was marked done, that the impact was reworded.
Events and tasks have no ids in the file, so they are matched by content: entries equal
in every field are the same entry; of the rest, an event at the same time or with the
same text, and a task with the same title, is the same entry changed; what is left was
added or removed. Times are shown in the newer report's zone. Nothing here imports
Textual.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterator, Sequence
from datetime import datetime
from enum import Enum
from typing import Any

from pydantic import BaseModel

from pmtui.labels import EVENT_KIND_LABELS, TASK_BOXES
from pmtui.matching import SCALAR_PARTS, Keys, T, event_keys, match, task_keys
from pmtui.model import Event, Postmortem, Task
from pmtui.timeshow import format_event_time, format_moment


def report_diff(old: Postmortem, new: Postmortem) -> list[str]:
    """The differences, one change a line (a text's changed lines indented under it); [] when
    the two reports say the same."""
    lines = list(_field_changes(_flatten(old), _flatten(new)))
    events = list(
        _entry_changes(old.timeline, new.timeline, event_keys, lambda e: _event_line(e, new), new.timezone)
    )
    if events:
        lines += ["timeline:", *events]
    tasks = list(_entry_changes(old.tasks, new.tasks, task_keys, _task_line, new.timezone))
    if tasks:
        lines += ["tasks:", *tasks]
    return lines


# ---------------------------------------------------------------- fields


def _flatten(report: Postmortem) -> dict[str, Any]:
    """Every field outside the timeline and tasks, by dotted path ("summary.impact")."""
    values: dict[str, Any] = {}
    for part in (*SCALAR_PARTS, "notes"):
        value = getattr(report, part)
        if isinstance(value, BaseModel):
            for name in type(value).model_fields:
                values[f"{part}.{name}"] = getattr(value, name)
        else:
            values[part] = value
    return values


def _field_changes(old: dict[str, Any], new: dict[str, Any]) -> Iterator[str]:
    for path, before in old.items():
        after = new[path]
        if before == after:
            continue
        if isinstance(before, str) and isinstance(after, str) and ("\n" in before or "\n" in after):
            yield f"{path}: changed"
            yield from _text_lines(before, after)
        else:
            yield f"{path}: {_shown(before)} → {_shown(after)}"


def _shown(value: Any) -> str:
    if value is None or value == "" or value == []:
        return "(none)"
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    if isinstance(value, Enum):
        return str(value.value)
    return repr(value) if isinstance(value, str) else str(value)


def _text_lines(before: str, after: str) -> Iterator[str]:
    """The lines of a multi-line text that changed, as `-` and `+` lines, indented."""
    for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0):
        if line.startswith(("---", "+++", "@@")):
            continue
        yield f"    {line}"


# ---------------------------------------------------------------- events and tasks


def _entry_changes(
    old: Sequence[T], new: Sequence[T], keys: Keys[T], line: Callable[[T], str], zone: str
) -> Iterator[str]:
    """`+` added, `-` removed, `~` changed (with what changed), in the newer version's order."""
    matched = {spot: index for index, spot in match(old, new, keys).items()}
    for spot, entry in enumerate(new):
        origin = matched.get(spot)
        if origin is None:
            yield f"  + {line(entry)}"
        elif old[origin] != entry:
            yield f"  ~ {line(entry)}"
            yield from (f"      {change}" for change in _entry_field_changes(old[origin], entry, zone))
    for index, entry in enumerate(old):
        if index not in matched.values():
            yield f"  - {line(entry)}"


def _entry_field_changes(before: Event | Task, after: Event | Task, zone: str) -> Iterator[str]:
    """Each field that differs; an event's time in the report's zone, as the editor shows it."""
    for name in type(after).model_fields:
        was, now = getattr(before, name), getattr(after, name)
        if was == now:
            continue
        if name == "at":
            was, now = (
                format_moment(value, zone, with_date=isinstance(value, datetime)) for value in (was, now)
            )
            yield f"at: {was} → {now}"
        else:
            yield f"{name}: {_shown(was)} → {_shown(now)}"


def _event_line(event: Event, report: Postmortem) -> str:
    kind = f" ({EVENT_KIND_LABELS[event.kind]})" if event.kind in EVENT_KIND_LABELS else ""
    when = format_event_time(event, report.timezone, with_date=report.is_dated)
    return f"{when}{kind}: {_one_line(event.text)}"


def _task_line(task: Task) -> str:
    box = TASK_BOXES[task.status]
    extra = ", ".join(
        f"{name}: {value}" for name, value in (("owner", task.owner), ("due", task.due)) if value
    )
    return f"{box} {task.title}" + (f" ({extra})" if extra else "")


def _one_line(text: str, room: int = 100) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= room else flat[: room - 1] + "…"
