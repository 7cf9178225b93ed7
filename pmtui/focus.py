"""Where the focus is: the area whose keys the footer shows, and the name the status bar gives it.

The footer shows a different handful of keys in a text field, on the tab bar,
in the timeline table and in the task list (commands.py says which); the status
bar names the focused field ("Impact", "Timeline row 3 of 9").
"""

from __future__ import annotations

from textual.widget import Widget
from textual.widgets import Input, Select, Tabs, TextArea

from pmtui.widgets.task_list import TaskList
from pmtui.widgets.timeline_table import TimelineTable

FIELD = "field"
"""A form field: an Input, a TextArea or a Select (letters are text there)."""
TABS = "tabs"
TIMELINE = "timeline"
TASKS = "tasks"
OTHER = "other"
"""The preview, a button, nothing."""

#: Prefixes of the form fields' ids ("summary-impact"), left out of the name shown.
_FORM_PREFIXES = ("summary-", "analysis-")


def focus_area(widget: Widget | None) -> str:
    if isinstance(widget, (Input, TextArea, Select)):
        return FIELD
    if isinstance(widget, Tabs):
        return TABS
    if isinstance(widget, TimelineTable):
        return TIMELINE
    if isinstance(widget, TaskList):
        return TASKS
    return OTHER


def field_name(widget: Widget | None) -> str:
    """What the status bar calls the focused widget: "Impact", "Timeline row 3 of 9", "Tab bar"."""
    if widget is None:
        return ""
    if isinstance(widget, (TimelineTable, TaskList)):
        what = "Timeline row" if isinstance(widget, TimelineTable) else "Task"
        if not widget.row_count:
            return f"{what.split()[0]} (empty)"
        return f"{what} {widget.cursor_row + 1} of {widget.row_count}"
    if isinstance(widget, Tabs):
        return "Tab bar"
    if isinstance(widget.parent, Select):
        widget = widget.parent  # a Select's focus sits on its inner parts
    if widget.name:
        return widget.name  # a field that says its own name ("Event time", under the timeline)
    name = widget.id or type(widget).__name__
    for prefix in _FORM_PREFIXES:
        name = name.removeprefix(prefix)
    name = name.removeprefix("tab-").replace("_", " ").replace("-", " ")
    return name[:1].upper() + name[1:]
