"""Every app-wide command, declared once: it becomes a key binding, a footer entry, a palette entry,
a line of the help screen and a row of the README's key table (a test compares them).

Commands on the document and its file are the app's actions; commands on what
the editor shows (tabs, side preview, the timeline's zone) are the editor
screen's, reached through the app's `in_editor` action. All are bound here, on
the app, so nothing of the editor is offered while a dialog is up.
`command_state.allowed` (the app's `check_action`, which asks the editor screen
about its own) gates the keys, the footer and the palette alike, so they always
agree about what can be done right now.

The footer shows a command only where the focus is in one of its `footer_in`
areas, but its key works everywhere: each command with a footer label gets two
bindings on the same key, a shown one (`shown(action)`, which the app's
`check_action` hides elsewhere) and a hidden one that always works. Textual
runs the first binding whose action is allowed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.binding import Binding, BindingType

from pmtui.focus import FIELD, OTHER, TABS, TASKS, TIMELINE
from pmtui.widgets.task_list import TaskList
from pmtui.widgets.timeline_table import TimelineTable

if TYPE_CHECKING:
    pass

EVERYWHERE = frozenset({FIELD, TABS, TIMELINE, TASKS, OTHER})
OUTSIDE_TABLES = frozenset({FIELD, TABS, OTHER})
"""The tables show their own keys (add, zone), which leave no room for more."""
BETWEEN_FIELDS = frozenset({TABS, OTHER})
"""In a field the footer keeps to what a writer needs: save, export, undo, help, quit."""


@dataclass(frozen=True)
class Command:
    action: str
    key: str
    """Empty for palette-only commands; "f1,question_mark" for two keys."""
    title: str
    """Palette title, "Area: verb"."""
    help: str
    """The palette's help line, the help screen's and the README's "what"."""
    footer: str = ""
    """Short footer label; empty keeps the key out of the footer (still in the palette)."""
    footer_in: frozenset[str] = EVERYWHERE
    """Where the focus must be (focus.py's areas) for the footer to show the key."""
    where: str = "anywhere"
    """Where the key works, in the README's words."""
    priority: bool = False
    """Runs before the focused widget's own keys (ctrl+s must save from inside a text field)."""
    on_editor: bool = False
    """An action of the editor screen (what is shown), not of the app (the document and its file)."""
    hidden_when_unavailable: bool = False
    """Left out of the footer rather than greyed while it cannot run (f6 below 160 columns)."""
    text_keys: str = ""
    """More keys for it that are text in a field (`/`, `n`): never priority, so they work only outside one."""

    @property
    def bound_action(self) -> str:
        return in_editor(self.action) if self.on_editor else self.action

    def footer_state(self, area: str, state: bool | None) -> bool | None:
        """The footer entry's state with the focus in `area`, given the command's own `state`."""
        if area not in self.footer_in:
            return False
        return False if state is None and self.hidden_when_unavailable else state


def in_editor(action: str, *parameters: str) -> str:
    """The app's action that runs `action` on the editor screen: `in_editor('show_tab', 'tasks')`."""
    return f"in_editor({', '.join(repr(word) for word in (action, *parameters))})"


COMMANDS = (
    Command(
        "save",
        "ctrl+s",
        "File: save",
        "Save the report (atomic; asks for a name for a new report)",
        "Save",
        priority=True,
    ),
    Command("save_as", "", "File: save as", "Save the report under a new name"),
    Command(
        "export_markdown",
        "ctrl+o",
        "Export: Markdown",
        "Export the report as Markdown (asks before replacing a file)",
        "Export",
        footer_in=OUTSIDE_TABLES,
    ),
    Command("undo", "ctrl+z", "Edit: undo", "Undo the last edit, across every edit of the session", "Undo"),
    Command("redo", "ctrl+y", "Edit: redo", "Redo the last undone edit"),
    Command(
        "add_event",
        "ctrl+n",
        "Timeline: add event",
        "Add a timeline event",
        "Add event",
        footer_in=BETWEEN_FIELDS,
        on_editor=True,
    ),
    Command(
        "paste_lines",
        "",
        "Timeline: paste lines",
        "Paste log lines: each with a time becomes an event (a paste on the timeline table does this too)",
        on_editor=True,
    ),
    Command(
        "add_task",
        "ctrl+t",
        "Tasks: add task",
        "Add a corrective task",
        "Add task",
        footer_in=BETWEEN_FIELDS,
        on_editor=True,
    ),
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
        "Show the preview beside the editing tab",
        "Side preview",
        where="160+ columns",
        priority=True,  # a TextArea takes f6 to select a line
        on_editor=True,
        hidden_when_unavailable=True,
    ),
    Command(
        "find",
        "ctrl+f",  # bound by no Textual widget (Input's docs list it, its bindings do not)
        "Find: find text",
        "Find text in every field, event and task; enter goes to the first match (`/` outside text fields)",
        priority=True,
        on_editor=True,
        text_keys="slash",
    ),
    Command(
        "find_next",
        "f3",
        "Find: next match",
        "Go to the next match of the last find (`n` outside text fields)",
        on_editor=True,
        text_keys="n",
    ),
    Command(
        "find_previous",
        "shift+f3",
        "Find: previous match",
        "Go to the previous match of the last find (`N` outside text fields)",
        on_editor=True,
        text_keys="N",
    ),
    Command(
        "warnings",
        "f8",
        "View: warnings",
        "List every warning about the report; enter goes to it (`w` outside text fields)",
        "Warnings",
        footer_in=OUTSIDE_TABLES,  # the tables mark their rows; the status bar has the count
        on_editor=True,
        text_keys="w",
    ),
    Command(
        "help",
        "f1,question_mark",
        "App: keys",
        "Show pmtui's keys, by where they work (`?` too, outside text fields)",
        "Help",
        footer_in=OUTSIDE_TABLES,
    ),
    Command(
        "quit",
        "ctrl+q",
        "App: quit",
        "Quit (save / discard / cancel when there are unsaved edits)",
        "Quit",
        footer_in=OUTSIDE_TABLES,
        priority=True,
    ),
)

COMMAND_BY_ACTION = {c.action: c for c in COMMANDS}

TAB_KEYS = {"1": "summary", "2": "timeline", "3": "root-cause", "4": "tasks", "5": "preview"}


def app_bindings() -> list[BindingType]:
    bindings: list[BindingType] = []
    for c in COMMANDS:
        if not c.key:
            continue
        if c.footer:
            bindings.append(
                Binding(
                    c.key,
                    f"shown({c.action!r})",
                    c.footer,
                    priority=c.priority,
                    id=f"{c.action}-shown",
                    tooltip=c.help,
                )
            )
        bindings.append(
            Binding(
                c.key, c.bound_action, c.title, show=False, priority=c.priority, id=c.action, tooltip=c.help
            )
        )
        if c.text_keys:
            bindings.append(
                Binding(
                    c.text_keys, c.bound_action, c.title, show=False, id=f"{c.action}-text", tooltip=c.help
                )
            )
    # Textual's own ctrl+c (it says which key quits); the app does not inherit Textual's bindings, whose
    # ctrl+q would otherwise come first in the footer, before save.
    bindings.append(Binding("ctrl+c", "help_quit", show=False, system=True))
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


# ---------------------------------------------------------------- the key table (README, help screen)

#: Keys that are not commands of their own: Textual's focus keys, the tab keys, the dialogs'.
_OTHER_ROWS = (
    ("`1`..`5`", "outside text fields", "Switch tab (`escape` leaves a text field for the tab bar)"),
    ("`tab` / `shift+tab`", "anywhere", "Move between fields"),
)
_DIALOG_ROW = ("`ctrl+s` or `enter`, `escape`", "dialogs", "OK, cancel")
_KEY_NAMES = {"question_mark": "?", "slash": "/"}


def _keys(keys: str) -> str:
    return "/".join(f"`{_KEY_NAMES.get(key, key)}`" for key in keys.split(","))


def _widget_row(where: str, bindings: Iterable[BindingType]) -> tuple[str, str, str]:
    shown = [b for b in bindings if isinstance(b, Binding)]
    return " ".join(_keys(b.key) for b in shown), where, ", ".join(b.description.lower() for b in shown)


def key_rows() -> list[tuple[str, str, str]]:
    """(keys, where, what) for every key pmtui adds, in the order the README and the help screen list them."""
    rows = list(_OTHER_ROWS)
    rows += [
        (_keys(",".join(filter(None, (c.key, c.text_keys)))), c.where, c.help) for c in COMMANDS if c.key
    ]
    rows.append(("`ctrl+p`", "anywhere", 'Command palette: every action, as "Area: verb"'))
    rows.append(_widget_row("timeline table", TimelineTable.BINDINGS))
    rows.append(_widget_row("task list", TaskList.BINDINGS))
    rows.append(_DIALOG_ROW)
    return rows


def key_table() -> str:
    """The README's key table, as Markdown."""
    lines = ["| keys | where | what |", "| --- | --- | --- |"]
    lines += [f"| {keys} | {where} | {what} |" for keys, where, what in key_rows()]
    return "\n".join(lines)
