"""Finding the times, dates and zones written inside report text.

The core time parser reads a time once it is cut out; this module finds where
one is: at the start of a timeline entry ("**14:00 UTC:** text",
"February 24th, 15, 9:21 PM (WAT): text", "At 3:15 PM Eastern time, ..."),
or anywhere in a summary line ("from 8:00 PM to 10:00 PM EAT").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import time
from functools import lru_cache

from pmtui.dates import MONTHS, WEEKDAYS, DateReading, read_date
from pmtui.timeparse import TimeParseError, blank_decoration, parse_moment
from pmtui.zones import ABBREVIATIONS, GENERIC_ZONES

DATE = (
    rf"(?:{WEEKDAYS},?\s+)?(?:"
    rf"\d{{4}}-\d{{2}}-\d{{2}}"
    rf"|{MONTHS}\.?\s*\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s*\d{{4}}\b|,\s*\d{{2}}\b)?"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTHS}\.?,?(?:\s+\d{{4}})?"
    rf"|\d{{1,2}}/{MONTHS}/\d{{4}}"
    rf"|\d{{1,2}}[/.]\d{{1,2}}[/.]\d{{4}}"
    rf")"
)
_MERIDIEM = r"(?:\s*(?:[ap]\.?\s?m\.?|[ap]m)(?![a-z]))"
CLOCK = (
    rf"(?:\d{{1,2}}[:.]\d{{2}}(?::\d{{2}})?{_MERIDIEM}?|\d{{1,2}}{_MERIDIEM}|[012]\d[0-5]\d\s*(?:hrs?|h)\b)"
)
_ZONE_WORDS = "|".join(sorted((re.escape(k) for k in ABBREVIATIONS if len(k) > 1), key=len, reverse=True))
_GENERIC = "|".join(sorted((re.escape(k) for k in GENERIC_ZONES), key=len, reverse=True))
ZONE = (
    rf"(?:(?:UTC|GMT)\s*[+-]\s*\d{{1,2}}(?::?\d{{2}})?|(?:{_GENERIC})|(?:{_ZONE_WORDS})(?![a-z])"
    rf"|[A-Z][a-z]+/[A-Za-z_]+(?:/[A-Za-z_]+)?)"
)
_CLOCK_RE = re.compile(CLOCK, re.I)
_DATE_RE = re.compile(DATE, re.I)
_ZONE_RE = re.compile(rf"\(?\s*(?:in\s+|all\s+times\s+(?:in\s+)?)?({ZONE})\s*\)?", re.I)
_LEAD = re.compile(
    rf"^(?P<lead>[\W_]*?(?:(?:at|on|around|about|approx(?:imately)?|by|~)\s+)?)"
    rf"(?P<date>{DATE}[,\s]*(?:(?:at|@|-|–)\s*)?)?"
    rf"(?P<clock>{CLOCK})"
    rf"(?P<zone>\s*\(?\s*(?:{ZONE})\s*\)?)?",
    re.I,
)


#: A machine's timestamp (ISO 8601, logs): "2024-05-10T14:05:33.120Z", "14:05:12,123".
_MACHINE_STAMP = re.compile(
    r"(?P<date>\d{4}-\d{2}-\d{2})?(?P<sep>[T ])?(?P<clock>\d{2}:\d{2}(?::\d{2})?)[.,]?(?P<fraction>(?<=[.,])\d{1,9})?"
    r"(?P<offset>Z|[+-]\d{2}:?\d{2})?(?![\w:])"
)


def _readable_stamp(match: re.Match[str]) -> str:
    """A machine stamp the way a person writes it: "2024-05-10 14:05:33 UTC+02:00"."""
    date_text, clock, offset = match.group("date"), match.group("clock"), match.group("offset")
    if date_text and match.group("sep") is None:
        return match.group()
    if not (date_text or match.group("fraction") or offset):
        return match.group()
    zone = "" if offset is None else " UTC" if offset == "Z" else f" UTC{offset}"
    return f"{date_text + ' ' if date_text else ''}{clock}{zone}"


@dataclass
class Stamp:
    """A time found at the start of a line, and the text after it."""

    clock: str
    date_text: str | None
    zone_text: str | None
    rest: str


def leading_stamp(raw: str) -> Stamp | None:
    """The time a timeline entry starts with, if any, and the entry's text after it."""
    raw = _MACHINE_STAMP.sub(_readable_stamp, raw, count=1)
    masked = blank_decoration(raw)
    match = _LEAD.match(masked)
    if (
        match is None
        or len(match.group("lead")) > 12
        or (
            re.search(r"[a-z]{3,}", match.group("lead"), re.I)
            and not re.fullmatch(
                r"[\W_]*(?:at|on|around|about|approx(?:imately)?|by)\s+", match.group("lead"), re.I
            )
        )
    ):
        return None
    clock = match.group("clock")
    if not re.search(r"[:.]|[ap]\.?\s?m|hrs?|h\b", clock, re.I):
        return None
    zone = (match.group("zone") or "").strip(" ()") or None
    end = match.end()
    opened = re.findall(r"\*\*|__|`|\*|_", raw[: match.start("clock")])
    rest = raw[end:]
    while rest:
        stripped = rest.lstrip(" \t:;-–—)>]")
        for token in sorted(set(opened), key=len, reverse=True):
            if stripped.startswith(token):
                stripped = stripped[len(token) :]
                opened.remove(token)
                break
        else:
            if stripped == rest:
                break
        rest = stripped
    date_text = (match.group("date") or "").strip(" ,-–@") or None
    if date_text:
        date_text = re.sub(r"[,\s]*(?:at|@)$", "", date_text, flags=re.I).strip(" ,")
    return Stamp(clock.strip(), date_text, zone, rest.strip())


def find_clocks(text: str) -> list[tuple[int, str]]:
    """Every time written in a line, with its position: `from 8:00 PM to 10:00 PM`."""
    found = []
    for match in _CLOCK_RE.finditer(blank_decoration(text)):
        value = match.group()
        if re.search(r"[:.]|[ap]\.?\s?m|hrs?|h\b", value, re.I) and not _inside_date(text, match.start()):
            found.append((match.start(), value.strip()))
    return found


def _inside_date(text: str, position: int) -> bool:
    """ "2024-08-10" and "06.05.2024" hold digits that look like times."""
    return any(
        m.start() <= position < m.end()
        for m in re.finditer(r"\d{4}-\d{2}-\d{2}|\d{1,2}\.\d{1,2}\.\d{4}", text)
    )


def find_dates(text: str) -> list[tuple[int, str]]:
    """Every whole date (year included) written in a line, with its position."""
    found = []
    for match in _DATE_RE.finditer(blank_decoration(text)):
        value = match.group().strip()
        if re.search(r"\d", value) and report_date(value, None) is not None:
            found.append((match.start(), value))
    return found


def find_zone(text: str) -> str | None:
    """The first zone named in the text: `(EAT)`, `UTC+0`, `GMT+2`, `West African Time`..."""
    for match in _ZONE_RE.finditer(text):
        token = match.group(1)
        if token.upper() in ("AM", "PM", "AT", "ON", "IT", "ET") and token != "ET":
            continue
        if token.isupper() or "/" in token or token[0] in "UG" or " " in token:
            return token
    return None


def report_date(text: str, year: int | None) -> DateReading | None:
    """A date found in a report, read by the shared reader with the importer's guesses allowed.

    `year` is the incident's, for a date written without one; None when the text
    is not a date the reader can settle.
    """
    try:
        return read_date(text, default_year=year, guess=True)
    except TimeParseError:
        return None


@lru_cache(maxsize=1024)
def wall_time(clock: str) -> time | None:
    """The time of day a found clock says, read by the core parser; None when it is not one."""
    try:
        value = parse_moment(clock, "UTC")
    except TimeParseError:
        return None
    return value if isinstance(value, time) else None
