"""Ask for a file name (save as, export), checking the folder before anything is written."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from pmtui.widgets.field_error import FieldError
from pmtui.widgets.text_fields import OrderedInput


class PathDialog(ModalScreen[Path | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="cancel", tooltip="Close without saving")
    ]

    def __init__(self, prompt: str, suggestion: str, must_not_exist: bool = False) -> None:
        super().__init__(classes="dialog")
        self.prompt = prompt
        self.suggestion = suggestion
        self.must_not_exist = must_not_exist

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Static(Content(self.prompt), classes="dialog-title")
            yield OrderedInput(self.suggestion, id="path-input", select_on_focus=False, compact=True)
            yield FieldError("", id="path-error", classes="field-error")
            yield Static(Content("enter: OK · escape: cancel"), classes="dialog-hint")

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        problem, path = self._check(event.value.strip())
        error = self.query_one("#path-error", FieldError)
        if problem:
            error.say(problem)
            event.input.add_class("-invalid")
            return
        self.dismiss(path)

    def _check(self, text: str) -> tuple[str, Path | None]:
        if not text:
            return "type a file name", None
        path = Path(text).expanduser()
        if path.is_dir():
            return f"{path} is a folder; add a file name", None
        if not path.parent.is_dir():
            return f"no folder {path.parent}", None
        if self.must_not_exist and path.exists():
            return f"{path} already exists", None
        return "", path

    def action_cancel(self) -> None:
        self.dismiss(None)
