"""The Root cause tab: root cause and resolution as free text, contributing factors one per line."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Label, TextArea

from pmtui.finding import factor_lines
from pmtui.model import Postmortem
from pmtui.widgets.field_changed import FieldChanged
from pmtui.widgets.text_fields import OrderedTextArea


class AnalysisForm(VerticalScroll, can_focus=False):
    """Scrolls to the focused field; never takes the focus itself (tab goes to the first field)."""

    class Changed(FieldChanged):
        """A root cause, resolution or factors edit."""

    def __init__(self, report: Postmortem, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.report = report

    def compose(self) -> ComposeResult:
        analysis = self.report.analysis
        yield Label("Root cause", classes="area-label")
        yield OrderedTextArea(analysis.root_cause, id="analysis-root_cause", soft_wrap=True, compact=True)
        yield Label("Resolution", classes="area-label")
        yield OrderedTextArea(analysis.resolution, id="analysis-resolution", soft_wrap=True, compact=True)
        yield Label("Contributing factors (one per line)", classes="area-label")
        yield OrderedTextArea(
            factor_lines(analysis.contributing_factors),
            id="analysis-contributing_factors",
            soft_wrap=True,
            compact=True,
        )

    def show(self, report: Postmortem) -> None:
        self.report = report
        analysis = report.analysis
        with self.prevent(TextArea.Changed):
            self.query_one("#analysis-root_cause", TextArea).load_text(analysis.root_cause)
            self.query_one("#analysis-resolution", TextArea).load_text(analysis.resolution)
            self.query_one("#analysis-contributing_factors", TextArea).load_text(
                factor_lines(analysis.contributing_factors)
            )

    @on(TextArea.Changed)
    def _typed(self, event: TextArea.Changed) -> None:
        event.stop()
        field = (event.text_area.id or "").removeprefix("analysis-")
        text = event.text_area.text
        value: Any = (
            [line.strip() for line in text.splitlines() if line.strip()]
            if field == "contributing_factors"
            else text
        )
        self.post_message(self.Changed(f"analysis.{field}", value))
