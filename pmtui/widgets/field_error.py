"""The lines under a field: why its text was not taken, or what it will be read as.

Both are the same one-line widget, shown only while it has something to say and
wrapped to the width of the form, so a long reason is read whole at 80 columns.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Label


class FieldNote(Label):
    def say(self, text: str) -> None:
        """Show `text` (user text included) literally; an empty text hides the line."""
        self.update(Content(text))
        self.display = bool(text)

    def on_mount(self) -> None:
        self.display = bool(str(self.content))


class FieldError(FieldNote):
    """The reason a field's value was not taken; the field is marked while it shows."""


class FieldHint(FieldNote):
    """What the text typed so far reads as ("→ 20:30 EAT"), before it is taken."""
