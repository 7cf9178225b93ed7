"""The one-line summaries above the timeline and the task list."""

from __future__ import annotations

from datetime import date

from textual.content import Content
from textual.widgets import Label

from pmtui.edits import progress_line
from pmtui.model import Postmortem, Problem, Task


class TimelineStatus(Label):
    """ "12 events · 2 warnings": how long the timeline is, and whether any of it needs a look."""

    def show(self, report: Postmortem, problems: list[Problem]) -> None:
        warnings = sum(p.field.startswith("timeline") for p in problems)
        dated = "" if report.is_dated else " · no date yet: times stay date-less"
        status = f"{len(report.timeline)} events{dated}"
        if warnings:
            status += f" · {warnings} warning{'s' if warnings > 1 else ''}"
        self.update(Content(status))


class TaskProgress(Label):
    """ "3 of 8 done, 2 overdue": what a lead asks first about corrective work."""

    def show(self, tasks: list[Task], today: date) -> None:
        self.update(Content(progress_line(tasks, today)))
