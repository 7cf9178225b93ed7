"""How a time typed for an event is read: the event dialog and the timeline's in-place edit share it.

A time is read in the report's zone, on the incident's day; `+15m` counts from
the event before; in a report with no date, a relative time stays a time of day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from pmtui.model import Moment, Postmortem
from pmtui.timeparse import is_relative, parse_moment
from pmtui.timeshow import format_duration, format_moment
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

    def shown(self, at: Moment) -> str:
        """An event's time as a field shows it, ready to be read back."""
        return format_moment(at, self.zone, with_date=isinstance(at, datetime))

    def read(self, text: str) -> Moment:
        """Raises TimeParseError (a ValueError) with a reason the user can act on."""
        at = parse_moment(text, self.zone, on=self.on_day, after=self.after)
        if self.dateless and isinstance(at, datetime) and is_relative(text):
            return at.astimezone(zone_info(self.zone)).time().replace(tzinfo=None)
        return at

    def describe(self, at: Moment, text: str) -> str:
        """Where the time lands in the report's zone; for `+15m`, also what it was counted from."""
        hint = f"→ {self.shown(at)}"
        if self.after is None or not is_relative(text):
            return hint
        moved = parse_moment(text, self.zone, after=self.after)  # the base, moved by what was typed
        if not isinstance(moved, datetime):
            return hint
        offset = moved - self.after
        direction = "after" if offset >= timedelta(0) else "before"
        base = self.after.astimezone(zone_info(self.zone)).strftime("%H:%M")
        return f"{hint}, {format_duration(abs(offset))} {direction} {base}"
