"""Add or edit one corrective task. Dismisses with a new `Task`; the caller applies it."""

from __future__ import annotations

from typing import ClassVar

from pydantic import ValidationError
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from pmtui.labels import TASK_STATUS_LABELS
from pmtui.model import Task, TaskKind, refusal
from pmtui.timeparse import TimeParseError, parse_date
from pmtui.widgets.field_error import FieldError
from pmtui.widgets.text_fields import OrderedInput

STATUS_OPTIONS = [(label, status) for status, label in TASK_STATUS_LABELS.items()]
KIND_OPTIONS = [("task", TaskKind.TASK), ("improvement", TaskKind.IMPROVEMENT)]


class TaskDialog(ModalScreen[Task | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="cancel", tooltip="Close without changing the tasks"),
        Binding("ctrl+s", "accept", "OK", id="accept", tooltip="Keep this task", priority=True),
    ]

    def __init__(self, heading: str, task: Task | None = None) -> None:
        super().__init__(classes="dialog")
        self.heading = heading
        self.original = task

    def compose(self) -> ComposeResult:
        task = self.original or Task(title="")
        with Vertical(classes="dialog-box", id="task-box"):
            yield Static(Content(self.heading), classes="dialog-title")
            yield Label("Task")
            yield OrderedInput(task.title, id="task-title", placeholder="what will be done", compact=True)
            yield FieldError("", id="task-title-error", classes="field-error")
            with Horizontal(classes="dialog-row"):
                yield Select(KIND_OPTIONS, value=task.kind, allow_blank=False, id="task-kind", compact=True)
                yield Select(
                    STATUS_OPTIONS, value=task.status, allow_blank=False, id="task-status", compact=True
                )
            with Horizontal(classes="dialog-row"):
                yield OrderedInput(task.owner or "", id="task-owner", placeholder="owner", compact=True)
                yield OrderedInput(
                    task.due.isoformat() if task.due else "",
                    id="task-due",
                    placeholder="due 2024-06-01",
                    compact=True,
                )
            yield FieldError("", id="task-due-error", classes="field-error")
            with Horizontal(classes="dialog-row"):
                yield OrderedInput(
                    task.priority or "", id="task-priority", placeholder="priority (P1)", compact=True
                )
                yield OrderedInput(
                    task.ticket or "", id="task-ticket", placeholder="ticket or link", compact=True
                )
            with Horizontal(classes="dialog-buttons"):
                yield Button("OK", id="task-ok", variant="primary", compact=True)
                yield Button("Cancel", id="task-cancel", compact=True)
            yield Static(Content("ctrl+s: OK · escape: cancel"), classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#task-title", Input).focus()

    def _value(self, widget_id: str) -> str | None:
        return self.query_one(f"#{widget_id}", Input).value.strip() or None

    def _mark(self, widget_id: str, message: str) -> None:
        self.query_one(f"#{widget_id}-error", FieldError).say(message)
        field = self.query_one(f"#{widget_id}", Input)
        field.set_class(bool(message), "-invalid")

    @on(Input.Submitted)
    @on(Button.Pressed, "#task-ok")
    def action_accept(self) -> None:
        due_text = self._value("task-due")
        try:
            due = parse_date(due_text) if due_text else None
        except TimeParseError as error:
            self._mark("task-due", str(error))
            return
        self._mark("task-due", "")
        title = self._value("task-title")
        if not title:
            self._mark("task-title", "a task needs a title")
            return
        try:
            task = Task(
                title=title,
                kind=self.query_one("#task-kind", Select).value,
                status=self.query_one("#task-status", Select).value,
                owner=self._value("task-owner"),
                due=due,
                priority=self._value("task-priority"),
                ticket=self._value("task-ticket"),
            )
        except ValidationError as error:
            self._mark("task-title", refusal(error, with_field=True))
            return
        if self.original is not None:
            task._key = self.original.key
        self.dismiss(task)

    @on(Button.Pressed, "#task-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
