"""A table that renders only the rows on screen: Textual's Line API, one line per row.

A DataTable builds and measures every cell when rows are added: at 10,000 events
that took over a second at launch and again on every resize. Here a row costs a
key in a list until it scrolls into view; then the subclass's `row_cells` makes
its cells (subclasses cache them). Rows are keyed by a model entry's stable key,
never by position, like the task list's DataTable (keyed_table.py), and it keeps
that table's keys, look and messages: arrows, page keys, j/k, g/G, home/end,
enter, a click; zebra stripes, a cursor row, a fixed header.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip


@dataclass(frozen=True)
class Column:
    label: str
    width: int
    """Cells are cut (with an ellipsis) or padded to this many cells, plus one space each side."""


class LineTable(ScrollView, can_focus=True):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "cursor_up", "Up", show=False),
        Binding("down", "cursor_down", "Down", show=False),
        Binding("j", "cursor_down", "Down", show=False, id="table-down", tooltip="Next row"),
        Binding("k", "cursor_up", "Up", show=False, id="table-up", tooltip="Previous row"),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("g,home,ctrl+home", "scroll_top", "First", show=False, id="table-first", tooltip="First row"),
        Binding("G,end,ctrl+end", "scroll_bottom", "Last", show=False, id="table-last", tooltip="Last row"),
        Binding("enter", "select_cursor", "Select", show=False),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "line-table--header",
        "line-table--cursor",
        "line-table--even-row",
        "line-table--odd-row",
    }

    cursor_row: reactive[int] = reactive(0, init=False, always_update=True)
    """The selected row's index; the status bar and the row detail follow it (told on every
    set, as new rows under the same index are another row)."""

    @dataclass
    class RowHighlighted(Message):
        """The cursor is on another row (or the rows changed under it)."""

        table: LineTable

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.columns: tuple[Column, ...] = ()
        self.row_keys: list[int] = []
        self._row_index: dict[int, int] | None = None
        """Index by key, built on first use after the rows change (selecting by key)."""

    # ------------------------------------------------------------ what subclasses give

    def row_cells(self, index: int) -> Sequence[Text]:
        """The cells of row `index`, one per column; called only for rows on screen."""
        raise NotImplementedError

    # ------------------------------------------------------------ rows

    @property
    def row_count(self) -> int:
        return len(self.row_keys)

    def set_rows(self, columns: tuple[Column, ...], keys: list[int]) -> None:
        """Show these rows (cells come from `row_cells`), keeping the cursor on the same key."""
        selected = self.selected_key()
        self.columns = columns
        self.row_keys = keys
        self._row_index = None
        self.virtual_size = Size(self.scrollable_content_region.width, len(keys) + 1)  # + the header
        if selected is not None and self.index_of(selected) is not None:
            self.select_key(selected)
        else:
            self.move_cursor(row=min(self.cursor_row, max(0, len(keys) - 1)))
        self.refresh()

    def index_of(self, key: int) -> int | None:
        if self._row_index is None:
            self._row_index = {k: i for i, k in enumerate(self.row_keys)}
        return self._row_index.get(key)

    def selected_key(self) -> int | None:
        return self.row_keys[self.cursor_row] if 0 <= self.cursor_row < len(self.row_keys) else None

    def select_key(self, key: int) -> None:
        index = self.index_of(key)
        if index is not None:
            self.move_cursor(row=index)

    def post_for_selected(self, make: Callable[[int], Message]) -> None:
        key = self.selected_key()
        if key is not None:
            self.post_message(make(key))

    def remaining_width(self, *fixed: int) -> int:
        """Width left for the one flexible column (the text), after the fixed ones and cell padding."""
        available = (self.size.width or self.app.size.width) - 2  # vertical scrollbar
        used = sum(fixed) + 2 * (len(fixed) + 1)
        return max(16, available - used)

    # ------------------------------------------------------------ the cursor

    def move_cursor(self, *, row: int) -> None:
        self.cursor_row = max(0, min(row, len(self.row_keys) - 1))
        self._scroll_to_cursor()

    def watch_cursor_row(self, before: int, now: int) -> None:
        self._refresh_row(before)
        self._refresh_row(now)
        self.post_message(self.RowHighlighted(self))

    def _page(self) -> int:
        return max(1, self.scrollable_content_region.height - 1)

    def _scroll_to_cursor(self) -> None:
        top = round(self.scroll_y)
        shown = self._page()
        if self.cursor_row < top:
            self.scroll_to(y=self.cursor_row, animate=False, immediate=True)
        elif self.cursor_row >= top + shown:
            self.scroll_to(y=self.cursor_row - shown + 1, animate=False, immediate=True)

    def _refresh_row(self, index: int) -> None:
        y = index - round(self.scroll_y) + 1
        if 0 < y < self.size.height:
            self.refresh_line(y)

    def action_cursor_up(self) -> None:
        self.move_cursor(row=self.cursor_row - 1)

    def action_cursor_down(self) -> None:
        self.move_cursor(row=self.cursor_row + 1)

    def action_page_up(self) -> None:
        self.move_cursor(row=self.cursor_row - self._page())

    def action_page_down(self) -> None:
        self.move_cursor(row=self.cursor_row + self._page())

    def action_scroll_top(self) -> None:
        self.move_cursor(row=0)

    def action_scroll_bottom(self) -> None:
        self.move_cursor(row=len(self.row_keys) - 1)

    def action_select_cursor(self) -> None:
        """Enter on a row: subclasses say what it does (the timeline edits the event)."""

    def on_click(self, event: events.Click) -> None:
        row = event.y - 1 + round(self.scroll_y)  # line 0 is the header
        if event.y < 1 or row >= len(self.row_keys):
            return
        if row == self.cursor_row:
            self.action_select_cursor()  # a click on the selected row opens it, as in a DataTable
        else:
            self.move_cursor(row=row)

    # ------------------------------------------------------------ drawing

    def on_resize(self) -> None:
        self.virtual_size = Size(self.scrollable_content_region.width, len(self.row_keys) + 1)
        self.refill()

    def refill(self) -> None:
        """Lay the rows out again for a new width; subclasses show their report again."""

    def detail(self) -> str:
        """The selected row's whole text, for the line under the table; subclasses say what it is."""
        return ""

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if y == 0:
            return self._strip([Text(c.label) for c in self.columns], "line-table--header", width)
        index = y - 1 + round(self.scroll_y)
        if index >= len(self.row_keys):
            return Strip.blank(width, self.rich_style)
        if index == self.cursor_row:
            kind = "line-table--cursor"
        else:
            kind = "line-table--even-row" if index % 2 == 0 else "line-table--odd-row"
        return self._strip(self.row_cells(index), kind, width)

    def _strip(self, cells: Sequence[Text], component: str, width: int) -> Strip:
        line = Text(no_wrap=True, end="")
        for column, cell in zip(self.columns, cells, strict=False):
            shown = cell.copy()
            shown.truncate(column.width, overflow="ellipsis", pad=True)
            line.append(" ")
            line.append_text(shown)
            line.append(" ")
        base: Style = self.rich_style + self.get_component_rich_style(component)
        segments = Segment.apply_style(line.render(self.app.console), base)
        return Strip(segments).adjust_cell_length(width, base)
