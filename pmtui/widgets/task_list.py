"""The Tasks tab's checklist: space toggles done, keys add, edit, delete and reorder.

Rows are keyed by the task's stable key; every change goes up as a message.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message

from pmtui.labels import TASK_BOXES
from pmtui.model import Postmortem, Problem, TaskKind, TaskStatus, is_overdue
from pmtui.widgets.keyed_table import KeyedTable, row_problems


class TaskList(KeyedTable):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "space", "toggle_done", "Done", id="tasks-toggle", tooltip="Mark the selected task done or open"
        ),
        Binding("a", "add", "Add", id="tasks-add", tooltip="Add a task"),
        Binding("e,enter", "edit", "Edit", id="tasks-edit", tooltip="Edit the selected task"),
        Binding(
            "d,delete",
            "delete",
            "Delete",
            id="tasks-delete",
            tooltip="Delete the selected task (undo brings it back)",
        ),
        Binding("K,shift+up", "move(-1)", "Up", id="tasks-up", tooltip="Move the selected task up"),
        Binding("J,shift+down", "move(1)", "Down", id="tasks-down", tooltip="Move the selected task down"),
    ]

    @dataclass
    class Toggled(Message):
        key: int

    @dataclass
    class AddRequested(Message):
        after: int | None

    @dataclass
    class EditRequested(Message):
        key: int

    @dataclass
    class DeleteRequested(Message):
        key: int

    @dataclass
    class MoveRequested(Message):
        key: int
        offset: int

    def __init__(
        self, report: Postmortem, problems: list[Problem], today: Callable[[], date], *, id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self.report = report
        self.problems = problems
        """The report's warnings as last told; a task with one is marked."""
        self.today = today
        self._problems: dict[int, str] = {}

    def on_mount(self) -> None:
        self.show(self.report)

    def refill(self) -> None:
        self.show(self.report)

    def show(self, report: Postmortem, problems: list[Problem] | None = None) -> None:
        self.report = report
        self.problems = self.problems if problems is None else problems
        self._problems = row_problems(self.problems, "tasks")
        selected = self.selected_key()
        self.clear(columns=True)
        tasks = report.tasks
        fixed = {
            "box": 3,
            "owner": min(12, max([5] + [len(t.owner or "") for t in tasks])),
            "due": 10,
            "priority": min(6, max([3] + [len(t.priority or "") for t in tasks])),
            "kind": 7,
        }
        self.add_column("", key="box", width=fixed["box"])
        self.add_column("Task", key="title", width=self.remaining_width(*fixed.values()))
        self.add_column("Owner", key="owner", width=fixed["owner"])
        self.add_column("Due", key="due", width=fixed["due"])
        self.add_column("Pri", key="priority", width=fixed["priority"])
        self.add_column("Kind", key="kind", width=fixed["kind"])
        today = self.today()
        for index, task in enumerate(report.tasks):
            problem = index in self._problems
            overdue = is_overdue(task.status, task.due, today)
            title_style = "strike dim" if task.status is not TaskStatus.OPEN else ""
            self.add_row(
                Text(TASK_BOXES[task.status]),
                Text(task.title, style=title_style, no_wrap=True, overflow="ellipsis"),
                owner_cell(task.owner, problem),
                Text(task.due.isoformat() if task.due else "", style="bold red" if overdue else ""),
                Text(task.priority or "", no_wrap=True, overflow="ellipsis"),
                Text("improve" if task.kind is TaskKind.IMPROVEMENT else "task"),
                key=str(task.key),
            )
        if selected is not None:
            self.select_key(selected)

    def detail(self) -> str:
        """The selected task's whole title, its ticket, and its warning."""
        if self.cursor_row >= len(self.report.tasks):
            return ""
        task = self.report.tasks[self.cursor_row]
        line = task.title + (f" · {task.ticket}" if task.ticket else "")
        problem = self._problems.get(self.cursor_row)
        return f"⚠ {problem}. {line}" if problem else line

    def action_toggle_done(self) -> None:
        self.post_for_selected(self.Toggled)

    def action_add(self) -> None:
        self.post_message(self.AddRequested(self.selected_key()))

    def action_edit(self) -> None:
        self.post_for_selected(self.EditRequested)

    def action_delete(self) -> None:
        self.post_for_selected(self.DeleteRequested)

    def action_move(self, offset: int) -> None:
        self.post_for_selected(lambda key: self.MoveRequested(key, offset))

    def action_select_cursor(self) -> None:
        self.action_edit()


def owner_cell(owner: str | None, problem: bool) -> Text:
    """The owner, or a dash; marked ⚠ when the task has a warning (a task without an owner has)."""
    if owner:
        return Text(owner, no_wrap=True, overflow="ellipsis")
    return Text("⚠ —", style="bold red") if problem else Text("—", style="dim")
