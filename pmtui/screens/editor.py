"""The editor: five tabs over one report, and the handlers that turn widget messages into edits.

Every handler here ends in one call to `PostmortemApp.edit`, which applies the
change, marks the report dirty and records it for undo. Dialogs only return
values; this screen applies them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable, Optional

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, Label, TabbedContent, TabPane

from pmtui import edits
from pmtui.model import Event, Postmortem, Task
from pmtui.screens.event_dialog import EventDialog
from pmtui.screens.task_dialog import TaskDialog
from pmtui.widgets.analysis_form import AnalysisForm
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
                with TabPane("2 Timeline", id="timeline"):
                    yield Label("", id="timeline-status")
                    yield TimelineTable(self.report, id="timeline-table")
                with TabPane("3 Root cause", id="root-cause"):
                    yield AnalysisForm(self.report, id="analysis-form")
                with TabPane("4 Tasks", id="tasks"):
                    yield Label("", id="tasks-progress")
                    yield TaskList(self.report, self.pm_app.today, id="task-list")
                with TabPane("5 Preview", id="preview"):
                    yield Preview(id="tab-preview")
            with Vertical(id="side-preview-box"):
                yield Preview(id="side-preview")
        yield Footer()

    def on_mount(self) -> None:
        self._update_status_lines()
        self.focus_tabs()

    def focus_tabs(self) -> None:
        """The tab bar: arrows and 1-5 switch tabs, tab goes into the form."""
        self.query_one("#tabs Tabs").focus()

    # ------------------------------------------------------------ views

    @property
    def timeline(self) -> TimelineTable:
        return self.query_one(TimelineTable)

    @property
    def tasks(self) -> TaskList:
        return self.query_one(TaskList)

    def show_tab(self, tab: str) -> None:
        self.query_one(TabbedContent).active = tab
        focus_target = {"timeline": TimelineTable, "tasks": TaskList, "preview": "#tab-preview"}.get(tab)
        if focus_target is not None:
            self.query_one(focus_target).focus()  # type: ignore[arg-type]

    def show_document(self, report: Postmortem, areas: frozenset[str], reload: bool = False) -> None:
        """Bring the views up to date after an edit touching `areas` (all of them on undo)."""
        self.report = report
        self.query_one(SummaryForm).show(report, reload=reload)
        if reload or areas & {"timeline", "window", "zone"}:
            self.timeline.show(report)
        if reload or "tasks" in areas:
            self.tasks.show(report)
        if reload:
            self.query_one(AnalysisForm).show(report)
        self._update_status_lines()
        self._schedule_previews()

    def _update_status_lines(self) -> None:
        report = self.report
        self.query_one("#tasks-progress", Label).update(
            Content(edits.progress_line(report.tasks, self.pm_app.today())))
        problems = [p for p in report.problems() if p.field.startswith("timeline")]
        dated = "" if report.is_dated else " · no date yet: times stay date-less"
        status = f"{len(report.timeline)} events{dated}"
        if problems:
            status += f" · {len(problems)} warning{'s' if len(problems) > 1 else ''}"
        self.query_one("#timeline-status", Label).update(Content(status))

    def _schedule_previews(self) -> None:
        if self.query_one(TabbedContent).active == "preview":
            self.query_one("#tab-preview", Preview).schedule(self.report)
        if self.side_preview:
            self.query_one("#side-preview", Preview).schedule(self.report)

    @on(TabbedContent.TabActivated)
    def _tab_shown(self, event: TabbedContent.TabActivated) -> None:
        if event.pane.id == "preview":
            self.query_one("#tab-preview", Preview).schedule(self.report)

    def toggle_side_preview(self) -> None:
        self.side_preview = not self.side_preview and self.size.width >= SIDE_PREVIEW_MIN_WIDTH
        self.set_class(self.side_preview, "-side-preview")
        self._schedule_previews()

    def on_resize(self) -> None:
        if self.side_preview and self.size.width < SIDE_PREVIEW_MIN_WIDTH:
            self.toggle_side_preview()

    # ------------------------------------------------------------ edits from the forms

    def _edit(self, label: str, change: Callable[[Postmortem], None], areas: set[str],
              group: Optional[str] = None) -> Optional[str]:
        return self.pm_app.edit(label, change, areas, group)

    @on(SummaryForm.Changed)
    @on(AnalysisForm.Changed)
    def _field_changed(self, message: SummaryForm.Changed | AnalysisForm.Changed) -> None:
        path, value = message.field, message.value
        if edits.get_field(self.report, path) == value:
            return  # a widget echoing what it was given (on mount, on undo) is not an edit
        refused = self._edit(f"edit {path.replace('_', ' ')}", lambda r: edits.set_field(r, path, value),
                             edits.areas_for(path), group=path)
        if refused:
            self.query_one(SummaryForm).refused(path, refused)
            self.notify(f"{path}: {refused}", severity="warning", markup=False)

    # ------------------------------------------------------------ timeline

    @on(TimelineTable.AddRequested)
    def _add_event(self, message: TimelineTable.AddRequested) -> None:
        report = self.report
        dialog = EventDialog("Add event", report.timezone, report.incident_date,
                             edits.event_time(report, message.after), dateless=not report.is_dated)
        self.app.push_screen(dialog, self._event_added)

    def _event_added(self, event: Optional[Event]) -> None:
        if event is None:
            return
        self._edit("add event", lambda r: edits.insert_event(r, event), {"timeline"})
        self.timeline.select_key(event.key)

    @on(TimelineTable.EditRequested)
    def _edit_event(self, message: TimelineTable.EditRequested) -> None:
        report = self.report
        current = report.timeline[edits.event_index(report, message.key)]
        dialog = EventDialog("Edit event", report.timezone, report.incident_date, None, event=current,
                             dateless=not report.is_dated)
        self.app.push_screen(dialog, lambda event: self._event_edited(message.key, event))

    def _event_edited(self, key: int, event: Optional[Event]) -> None:
        if event is None:
            return
        self._edit("edit event", lambda r: edits.replace_event(r, key, event), {"timeline"})
        self.timeline.select_key(event.key)

    @on(TimelineTable.DeleteRequested)
    def _delete_event(self, message: TimelineTable.DeleteRequested) -> None:
        self._edit("delete event", lambda r: edits.delete_event(r, message.key), {"timeline"})
        self.notify("Event deleted (ctrl+z to undo)", markup=False)

    @on(TimelineTable.DuplicateRequested)
    def _duplicate_event(self, message: TimelineTable.DuplicateRequested) -> None:
        copies: list[int] = []
        self._edit("duplicate event", lambda r: copies.append(edits.duplicate_event(r, message.key)), {"timeline"})
        if copies:
            self.timeline.select_key(copies[0])

    # ------------------------------------------------------------ tasks

    @on(TaskList.Toggled)
    def _toggle_task(self, message: TaskList.Toggled) -> None:
        self._edit("toggle task", lambda r: edits.toggle_task(r, message.key), {"tasks"})

    @on(TaskList.AddRequested)
    def _add_task(self, message: TaskList.AddRequested) -> None:
        self.app.push_screen(TaskDialog("Add task"), lambda task: self._task_added(task, message.after))

    def _task_added(self, task: Optional[Task], after: Optional[int]) -> None:
        if task is None:
            return
        self._edit("add task", lambda r: edits.insert_task(r, task, after), {"tasks"})
        self.tasks.select_key(task.key)

    @on(TaskList.EditRequested)
    def _edit_task(self, message: TaskList.EditRequested) -> None:
        current = self.report.tasks[edits.task_index(self.report, message.key)]
        self.app.push_screen(TaskDialog("Edit task", current), lambda task: self._task_edited(message.key, task))

    def _task_edited(self, key: int, task: Optional[Task]) -> None:
        if task is not None:
            self._edit("edit task", lambda r: edits.replace_task(r, key, task), {"tasks"})

    @on(TaskList.DeleteRequested)
    def _delete_task(self, message: TaskList.DeleteRequested) -> None:
        self._edit("delete task", lambda r: edits.delete_task(r, message.key), {"tasks"})
        self.notify("Task deleted (ctrl+z to undo)", markup=False)

    @on(TaskList.MoveRequested)
    def _move_task(self, message: TaskList.MoveRequested) -> None:
        self._edit("move task", lambda r: edits.move_task(r, message.key, message.offset), {"tasks"})
        self.tasks.select_key(message.key)
