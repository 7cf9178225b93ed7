"""The Summary tab: title, status, severity, authors, zone, start/end, impact, root cause.

Under start and end, what they and the timeline add up to: the duration and the
incident's course (drawn to scale, with TTD/TTM/TTR), refreshed on every edit.

Free text (title, severity, authors) is taken on every keystroke. Zone, start
and end are read as a whole and taken only on enter or on leaving the field
(see field_reading.py): while they are typed, a hint under the field says what
the text will be taken as. A value that cannot be read is marked on its field
with the reason; the typed text stays, the report keeps its value, and nothing
else is blocked. Good values go up as `SummaryForm.Changed`; once the report
has one, the field shows it back the way the report writes it.
"""

from __future__ import annotations

from datetime import datetime
from functools import partial
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalGroup, VerticalScroll
from textual.content import Content
from textual.widgets import Input, Label, Select, TextArea

from pmtui.edits import get_field
from pmtui.model import Moment, Postmortem, Problem, Status
from pmtui.timeparse import parse_moment
from pmtui.timeshow import format_duration, format_moment
from pmtui.widgets.field_changed import FieldChanged, same_value
from pmtui.widgets.field_error import FieldError, FieldHint
from pmtui.widgets.field_reading import FieldReading
from pmtui.widgets.incident_course import IncidentCourse
from pmtui.widgets.text_fields import OrderedInput, OrderedTextArea
from pmtui.zones import read_zone

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
READ_WHOLE = ("timezone", "start", "end")
"""Taken on enter or on leaving the field, never half-typed: "9:30 PM" is on the way to "9:30 PM yday"."""


#: What the incident's course is drawn from: the zone, the window and the timeline's milestones.
COURSE_AREAS = frozenset({"zone", "window", "timeline"})


class SummaryForm(VerticalScroll, can_focus=False):
    """Scrolls to the focused field; never takes the focus itself (tab goes to the first field)."""

    class Changed(FieldChanged):
        """A summary field now holds a good value."""

    def __init__(self, report: Postmortem, problems: list[Problem], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.report = report
        self.problems = problems
        """The report's warnings as last told; the window's are said under it."""
        self._composed = False
        """Its fields exist (set on mount): until then `show` only keeps what it is told."""
        self.readings: dict[str, FieldReading[Any]] = {
            field: FieldReading(
                self,
                f"summary-{field}",
                read=partial(self._read_value, field),
                describe=partial(self._describe, field),
                shown=partial(self._shown, field),
            )
            for field in READ_WHOLE
        }
        """The fields read as a whole, and what their typed text reads as."""

    def compose(self) -> ComposeResult:
        for field, label, placeholder in FIELDS:
            with VerticalGroup(classes="field"):
                with Horizontal(classes="field-row"):
                    yield Label(label, classes="field-label")
                    yield OrderedInput(
                        self._shown(field), id=f"summary-{field}", placeholder=placeholder, compact=True
                    )
                if field in READ_WHOLE:
                    yield FieldHint("", id=f"summary-{field}-hint", classes="field-hint")
                yield FieldError("", id=f"summary-{field}-error", classes="field-error")
            if field == "title":
                with Horizontal(classes="field-row field"):
                    yield Label("Status", classes="field-label")
                    yield Select(
                        STATUS_OPTIONS,
                        value=self.report.status,
                        allow_blank=False,
                        id="summary-status",
                        compact=True,
                    )
        with VerticalGroup(classes="field"):
            with Horizontal(classes="field-row"):
                yield Label("Duration", classes="field-label")
                yield Label("", id="summary-duration")
            with Horizontal(classes="field-row"):
                yield Label("Course", classes="field-label")
                yield IncidentCourse(id="summary-course")
            yield FieldError("", id="summary-problems", classes="field-error")
        yield Label("Impact", classes="area-label")
        yield OrderedTextArea(self.report.summary.impact, id="summary-impact", soft_wrap=True, compact=True)
        yield Label("Root cause (one paragraph)", classes="area-label")
        yield OrderedTextArea(
            self.report.summary.root_cause, id="summary-root_cause", soft_wrap=True, compact=True
        )

    def on_mount(self) -> None:
        self._composed = True
        self.show(self.report)

    def show(
        self,
        report: Postmortem,
        reload: bool = False,
        problems: list[Problem] | None = None,
        areas: frozenset[str] | None = None,
    ) -> None:
        """Fill the fields from the report; without `reload`, only the derived figures change.
        `areas`: what the edit touched; the incident's course is drawn again only when it can change.
        Before the form is mounted (warnings checked in the background can come back that early),
        it only keeps them: mounting shows them."""
        self.report = report
        if not self._composed:
            self.problems = self.problems if problems is None else problems
            return
        if reload:
            with self.prevent(Input.Changed, Select.Changed, TextArea.Changed):
                for field in TEXT_FIELDS:
                    self.query_one(f"#summary-{field}", Input).value = self._shown(field)
                    self._mark(field, "")
                self.query_one("#summary-status", Select).value = report.status
                self.query_one("#summary-impact", TextArea).load_text(report.summary.impact)
                self.query_one("#summary-root_cause", TextArea).load_text(report.summary.root_cause)
        else:
            for field, reading in self.readings.items():
                if not reading.field.has_focus and not reading.refusal:
                    self._show_taken(field)
        duration = report.duration
        self.query_one("#summary-duration", Label).update(
            Content(format_duration(duration) if duration is not None else "set start and end")
        )
        if reload or areas is None or areas & COURSE_AREAS:  # it reads every event: not on a title keystroke
            self.query_one(IncidentCourse).show(report)
        problems = self.problems = self.problems if problems is None else problems
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

    def _show_taken(self, field: str) -> None:
        """Show a field read as a whole the way the report has it (a time in the report's zone)."""
        with self.prevent(Input.Changed):
            self.query_one(f"#summary-{field}", Input).value = self._shown(field)
        self.readings[field].quiet()

    def _mark(self, field: str, reason: str) -> None:
        if field in self.readings:
            if reason:
                self.readings[field].refuse(reason)
            else:
                self.readings[field].quiet()
            return
        self.query_one(f"#summary-{field}", Input).set_class(bool(reason), "-invalid")
        self.query_one(f"#summary-{field}-error", FieldError).say(reason)

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        field = (event.input.id or "").removeprefix("summary-")
        if field in self.readings:
            self.readings[field].follow()  # says what it reads as; taken on enter or leaving
        else:
            self._take(field, event.value)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        field = (event.input.id or "").removeprefix("summary-")
        if field in self.readings:
            self._post(self._take_whole(field, leaving=False))
        else:
            self._take(field, event.value)

    @on(Input.Blurred)
    def _left(self, event: Input.Blurred) -> None:
        event.stop()
        field = (event.input.id or "").removeprefix("summary-")
        if field in self.readings:
            self._post(self._take_whole(field, leaving=True))

    def _take(self, field: str, text: str) -> None:
        try:
            value = self._read_value(field, text)
        except ValueError as error:
            self._mark(field, str(error))
            return
        self._mark(field, "")
        self.post_message(self.Changed(_path(field), value))

    def _take_whole(self, field: str, leaving: bool) -> SummaryForm.Changed | None:
        """The change a field read as a whole makes, if the user typed in it and it reads.

        Refused text stays as typed, marked. A change is shown back by `show`
        once the report has it; text that reads as the value already there is
        shown back on leaving the field.
        """
        reading = self.readings[field]
        if not reading.typed:
            reading.quiet()
            return None
        try:
            value = reading.take()
        except ValueError:
            return None
        reading.quiet()  # taken: the hint has nothing more to say
        path = _path(field)
        if not same_value(get_field(self.report, path), value):
            return self.Changed(path, value)
        if leaving:
            self._show_taken(field)
        return None

    def _post(self, change: SummaryForm.Changed | None) -> None:
        if change is not None:
            self.post_message(change)

    @property
    def typing(self) -> bool:
        """A time or zone is being typed and not yet taken: ctrl+s must have something to save."""
        return any(reading.field.has_focus and reading.typed for reading in self.readings.values())

    def typed_changes(self) -> list[SummaryForm.Changed]:
        """What the field being typed in would change, taken now rather than on leaving it.

        For the editor to apply at once before the report is saved, so what is on
        screen is what is saved.
        """
        return [
            change
            for field, reading in self.readings.items()
            if reading.field.has_focus and (change := self._take_whole(field, leaving=False)) is not None
        ]

    def unkept(self) -> list[str]:
        """The fields whose text is marked as refused, so not in the report: "Start ('25:99')"."""
        labels = {field: label for field, label, _ in FIELDS}
        found = []
        for field in TEXT_FIELDS:
            reading = self.readings.get(field)
            box = self.query_one(f"#summary-{field}", Input)
            if (reading.refusal if reading is not None else box.has_class("-invalid")) and box.value.strip():
                found.append(f"{labels[field]} ({box.value.strip()!r})")
        return found

    def refused(self, path: str, reason: str) -> None:
        """The app's model refused a value this form sent: mark the field, keep the text."""
        field = path.removeprefix("summary.")
        if field in TEXT_FIELDS:
            self._mark(field, reason)

    def _read_value(self, field: str, text: str) -> Any:
        text = text.strip()
        if field in ("start", "end"):
            return self._read_time(text)
        if field == "authors":
            return [name.strip() for name in text.split(",") if name.strip()]
        if field == "timezone":
            return read_zone(text)
        if field == "title" and not text:
            raise ValueError("a report needs a title")
        return (text or None) if field == "severity" else text

    def _read_time(self, text: str) -> Moment | None:
        if not text:
            return None  # an emptied time field means "no start/end"
        return parse_moment(text, self.report.timezone, on=self.report.incident_date)

    def _describe(self, field: str, value: Any) -> str:
        if field == "timezone":
            shown = str(value)
        elif value is None:
            shown = f"no {field}"
        else:
            shown = format_moment(value, self.report.timezone, with_date=isinstance(value, datetime))
        return f"→ {shown} (enter or leave the field to keep it)"

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


def _path(field: str) -> str:
    """The model path of a summary field."""
    return f"summary.{field}" if field in ("start", "end") else field
