"""The line under a table: the selected row's whole text, which the table's column cuts short."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static


class RowDetail(Static):
    """Wraps over up to three lines (styles/app.tcss); the text is shown literally, never as markup."""

    def say(self, text: str) -> None:
        self.update(Content(text))
