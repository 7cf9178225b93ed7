"""The find bar: one line at the bottom of the screen for the text to find (ctrl+f, or `/`).

It only returns the text; the editor finds it (finding.py) and goes to the match.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from pmtui.widgets.text_fields import OrderedInput


class FindBar(ModalScreen[str | None]):
    """Enter: the text to find (nothing for an empty line); escape: closed, nothing found."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="find-cancel", tooltip="Close the find bar")
    ]

    def __init__(self, text: str = "") -> None:
        super().__init__(id="find-screen")
        self.text = text
        """The last search, offered again (selected, so typing replaces it)."""

    def compose(self) -> ComposeResult:
        with Horizontal(id="find-bar"):
            yield Label(Content("Find:"), id="find-label")
            yield OrderedInput(
                self.text, id="find-input", placeholder="text in any field, event or task", compact=True
            )
            yield Label(Content("enter: go, then n/F3 · esc"), id="find-hint")

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value.strip() or None)

    def action_cancel(self) -> None:
        self.dismiss(None)
