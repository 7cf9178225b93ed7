"""The reason a field's value was not taken, shown under the field only while there is one."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Label


class FieldError(Label):
    def say(self, reason: str) -> None:
        """Show `reason` (user text included) literally; an empty reason hides the line."""
        self.update(Content(reason))
        self.display = bool(reason)

    def on_mount(self) -> None:
        self.display = bool(str(self.content))
