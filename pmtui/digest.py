"""What listing a folder needs of a report: its title, month and severity, its times to
detect, mitigate and resolve, and its tasks. Small enough to cache (folder_cache.py) and
to read back without pydantic's validation, which is most of reading a report.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from pmtui.model import Postmortem, Task, TaskKind, TaskStatus
from pmtui.timeshow import format_moment

UNDATED = "undated"


@dataclass(frozen=True)
class TaskDigest:
    title: str
    status: TaskStatus
    kind: TaskKind
    owner: str | None
    due: date | None
    priority: str | None
    ticket: str | None


@dataclass(frozen=True)
class Digest:
    title: str
    severity: str | None
    status: str
    start: str
    """The start as the report shows it (its date and time in its zone), or ""."""
    duration: float | None
    """Seconds from start to end, when both are known."""
    month: str
    """YYYY-MM of the start in the report's zone; UNDATED without a dated start."""
    times: dict[str, float]
    """Seconds to detect, mitigate and resolve ("detect", "mitigate", "resolve"), when known."""
    tasks: tuple[TaskDigest, ...]


def task_digest(task: Task) -> TaskDigest:
    return TaskDigest(task.title, task.status, task.kind, task.owner, task.due, task.priority, task.ticket)


def digest_of(report: Postmortem) -> Digest:
    start = report.summary.start
    month = start.astimezone(report.zone).strftime("%Y-%m") if isinstance(start, datetime) else UNDATED
    times = {m.name.removeprefix("time to "): m.duration.total_seconds() for m in report.metrics()}
    tasks = tuple(task_digest(task) for task in report.tasks)
    start_text = format_moment(start, report.timezone, with_date=isinstance(start, datetime)) if start else ""
    duration = report.duration
    return Digest(
        report.title,
        report.severity,
        report.status.value,
        start_text,
        duration.total_seconds() if duration is not None else None,
        month,
        times,
        tasks,
    )


def to_json(digest: Digest) -> str:
    tasks = [
        [
            t.title,
            t.status.value,
            t.kind.value,
            t.owner,
            t.due.isoformat() if t.due else None,
            t.priority,
            t.ticket,
        ]
        for t in digest.tasks
    ]
    fields = [
        digest.title,
        digest.severity,
        digest.status,
        digest.start,
        digest.duration,
        digest.month,
        digest.times,
    ]
    return json.dumps([*fields, tasks], ensure_ascii=False)


def from_json(text: str) -> Digest:
    """A digest `to_json` wrote; ValueError (or KeyError, TypeError) for anything else."""
    title, severity, status, start, duration, month, times, tasks = json.loads(text)
    return Digest(
        title, severity, status, start, duration, month, dict(times), tuple(_task(*t) for t in tasks)
    )


def _task(title: str, status: str, kind: str, owner: Any, due: Any, priority: Any, ticket: Any) -> TaskDigest:
    return TaskDigest(
        title,
        TaskStatus(status),
        TaskKind(kind),
        owner,
        date.fromisoformat(due) if due else None,
        priority,
        ticket,
    )
