"""Fields read as a whole (a time, a zone, a due date): what they say while typed, and when they are taken.

Almost every prefix of a time is itself a time ("9:30 PM" on the way to
"9:30 PM yday"), so no parser can tell a finished time from a half-typed one.
Such a field is therefore never taken while it is typed: on each keystroke its
whole text is read only to say, under it, what it would become (the hint) or
why it cannot (the error, with the field marked). The form or dialog takes it
when the user says it is done: enter, leaving the field, OK.

Whether the text was refused is kept here, not read back from the `-invalid`
class, which Textual's `Input` may change on its own (see text_fields.py).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from textual.widget import Widget
from textual.widgets import Input

from pmtui.widgets.field_error import FieldError, FieldHint

T = TypeVar("T")


class FieldReading(Generic[T]):
    """The input `#field_id` of `owner`, with its `#field_id-hint` and `#field_id-error` lines."""

    def __init__(
        self,
        owner: Widget,
        field_id: str,
        read: Callable[[str], T],
        describe: Callable[[T], str],
        shown: Callable[[], str],
    ) -> None:
        self.owner = owner
        self.field_id = field_id
        self.read = read
        """Text -> value; raises ValueError with a reason the user can act on."""
        self.describe = describe
        """Value -> the hint, "→ 20:30 EAT"."""
        self.shown = shown
        """The text the field was last filled with from the report (or the dialog's event)."""
        self.refusal = ""
        """Why the text in the field was not taken; "" when nothing was refused."""

    @property
    def field(self) -> Input:
        return self.owner.query_one(f"#{self.field_id}", Input)

    @property
    def typed(self) -> bool:
        """The user changed the text since the field was filled."""
        return self.field.value != self.shown()

    def follow(self) -> None:
        """Say what the text reads as now (each keystroke); nothing is taken."""
        if not self.typed or not self.field.value.strip():
            self.quiet()
            return
        try:
            value = self.read(self.field.value)
        except ValueError as error:
            self.refuse(str(error))
            return
        self._say(self.describe(value), "")

    def take(self) -> T:
        """The value to use now; when the text cannot be read, the reason stays under it and is raised."""
        try:
            value = self.read(self.field.value)
        except ValueError as error:
            self.refuse(str(error))
            raise
        self._say(self.describe(value) if self.typed else "", "")
        return value

    def take_or(self, untouched: T | None) -> T:
        """The value on OK: `untouched` itself while the text is as shown, however that text reads back.

        Otherwise `take`; a refusal also puts the focus on the field.
        """
        if untouched is not None and not self.typed:
            return untouched
        try:
            return self.take()
        except ValueError:
            self.field.focus()
            raise

    def refuse(self, reason: str) -> None:
        """Keep the text as typed and mark it with `reason` (the parser or the model refused it)."""
        self._say("", reason)

    def quiet(self) -> None:
        """Nothing to say: the field shows what it was filled with, or nothing at all."""
        self._say("", "")

    def _say(self, hint: str, refusal: str) -> None:
        self.refusal = refusal
        self.field.set_class(bool(refusal), "-invalid")
        self.owner.query_one(f"#{self.field_id}-error", FieldError).say(refusal)
        self.owner.query_one(f"#{self.field_id}-hint", FieldHint).say(hint)
