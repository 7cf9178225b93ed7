"""The browser's Stats view: `pmtui stats` for the reports the filter lets through."""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from pmtui.folder import Listed
from pmtui.folder_stats import as_table, folder_stats


class FolderFigures(VerticalScroll, can_focus=True):
    """Incidents per month and by severity, times to detect, mitigate and resolve, and the
    action items' state, as the command prints them (bars included)."""

    def compose(self) -> ComposeResult:
        yield Static(id="folder-figures-text")

    def show_entries(self, entries: list[Listed], today: date) -> None:
        self.query_one("#folder-figures-text", Static).update(Content(as_table(folder_stats(entries, today))))
