"""The questions asked as the editor comes up, about the file it opened.

A file that does not exist yet: create it or quit. A file another pmtui has
unsaved edits to: read only, open anyway or quit. A recovery journal: restore
it, keep it for later or discard it (recovery_prompt.py). The dialogs stack,
so the last one asked is answered first.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pmtui.screens.choice import ChoiceDialog
from pmtui.screens.recovery_prompt import offer_recovery

if TYPE_CHECKING:
    from pmtui.app import PostmortemApp


def ask_on_open(app: PostmortemApp, *, offer_create: bool) -> None:
    if offer_create and app.path is not None:
        app.push_screen(
            ChoiceDialog(
                f"{app.path} does not exist. Create it?",
                [("create", "Create"), ("quit", "Quit")],
                cancel="quit",
            ),
            lambda choice: _created_or_quit(app, choice),
        )
    if app.other_editor is not None:
        app.push_screen(
            ChoiceDialog(
                f"{app.path} has unsaved edits in another pmtui: {app.other_editor.describe()}.",
                [("read_only", "Read only"), ("open", "Open anyway"), ("quit", "Quit")],
                cancel="read_only",
            ),
            lambda choice: _read_only_or_not(app, choice),
        )
    if app.recovered is not None:
        offer_recovery(app, app.recovered)


def _created_or_quit(app: PostmortemApp, choice: str | None) -> None:
    if choice == "create":
        app.saver.save_to(app.path)
    else:
        app.exit()


def _read_only_or_not(app: PostmortemApp, choice: str | None) -> None:
    if choice == "quit":
        app.exit()
    elif choice == "read_only":
        app.read_only = True
        app.notify(
            "Opened read-only: edits and saving are off while the other pmtui has this file.",
            markup=False,
            timeout=10,
        )
