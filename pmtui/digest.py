"""What listing a folder needs of a report: its title, month and severity, its times to
detect, mitigate and resolve, and its tasks. Small enough to cache (folder_cache.py) and
to read back without pydantic's validation, which is most of reading a report.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from pmtui.model import Postmortem, TaskKind, TaskStatus

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
    month: str
    """YYYY-MM of the start in the report's zone; UNDATED without a dated start."""
    times: dict[str, float]
    """Seconds to detect, mitigate and resolve ("detect", "mitigate", "resolve"), when known."""
    tasks: tuple[TaskDigest, ...]


def digest_of(report: Postmortem) -> Digest:
    start = report.summary.start
    month = start.astimezone(report.zone).strftime("%Y-%m") if isinstance(start, datetime) else UNDATED
    times = {m.name.removeprefix("time to "): m.duration.total_seconds() for m in report.metrics()}
    tasks = tuple(
        TaskDigest(task.title, task.status, task.kind, task.owner, task.due, task.priority, task.ticket)
        for task in report.tasks
    )
    return Digest(report.title, report.severity, month, times, tasks)


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
    return json.dumps([digest.title, digest.severity, digest.month, digest.times, tasks], ensure_ascii=False)


def from_json(text: str) -> Digest:
    """A digest `to_json` wrote; ValueError (or KeyError, TypeError) for anything else."""
    title, severity, month, times, tasks = json.loads(text)
    return Digest(
        title,
        severity,
        month,
        dict(times),
        tuple(_task(*fields) for fields in tasks),
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
