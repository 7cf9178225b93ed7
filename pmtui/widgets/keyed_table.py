"""A DataTable whose rows are keyed by a model entry's stable key, never by position."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import DataTable
from textual.widgets.data_table import CellDoesNotExist, RowDoesNotExist

from pmtui.model import Problem


class KeyedTable(DataTable):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False, id="table-down", tooltip="Next row"),
        Binding("k", "cursor_up", "Up", show=False, id="table-up", tooltip="Previous row"),
        Binding("g,home", "scroll_top", "First", show=False, id="table-first", tooltip="First row"),
        Binding("G,end", "scroll_bottom", "Last", show=False, id="table-last", tooltip="Last row"),
    ]
    """vi and pager keys beside the arrows; home/end go to the first/last row (there is no column to move to)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, id=id)

    def remaining_width(self, *fixed: int) -> int:
        """Width left for the one flexible column (the text), after the fixed ones and cell padding."""
        available = (self.size.width or self.app.size.width) - 2  # vertical scrollbar
        used = sum(fixed) + 2 * self.cell_padding * (len(fixed) + 1)
        return max(16, available - used)

    def on_resize(self) -> None:
        self.refill()

    def refill(self) -> None:
        """Rebuild rows for a new width; subclasses show their report again."""

    def detail(self) -> str:
        """The selected row's whole text, for the line under the table; subclasses say what it is."""
        return ""

    def selected_key(self) -> int | None:
        if self.row_count == 0:
            return None
        try:
            row_key, _ = self.coordinate_to_cell_key(self.cursor_coordinate)
        except (CellDoesNotExist, RowDoesNotExist):
            return None
        return int(row_key.value) if row_key.value is not None else None

    def select_key(self, key: int) -> None:
        with contextlib.suppress(RowDoesNotExist):
            self.move_cursor(row=self.get_row_index(str(key)))

    def post_for_selected(self, make: Callable[[int], Message]) -> None:
        key = self.selected_key()
        if key is not None:
            self.post_message(make(key))


def row_problems(problems: list[Problem], area: str) -> dict[int, str]:
    """The first warning on each row of `area` ("timeline", "tasks"), by row index."""
    found: dict[int, str] = {}
    prefix = f"{area}["
    for problem in problems:
        if problem.field.startswith(prefix):
            index = int(problem.field[len(prefix) : problem.field.index("]")])
            found.setdefault(index, problem.message)
    return found
