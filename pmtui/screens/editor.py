"""The editor: the report's views, the commands on what they show, and the handlers
that turn widget messages into edits.

Every handler here ends in one call to `PostmortemApp.edit`, which applies the
change, marks the report dirty and records it for undo. Dialogs only return
values; this screen applies them. The view commands (tabs, side preview, the
timeline's zone) are this screen's actions, bound in commands.py (through
the app, so they stay out of dialogs); the views themselves (tabs, previews,
status lines) are `ReportViews`.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, cast

from textual import getters, on
from textual.app import ComposeResult
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Tabs, TextArea

from pmtui import edits
from pmtui.event_time import EventTime
from pmtui.finding import Search
from pmtui.history import Step
from pmtui.model import Event, Postmortem, Problem, Task
from pmtui.screens.discard_question import DISCARD, DiscardQuestion
from pmtui.screens.event_dialog import EventDialog
from pmtui.screens.find_bar import FindBar
from pmtui.screens.task_dialog import TaskDialog
from pmtui.screens.warnings import WarningsDialog
from pmtui.widgets.analysis_form import AnalysisForm
from pmtui.widgets.event_editor_row import EventEditorRow
from pmtui.widgets.field_changed import FieldChanged, same_value
from pmtui.widgets.report_views import ReportViews
from pmtui.widgets.summary_form import SummaryForm
from pmtui.widgets.task_list import TaskList
from pmtui.widgets.timeline_table import TimelineTable

if TYPE_CHECKING:
    from pmtui.app import PostmortemApp

#: Side-by-side preview needs room for both an editing tab and a readable preview.
SIDE_PREVIEW_MIN_WIDTH = 160


class EditorScreen(Screen):
    side_preview: reactive[bool] = reactive(False)
    """The preview is shown beside the editing tab (only on terminals wide enough for both)."""

    views = getters.query_one(ReportViews)
    """The tabs and the side preview: what this screen shows of the report."""

    def __init__(self, report: Postmortem, problems: list[Problem]) -> None:
        super().__init__()
        self.report = report
        self._problems = problems
        self.search = Search()
        """The last find, for next and previous (n, F3)."""

    @property
    def pm_app(self) -> PostmortemApp:
        """The app, as the type it always is here (`Screen.app` is typed as any `App`)."""
        return cast("PostmortemApp", self.app)

    def compose(self) -> ComposeResult:
        yield Header(icon="≡")
        yield ReportViews(self.report, self._problems, self.pm_app.today, id="editor-body").data_bind(
            EditorScreen.side_preview
        )
        yield Footer()

    def on_mount(self) -> None:
        self.views.focus_tabs()

    def show_document(
        self,
        report: Postmortem,
        areas: frozenset[str],
        reload: bool = False,
        problems: list[Problem] | None = None,
    ) -> None:
        """Bring the views up to date after an edit touching `areas` (all of them on undo)."""
        self.report = report
        self.views.show(report, areas, reload=reload, problems=problems)
        for row in self.query(EventEditorRow):
            if row.original is not None and all(e.key != row.original.key for e in report.timeline):
                row.close()  # its event was deleted or undone away

    # ------------------------------------------------------------ view commands (bound in commands.py)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """True: available; None: shown greyed (no room for the side preview); False: not here at all."""
        if action == "show_tab":
            return not isinstance(self.focused, (Input, TextArea))  # there, 1-5 are text
        if action == "toggle_preview":
            return True if self.size.width >= SIDE_PREVIEW_MIN_WIDTH else None
        if action in ("find_next", "find_previous"):
            return True if self.search.text else None
        return True

    def action_find(self) -> None:
        self.app.push_screen(FindBar(self.search.text), self._find)

    def _find(self, text: str | None) -> None:
        if text is not None:
            self.search.text, self.search.index = text, -1
            self.action_find_next()

    def action_find_next(self, offset: int = 1) -> None:
        match, number, count = self.search.step(self.report, offset)
        if match is None:
            self.notify(f"No match for {self.search.text!r}", severity="warning", markup=False)
            return
        in_text = match.place.key is None
        self.views.reveal(match.place, match.start if in_text else None)
        # in a text field n and N are letters: say which keys go on from there
        keys = " · F3/shift+F3: next/previous" if in_text and count > 1 else ""
        self.notify(f"{self.search.text!r}: match {number} of {count}{keys}", timeout=3, markup=False)

    def action_find_previous(self) -> None:
        self.action_find_next(-1)

    def action_warnings(self) -> None:
        self.app.push_screen(WarningsDialog(self.report), self._go_to)

    def _go_to(self, place: edits.Place | None) -> None:
        if place is not None:
            self.views.reveal(place)

    def reveal_step(self, step: Step) -> None:
        """After undo or redo: the focus and cursor go to the field or row that changed."""
        place = edits.place_of_step(self.report, step)
        if place is not None:
            self.views.reveal(place)

    def action_focus_tabs(self) -> None:
        """Escape: out of a field to the tab bar; from the tab bar, back to the report browser
        when the report was opened from it (quitting, so unsaved edits are asked about)."""
        if self.pm_app.from_list and isinstance(self.focused, Tabs):
            self.app.call_later(self.app.run_action, "quit")
            return
        self.views.focus_tabs()

    def action_show_tab(self, tab: str) -> None:
        self.views.show_tab(tab)

    def action_add_event(self) -> None:
        self.views.show_tab("timeline")
        table = self.views.timeline
        self.post_message(TimelineTable.AddRequested(table.selected_key() if table else None))

    def action_add_task(self) -> None:
        self.views.show_tab("tasks")
        task_list = self.views.tasks
        self.post_message(TaskList.AddRequested(task_list.selected_key() if task_list else None))

    def action_cycle_zone(self) -> None:
        if self.views.timeline is not None:
            self.views.timeline.action_cycle_zone()

    def action_toggle_preview(self) -> None:
        self.side_preview = not self.side_preview and self.size.width >= SIDE_PREVIEW_MIN_WIDTH

    def watch_side_preview(self, shown: bool) -> None:
        self.set_class(shown, "-side-preview")

    def on_resize(self) -> None:
        if self.side_preview and self.size.width < SIDE_PREVIEW_MIN_WIDTH:
            self.side_preview = False

    # ------------------------------------------------------------ edits from the forms

    def _edit(
        self, label: str, change: Callable[[Postmortem], object], areas: set[str], group: str | None = None
    ) -> str | None:
        refused = self.pm_app.edit(label, change, areas, group)
        if refused is None:
            self.pm_app.history.drop_if_unchanged()  # an edit that changed nothing is no step
        return refused

    @property
    def typing(self) -> bool:
        """A summary field holds typed text not yet taken (see `take_typing`)."""
        return self.query_one(SummaryForm).typing

    def take_typing(self) -> None:
        """Apply what is typed in a field taken only on leaving it (start, end, zone), now.

        For the app to call before it saves, exports or quits: what is on screen is what is saved.
        """
        for change in self.query_one(SummaryForm).typed_changes():
            self._field_changed(change)

    def unkept(self) -> list[str]:
        """Typed text the report does not hold: refused fields, an event edited in place and not kept."""
        found = self.query_one(SummaryForm).unkept()
        for row in self.query(EventEditorRow):
            if row.is_open and row.values() != row.first_values:
                found.append("the event being edited under the timeline")
        return found

    @on(SummaryForm.Changed)
    @on(AnalysisForm.Changed)
    def _field_changed(self, message: FieldChanged) -> None:
        path, value = message.field, message.value
        if same_value(edits.get_field(self.report, path), value):
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
        after = edits.event_time(self.report, message.after)
        self.app.push_screen(EventDialog.for_report("Add event", self.report, after), self._event_added)

    def _event_added(self, event: Event | None) -> None:
        if event is None:
            return
        self._edit("add event", lambda r: edits.insert_event(r, event), {"timeline"})
        self._select_event(event.key)

    @on(TimelineTable.EditRequested)
    def _edit_event(self, message: TimelineTable.EditRequested) -> None:
        current = self.report.timeline[edits.event_index(self.report, message.key)]
        after = edits.previous_event_time(self.report, message.key)
        dialog = EventDialog.for_report("Edit event", self.report, after, event=current)
        self.app.push_screen(dialog, partial(self._event_from_dialog, message.key))

    def _event_from_dialog(self, key: int, event: Event | None) -> None:
        refused = self._event_edited(key, event)
        if refused:
            self.notify(f"Event not changed: {refused}", severity="warning", markup=False)

    def _event_edited(self, key: int, event: Event | None) -> str | None:
        """Apply an edited event; returns the model's reason when it refuses it."""
        current = self.report.timeline[edits.event_index(self.report, key)]
        if event is None or (event == current and same_value(current.at, event.at)):
            return None  # OK on an event left as it was is not an edit
        refused = self._edit("edit event", lambda r: edits.replace_event(r, key, event), {"timeline"})
        self._select_event(event.key)
        return refused

    @on(TimelineTable.EditHereRequested)
    def _edit_here(self, message: TimelineTable.EditHereRequested) -> None:
        current = self.report.timeline[edits.event_index(self.report, message.key)]
        times = EventTime.for_report(self.report, edits.previous_event_time(self.report, message.key))
        self.query_one(EventEditorRow).open(current, times, message.field)

    @on(EventEditorRow.Submitted)
    def _edited_here(self, message: EventEditorRow.Submitted) -> None:
        refused = self._event_edited(message.key, message.event)
        if refused:
            self.query_one(EventEditorRow).at_reading.refuse(refused)
            return
        self._close_edit_row(message.key)

    @on(EventEditorRow.Closing)
    def _closing_edit_row(self, message: EventEditorRow.Closing) -> None:
        key = message.editor.original.key if message.editor.original is not None else None
        if not message.changed:
            self._close_edit_row(key)
            return
        self.app.push_screen(
            DiscardQuestion("event"), lambda answer: self._close_edit_row(key) if answer == DISCARD else None
        )

    def _close_edit_row(self, key: int | None) -> None:
        self.query_one(EventEditorRow).close()
        table = self.views.timeline
        if table is not None:
            self.set_focus(table)
            if key is not None:
                table.select_key(key)

    @on(TimelineTable.PasteRequested)
    def _pasted_on_timeline(self, message: TimelineTable.PasteRequested) -> None:
        self.action_paste_lines(message.text)

    def action_paste_lines(self, text: str = "") -> None:
        """Log lines to add as events; the dialog shows what each line becomes first."""
        from pmtui.screens.paste_dialog import PasteDialog  # it loads the importers: not at launch

        self.app.push_screen(PasteDialog(self.report, text), self._lines_pasted)

    def _lines_pasted(self, events: list[Event] | None) -> None:
        if not events:
            return
        count = len(events)
        label = f"paste {count} event{'' if count == 1 else 's'}"
        if self._edit(label, lambda r: [edits.insert_event(r, event) for event in events], {"timeline"}):
            return
        self.views.reveal(edits.Place("timeline", events[0].key))
        self.notify(f"Added {count} event{'' if count == 1 else 's'} (ctrl+z takes them back)", markup=False)

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
        if self.views.timeline is not None:
            self.views.timeline.select_key(key)

    def _select_task(self, key: int) -> None:
        if self.views.tasks is not None:
            self.views.tasks.select_key(key)

    # ------------------------------------------------------------ tasks

    @on(TaskList.Toggled)
    def _toggle_task(self, message: TaskList.Toggled) -> None:
        self._edit("toggle task", lambda r: edits.toggle_task(r, message.key), {"tasks"})

    @on(TaskList.AddRequested)
    def _add_task(self, message: TaskList.AddRequested) -> None:
        self.app.push_screen(
            TaskDialog("Add task", self.pm_app.today()), lambda task: self._task_added(task, message.after)
        )

    def _task_added(self, task: Task | None, after: int | None) -> None:
        if task is None:
            return
        self._edit("add task", lambda r: edits.insert_task(r, task, after), {"tasks"})
        self._select_task(task.key)

    @on(TaskList.EditRequested)
    def _edit_task(self, message: TaskList.EditRequested) -> None:
        current = self.report.tasks[edits.task_index(self.report, message.key)]
        self.app.push_screen(
            TaskDialog("Edit task", self.pm_app.today(), current),
            lambda task: self._task_edited(message.key, task),
        )

    def _task_edited(self, key: int, task: Task | None) -> None:
        if task is not None and task != self.report.tasks[edits.task_index(self.report, key)]:
            self._edit("edit task", lambda r: edits.replace_task(r, key, task), {"tasks"})

    @on(TaskList.DeleteRequested)
    def _delete_task(self, message: TaskList.DeleteRequested) -> None:
        self._edit("delete task", lambda r: edits.delete_task(r, message.key), {"tasks"})
        self.notify("Task deleted (ctrl+z to undo)", markup=False)

    @on(TaskList.MoveRequested)
    def _move_task(self, message: TaskList.MoveRequested) -> None:
        target = edits.task_index(self.report, message.key) + message.offset
        if not 0 <= target < len(self.report.tasks):
            return  # the first task up, the last down: nothing moves, so nothing to undo or save
        self._edit("move task", lambda r: edits.move_task(r, message.key, message.offset), {"tasks"})
        self._select_task(message.key)
