"""How a time typed for an event is read: the event dialog and the timeline's in-place edit share it.

A time is read in the report's zone, on the incident's day; `+15m` counts from
the event before; in a report with no date, a relative time stays a time of day.
A date alone (2021-12-10, 10 Dec 2021) makes a date-only event.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from pmtui.dates import read_date
from pmtui.model import Event, EventMoment, Postmortem
from pmtui.timeparse import TimeParseError, is_relative, parse_moment
from pmtui.timeshow import format_duration, format_event_time, format_moment
from pmtui.zones import zone_info


@dataclass(frozen=True)
class EventTime:
    zone: str
    on_day: date | None
    after: datetime | None
    """The event before, which `+15m` counts from."""
    dateless: bool = False
    """The report has no date: a relative time (+15m) stays a date-less time."""

    @classmethod
    def for_report(cls, report: Postmortem, after: datetime | None) -> EventTime:
        return cls(report.timezone, report.incident_date, after, dateless=not report.is_dated)

    def shown(self, at: EventMoment) -> str:
        """An event's time as a field shows it, ready to be read back."""
        return format_moment(at, self.zone, with_date=isinstance(at, datetime))

    def shown_event(self, event: Event) -> str:
        """What the field first holds for `event`: an approximate time as written ("~13:30 EAT").

        That text is not read back: kept as it is, the event keeps its time; a time typed over it is exact.
        """
        return format_event_time(event, self.zone, with_date=isinstance(event.at, datetime))

    def read(self, text: str) -> EventMoment:
        """Raises TimeParseError (a ValueError) with a reason the user can act on."""
        try:
            at = parse_moment(text, self.zone, on=self.on_day, after=self.after)
        except TimeParseError:
            day = self._day_alone(text)
            if day is None:
                raise
            return day
        if self.dateless and isinstance(at, datetime) and is_relative(text):
            return at.astimezone(zone_info(self.zone)).time().replace(tzinfo=None)
        return at

    def _day_alone(self, text: str) -> date | None:
        """A date without a time (a date-only event), read as a task's due date is; else None."""
        try:
            return read_date(text, default_year=self.on_day.year if self.on_day else None).value
        except TimeParseError:
            return None

    def describe(self, at: EventMoment, text: str) -> str:
        """Where the time lands in the report's zone; for `+15m`, also what it was counted from."""
        hint = f"→ {self.shown(at)}"
        if not isinstance(at, (datetime, time)):
            return f"{hint}, the day only (before that day's times)"
        if self.after is None or not is_relative(text):
            return hint
        moved = parse_moment(text, self.zone, after=self.after)  # the base, moved by what was typed
        if not isinstance(moved, datetime):
            return hint
        offset = moved - self.after
        direction = "after" if offset >= timedelta(0) else "before"
        base = self.after.astimezone(zone_info(self.zone)).strftime("%H:%M")
        return f"{hint}, {format_duration(abs(offset))} {direction} {base}"
