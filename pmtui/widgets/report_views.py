"""What the editor shows of the report: five tabs and the side preview, kept up to date.

The tabs nobody sees yet are filled just after the first frame, a preview
renders only while it can be seen, and `show` refreshes only the views an edit
touched. No edit starts here: the forms and tables post messages, which bubble
up to the editor screen.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.reactive import reactive
from textual.widget import MountError
from textual.widgets import TabbedContent, TabPane

from pmtui.model import Postmortem, Problem
from pmtui.widgets.analysis_form import AnalysisForm
from pmtui.widgets.preview import Preview
from pmtui.widgets.status_lines import TaskProgress, TimelineStatus
from pmtui.widgets.summary_form import SummaryForm
from pmtui.widgets.task_list import TaskList
from pmtui.widgets.timeline_table import TimelineTable

#: What takes the focus when a tab is shown; the other tabs leave it on the tab bar.
FOCUS_ON_SHOW = {"timeline": "TimelineTable", "tasks": "TaskList", "preview": "#tab-preview"}


class ReportViews(Horizontal):
    side_preview: reactive[bool] = reactive(False, init=False)
    """The preview is shown beside the tabs (the editor screen decides, and binds it down)."""

    def __init__(self, report: Postmortem, today: Callable[[], date], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.report = report
        self.today = today

    def compose(self) -> ComposeResult:
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

    def on_mount(self) -> None:
        self.call_after_refresh(self._fill_hidden_tabs)

    def _fill_hidden_tabs(self) -> None:
        """Mount the tabs nobody sees yet after the first frame: a 1,000-row table costs real time.

        Textual's `Lazy` does the same but raises if the app quits first; quitting
        before the tabs were ever needed is fine here.
        """
        report = self.report
        try:
            self.query_one("#timeline", TabPane).mount(
                TimelineStatus("", id="timeline-status"), TimelineTable(report, id="timeline-table")
            )
            self.query_one("#root-cause", TabPane).mount(AnalysisForm(report, id="analysis-form"))
            self.query_one("#tasks", TabPane).mount(
                TaskProgress("", id="tasks-progress"), TaskList(report, self.today, id="task-list")
            )
        except MountError:
            return
        self.call_after_refresh(self._update_status_lines)

    # ------------------------------------------------------------ tabs

    @property
    def timeline(self) -> TimelineTable | None:
        """The timeline table, once mounted (it mounts just after the first frame)."""
        return next(iter(self.query(TimelineTable)), None)

    @property
    def tasks(self) -> TaskList | None:
        return next(iter(self.query(TaskList)), None)

    def focus_tabs(self) -> None:
        """The tab bar: arrows and 1-5 switch tabs, tab goes into the form."""
        self.query_one("#tabs Tabs").focus()

    def show_tab(self, tab: str) -> None:
        self.query_one(TabbedContent).active = tab
        self._focus_pane(tab)

    def _focus_pane(self, tab: str, attempts: int = 50) -> None:
        selector = FOCUS_ON_SHOW.get(tab)
        if selector is None:
            return
        found = self.query(selector)
        if found:
            found.first().focus()
        elif attempts:  # still being mounted lazily
            self.set_timer(0.02, lambda: self._focus_pane(tab, attempts - 1))

    # ------------------------------------------------------------ keeping up with the report

    def show(self, report: Postmortem, areas: frozenset[str], reload: bool = False) -> None:
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
        for progress in self.query(TaskProgress):
            progress.show(report.tasks, self.today())
        for status in self.query(TimelineStatus):
            status.show(report, problems)

    def _schedule_previews(self) -> None:
        for preview in self.query(Preview):
            if (preview.id == "side-preview" and self.side_preview) or (
                preview.id == "tab-preview" and self.query_one(TabbedContent).active == "preview"
            ):
                preview.schedule(self.report)

    def watch_side_preview(self) -> None:
        self._schedule_previews()

    @on(TabbedContent.TabActivated)
    def _tab_shown(self, event: TabbedContent.TabActivated) -> None:
        if event.pane.id == "preview":
            self._schedule_previews()

    def on_preview_mounted(self, message: Preview.Mounted) -> None:
        """A lazily mounted preview starts with the report as it is now."""
        self._schedule_previews()
