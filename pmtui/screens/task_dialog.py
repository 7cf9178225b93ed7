"""Add or edit one corrective task. Dismisses with a new `Task`; the caller applies it.

While the due date is typed, the line under it says what it reads as ("→ Fri
2024-05-17, in 7 days"), or why it cannot be read; OK takes it. Short forms
(`+7d`, `fri`, `tomorrow`) count from the app's today, given by the caller.
Every field has its name above it, so a filled-in field still says what it is.
Escape closes at once when nothing was changed, and asks before throwing away
what was typed.
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from pydantic import ValidationError
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalGroup
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from pmtui.dates import describe_due, format_due, parse_due
from pmtui.labels import TASK_STATUS_LABELS
from pmtui.model import Task, TaskKind, refusal
from pmtui.screens.discard_question import close_or_ask
from pmtui.widgets.field_error import FieldError, FieldHint
from pmtui.widgets.field_reading import FieldReading
from pmtui.widgets.text_fields import OrderedInput

STATUS_OPTIONS = [(label, status) for status, label in TASK_STATUS_LABELS.items()]
KIND_OPTIONS = [("task", TaskKind.TASK), ("improvement", TaskKind.IMPROVEMENT)]
FIELDS = ("task-title", "task-kind", "task-status", "task-owner", "task-due", "task-priority", "task-ticket")
SELECTS = ("task-kind", "task-status")


class TaskDialog(ModalScreen[Task | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="cancel", tooltip="Close; asks first if anything was typed"),
        Binding("ctrl+s", "accept", "OK", id="accept", tooltip="Keep this task", priority=True),
    ]

    def __init__(self, heading: str, today: date, task: Task | None = None) -> None:
        super().__init__(classes="dialog")
        self.heading = heading
        self.today = today
        """What `+7d` and `fri` count from."""
        self.original = task
        self.shown_due = format_due(task.due) if task and task.due else ""
        """The due date as the field first shows it."""
        first = task or Task(title="")
        self.first_values: tuple[object, ...] = (
            first.title,
            first.kind,
            first.status,
            first.owner or "",
            self.shown_due,
            first.priority or "",
            first.ticket or "",
        )
        """What the fields hold when the dialog opens, in `FIELDS` order: escape asks once they differ."""
        self.due_reading = FieldReading(
            self, "task-due", read=self._read_due, describe=self._describe_due, shown=lambda: self.shown_due
        )

    def compose(self) -> ComposeResult:
        task = self.original or Task(title="")
        with Vertical(classes="dialog-box", id="task-box"):
            yield Static(Content(self.heading), classes="dialog-title")
            yield Label("Task")
            yield OrderedInput(task.title, id="task-title", placeholder="what will be done", compact=True)
            yield FieldError("", id="task-title-error", classes="field-error")
            with Horizontal(classes="dialog-row"):
                with VerticalGroup():
                    yield Label("Kind")
                    yield Select(
                        KIND_OPTIONS, value=task.kind, allow_blank=False, id="task-kind", compact=True
                    )
                with VerticalGroup():
                    yield Label("Status")
                    yield Select(
                        STATUS_OPTIONS, value=task.status, allow_blank=False, id="task-status", compact=True
                    )
            with Horizontal(classes="dialog-row"):
                with VerticalGroup():
                    yield Label("Owner")
                    yield OrderedInput(task.owner or "", id="task-owner", placeholder="who", compact=True)
                with VerticalGroup():
                    yield Label("Due (2024-06-01, fri, +7d)")
                    yield OrderedInput(self.shown_due, id="task-due", placeholder="optional", compact=True)
                    yield FieldHint("", id="task-due-hint", classes="field-hint")
                    yield FieldError("", id="task-due-error", classes="field-error")
            with Horizontal(classes="dialog-row"):
                with VerticalGroup():
                    yield Label("Priority")
                    yield OrderedInput(
                        task.priority or "", id="task-priority", placeholder="P1", compact=True
                    )
                with VerticalGroup():
                    yield Label("Ticket or link")
                    yield OrderedInput(
                        task.ticket or "", id="task-ticket", placeholder="optional", compact=True
                    )
            with Horizontal(classes="dialog-buttons"):
                yield Button("OK", id="task-ok", variant="primary", compact=True)
                yield Button("Cancel", id="task-cancel", compact=True)
            yield Static(Content("ctrl+s: OK · escape: cancel"), classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#task-title", Input).focus()

    def _values(self) -> tuple[object, ...]:
        return tuple(
            self.query_one(f"#{field}", Select).value
            if field in SELECTS
            else self.query_one(f"#{field}", Input).value
            for field in FIELDS
        )

    def _value(self, widget_id: str) -> str | None:
        return self.query_one(f"#{widget_id}", Input).value.strip() or None

    def _mark(self, widget_id: str, message: str) -> None:
        self.query_one(f"#{widget_id}-error", FieldError).say(message)
        field = self.query_one(f"#{widget_id}", Input)
        field.set_class(bool(message), "-invalid")

    @on(Input.Changed, "#task-due")
    def _due_typed(self) -> None:
        self.due_reading.follow()

    def _read_due(self, text: str) -> date | None:
        return parse_due(text, self.today) if text.strip() else None

    def _describe_due(self, due: date | None) -> str:
        return describe_due(due, self.today) if due else ""

    @on(Input.Submitted)
    @on(Button.Pressed, "#task-ok")
    def action_accept(self) -> None:
        try:
            due = self.due_reading.take_or(self.original.due if self.original else None)
        except ValueError:
            return
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
    def _cancel_pressed(self) -> None:
        self.dismiss(None)

    def action_cancel(self) -> None:
        close_or_ask(self, "task", changed=self._values() != self.first_values)
