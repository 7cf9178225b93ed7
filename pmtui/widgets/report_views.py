"""What the editor shows of the report: five tabs and the side preview, kept up to date.

The tabs nobody sees yet are filled just after the first frame, a preview
renders only while it can be seen, and `show` refreshes only the views an edit
touched. No edit starts here: the forms and tables post messages, which bubble
up to the editor screen.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.reactive import reactive
from textual.widget import MountError, Widget
from textual.widgets import DataTable, Input, TabbedContent, TabPane, TextArea

from pmtui.edits import Place
from pmtui.model import Postmortem, Problem
from pmtui.render.markdown import SECTION_HEADINGS
from pmtui.widgets.analysis_form import AnalysisForm
from pmtui.widgets.event_editor_row import EventEditorRow
from pmtui.widgets.keyed_table import KeyedTable
from pmtui.widgets.line_table import LineTable
from pmtui.widgets.preview import Preview
from pmtui.widgets.row_detail import RowDetail
from pmtui.widgets.status_lines import TaskProgress, TimelineStatus
from pmtui.widgets.summary_form import SummaryForm
from pmtui.widgets.task_list import TaskList
from pmtui.widgets.timeline_table import TimelineTable

#: What takes the focus when a tab is shown for the first time; after that, where the user last was.
FOCUS_ON_SHOW = {
    "summary": "#summary-title",
    "timeline": "TimelineTable",
    "root-cause": "#analysis-root_cause",
    "tasks": "TaskList",
    "preview": "#tab-preview",
}

#: The export's section each editing tab writes: the side preview shows it when the tab is shown.
PREVIEW_SECTIONS = {
    "summary": "",
    "timeline": SECTION_HEADINGS["timeline"],
    "root-cause": SECTION_HEADINGS["analysis"],
    "tasks": SECTION_HEADINGS["tasks"],
}


def tab_of(place: Place) -> tuple[str, str]:
    """The tab a place is on and the selector of the widget that shows it."""
    if place.field in ("timeline", "tasks"):
        return place.field, FOCUS_ON_SHOW[place.field]
    if place.field.startswith("analysis."):
        return "root-cause", "#analysis-" + place.field.removeprefix("analysis.")
    name = place.field.removeprefix("summary.").split(".")[0]
    return "summary", f"#summary-{name}"


class ReportViews(Horizontal):
    side_preview: reactive[bool] = reactive(False, init=False)
    """The preview is shown beside the tabs (the editor screen decides, and binds it down)."""

    def __init__(
        self, report: Postmortem, problems: list[Problem], today: Callable[[], date], *, id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self.report = report
        self.problems = problems
        """The report's warnings as last told (the app works them out, once an edit)."""
        self.today = today
        self._focus_request = 0
        """Counts requests to focus a tab's field, so a late one never overrides a newer one."""
        self._last_focus: dict[str, Widget] = {}
        """Where the focus last was on each tab, so showing the tab again goes back there."""
        self._summary = SummaryForm(report, problems, id="summary-form")
        self._previews = (Preview(id="tab-preview"), Preview(id="side-preview"))
        self._filled: _HiddenTabs | None = None
        """The widgets of the tabs filled after the first frame, kept so an edit on a big report
        finds them without walking the whole widget tree (a query walks it every time)."""

    def compose(self) -> ComposeResult:
        with TabbedContent(id="tabs", initial="summary"):
            with TabPane("1 Summary", id="summary"):
                yield self._summary
            # Hidden tabs are filled just after the first frame (_fill_hidden_tabs).
            yield TabPane("2 Timeline", id="timeline")
            yield TabPane("3 Root cause", id="root-cause")
            yield TabPane("4 Tasks", id="tasks")
            with TabPane("5 Preview", id="preview"):
                yield self._previews[0]
        with Vertical(id="side-preview-box"):
            yield self._previews[1]

    def on_mount(self) -> None:
        self.call_after_refresh(self._fill_hidden_tabs)

    def _fill_hidden_tabs(self) -> None:
        """Mount the tabs nobody sees yet after the first frame: a 1,000-row table costs real time.

        Textual's `Lazy` does the same but raises if the app quits first; quitting
        before the tabs were ever needed is fine here.
        """
        report = self.report
        tabs = _HiddenTabs(
            TimelineStatus("", id="timeline-status"),
            TimelineTable(report, self.problems, id="timeline-table"),
            RowDetail("", id="timeline-table-detail", classes="row-detail"),
            AnalysisForm(report, id="analysis-form"),
            TaskProgress("", id="tasks-progress"),
            TaskList(report, self.problems, self.today, id="task-list"),
            RowDetail("", id="task-list-detail", classes="row-detail"),
        )
        try:
            self.query_one("#timeline", TabPane).mount(
                tabs.timeline_status,
                tabs.timeline,
                EventEditorRow(id="timeline-edit-row"),
                tabs.timeline_detail,
            )
            self.query_one("#root-cause", TabPane).mount(tabs.analysis)
            self.query_one("#tasks", TabPane).mount(tabs.task_progress, tabs.tasks, tabs.task_detail)
        except MountError:
            return
        self._filled = tabs
        self.call_after_refresh(self._update_status_lines)

    # ------------------------------------------------------------ tabs

    @property
    def timeline(self) -> TimelineTable | None:
        """The timeline table, once mounted (it mounts just after the first frame)."""
        return self._filled.timeline if self._filled is not None else None

    @property
    def tasks(self) -> TaskList | None:
        return self._filled.tasks if self._filled is not None else None

    def focus_tabs(self) -> None:
        """The tab bar: arrows and 1-5 switch tabs, tab goes into the form."""
        self.query_one("#tabs Tabs").focus()

    def show_tab(self, tab: str) -> None:
        """Show a tab and put the focus where the user last was on it, or on its first field."""
        self.query_one(TabbedContent).active = tab
        last = self._last_focus.get(tab)
        if last is not None and last.is_attached and last.focusable:
            self._focus(last)
        else:
            self._focus_when_mounted(FOCUS_ON_SHOW[tab])

    def reveal(self, place: Place, at: int | None = None) -> None:
        """Show the tab a field or row is on and put the focus and cursor on it (in a field's
        text at offset `at`, if given)."""
        tab, selector = tab_of(place)
        self.query_one(TabbedContent).active = tab
        self._focus_when_mounted(selector, place.key, at)

    def _focus_when_mounted(self, selector: str, row: int | None = None, at: int | None = None) -> None:
        self._focus_request += 1
        self._focus_once_mounted(selector, row, at, self._focus_request, attempts=50)

    def _focus_once_mounted(
        self, selector: str, row: int | None, at: int | None, request: int, attempts: int
    ) -> None:
        """Focus `selector` once the lazily mounted tab has it, unless the user has moved on:
        another tab asked for since, or a dialog opened over the editor (it has the keys now)."""
        if request != self._focus_request or not self.screen.is_current:
            return
        found = self.query(selector)
        if not found:
            if attempts:
                self.set_timer(
                    0.02, lambda: self._focus_once_mounted(selector, row, at, request, attempts - 1)
                )
            return
        widget = found.first()
        self._focus(widget)
        if row is not None and isinstance(widget, (KeyedTable, LineTable)):
            widget.select_key(row)
        if at is not None:
            widget.call_later(_put_cursor, widget, at)  # after `_focus` put an Input's cursor at the end

    def _focus(self, widget: Widget) -> None:
        """Focus now, not on the app's next turn (`Widget.focus`): keys typed right after the tab
        key are already queued behind it, and must reach the field, not the tab bar."""
        self.screen.set_focus(widget)
        if isinstance(widget, Input):  # the cursor at the end: a stray key must not replace the text
            widget.call_later(widget.action_end)  # after Input's own Focus handler selected it all

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        pane = next((a for a in event.widget.ancestors if isinstance(a, TabPane)), None)
        if pane is not None and pane.id is not None:
            self._last_focus[pane.id] = event.widget

    # ------------------------------------------------------------ keeping up with the report

    def show(
        self,
        report: Postmortem,
        areas: frozenset[str],
        reload: bool = False,
        problems: list[Problem] | None = None,
    ) -> None:
        """Bring the views up to date after an edit touching `areas` (all of them on undo);
        `problems`: the report's warnings, when the caller has them."""
        self.report = report
        self.problems = problems = self.problems if problems is None else problems
        self._summary.show(report, reload=reload, problems=problems, areas=areas)
        tabs = self._filled
        if tabs is not None:
            if reload or areas & {"timeline", "window", "zone"}:
                tabs.timeline.show(report, problems)
            if reload or "tasks" in areas:
                tabs.tasks.show(report, problems)
            self._show_detail(tabs.timeline)
            self._show_detail(tabs.tasks)
            if reload:
                tabs.analysis.show(report)
        self._update_status_lines(problems)
        self._schedule_previews()

    def show_problems(self, problems: list[Problem]) -> None:
        """The report's warnings, worked out after the edit was shown (off the UI thread): the
        marks and counts change; the preview, which shows none, is left alone."""
        self.problems = problems
        self._summary.show(self.report, problems=problems, areas=frozenset())
        if self._filled is not None:
            self._filled.timeline.show(self.report, problems)
            self._filled.tasks.show(self.report, problems)
            self._show_detail(self._filled.timeline)
            self._show_detail(self._filled.tasks)
        self._update_status_lines(problems)

    def _update_status_lines(self, problems: list[Problem] | None = None) -> None:
        report = self.report
        problems = self.problems if problems is None else problems
        if self._filled is not None:
            self._filled.task_progress.show(report.tasks, self.today())
            self._filled.timeline_status.show(report, problems)

    @on(DataTable.RowHighlighted)
    def _row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if isinstance(event.data_table, KeyedTable):
            self._show_detail(event.data_table)

    @on(LineTable.RowHighlighted)
    def _line_highlighted(self, event: LineTable.RowHighlighted) -> None:
        self._show_detail(event.table)

    def _show_detail(self, table: KeyedTable | LineTable) -> None:
        if self._filled is not None:
            detail = (
                self._filled.timeline_detail if table is self._filled.timeline else self._filled.task_detail
            )
            detail.say(table.detail())

    def _schedule_previews(self) -> None:
        for preview in self._previews:
            if (preview.id == "side-preview" and self.side_preview) or (
                preview.id == "tab-preview" and self.query_one(TabbedContent).active == "preview"
            ):
                preview.schedule(self.report)

    def watch_side_preview(self) -> None:
        self._schedule_previews()
        self._follow_tab(self.query_one(TabbedContent).active)

    @on(TabbedContent.TabActivated)
    def _tab_shown(self, event: TabbedContent.TabActivated) -> None:
        if event.pane.id == "preview":
            self._schedule_previews()
        elif event.pane.id is not None:
            self._follow_tab(event.pane.id)

    def _follow_tab(self, tab: str) -> None:
        """The side preview shows the section the tab edits (the preview tab has none)."""
        if tab in PREVIEW_SECTIONS:
            self.query_one("#side-preview", Preview).follow(PREVIEW_SECTIONS[tab])

    def on_preview_mounted(self, message: Preview.Mounted) -> None:
        """A lazily mounted preview starts with the report as it is now."""
        self._schedule_previews()


def _put_cursor(widget: Widget, at: int) -> None:
    """The cursor at offset `at` of a text field's text (no selection: a stray key must not replace it)."""
    if isinstance(widget, Input):
        widget.cursor_position = at
    elif isinstance(widget, TextArea):
        text = widget.text
        line_start = text.rfind("\n", 0, at) + 1
        widget.move_cursor((text.count("\n", 0, at), at - line_start), center=True)


@dataclass(frozen=True)
class _HiddenTabs:
    """The widgets mounted into the hidden tabs after the first frame (`_fill_hidden_tabs`)."""

    timeline_status: TimelineStatus
    timeline: TimelineTable
    timeline_detail: RowDetail
    analysis: AnalysisForm
    task_progress: TaskProgress
    tasks: TaskList
    task_detail: RowDetail
