"""Figures over a folder of reports: incidents per month and by severity, how long they took
to detect, mitigate and resolve, and how the action items stand (`pmtui stats`).

A report counts in a month by its start, in its own zone; one without a dated start is
"undated". Times to detect, mitigate and resolve are the report's own metrics (from the
first timed event of each kind, `Postmortem.metrics`); a report without one is left out of
that figure, and each figure says how many reports it is over. Nothing here imports Textual.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from pmtui.digest import Digest
from pmtui.folder import Listed
from pmtui.model import is_overdue
from pmtui.timeshow import format_duration

NO_SEVERITY = "none"
MEASURES = ("detect", "mitigate", "resolve")
BAR = "█"
WIDEST_BAR = 40


@dataclass
class FolderStats:
    reports: int = 0
    unreadable: int = 0
    per_month: Counter[str] = field(default_factory=Counter)
    per_severity: Counter[str] = field(default_factory=Counter)
    times: dict[str, list[timedelta]] = field(default_factory=lambda: {m: [] for m in MEASURES})
    tasks: Counter[str] = field(default_factory=Counter)
    """Tasks by status ("open", "done", "not_doing"), and "overdue" among the open ones."""


def folder_stats(listed: Iterable[Listed], today: date) -> FolderStats:
    stats = FolderStats()
    for entry in listed:
        if entry.digest is None:
            stats.unreadable += 1
        else:
            _count(stats, entry.digest, today)
    return stats


def _count(stats: FolderStats, report: Digest, today: date) -> None:
    stats.reports += 1
    stats.per_month[report.month] += 1
    stats.per_severity[(report.severity or NO_SEVERITY).strip()] += 1
    for measure, seconds in report.times.items():
        if measure in stats.times and seconds >= 0:
            stats.times[measure].append(timedelta(seconds=seconds))
    for task in report.tasks:
        stats.tasks[task.status.value] += 1
        if is_overdue(task.status, task.due, today):
            stats.tasks["overdue"] += 1


def percentile(values: list[timedelta], share: float) -> timedelta:
    """The nearest-rank percentile: the smallest value at least `share` of them do not exceed."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def median(values: list[timedelta]) -> timedelta:
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


# ---------------------------------------------------------------- output


def as_json(stats: FolderStats) -> str:
    times = {
        measure: {
            "reports": len(values),
            "median_minutes": round(median(values).total_seconds() / 60, 1) if values else None,
            "p90_minutes": round(percentile(values, 0.9).total_seconds() / 60, 1) if values else None,
        }
        for measure, values in stats.times.items()
    }
    document = {
        "reports": stats.reports,
        "unreadable": stats.unreadable,
        "per_month": dict(sorted(stats.per_month.items())),
        "per_severity": dict(sorted(stats.per_severity.items())),
        "time_to": times,
        "tasks": {name: stats.tasks[name] for name in ("open", "overdue", "done", "not_doing")},
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def as_table(stats: FolderStats) -> str:
    """The figures for a terminal, with a bar per month and per severity."""
    lines = [f"{stats.reports} report{'' if stats.reports == 1 else 's'}"]
    if stats.unreadable:
        lines[0] += f" ({stats.unreadable} could not be read)"
    lines += ["", "Incidents per month", *_bars(sorted(stats.per_month.items()))]
    lines += ["", "By severity", *_bars(sorted(stats.per_severity.items()))]
    lines += ["", f"  {'time to':<10} {'median':>9} {'p90':>9}  reports"]
    for measure, values in stats.times.items():
        if values:
            middle, high = format_duration(median(values)), format_duration(percentile(values, 0.9))
        else:
            middle = high = "—"
        lines.append(f"  {measure:<10} {middle:>9} {high:>9}  {len(values):>7}")
    tasks = stats.tasks
    lines += [
        "",
        f"Action items: {tasks['open']} open ({tasks['overdue']} overdue), {tasks['done']} done, "
        f"{tasks['not_doing']} not doing",
    ]
    return "\n".join(lines) + "\n"


def _bars(counts: list[tuple[str, int]]) -> list[str]:
    if not counts:
        return ["  (none)"]
    widest = max(count for _, count in counts)
    name_width = max(len(name) for name, _ in counts)
    return [
        f"  {name:<{name_width}}  {BAR * max(1, round(count / widest * WIDEST_BAR))} {count}"
        for name, count in counts
    ]
