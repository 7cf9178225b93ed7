"""The words a reader sees for the model's kinds and statuses, kept in one place.

The renderer writes them, the importer reads them back (so a pmtui export
imports as the same report) and the editor shows them: a word changed here
changes in all three at once.
"""

from __future__ import annotations

from collections.abc import Mapping

from pmtui.model import EventKind, TaskKind, TaskStatus

#: A milestone's name beside its event. A note marks no milestone, so it has no
#: label: the export writes none and the timeline shows none.
EVENT_KIND_LABELS: Mapping[EventKind, str] = {
    EventKind.STARTED: "started",
    EventKind.DETECTED: "detected",
    EventKind.ACKNOWLEDGED: "acknowledged",
    EventKind.ESCALATED: "escalated",
    EventKind.CAUSE_IDENTIFIED: "cause identified",
    EventKind.MITIGATED: "mitigated",
    EventKind.RESOLVED: "resolved",
}
#: Every kind as a picker lists it, the note (which the export leaves unlabelled) as "note".
EVENT_KIND_CHOICES: list[tuple[str, EventKind]] = [
    (EVENT_KIND_LABELS.get(kind, "note"), kind) for kind in EventKind
]
#: The widest kind label: the kind column of the table and the paste dialog's list.
EVENT_KIND_WIDTH = max(len(label) for label in EVENT_KIND_LABELS.values())

#: The heading each kind of task is listed under in the export, in the export's order.
TASK_KIND_HEADINGS: Mapping[TaskKind, str] = {
    TaskKind.IMPROVEMENT: "Improvements/Fixes",
    TaskKind.TASK: "Tasks",
}

#: A task's status in words ("not doing" also marks a struck-out task in the export).
TASK_STATUS_LABELS: Mapping[TaskStatus, str] = {
    TaskStatus.OPEN: "open",
    TaskStatus.DONE: "done",
    TaskStatus.NOT_DOING: "not doing",
}
#: A task's box, as the editor's task list and the folder's Tasks view show it.
TASK_BOXES: Mapping[TaskStatus, str] = {
    TaskStatus.OPEN: "[ ]",
    TaskStatus.DONE: "[x]",
    TaskStatus.NOT_DOING: "[-]",
}
