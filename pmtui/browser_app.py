"""The report browser: `pmtui DIR`, the team's folder in three views.

- Reports (1): one row per report; enter opens it in the editor. Quitting the editor (or
  escape on its tab bar) comes back here, asking first about unsaved edits as quitting
  always does.
- Tasks (2): every action item, overdue first; space marks one done (or open again) in its
  report's file, by the editor's rules (task_marking.py), in a worker.
- Stats (3): `pmtui stats` for the reports the filter lets through.

The filter applies to every view. The browser is an app of its own, run in turn with the
editor by the CLI (`cli._browse`), so the editor stays the one-report app it is, with its
locks, journal and guarded saves; `BrowserState` carries the view, filter, order and
selection across.

The folder is read in a thread, through the folder cache (folder_cache.py), with a count
of the files read so far, so a big folder never holds up the first frame.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import App, ComposeResult, CSSPathType
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import Footer, Input, Label, TabbedContent, TabPane
from textual.worker import get_current_worker

from pmtui.driver import terminal_driver_class
from pmtui.folder import Listed, read_folder
from pmtui.model import TaskStatus
from pmtui.styles import stylesheet
from pmtui.ui_thread import run_on_ui, tell_ui
from pmtui.widgets.folder_figures import FolderFigures
from pmtui.widgets.folder_tasks import FolderTasks
from pmtui.widgets.line_table import LineTable
from pmtui.widgets.report_list import ReportList

if TYPE_CHECKING:
    from pmtui.task_marking import Marking  # loaded on the first mark: the first frame comes first

#: How often the count of files read is redrawn while a folder loads.
PROGRESS_SECONDS = 0.1


class ReadingStopped(Exception):
    """The browser closed while the folder was being read."""


@dataclass
class BrowserState:
    """What the browser shows, kept while a report is open in the editor."""

    view: str = "reports"
    filter_text: str = ""
    sort_field: int = 0
    descending: bool = True
    selected: Path | None = None


class BrowserApp(App[Path | None]):
    """Returns the report to open, or None to quit."""

    CSS_PATH: ClassVar[CSSPathType | None] = [stylesheet("app.tcss")]
    TITLE = "pmtui"
    BINDINGS: ClassVar[list[BindingType]] = [
        # A priority binding: keys typed right after `/` are already queued, and a plain binding
        # acts only once the list has seen the `/`, after they went to the list.
        Binding(
            "slash",
            "focus_filter",
            "Filter",
            priority=True,
            id="browser-filter",
            tooltip="Type to filter the reports",
        ),
        Binding("1", "show_view('reports')", "Reports", show=False, id="browser-reports"),
        Binding("2", "show_view('tasks')", "Tasks", show=False, id="browser-tasks"),
        Binding("3", "show_view('stats')", "Stats", show=False, id="browser-stats"),
        Binding("n", "new_report", "New", id="browser-new", tooltip="Start a new report in this folder"),
        Binding("escape", "leave_filter", "List", show=False, id="browser-list-focus"),
        # Priority, like `/`: the key after enter must already reach the list (enter again opens).
        Binding("enter,down", "to_list", "List", show=False, priority=True, id="browser-to-list"),
        Binding("ctrl+q", "quit", "Quit", priority=True, id="browser-quit"),
    ]

    def __init__(
        self,
        folder: Path,
        *,
        state: BrowserState | None = None,
        today: Callable[[], date] = date.today,
    ) -> None:
        super().__init__(driver_class=terminal_driver_class())
        self.folder = folder
        self.state = state or BrowserState()
        self.today = today
        self._loaded = False
        self._marking = False
        self._stale: set[str] = set()
        """Views whose rows changed while hidden: brought up to date when shown (`_changed`)."""
        self._note: tuple[int | None, str] | None = None
        """What a mark said on the detail line, and the Tasks row it is about: kept until the cursor moves."""

    # ------------------------------------------------------------ building and reading

    def compose(self) -> ComposeResult:
        today = self.today()
        yield Label(Content(f"Reading {self.folder}…"), id="browser-status")
        yield Input(
            self.state.filter_text,
            placeholder="/ filter: title, path, owner…",
            id="browser-filter-input",
            compact=True,
        )
        with TabbedContent(id="browser-views", initial=self.state.view):
            with TabPane("1 Reports", id="reports"):
                yield ReportList(today, id="browser-list")
            with TabPane("2 Tasks", id="tasks"):
                yield FolderTasks(today, self.folder, id="browser-tasks")
            with TabPane("3 Stats", id="stats"):
                yield FolderFigures(id="browser-stats")
        yield Label("", id="browser-detail")
        yield Footer()

    def on_mount(self) -> None:
        reports = self.query_one(ReportList)
        reports.sort_field, reports.descending = self.state.sort_field, self.state.descending
        reports.filter_text = self.state.filter_text.casefold().strip()
        self._focus_view()
        self._read_folder()

    @work(thread=True, description="read the folder")
    def _read_folder(self) -> None:
        worker = get_current_worker()
        told = [0.0]

        def progress(done: int, total: int) -> None:
            if worker.is_cancelled:  # the browser is closing: stop, or quitting waits for the folder
                raise ReadingStopped
            now = time.monotonic()
            if now - told[0] >= PROGRESS_SECONDS:
                told[0] = now
                tell_ui(self, self._say_progress, done, total)  # never waits: reading goes on

        try:
            # In this process, not a pool's: under Textual, sys.stderr.fileno() is -1, and
            # starting multiprocessing's resource tracker needs one (ValueError: bad fds_to_keep).
            entries = read_folder([self.folder], progress=progress, parallel=False)
        except ReadingStopped:
            return
        run_on_ui(self, self._show, entries)

    def _say_progress(self, done: int, total: int) -> None:
        if not self._loaded:
            self._status().update(Content(f"Reading… {done:,} of {total:,} files · {self.folder}"))

    def _show(self, entries: list[Listed]) -> None:
        self._loaded = True
        reports = self.query_one(ReportList)
        reports.show_entries(entries)
        if self.state.selected is not None:
            reports.select_path(self.state.selected)
        self._changed("tasks", "stats")
        self._say_status()

    # ------------------------------------------------------------ views

    def _view(self) -> str:
        return self.query_one(TabbedContent).active or "reports"

    def _view_widget(self) -> LineTable | FolderFigures:
        view = self._view()
        if view == "tasks":
            return self.query_one(FolderTasks)
        if view == "stats":
            return self.query_one(FolderFigures)
        return self.query_one(ReportList)

    def _focus_view(self) -> None:
        self.screen.set_focus(self._view_widget())

    def action_show_view(self, view: str) -> None:
        self.query_one(TabbedContent).active = view

    @on(TabbedContent.TabActivated)
    def _view_shown(self, event: TabbedContent.TabActivated) -> None:
        self.state.view = view = self._view()
        if view in self._stale:
            self._stale.discard(view)
            self._refresh(view)
        self._focus_view()
        widget = self._view_widget()
        self._detail().update(Content(widget.detail() if isinstance(widget, LineTable) else ""))
        self._say_status()

    def _changed(self, *views: str) -> None:
        """The reports or the filter changed: the Tasks and Stats views follow the Reports list,
        at once when shown, else when next shown (at 10,000 reports, sorting every task takes
        200 ms and the figures 50: not on each key typed in the filter for a hidden view)."""
        for view in views:
            if view == self._view():
                self._refresh(view)
            else:
                self._stale.add(view)

    def _refresh(self, view: str) -> None:
        reports = self.query_one(ReportList)
        if view == "tasks":
            self.query_one(FolderTasks).show(reports.entries, self.state.filter_text)
        elif view == "stats":
            self.query_one(FolderFigures).show_entries(reports.shown, self.today())

    def _say_status(self) -> None:
        if not self._loaded:
            return
        reports = self.query_one(ReportList)
        total, shown = len(reports.entries), len(reports.shown)
        line = f"{total} report{'' if total == 1 else 's'}"
        if shown != total:
            line += f" · {shown} match"
        view = self._view()
        if view == "reports":
            line += f" · by {reports.sort_label()}"
        elif view == "tasks":
            line += f" · {self.query_one(FolderTasks).counts()}"
        self._status().update(Content(f"{line} · {self.folder}"))

    def _status(self) -> Label:
        return self.query_one("#browser-status", Label)

    def _detail(self) -> Label:
        return self.query_one("#browser-detail", Label)

    # ------------------------------------------------------------ the filter and the rows

    @on(Input.Changed, "#browser-filter-input")
    def _filtered(self, event: Input.Changed) -> None:
        self.state.filter_text = event.value
        self.query_one(ReportList).filter(event.value)
        self._changed("tasks", "stats")
        self._say_status()

    @on(LineTable.RowHighlighted)
    def _highlighted(self, event: LineTable.RowHighlighted) -> None:
        if event.table is not self._view_widget():
            return
        note = self._note
        if note is not None and event.table.selected_key() == note[0]:
            self._detail().update(Content(note[1]))  # the rows changed under it: still the same task
        else:
            self._note = None
            self._detail().update(Content(event.table.detail()))
        if isinstance(event.table, ReportList):
            reports = event.table
            entry = reports.selected_entry()
            if entry is not None:
                self.state.selected = entry.path
            self.state.sort_field, self.state.descending = reports.sort_field, reports.descending
        self._say_status()

    @on(ReportList.OpenRequested)
    def _open(self, message: ReportList.OpenRequested) -> None:
        self.state.selected = Path(message.path)
        self.exit(Path(message.path))

    # ------------------------------------------------------------ marking a task

    @on(FolderTasks.MarkRequested)
    def _mark(self, message: FolderTasks.MarkRequested) -> None:
        from pmtui.task_marking import Marking

        if self._marking:
            self._say_about_row("Still writing the last task; press again in a moment")
            return
        row = message.row
        self._marking = True
        self._detail().update(Content(f"Writing {row.report.name}…"))
        self._mark_in_worker(Marking(row.report, row.position, row.task), dropping=[])

    @work(thread=True, group="mark", description="mark a task in its report")
    def _mark_in_worker(self, marking: Marking, dropping: list[int]) -> None:
        from pmtui.task_marking import CommentsWouldGo, NotMarked, mark_task

        try:
            entry = mark_task(marking, dropping=dropping)
        except CommentsWouldGo as asked:
            run_on_ui(self, self._ask_about_comments, marking, str(asked), asked.lines)
        except NotMarked as refused:
            run_on_ui(self, self._not_marked, str(refused))
        else:
            run_on_ui(self, self._marked, marking, entry)

    def _marked(self, marking: Marking, entry: Listed) -> None:
        self._marking = False
        reports = self.query_one(ReportList)
        reports.show_entries([entry if old.path == entry.path else old for old in reports.entries])
        self.query_one(FolderTasks).report_changed(entry)
        self._changed("stats")
        self._say_status()
        word = "done" if marking.becomes is TaskStatus.DONE else "open again"
        self._say_about_row(f"Marked {word}: {marking.task.title} ({marking.report.name} saved)")

    def _say_about_row(self, text: str) -> None:
        self._note = (self.query_one(FolderTasks).selected_key(), text)
        self._detail().update(Content(text))

    def _not_marked(self, reason: str) -> None:
        self._marking = False
        self._say_about_row("Not marked: the file is as it was")
        self.notify(reason, title="Task not marked", severity="warning", markup=False, timeout=10)

    def _ask_about_comments(self, marking: Marking, question: str, lines: list[int]) -> None:
        """Only the comments named here may go: if the file has others by the time the user
        says yes, the write asks again."""
        from pmtui.screens.choice import ChoiceDialog

        def answered(choice: str | None) -> None:
            if choice == "write":
                self._mark_in_worker(marking, dropping=lines)
            else:
                self._not_marked_quietly()

        self.push_screen(
            ChoiceDialog(f"{question}. Mark the task anyway?", [("write", "Write"), ("cancel", "Cancel")]),
            answered,
        )

    def _not_marked_quietly(self) -> None:
        self._marking = False
        self._say_about_row("Not marked: the file is as it was")

    # ------------------------------------------------------------ keys

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """In the filter, `/` is a character (a path has them)."""
        in_filter = self.focused is self.query_one("#browser-filter-input", Input)  # has_focus lags a turn
        if action == "focus_filter":
            return not in_filter
        if action == "to_list":
            return in_filter
        return True

    def action_focus_filter(self) -> None:
        """Focus now, not on the app's next turn: the letters typed right after `/` are already
        queued behind it and must reach the filter, not the list's keys."""
        self.screen.set_focus(self.query_one("#browser-filter-input", Input))

    def action_to_list(self) -> None:
        """Enter or down in the filter: on to the view, keeping the filter."""
        self._focus_view()

    def action_leave_filter(self) -> None:
        """Escape in the filter: empty it and go back to the view."""
        field = self.query_one("#browser-filter-input", Input)
        if self.focused is field:
            field.value = ""
            self._focus_view()

    def action_new_report(self) -> None:
        from pmtui.screens.path_dialog import PathDialog

        suggestion = str(self.folder / f"{self.today().isoformat()}-incident.toml")
        self.push_screen(PathDialog("New report: file name", suggestion, must_not_exist=True), self._create)

    def _create(self, path: Path | None) -> None:
        """The editor opens a file that does not exist yet as a new report, written on the first save."""
        if path is not None:
            self.exit(path)
