"""What the rest of a document says about its times (its zone and its day), and reading one entry's
time with them through the core parser, as a time typed in the editor is read."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time

from pmtui.dates import DateReading
from pmtui.importers.clock import report_date, wall_time
from pmtui.model import Moment, check_datetime
from pmtui.timeparse import TimeParseError, localise, parse_moment
from pmtui.zones import home_zone, zone_refusal

_AMBIGUOUS_NUMERIC = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
_NUMERIC_PAIR = re.compile(r"(?<![\d/.-])(\d{1,2})[/.-](\d{1,2})[/.-]\d{4}(?![\d/.-])")
_YEARLESS_NUMERIC = re.compile(r"(\d{1,2})([-/])(\d{1,2})")
_WRITTEN_YEAR = re.compile(r"\d{4}|,\s*\d{2}\b|[-/.]\d{2}$")


@dataclass
class Context:
    """What the rest of the document says about times: the report's zone and the incident date."""

    zone: str
    zone_known: bool
    day: date | None
    infer_kinds: bool
    warnings: list[str] = field(default_factory=list)
    guesses: list[str] = field(default_factory=list)
    month_first: bool = False
    """The document's numeric dates are month first (one reads 03/26/2022, none 26/03/2022):
    an ambiguous one (04/05/2022) is read the same way, not day first."""

    def date_of(self, text: str, year: int | None) -> date | None:
        """A date written in the report (`year` for one written without), or None."""
        ambiguous = _AMBIGUOUS_NUMERIC.fullmatch(text.strip()) if self.month_first else None
        if ambiguous is not None:
            month, day, full_year = ambiguous.groups()
            reading = report_date(f"{full_year}-{month:0>2}-{day:0>2}", year)
            if reading is not None:
                return self.noted(
                    reading._replace(
                        guessed=f"{text.strip()!r}: read month first, as the document's other dates are"
                    )
                )
        reading = report_date(text, year)
        return None if reading is None else self.noted(reading)

    def learn_order(self, texts: list[str]) -> None:
        """Whether the numeric dates in `texts` say month first: some must, and none day first."""
        # one search over the texts joined: a line break ends a date as the end of a text does
        pairs = [(int(a), int(b)) for a, b in _NUMERIC_PAIR.findall("\n".join(texts))]
        month_first, day_first = any(b > 12 >= a for a, b in pairs), any(a > 12 >= b for a, b in pairs)
        if month_first != day_first:
            self.month_first = month_first

    def date_near(self, text: str, near: date | None) -> date | None:
        """A date written in a timeline, a year left out taken from the day it is written near.

        "[12-05 16:21]" above "[03-26 17:40]" in a March incident is the December before:
        of the years around `near`, the one that puts the date closest to it. A yearless
        numeric date is month first when written with a dash (`03-26`, as ISO 8601 writes
        it), else read like a full numeric date.
        """
        yearless = _YEARLESS_NUMERIC.fullmatch(text.strip())
        if yearless is None and (near is None or _WRITTEN_YEAR.search(text)):
            return self.date_of(text, near.year if near else None)
        if near is None:
            return None
        readings = [
            report_date(_with_year(text, yearless, year), year)
            for year in range(near.year - 1, near.year + 2)
        ]
        found = [reading for reading in readings if reading is not None]
        return self.noted(min(found, key=lambda reading: abs(reading.value - near))) if found else None

    def noted(self, reading: DateReading) -> date:
        """The date read; what was guessed to read it goes into the import's account."""
        if reading.guessed and reading.guessed not in self.guesses:
            self.guesses.append(reading.guessed)
        return reading.value


def _with_year(text: str, yearless: re.Match[str] | None, year: int) -> str:
    """A yearless numeric date ("03-26", "26/03") written out with `year`; any other text as it is."""
    if yearless is None:
        return text
    first, separator, second = yearless.groups()
    if separator == "-" and int(first) <= 12:
        return f"{year}-{first:0>2}-{second:0>2}"
    return f"{first}/{second}/{year}"


def moment(
    clock: str, date_text: str | None, zone_text: str | None, day: date | None, context: Context
) -> tuple[Moment | None, date | None]:
    """An entry's time: aware when both a date and a zone are known, else the wall time as written.

    The found pieces are read by the core parser, as a time typed in the editor
    is, so an imported time is refused (a skipped wall time, an unknown zone) for
    the same reason; the refusal becomes a warning and the wall time is kept.
    """
    if date_text:
        # the running day: "May 11" after "2024-05-10" is 2024's, "Dec 30" before "Jan 2" the year before
        day = context.date_near(date_text, day or context.day) or day
    wall = wall_time(clock)
    if wall is None or day is None or (zone_text is None and not context.zone_known):
        return wall, day
    try:
        if not zone_text:
            return in_report_zone(day, wall, context.zone), day
        zone_text = re.sub(r"\s*([+-])\s*", r"\1", zone_text)  # "GMT + 1" is read as "GMT+1"
        return parse_moment(f"{day.isoformat()} {wall.isoformat()} {zone_text}", context.zone), day
    except TimeParseError as error:
        context.warnings.append(f"time {clock!r}: {error}; kept as written, without a date")
        return wall, day


def in_report_zone(day: date, wall: time, report_zone: str) -> datetime:
    """`parse_moment(f"{day} {wall}", report_zone)` without writing the text and reading it back
    (a fifth of reading a long timeline): the same checks in the same order, so the same
    refusals, worded the same (a wall time daylight saving skipped or repeated, a bad zone)."""
    written = f"{day.isoformat()} {wall.isoformat()}"
    try:
        zone = home_zone(report_zone)
    except (ValueError, KeyError, OSError):
        raise TimeParseError(zone_refusal(report_zone)) from None
    naive = datetime(day.year, day.month, day.day, wall.hour, wall.minute, wall.second, wall.microsecond)
    placed = localise(naive, zone, written)
    try:
        return check_datetime(placed)
    except ValueError as error:
        raise TimeParseError(f"{written!r}: {error}") from None
