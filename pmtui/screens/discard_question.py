""" "Discard changes?", asked when escape would throw away what was typed in a dialog.

Escape is a vim user's reflex: pressed twice (or escape then `d`) it still
discards, but enter (the focused "Keep editing") returns to the dialog with
everything as it was.
"""

from __future__ import annotations

from typing import Any

from textual.screen import ModalScreen

from pmtui.screens.choice import ChoiceDialog

KEEP = "keep"
DISCARD = "discard"


class DiscardQuestion(ChoiceDialog):
    """Dismisses with `DISCARD` (escape, `d`) or `KEEP` (enter, `k`)."""

    def __init__(self, what: str) -> None:
        super().__init__(
            f"Discard changes to this {what}?",
            [(KEEP, "Keep editing"), (DISCARD, "Discard")],
            cancel=DISCARD,
            hint="escape or d: discard · enter: keep editing",
        )


def close_or_ask(dialog: ModalScreen[Any], what: str, changed: bool) -> None:
    """Escape in `dialog`: it closes (with None) at once if nothing `changed`, else only once discarding is
    confirmed."""
    if not changed:
        dialog.dismiss(None)
        return

    def answered(answer: str | None) -> None:
        if answer == DISCARD:
            dialog.dismiss(None)

    dialog.app.push_screen(DiscardQuestion(what), answered)
