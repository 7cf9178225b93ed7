"""Ask where to export the Markdown, and whether to add the Mermaid timeline (`render(mermaid=...)`).

`ExportDialog` is a `PathDialog` with a checkbox: the same keys, folder checks
and escape, and, as Textual sees it, the same result (the path or None). Its
result type cannot change in a subclass, so `ask_export` pushes it and hands
the caller an `ExportChoice` with the box's state.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from textual import on
from textual.app import App
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import Checkbox, Input, Static

from pmtui.screens.path_dialog import PathDialog

MERMAID_LABEL = "Include a Mermaid timeline (GitHub and GitLab draw it)"


@dataclass(frozen=True)
class ExportChoice:
    """Where to write the export, and whether it ends with the timeline as a Mermaid diagram."""

    path: Path
    mermaid: bool


class MermaidBox(Checkbox, inherit_bindings=False):
    """Space ticks it; enter is left to the dialog, where it means OK as in the name field."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("space", "toggle_button", "Tick", show=False)]


class ExportDialog(PathDialog):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "export", "OK", id="export", show=False, tooltip="Export to the name typed")
    ]

    def __init__(self, suggestion: str, mermaid: bool = False) -> None:
        super().__init__("Export Markdown to", suggestion, must_not_exist=False)
        self.mermaid = mermaid
        """The box's state, kept here: the result is read after the dialog's widgets are gone."""

    def on_mount(self) -> None:
        box = MermaidBox(MERMAID_LABEL, self.mermaid, id="export-mermaid", compact=True)
        self.query_one(".dialog-box").mount(box, after="#path-error")
        self.query_one(".dialog-hint", Static).update(
            Content("enter: OK · space: tick or untick · escape: cancel")
        )

    @on(Checkbox.Changed, "#export-mermaid")
    def _ticked(self, event: Checkbox.Changed) -> None:
        self.mermaid = event.value

    async def action_export(self) -> None:
        """Enter on the checkbox: the same as enter in the name field."""
        await self.query_one("#path-input", Input).action_submit()

    def choice(self, path: Path | None) -> ExportChoice | None:
        return None if path is None else ExportChoice(path, self.mermaid)


def ask_export(
    app: App[Any], suggestion: str, mermaid: bool, then: Callable[[ExportChoice | None], None]
) -> None:
    """Show the export dialog with the box as `mermaid`; `then` gets the choice, or None on escape."""
    dialog = ExportDialog(suggestion, mermaid)
    app.push_screen(dialog, lambda path: then(dialog.choice(path)))
