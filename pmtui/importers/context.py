"""What the rest of a document says about its times (its zone and its day), and reading one entry's
time with them through the core parser, as a time typed in the editor is read."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from pmtui.dates import DateReading
from pmtui.importers.clock import report_date, wall_time
from pmtui.model import Moment
from pmtui.timeparse import TimeParseError, parse_moment


@dataclass
class Context:
    """What the rest of the document says about times: the report's zone and the incident date."""

    zone: str
    zone_known: bool
    day: date | None
    infer_kinds: bool
    warnings: list[str] = field(default_factory=list)
    guesses: list[str] = field(default_factory=list)

    def date_of(self, text: str, year: int | None) -> date | None:
        """A date written in the report (`year` for one written without), or None."""
        reading = report_date(text, year)
        return None if reading is None else self.noted(reading)

    def noted(self, reading: DateReading) -> date:
        """The date read; what was guessed to read it goes into the import's account."""
        if reading.guessed and reading.guessed not in self.guesses:
            self.guesses.append(reading.guessed)
        return reading.value


def moment(
    clock: str, date_text: str | None, zone_text: str | None, day: date | None, context: Context
) -> tuple[Moment | None, date | None]:
    """An entry's time: aware when both a date and a zone are known, else the wall time as written.

    The found pieces are read by the core parser, as a time typed in the editor
    is, so an imported time is refused (a skipped wall time, an unknown zone) for
    the same reason; the refusal becomes a warning and the wall time is kept.
    """
    if date_text:
        known = day or context.day  # the running day: "May 11" after "2024-05-10" is 2024's
        day = context.date_of(date_text, known.year if known else None) or day
    wall = wall_time(clock)
    if wall is None or day is None or (zone_text is None and not context.zone_known):
        return wall, day
    zone_text = re.sub(r"\s*([+-])\s*", r"\1", zone_text or "")  # "GMT + 1" is read as "GMT+1"
    written = f"{day.isoformat()} {wall.isoformat()} {zone_text}"  # no zone: the report's
    try:
        return parse_moment(written, context.zone), day
    except TimeParseError as error:
        context.warnings.append(f"time {clock!r}: {error}; kept as written, without a date")
        return wall, day
