"""F1 or `?`: pmtui's own keys, by where they work, from the one declaration in commands.py."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from pmtui.commands import key_rows


def key_sections() -> dict[str, list[tuple[str, str]]]:
    """The rows of `key_rows()` grouped under their "where" ("Anywhere", "Timeline table"), as plain text."""
    sections: dict[str, list[tuple[str, str]]] = {}
    for keys, where, what in key_rows():
        title = where[:1].upper() + where[1:]
        sections.setdefault(title, []).append((keys.replace("`", ""), what.replace("`", "")))
    return sections


class HelpScreen(ModalScreen[None]):
    """Closed with escape (or F1 again); scrolls with the arrows and page keys when it does not fit."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,f1", "dismiss", "Close", id="help-close", tooltip="Close the help"),
    ]

    def __init__(self) -> None:
        super().__init__(classes="dialog")

    def compose(self) -> ComposeResult:
        with Vertical(id="help-box", classes="dialog-box"):
            yield Static(Content("pmtui keys · escape closes"), classes="dialog-title")
            with VerticalScroll(id="help-keys"):
                for where, rows in key_sections().items():
                    yield Static(Content(where), classes="help-where")
                    for keys, what in rows:
                        with Horizontal(classes="help-row"):
                            yield Static(Content(keys), classes="help-key")
                            yield Static(Content(what), classes="help-what")

    def on_mount(self) -> None:
        self.query_one("#help-keys").focus()
