"""The Summary tab: title, status, severity, authors, zone, start/end, impact, root cause.

A value that cannot be read (a time the parser refuses, an unknown zone) is
marked on its field with the reason; the typed text stays, and nothing else
is blocked. Good values go up as `SummaryForm.Changed`.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Input, Label, Select, TextArea

from pmtui.model import Postmortem, Problem, Status
from pmtui.timeparse import TimeParseError, format_duration, format_moment, parse_moment
from pmtui.widgets.field_changed import FieldChanged
from pmtui.widgets.field_error import FieldError
from pmtui.widgets.text_fields import OrderedInput, OrderedTextArea
from pmtui.zones import ABBREVIATIONS, GENERIC_ZONES

STATUS_OPTIONS = [(status.value, status) for status in Status]
FIELDS = (
    ("title", "Title", "what broke, in a few words"),
    ("severity", "Severity", "SEV1, SEV2... (optional)"),
    ("authors", "Authors", "names, separated by commas"),
    ("timezone", "Zone", "Africa/Nairobi, UTC, EAT..."),
    ("start", "Start", "2024-05-10 14:00, 8:00 PM EAT, or a time alone"),
    ("end", "End", "when impact ended"),
)
TEXT_FIELDS = tuple(field for field, _, _ in FIELDS)


class SummaryForm(VerticalScroll):
    class Changed(FieldChanged):
        """A summary field now holds a good value."""

    def __init__(self, report: Postmortem, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.report = report

    def compose(self) -> ComposeResult:
        for field, label, hint in FIELDS:
            with Horizontal(classes="field-row"):
                yield Label(label, classes="field-label")
                yield OrderedInput(self._shown(field), id=f"summary-{field}", placeholder=hint, compact=True)
            yield FieldError("", id=f"summary-{field}-error", classes="field-error")
            if field == "title":
                with Horizontal(classes="field-row"):
                    yield Label("Status", classes="field-label")
                    yield Select(
                        STATUS_OPTIONS,
                        value=self.report.status,
                        allow_blank=False,
                        id="summary-status",
                        compact=True,
                    )
        with Horizontal(classes="field-row"):
            yield Label("Duration", classes="field-label")
            yield Label("", id="summary-duration")
        yield FieldError("", id="summary-problems", classes="field-error")
        yield Label("Impact", classes="area-label")
        yield OrderedTextArea(self.report.summary.impact, id="summary-impact", soft_wrap=True, compact=True)
        yield Label("Root cause (one paragraph)", classes="area-label")
        yield OrderedTextArea(
            self.report.summary.root_cause, id="summary-root_cause", soft_wrap=True, compact=True
        )

    def on_mount(self) -> None:
        self.show(self.report)

    def show(self, report: Postmortem, reload: bool = False, problems: list[Problem] | None = None) -> None:
        """Fill the fields from the report; without `reload`, only the derived figures change."""
        self.report = report
        if reload:
            with self.prevent(Input.Changed, Select.Changed, TextArea.Changed):
                for field in TEXT_FIELDS:
                    self.query_one(f"#summary-{field}", Input).value = self._shown(field)
                    self._mark(field, "")
                self.query_one("#summary-status", Select).value = report.status
                self.query_one("#summary-impact", TextArea).load_text(report.summary.impact)
                self.query_one("#summary-root_cause", TextArea).load_text(report.summary.root_cause)
        duration = report.duration
        self.query_one("#summary-duration", Label).update(
            Content(format_duration(duration) if duration is not None else "set start and end")
        )
        problems = report.problems() if problems is None else problems
        window = [p for p in problems if p.field == "summary.end" and "no end" not in p.message]
        self.query_one("#summary-problems", FieldError).say("; ".join(str(p) for p in window))

    def _shown(self, field: str) -> str:
        report = self.report
        if field in ("start", "end"):
            moment = getattr(report.summary, field)
            return (
                format_moment(moment, report.timezone, with_date=isinstance(moment, datetime))
                if moment
                else ""
            )
        if field == "authors":
            return ", ".join(report.authors)
        return getattr(report, field) or ""

    def _mark(self, field: str, reason: str) -> None:
        self.query_one(f"#summary-{field}", Input).set_class(bool(reason), "-invalid")
        self.query_one(f"#summary-{field}-error", FieldError).say(reason)

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        field = (event.input.id or "").removeprefix("summary-")
        if field in ("start", "end") and not event.value.strip():
            return  # clearing a time on the way to typing a new one; committed on leaving the field
        self._take(field, event.value)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        field = (event.input.id or "").removeprefix("summary-")
        self._take(field, event.value)

    def _take(self, field: str, text: str) -> None:
        try:
            path, value = self._read(field, text)
        except ValueError as error:
            self._mark(field, str(error))
            return
        self._mark(field, "")
        self.post_message(self.Changed(path, value))

    def refused(self, path: str, reason: str) -> None:
        """The app's model refused a value this form sent: mark the field, keep the text."""
        field = path.removeprefix("summary.")
        if field in TEXT_FIELDS:
            self._mark(field, reason)

    def _read(self, field: str, text: str) -> tuple[str, Any]:
        text = text.strip()
        if field in ("start", "end"):
            return f"summary.{field}", self._read_time(text)
        if field == "authors":
            return "authors", [name.strip() for name in text.split(",") if name.strip()]
        if field == "timezone":
            return "timezone", read_zone(text)
        if field == "title" and not text:
            raise ValueError("a report needs a title")
        return field, (text or None) if field == "severity" else text

    def _read_time(self, text: str) -> Any | None:
        if not text:
            return None
        try:
            return parse_moment(text, self.report.timezone, on=self.report.incident_date)
        except TimeParseError as error:
            raise ValueError(str(error)) from None

    @on(Input.Blurred)
    def _normalise(self, event: Input.Blurred) -> None:
        """Show a good time back in the report's zone once the user leaves the field."""
        field = (event.input.id or "").removeprefix("summary-")
        if field in ("start", "end") and not event.input.value.strip():
            self._take(field, "")  # an emptied time field means "no start/end"
        if field in ("start", "end", "timezone") and not event.input.has_class("-invalid"):
            with self.prevent(Input.Changed):
                event.input.value = self._shown(field)

    @on(Select.Changed, "#summary-status")
    def _status(self, event: Select.Changed) -> None:
        event.stop()
        if event.value != self.report.status and event.value is not Select.NULL:
            self.post_message(self.Changed("status", event.value))

    @on(TextArea.Changed)
    def _area(self, event: TextArea.Changed) -> None:
        event.stop()
        field = (event.text_area.id or "").removeprefix("summary-")
        self.post_message(self.Changed(f"summary.{field}", event.text_area.text))


def read_zone(text: str) -> str:
    """An IANA name, or a common abbreviation mapped to the zone most readers mean by it."""
    upper = text.upper()
    if upper in ABBREVIATIONS:
        return ABBREVIATIONS[upper][1]
    if upper in GENERIC_ZONES:
        return GENERIC_ZONES[upper]
    try:
        ZoneInfo(text)
    except (ValueError, KeyError, OSError):
        raise ValueError(
            f"unknown time zone {text!r}: use an IANA name like Africa/Nairobi, or EAT, UTC"
        ) from None
    return text
