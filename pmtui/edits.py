"""Edits the editor applies to a report, as functions: no UI, testable on their own.

Entries are found by their stable key, never by position, so an edit cannot
hit the wrong row after the list was re-sorted or another row deleted.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from pmtui.history import Splice, Step
from pmtui.labels import TASK_STATUS_LABELS
from pmtui.model import Event, Postmortem, Task, TaskStatus, is_overdue

#: Which parts of the editor depend on each field, so a keystroke refreshes only those.
FIELD_AREAS = {
    "timezone": {"zone", "window", "timeline", "summary"},
    "summary.start": {"window", "timeline", "summary"},
    "summary.end": {"window", "timeline", "summary"},
}


def areas_for(path: str) -> set[str]:
    if path in FIELD_AREAS:
        return FIELD_AREAS[path]
    return {path.split(".", 1)[0] if "." in path else "meta"}


@dataclass(frozen=True)
class Place:
    """Where in the report something is: a field by its path, or a timeline or task row by key."""

    field: str
    """A field's model path ("summary.impact"), or "timeline" / "tasks" for a row."""
    key: int | None = None
    """The row's stable key, for "timeline" and "tasks"."""


def place_of_step(report: Postmortem, step: Step) -> Place | None:
    """The first field or row an undo step changes (where the cursor goes after undo or redo).

    For rows the step removed, the row now in their place (or the last one).
    """
    for change in step.changes:  # a step that replaced the whole report has none: the cursor stays
        if isinstance(change, Splice):
            area = _area_of_list(report, change.items)
            if area in ("timeline", "tasks"):
                rows = change.items
                here = rows[change.start] if change.start < len(rows) else (rows[-1] if rows else None)
                return Place(area, here.key if isinstance(here, (Event, Task)) else None)
            if area is not None:
                return Place(area)
        else:
            if isinstance(change.owner, Event):
                return Place("timeline", change.owner.key)
            if isinstance(change.owner, Task):
                return Place("tasks", change.owner.key)
            parent = _path_of_part(report, change.owner)
            if parent is not None:
                return Place(
                    "lessons" if parent == "lessons" else ".".join(filter(None, (parent, change.name)))
                )
    return None


def _path_of_part(report: Postmortem, part: object) -> str | None:
    """ "" for the report itself, "summary" for its summary...; None for a part not in it."""
    if part is report:
        return ""
    for name in ("summary", "analysis", "lessons"):
        if getattr(report, name) is part:
            return name
    return None


def _area_of_list(report: Postmortem, items: list[Any]) -> str | None:
    for path in ("timeline", "tasks", "authors", "analysis.contributing_factors"):
        if get_field(report, path) is items:
            return path
    lessons = report.lessons
    if any(items is getattr(lessons, name) for name in ("went_well", "went_wrong", "lucky")):
        return "lessons"
    return None


def place_of(problem_field: str, report: Postmortem) -> Place:
    """Where a problem's path ("timeline[3].at", "tasks[0].owner", "summary.end") is, by row key."""
    for area, entries in (("timeline", report.timeline), ("tasks", report.tasks)):
        if problem_field.startswith(f"{area}["):
            index = int(problem_field[len(area) + 1 : problem_field.index("]")])
            return Place(area, entries[index].key if index < len(entries) else None)
    return Place(problem_field)


def get_field(report: Postmortem, path: str) -> Any:
    target: Any = report
    for name in path.split("."):
        target = getattr(target, name)
    return target


def set_field(report: Postmortem, path: str, value: Any) -> None:
    """`set_field(r, "summary.start", t)`; validated by the model, which refuses bad values."""
    *parents, name = path.split(".")
    target: Any = report
    for parent in parents:
        target = getattr(target, parent)
    setattr(target, name, value)


def event_index(report: Postmortem, key: int) -> int:
    for index, event in enumerate(report.timeline):
        if event.key == key:
            return index
    raise KeyError(key)


def task_index(report: Postmortem, key: int) -> int:
    for index, task in enumerate(report.tasks):
        if task.key == key:
            return index
    raise KeyError(key)


def insert_event(report: Postmortem, event: Event) -> int:
    """Insert keeping the timeline in time order (after events at the same time); returns the index.

    A date-less time goes on the first day of the incident where it does not
    come before the first event, so 00:10 after 23:50 lands on the next day.
    A date-only event goes before that day's timed events, after its other
    date-only ones.
    """
    times = report.anchored_times()
    if not times:
        report.timeline.append(event)
        return 0
    zone = report.zone
    if isinstance(event.at, datetime):
        when = event.at
    elif isinstance(event.at, time):
        at = event.at
        days = sorted({t.astimezone(zone).date() for t in times})
        days.append(days[-1] + timedelta(days=1))
        when = next(
            (
                datetime.combine(day, at, tzinfo=zone)
                for day in days
                if datetime.combine(day, at, tzinfo=zone) >= times[0]
            ),
            datetime.combine(days[0], at, tzinfo=zone),
        )
    else:
        when = datetime.combine(event.at, time(0), tzinfo=zone)
    place = (when, not event.date_only)
    index = next(
        (
            i
            for i, (e, t) in enumerate(zip(report.timeline, times, strict=True))
            if (t, not e.date_only) > place
        ),
        len(times),
    )
    report.timeline.insert(index, event)
    return index


def replace_event(report: Postmortem, key: int, event: Event) -> None:
    """`event` in place of the event `key`, re-sorted; it keeps that key: it is the same event,
    edited, so the table updates its row instead of rebuilding every row."""
    del report.timeline[event_index(report, key)]
    event.keep_key(key)
    insert_event(report, event)


def delete_event(report: Postmortem, key: int) -> None:
    del report.timeline[event_index(report, key)]


def duplicate_event(report: Postmortem, key: int) -> int:
    """A copy right after the original; returns the copy's key."""
    index = event_index(report, key)
    copy = report.timeline[index].duplicate()
    report.timeline.insert(index + 1, copy)
    return copy.key


def event_time(report: Postmortem, key: int | None) -> datetime | None:
    """The selected event's anchored time, the base for relative input like `+15m`."""
    if key is None:
        return None
    try:
        return report.anchored_times()[event_index(report, key)]
    except KeyError:
        return None


def previous_event_time(report: Postmortem, key: int) -> datetime | None:
    """The time of the event before `key`: what `+15m` counts from when that event is edited."""
    index = event_index(report, key)
    return report.anchored_times()[index - 1] if index > 0 else None


def toggle_task(report: Postmortem, key: int) -> None:
    task = report.tasks[task_index(report, key)]
    task.status = TaskStatus.OPEN if task.status is TaskStatus.DONE else TaskStatus.DONE


def insert_task(report: Postmortem, task: Task, after: int | None) -> None:
    index = task_index(report, after) + 1 if after is not None else len(report.tasks)
    report.tasks.insert(index, task)


def replace_task(report: Postmortem, key: int, task: Task) -> None:
    task.keep_key(key)
    report.tasks[task_index(report, key)] = task


def delete_task(report: Postmortem, key: int) -> None:
    del report.tasks[task_index(report, key)]


def move_task(report: Postmortem, key: int, offset: int) -> bool:
    index = task_index(report, key)
    target = index + offset
    if not 0 <= target < len(report.tasks):
        return False
    report.tasks.insert(target, report.tasks.pop(index))
    return True


def progress_line(tasks: list[Task], today: date) -> str:
    """ "3 of 8 done, 2 overdue": what a lead asks first about corrective work."""
    counted = [t for t in tasks if t.status is not TaskStatus.NOT_DOING]
    done = sum(t.status is TaskStatus.DONE for t in counted)
    overdue = sum(is_overdue(t.status, t.due, today) for t in counted)
    line = f"{done} of {len(counted)} done"
    if overdue:
        line += f", {overdue} overdue"
    skipped = len(tasks) - len(counted)
    if skipped:
        line += f", {skipped} {TASK_STATUS_LABELS[TaskStatus.NOT_DOING]}"
    return line
