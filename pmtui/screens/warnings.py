"""Every warning the model has about the report, with where it is; enter goes there.

Like every dialog it never touches the report: it dismisses with the chosen
problem's place, and the editor moves the focus and cursor to it.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from pmtui.edits import Place, place_of
from pmtui.model import Postmortem, Problem
from pmtui.timeshow import format_event_time

#: How a problem's place reads, by the start of its path.
FIELD_NAMES = {
    "summary.start": "Summary: Start",
    "summary.end": "Summary: End",
    "timezone": "Summary: Zone",
    "title": "Summary: Title",
    "timeline": "Timeline",
}


def where(problem: Problem, report: Postmortem) -> str:
    """ "Timeline row 4 (20:45)", "Tasks row 2 (Add alerts…)", "Summary: End"."""
    field = problem.field
    for area, entries in (("timeline", report.timeline), ("tasks", report.tasks)):
        if field.startswith(f"{area}["):
            index = int(field[len(area) + 1 : field.index("]")])
            if index >= len(entries):
                break
            if area == "timeline":
                shown = format_event_time(report.timeline[index], report.timezone, with_zone=False)
            else:
                title = report.tasks[index].title
                shown = title if len(title) <= 24 else title[:23] + "…"
            return f"{area.capitalize()} row {index + 1} ({shown})"
    return FIELD_NAMES.get(field, field)


class WarningsDialog(ModalScreen[Place | None]):
    """Dismisses with the place of the chosen warning, or None on escape."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Close", id="warnings-close", tooltip="Close the list"),
    ]

    def __init__(self, report: Postmortem) -> None:
        super().__init__(classes="dialog")
        self.report = report
        self.problems = report.problems()

    def compose(self) -> ComposeResult:
        count = len(self.problems)
        with Vertical(id="warnings-box", classes="dialog-box"):
            title = f"{count} warning{'s' if count != 1 else ''}" if count else "No warnings"
            yield Static(Content(title), classes="dialog-title")
            yield OptionList(
                *(
                    Option(Content.assemble((where(p, self.report), "bold"), "\n", p.message), id=str(i))
                    for i, p in enumerate(self.problems)
                ),
                id="warnings-list",
                compact=True,
            )
            yield Static(Content("enter: go there · escape: close"), classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        problem = self.problems[int(event.option.id or 0)]
        self.dismiss(place_of(problem.field, self.report))

    def action_cancel(self) -> None:
        self.dismiss(None)
