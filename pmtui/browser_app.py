"""The report browser: `pmtui DIR`, one row per report of the team's folder.

Enter opens the report in the editor; quitting the editor (or escape on its tab bar)
comes back here, asking first about unsaved edits as quitting always does. The browser
is an app of its own, run in turn with the editor by the CLI (`cli._browse`), so the
editor stays the one-report app it is, with its locks, journal and guarded saves.

The folder is read in a thread behind a "Reading…" line, through the folder cache
(folder_cache.py), so a big folder never holds up the first frame.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import ClassVar

from textual import on, work
from textual.app import App, ComposeResult, CSSPathType
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import Footer, Input, Label

from pmtui.driver import terminal_driver_class
from pmtui.folder import Listed, read_folder
from pmtui.styles import stylesheet
from pmtui.ui_thread import run_on_ui
from pmtui.widgets.line_table import LineTable
from pmtui.widgets.report_list import ReportList


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
        Binding("n", "new_report", "New", id="browser-new", tooltip="Start a new report in this folder"),
        Binding("escape", "leave_filter", "List", show=False, id="browser-list-focus"),
        # Priority, like `/`: the key after enter must already reach the list (enter again opens).
        Binding("enter,down", "to_list", "List", show=False, priority=True, id="browser-to-list"),
        Binding("ctrl+q", "quit", "Quit", priority=True, id="browser-quit"),
    ]

    def __init__(
        self, folder: Path, *, selected: Path | None = None, today: Callable[[], date] = date.today
    ) -> None:
        super().__init__(driver_class=terminal_driver_class())
        self.folder = folder
        self.selected = selected
        self.today = today

    def compose(self) -> ComposeResult:
        yield Label(Content(f"Reading {self.folder}…"), id="browser-status")
        yield Input(placeholder="/ filter: title, path, owner…", id="browser-filter-input", compact=True)
        yield ReportList(self.today(), id="browser-list")
        yield Label("", id="browser-detail")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(ReportList).focus()
        self._read_folder()

    @work(thread=True, description="read the folder")
    def _read_folder(self) -> None:
        entries = read_folder([self.folder])
        run_on_ui(self, self._show, entries)

    def _show(self, entries: list[Listed]) -> None:
        reports = self.query_one(ReportList)
        reports.show_entries(entries)
        if self.selected is not None:
            reports.select_path(self.selected)
        self._say_status()

    def _say_status(self) -> None:
        reports = self.query_one(ReportList)
        total, shown = len(reports.entries), len(reports.shown)
        line = f"{total} report{'' if total == 1 else 's'}"
        if shown != total:
            line += f" · {shown} match"
        line += f" · by {reports.sort_label()} · {self.folder}"
        self.query_one("#browser-status", Label).update(Content(line))

    @on(Input.Changed, "#browser-filter-input")
    def _filtered(self, event: Input.Changed) -> None:
        self.query_one(ReportList).filter(event.value)
        self._say_status()

    @on(LineTable.RowHighlighted)
    def _highlighted(self, event: LineTable.RowHighlighted) -> None:
        self.query_one("#browser-detail", Label).update(Content(event.table.detail()))
        if isinstance(event.table, ReportList) and event.table.entries:
            self._say_status()

    @on(ReportList.OpenRequested)
    def _open(self, message: ReportList.OpenRequested) -> None:
        self.exit(Path(message.path))

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
        """Enter or down in the filter: on to the list, keeping the filter."""
        self.screen.set_focus(self.query_one(ReportList))

    def action_leave_filter(self) -> None:
        """Escape in the filter: empty it and go back to the list."""
        field = self.query_one("#browser-filter-input", Input)
        if self.focused is field:
            field.value = ""
            self.screen.set_focus(self.query_one(ReportList))

    def action_new_report(self) -> None:
        from pmtui.screens.path_dialog import PathDialog

        suggestion = str(self.folder / f"{self.today().isoformat()}-incident.toml")
        self.push_screen(PathDialog("New report: file name", suggestion, must_not_exist=True), self._create)

    def _create(self, path: Path | None) -> None:
        """The editor opens a file that does not exist yet as a new report, written on the first save."""
        if path is not None:
            self.exit(path)
