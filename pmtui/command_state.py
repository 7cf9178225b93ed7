"""What a command can do right now, on a given screen: available, shown greyed, or not there.

The app's `check_action` asks `allowed` for the keys and the footer, and the palette lists
what `allowed` lets through on the screen it was opened over, so the three always agree.
The commands themselves are declared in commands.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from typing import TYPE_CHECKING

from textual.actions import parse
from textual.app import SystemCommand
from textual.screen import ModalScreen

from pmtui.commands import COMMAND_BY_ACTION, COMMANDS, TAB_KEYS
from pmtui.edits import Place
from pmtui.focus import focus_area

if TYPE_CHECKING:
    from textual.screen import Screen

    from pmtui.app import PostmortemApp

#: Commands that make no sense behind a dialog; the dialog's own bindings win there.
MODAL_BLOCKED = frozenset(c.action for c in COMMANDS if not c.on_editor and c.action != "quit") | {
    "in_editor"
}


def allowed(app: PostmortemApp, action: str, parameters: tuple[object, ...], screen: Screen) -> bool | None:
    """True: available; None: shown greyed (nothing to undo); False: not here at all."""
    if isinstance(screen, ModalScreen) and action in MODAL_BLOCKED:
        return False  # a dialog's own keys (ctrl+s: OK, letters) come first
    if action == "shown":
        command = COMMAND_BY_ACTION[str(parameters[0])]
        _, inner, inner_parameters = parse(command.bound_action)
        return command.footer_state(focus_area(screen.focused), allowed(app, inner, inner_parameters, screen))
    if action == "in_editor":
        editor = app.editor
        return editor.check_action(str(parameters[0]), parameters[1:]) if editor is not None else False
    if action == "undo":
        return True if app.history.can_undo else None
    if action == "redo":
        return True if app.history.can_redo else None
    if action == "save":
        typing = app.editor is not None and app.editor.typing
        return True if (app.dirty or app.path is None or typing) and not app.read_only else None
    return True


def palette_commands(app: PostmortemApp, screen: Screen) -> Iterator[SystemCommand]:
    """The palette offers what the keys can do on `screen`, the screen it was opened over."""
    for command in COMMANDS:
        _, action, parameters = parse(command.bound_action)
        if allowed(app, action, parameters, screen):
            yield SystemCommand(command.title, command.help, partial(app.run_action, command.bound_action))
    editor = app.editor
    if editor is not None:
        for key, tab in TAB_KEYS.items():
            yield SystemCommand(
                f"View: {tab.replace('-', ' ')} tab",
                f"Show the tab (key {key})",
                partial(editor.action_show_tab, tab),
            )
        places = [("Impact", Place("summary.impact")), ("Root cause", Place("analysis.root_cause"))]
        if editor.report.timeline:
            places.append(("last event", Place("timeline", editor.report.timeline[-1].key)))
        for name, place in places:
            yield SystemCommand(f"Go to: {name}", "Put the focus there", partial(editor.views.reveal, place))
