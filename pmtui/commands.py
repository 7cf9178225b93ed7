"""Every app-wide command, declared once: it becomes a key binding, a footer entry and a palette entry.

Commands on the document and its file are the app's actions; commands on what
the editor shows (tabs, side preview, the timeline's zone) are the editor
screen's, reached through the app's `in_editor` action. All are bound here, on
the app, so the footer lists every key in one order, and nothing of the editor
is offered while a dialog is up. `check_action` (the app's, which asks the
editor screen about its own) gates all three, so the footer and the palette
always agree about what can be done right now.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding, BindingType


@dataclass(frozen=True)
class Command:
    action: str
    key: str
    """Empty for palette-only commands."""
    title: str
    """Palette title, "Area: verb"."""
    help: str
    footer: str = ""
    """Short footer label; empty keeps the key out of the footer (still in the palette)."""
    priority: bool = False
    """Works even while a text field has focus (ctrl+s must save from anywhere)."""
    on_editor: bool = False
    """An action of the editor screen (what is shown), not of the app (the document and its file)."""

    @property
    def bound_action(self) -> str:
        return in_editor(self.action) if self.on_editor else self.action


def in_editor(action: str, *parameters: str) -> str:
    """The app's action that runs `action` on the editor screen: `in_editor('show_tab', 'tasks')`."""
    return f"in_editor({', '.join(repr(word) for word in (action, *parameters))})"


COMMANDS = (
    Command("save", "ctrl+s", "File: save", "Save the report (atomically)", "Save", priority=True),
    Command("save_as", "", "File: save as", "Save the report under a new name"),
    Command("export_markdown", "ctrl+e", "Export: Markdown", "Write the report as Markdown beside it"),
    Command("undo", "ctrl+z", "Edit: undo", "Undo the last edit", "Undo"),
    Command("redo", "ctrl+y", "Edit: redo", "Redo the last undone edit"),
    Command("add_event", "ctrl+n", "Timeline: add event", "Add a timeline event", on_editor=True),
    Command("add_task", "ctrl+t", "Tasks: add task", "Add a corrective task", on_editor=True),
    Command(
        "cycle_zone",
        "ctrl+g",
        "Timeline: change display zone",
        "Show times in the report's zone, UTC or this machine's zone",
        on_editor=True,
    ),
    Command(
        "toggle_preview",
        "f6",
        "Preview: toggle side preview",
        "Show the preview beside the editing tab (terminals 160+ columns wide)",
        "Side preview",
        on_editor=True,
    ),
    Command(
        "quit", "ctrl+q", "App: quit", "Quit (asks first when there are unsaved edits)", "Quit", priority=True
    ),
)

TAB_KEYS = {"1": "summary", "2": "timeline", "3": "root-cause", "4": "tasks", "5": "preview"}


def app_bindings() -> list[BindingType]:
    bindings: list[BindingType] = [
        Binding(
            c.key,
            c.bound_action,
            c.footer or c.title,
            show=bool(c.footer),
            priority=c.priority,
            id=c.action,
            tooltip=c.help,
        )
        for c in COMMANDS
        if c.key
    ]
    bindings.append(
        Binding(
            "escape",
            in_editor("focus_tabs"),
            "Tabs",
            show=False,
            id="focus_tabs",
            tooltip="Leave the field for the tab bar, where 1-5 switch tabs",
        )
    )
    bindings += [
        Binding(
            key,
            in_editor("show_tab", tab),
            tab.replace("-", " ").capitalize(),
            show=False,
            id=f"tab-{tab}",
            tooltip=f"Show the {tab.replace('-', ' ')} tab (when no text field has focus)",
        )
        for key, tab in TAB_KEYS.items()
    ]
    return bindings
