"""The status bar: one line that always says whether the report is saved, and what the focus is on.

It takes the header's row. At 80 columns a long title is what gets cut, then
the file name (from the left, "…/incidents/db-outage.toml"); the state
("● unsaved", "saving…", "saved 12:04", "read only"), the focused field and
the warnings count never are. The app tells it the state; it follows the
focus itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath
from weakref import WeakSet

from textual import events
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from pmtui.focus import field_name

#: The title keeps at least this many columns before the file name is shortened further.
TITLE_ROOM = 16
#: The file name never shrinks below this many columns...
FILE_ROOM = 14
#: ...nor below its base name ("…/db-outage.toml"), up to this many.
NAME_ROOM = 24
SEPARATOR = " │ "
_CURSORS = ("cursor_coordinate", "cursor_row")
"""The reactive a focused table moves: a DataTable's, then the timeline's (line_table.py)."""


@dataclass(frozen=True)
class SaveState:
    """What the app knows about the report's file, for the status bar to show."""

    title: str
    file: str
    """The path as given, or "" for a report never saved."""
    dirty: bool = False
    saving: bool = False
    read_only: bool = False
    saved_at: str = ""
    """ "12:04" after a save in this session; empty when the file is as it was opened."""

    @property
    def label(self) -> str:
        if self.read_only:
            return "read only"
        if self.saving:
            return "saving…"
        if self.dirty:
            return "● unsaved"
        if not self.file:
            return "not saved yet"
        return f"saved {self.saved_at}" if self.saved_at else "saved"


def shorten_left(text: str, width: int) -> str:
    """ "…/incidents/db-outage.toml": the end of a path is the part that tells files apart."""
    if len(text) <= width:
        return text
    return "…" + text[len(text) - width + 1 :] if width > 1 else "…"[:width]


def shorten_right(text: str, width: int) -> str:
    if len(text) <= width:
        return text
    return text[: width - 1] + "…" if width > 0 else ""


def status_parts(state: SaveState, field: str, warnings: int, width: int) -> tuple[str, str, str, str]:
    """(title, file, state, rest) cut to fit `width` columns: the title first, then the file name."""
    warned = f"{warnings} warning{'s' if warnings != 1 else ''}" if warnings else ""
    rest = SEPARATOR.join(part for part in (field, warned) if part)
    file = state.file or "new report"
    fixed = 2 + len(state.label) + len(SEPARATOR) * (2 + bool(rest)) + len(rest)
    least = min(len(file), max(FILE_ROOM, min(len(PurePath(file).name) + 2, NAME_ROOM)))
    file_width = max(least, min(len(file), width - fixed - TITLE_ROOM))
    file = shorten_left(file, file_width)
    title = shorten_right(state.title or "Untitled report", width - fixed - len(file))
    return title, file, state.label, rest


class StatusBar(Widget):
    """ "Checkout down │ …/incidents/db-outage.toml │ ● unsaved │ Impact │ 2 warnings".

    A click on the warnings count posts `WarningsClicked`: the app opens the list.
    """

    class WarningsClicked(Message):
        """The user clicked the warnings count."""

    state: reactive[SaveState] = reactive(SaveState("", ""), layout=False)
    field: reactive[str] = reactive("")
    warnings: reactive[int] = reactive(0)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._watched: WeakSet[Widget] = WeakSet()
        self._cursor_pending = False

    def on_mount(self) -> None:
        self.watch(self.screen, "focused", self._focus_moved)

    def _focus_moved(self, focused: Widget | None) -> None:
        self.field = field_name(focused)
        cursor = next((name for name in _CURSORS if hasattr(focused, name)), None)
        if focused is not None and cursor is not None and focused not in self._watched:
            self._watched.add(focused)  # once: a watch added on every visit would fire many times a move
            self.watch(focused, cursor, self._cursor_moved, init=False)

    def _cursor_moved(self) -> None:
        """A table's cursor moved: say where once the screen refreshes. Filling a table moves
        the cursor once a row, 10,000 times for a big timeline; the line is worked out once."""
        if not self._cursor_pending:
            self._cursor_pending = True
            self.call_after_refresh(self._cursor_settled)

    def _cursor_settled(self) -> None:
        self._cursor_pending = False
        self.field = field_name(self.screen.focused)

    def show(self, state: SaveState, warnings: int) -> None:
        """The app's state and its count of warnings, after any change."""
        self.state = state
        self.field = field_name(self.screen.focused) if self.is_mounted else self.field
        self.warnings = warnings

    def on_click(self, event: events.Click) -> None:
        title, file, label, rest = status_parts(self.state, self.field, self.warnings, self.size.width)
        line_length = len(" " + SEPARATOR.join((title, file, label, rest)))
        counted = rest.rpartition(SEPARATOR)[2]
        if self.warnings and "warning" in counted and line_length - len(counted) <= event.x < line_length:
            self.post_message(self.WarningsClicked())

    def render(self) -> Content:
        title, file, label, rest = status_parts(self.state, self.field, self.warnings, self.size.width)
        state_style = "bold $text-warning" if self.state.dirty or self.state.read_only else "$text-success"
        parts: list[Content | tuple[str, str] | str] = [
            " ",
            (title, "bold"),
            SEPARATOR,
            (file, "$text-muted"),
            SEPARATOR,
            (label, state_style),
        ]
        if rest:
            parts += [SEPARATOR, rest]
        return Content.assemble(*parts)
