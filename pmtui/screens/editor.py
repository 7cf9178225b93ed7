"""The editor: five tabs over one report, and the handlers that turn widget messages into edits.

Every handler here ends in one call to `PostmortemApp.edit`, which applies the
change, marks the report dirty and records it for undo. Dialogs only return
values; this screen applies them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widget import MountError
from textual.widgets import Footer, Header, Label, TabbedContent, TabPane

from pmtui import edits
from pmtui.model import Event, Postmortem, Problem, Task
from pmtui.screens.event_dialog import EventDialog
from pmtui.screens.task_dialog import TaskDialog
from pmtui.widgets.analysis_form import AnalysisForm
from pmtui.widgets.field_changed import FieldChanged
from pmtui.widgets.preview import Preview
from pmtui.widgets.summary_form import SummaryForm
from pmtui.widgets.task_list import TaskList
from pmtui.widgets.timeline_table import TimelineTable

if TYPE_CHECKING:
    from pmtui.app import PostmortemApp

#: Side-by-side preview needs room for both an editing tab and a readable preview.
SIDE_PREVIEW_MIN_WIDTH = 160


class EditorScreen(Screen):
    def __init__(self, report: Postmortem) -> None:
        super().__init__()
        self.report = report
        self.side_preview = False

    @property
    def pm_app(self) -> PostmortemApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield Header(icon="≡")
        with Horizontal(id="editor-body"):
            with TabbedContent(id="tabs", initial="summary"):
                with TabPane("1 Summary", id="summary"):
                    yield SummaryForm(self.report, id="summary-form")
                # Hidden tabs are filled just after the first frame (_fill_hidden_tabs).
                yield TabPane("2 Timeline", id="timeline")
                yield TabPane("3 Root cause", id="root-cause")
                yield TabPane("4 Tasks", id="tasks")
                with TabPane("5 Preview", id="preview"):
                    yield Preview(id="tab-preview")
            with Vertical(id="side-preview-box"):
                yield Preview(id="side-preview")
        yield Footer()

    def on_mount(self) -> None:
        self.focus_tabs()
        self.call_after_refresh(self._fill_hidden_tabs)

    def _fill_hidden_tabs(self) -> None:
        """Mount the tabs nobody sees yet after the first frame: a 1,000-row table costs real time.

        Textual's `Lazy` does the same but raises if the app quits first; quitting
        before the tabs were ever needed is fine here.
        """
        report = self.report
        try:
            self.query_one("#timeline", TabPane).mount(
                Label("", id="timeline-status"), TimelineTable(report, id="timeline-table")
            )
            self.query_one("#root-cause", TabPane).mount(AnalysisForm(report, id="analysis-form"))
            self.query_one("#tasks", TabPane).mount(
                Label("", id="tasks-progress"), TaskList(report, self.pm_app.today, id="task-list")
            )
        except MountError:
            return
        self.call_after_refresh(self._update_status_lines)

    def focus_tabs(self) -> None:
        """The tab bar: arrows and 1-5 switch tabs, tab goes into the form."""
        self.query_one("#tabs Tabs").focus()

    # ------------------------------------------------------------ views

    @property
    def timeline(self) -> TimelineTable | None:
        """The timeline table, once mounted (it mounts just after the first frame)."""
        return next(iter(self.query(TimelineTable)), None)

    @property
    def tasks(self) -> TaskList | None:
        return next(iter(self.query(TaskList)), None)

    def show_tab(self, tab: str) -> None:
        self.query_one(TabbedContent).active = tab
        self._focus_pane(tab)

    def _focus_pane(self, tab: str, attempts: int = 50) -> None:
        selector = {"timeline": "TimelineTable", "tasks": "TaskList", "preview": "#tab-preview"}.get(tab)
        if selector is None:
            return
        found = self.query(selector)
        if found:
            found.first().focus()
        elif attempts:  # still being mounted lazily
            self.set_timer(0.02, lambda: self._focus_pane(tab, attempts - 1))

    def add_event(self) -> None:
        table = self.timeline
        self.post_message(TimelineTable.AddRequested(table.selected_key() if table else None))

    def add_task(self) -> None:
        task_list = self.tasks
        self.post_message(TaskList.AddRequested(task_list.selected_key() if task_list else None))

    def cycle_zone(self) -> None:
        table = self.timeline
        if table is not None:
            table.action_cycle_zone()

    def show_document(self, report: Postmortem, areas: frozenset[str], reload: bool = False) -> None:
        """Bring the views up to date after an edit touching `areas` (all of them on undo)."""
        self.report = report
        problems = report.problems()
        self.query_one(SummaryForm).show(report, reload=reload, problems=problems)
        if reload or areas & {"timeline", "window", "zone"}:
            for table in self.query(TimelineTable):
                table.show(report, problems)
        if reload or "tasks" in areas:
            for task_list in self.query(TaskList):
                task_list.show(report)
        if reload:
            for form in self.query(AnalysisForm):
                form.show(report)
        self._update_status_lines(problems)
        self._schedule_previews()

    def _update_status_lines(self, problems: list[Problem] | None = None) -> None:
        report = self.report
        problems = report.problems() if problems is None else problems
        for progress in self.query("#tasks-progress").results(Label):
            progress.update(Content(edits.progress_line(report.tasks, self.pm_app.today())))
        timeline_problems = [p for p in problems if p.field.startswith("timeline")]
        dated = "" if report.is_dated else " · no date yet: times stay date-less"
        status = f"{len(report.timeline)} events{dated}"
        if timeline_problems:
            count = len(timeline_problems)
            status += f" · {count} warning{'s' if count > 1 else ''}"
        for label in self.query("#timeline-status").results(Label):
            label.update(Content(status))

    def _schedule_previews(self) -> None:
        for preview in self.query(Preview):
            if (preview.id == "side-preview" and self.side_preview) or (
                preview.id == "tab-preview" and self.query_one(TabbedContent).active == "preview"
            ):
                preview.schedule(self.report)

    @on(TabbedContent.TabActivated)
    def _tab_shown(self, event: TabbedContent.TabActivated) -> None:
        if event.pane.id == "preview":
            self._schedule_previews()

    def on_preview_mounted(self, message: Preview.Mounted) -> None:
        """A lazily mounted preview starts with the report as it is now."""
        self._schedule_previews()

    def toggle_side_preview(self) -> None:
        self.side_preview = not self.side_preview and self.size.width >= SIDE_PREVIEW_MIN_WIDTH
        self.set_class(self.side_preview, "-side-preview")
        self._schedule_previews()

    def on_resize(self) -> None:
        if self.side_preview and self.size.width < SIDE_PREVIEW_MIN_WIDTH:
            self.toggle_side_preview()

    # ------------------------------------------------------------ edits from the forms

    def _edit(
        self, label: str, change: Callable[[Postmortem], None], areas: set[str], group: str | None = None
    ) -> str | None:
        return self.pm_app.edit(label, change, areas, group)

    @on(SummaryForm.Changed)
    @on(AnalysisForm.Changed)
    def _field_changed(self, message: FieldChanged) -> None:
        path, value = message.field, message.value
        if edits.get_field(self.report, path) == value:
            return  # a widget echoing what it was given (on mount, on undo) is not an edit
        refused = self._edit(
            f"edit {path.replace('_', ' ')}",
            lambda r: edits.set_field(r, path, value),
            edits.areas_for(path),
            group=path,
        )
        if refused:
            self.query_one(SummaryForm).refused(path, refused)
            self.notify(f"{path}: {refused}", severity="warning", markup=False)

    # ------------------------------------------------------------ timeline

    @on(TimelineTable.AddRequested)
    def _add_event(self, message: TimelineTable.AddRequested) -> None:
        report = self.report
        dialog = EventDialog(
            "Add event",
            report.timezone,
            report.incident_date,
            edits.event_time(report, message.after),
            dateless=not report.is_dated,
        )
        self.app.push_screen(dialog, self._event_added)

    def _event_added(self, event: Event | None) -> None:
        if event is None:
            return
        self._edit("add event", lambda r: edits.insert_event(r, event), {"timeline"})
        self._select_event(event.key)

    @on(TimelineTable.EditRequested)
    def _edit_event(self, message: TimelineTable.EditRequested) -> None:
        report = self.report
        current = report.timeline[edits.event_index(report, message.key)]
        dialog = EventDialog(
            "Edit event",
            report.timezone,
            report.incident_date,
            None,
            event=current,
            dateless=not report.is_dated,
        )
        self.app.push_screen(dialog, lambda event: self._event_edited(message.key, event))

    def _event_edited(self, key: int, event: Event | None) -> None:
        if event is None:
            return
        self._edit("edit event", lambda r: edits.replace_event(r, key, event), {"timeline"})
        self._select_event(event.key)

    @on(TimelineTable.DeleteRequested)
    def _delete_event(self, message: TimelineTable.DeleteRequested) -> None:
        self._edit("delete event", lambda r: edits.delete_event(r, message.key), {"timeline"})
        self.notify("Event deleted (ctrl+z to undo)", markup=False)

    @on(TimelineTable.DuplicateRequested)
    def _duplicate_event(self, message: TimelineTable.DuplicateRequested) -> None:
        copies: list[int] = []
        self._edit(
            "duplicate event", lambda r: copies.append(edits.duplicate_event(r, message.key)), {"timeline"}
        )
        if copies:
            self._select_event(copies[0])

    def _select_event(self, key: int) -> None:
        if self.timeline is not None:
            self.timeline.select_key(key)

    def _select_task(self, key: int) -> None:
        if self.tasks is not None:
            self.tasks.select_key(key)

    # ------------------------------------------------------------ tasks

    @on(TaskList.Toggled)
    def _toggle_task(self, message: TaskList.Toggled) -> None:
        self._edit("toggle task", lambda r: edits.toggle_task(r, message.key), {"tasks"})

    @on(TaskList.AddRequested)
    def _add_task(self, message: TaskList.AddRequested) -> None:
        self.app.push_screen(TaskDialog("Add task"), lambda task: self._task_added(task, message.after))

    def _task_added(self, task: Task | None, after: int | None) -> None:
        if task is None:
            return
        self._edit("add task", lambda r: edits.insert_task(r, task, after), {"tasks"})
        self._select_task(task.key)

    @on(TaskList.EditRequested)
    def _edit_task(self, message: TaskList.EditRequested) -> None:
        current = self.report.tasks[edits.task_index(self.report, message.key)]
        self.app.push_screen(
            TaskDialog("Edit task", current), lambda task: self._task_edited(message.key, task)
        )

    def _task_edited(self, key: int, task: Task | None) -> None:
        if task is not None:
            self._edit("edit task", lambda r: edits.replace_task(r, key, task), {"tasks"})

    @on(TaskList.DeleteRequested)
    def _delete_task(self, message: TaskList.DeleteRequested) -> None:
        self._edit("delete task", lambda r: edits.delete_task(r, message.key), {"tasks"})
        self.notify("Task deleted (ctrl+z to undo)", markup=False)

    @on(TaskList.MoveRequested)
    def _move_task(self, message: TaskList.MoveRequested) -> None:
        self._edit("move task", lambda r: edits.move_task(r, message.key, message.offset), {"tasks"})
        self._select_task(message.key)
