"""Finding the times, dates and zones written inside report text.

The core time parser reads a time once it is cut out; this module finds where
one is: at the start of a timeline entry ("**14:00 UTC:** text",
"February 24th, 15, 9:21 PM (WAT): text", "At 3:15 PM Eastern time, ..."),
or anywhere in a summary line ("from 8:00 PM to 10:00 PM EAT").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time

from dateutil import parser as dateutil_parser

from pmtui.zones import ABBREVIATIONS, GENERIC_ZONES

MONTHS = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
WEEKDAYS = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?"
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


@dataclass
class Stamp:
    """A time found at the start of a line, and the text after it."""

    clock: str
    date_text: str | None
    zone_text: str | None
    rest: str


def _mask(text: str) -> str:
    """The text with Markdown decoration blanked out, same length, so offsets still match."""
    return re.sub(r"[*`]|(?<!\w)_|_(?!\w)", " ", text)  # New_York keeps its underscore


def leading_stamp(raw: str) -> Stamp | None:
    """The time a timeline entry starts with, if any, and the entry's text after it."""
    masked = _mask(raw)
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
        stripped = rest.lstrip(" \t:;-–—)>")
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
    for match in _CLOCK_RE.finditer(_mask(text)):
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
    found = []
    for match in _DATE_RE.finditer(_mask(text)):
        value = match.group().strip()
        if re.search(r"\d", value) and read_date(value, None) is not None:
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


def read_date(text: str, fallback_year: int | None) -> date | None:
    """A written date: `May 10, 2024`, `2024-08-10`, `February 24th, 15`, `06/May/2022`."""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text.strip()):
        try:
            return date.fromisoformat(text.strip())  # dateutil's dayfirst would swap month and day here
        except ValueError:
            return None
    cleaned = re.sub(rf"^{WEEKDAYS},?\s*", "", text.strip(), flags=re.I)
    cleaned = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", cleaned)
    cleaned = re.sub(r"([a-z])(\d)", r"\1 \2", cleaned, flags=re.I)  # "January23"
    short_year = re.search(r",\s*(\d{2})$", cleaned)
    if short_year:
        cleaned = cleaned[: short_year.start()] + f", 20{short_year.group(1)}"
    if re.fullmatch(r"\d{1,2}[/.]\d{1,2}[/.]\d{4}", cleaned):
        day_or_month, month_or_day = (int(part) for part in re.split(r"[/.]", cleaned)[:2])
        if day_or_month <= 12 and month_or_day <= 12 and day_or_month != month_or_day:
            return None  # ambiguous: never guess
    defaults = (datetime(2000, 1, 1), datetime(2001, 2, 2))
    try:
        values = [dateutil_parser.parse(cleaned, default=d, dayfirst=True) for d in defaults]
    except (ValueError, OverflowError):
        return None
    first, second = values
    if (first.month, first.day) != (second.month, second.day):
        return None
    if first.year != second.year:
        if fallback_year is None:
            return None
        return first.date().replace(year=fallback_year)
    return first.date()


def normal_clock(clock: str) -> str:
    """`10:35 Am`, `7:30 p.m.`, `2100hrs`, `10.30am` -> what the core parser reads."""
    text = re.sub(r"([ap])\.?\s?m\.?", lambda m: f" {m.group(1).upper()}M", clock, flags=re.I)
    text = re.sub(r"^(\d{1,2})\.(\d{2})", r"\1:\2", text.strip())
    return re.sub(r"\s+", " ", text).strip()


def wall_time(clock: str) -> time | None:
    """The time of day alone, for entries whose zone or date cannot be settled."""
    text = normal_clock(clock)
    match = re.match(r"^(\d{1,2})(?::(\d{2}))?(?::(\d{2}))?\s*(AM|PM)?", text)
    military = re.match(r"^([012]\d)([0-5]\d)\s*(?:hrs?|h)", text, re.I)
    if military:
        return time(int(military.group(1)) % 24, int(military.group(2)))
    if not match:
        return None
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    meridiem = match.group(4)
    if meridiem == "PM" and hour < 12:
        hour += 12
    if meridiem == "AM" and hour == 12:
        hour = 0
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute, int(match.group(3) or 0))
