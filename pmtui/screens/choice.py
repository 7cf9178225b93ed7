"""A question with a few answers (save / discard / cancel), answered by key or button."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.events import Key
from textual.screen import ModalScreen
from textual.widgets import Button, Static


class ChoiceDialog(ModalScreen[str | None]):
    """Dismisses with the chosen key, or `cancel` on escape. Never touches the report."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="cancel", tooltip="Close without choosing")
    ]

    def __init__(
        self, question: str, choices: list[tuple[str, str]], cancel: str | None = "cancel", hint: str = ""
    ) -> None:
        super().__init__(classes="dialog")
        self.question = question
        self.choices = choices
        self.cancel_choice = cancel
        self.hint = hint
        """Which keys answer, under the buttons ("escape or d: discard"); none when empty."""

    def compose(self) -> ComposeResult:
        with Vertical(id="choice-box", classes="dialog-box"):
            yield Static(Content(self.question), id="choice-question")
            with Horizontal(classes="dialog-buttons"):
                for index, (key, label) in enumerate(self.choices):
                    shortcut = label[0].lower()
                    yield Button(
                        Content.assemble((label[0], "underline"), label[1:]),
                        id=f"choice-{key}",
                        variant="primary" if index == 0 else "default",
                        name=shortcut,
                        compact=True,
                    )
            if self.hint:
                yield Static(Content(self.hint), classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one(Button).focus()

    @on(Button.Pressed)
    def _chosen(self, event: Button.Pressed) -> None:
        self.dismiss((event.button.id or "").removeprefix("choice-"))

    def on_key(self, event: Key) -> None:
        for key, label in self.choices:
            if event.key == label[0].lower():
                event.stop()
                self.dismiss(key)
                return

    def action_cancel(self) -> None:
        self.dismiss(self.cancel_choice)
