"""Time zone names people write in reports, and how pmtui reads them.

Abbreviations are ambiguous (IST is India, Ireland or Israel; CST is Chicago or
China; BST is London or Bangladesh), so they are read through the one explicit
table below. Each abbreviation names a fixed offset, the way the writer meant
it ("PST" in July still means UTC-8). When the report's own zone uses the
abbreviation on that date, the report's zone wins: IST in a report kept in
Europe/Dublin is Irish time, not India's.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone, tzinfo
from functools import lru_cache
from zoneinfo import ZoneInfo

#: abbreviation -> (offset in minutes, the zone most readers mean by it)
ABBREVIATIONS: dict[str, tuple[int, str]] = {
    "UTC": (0, "UTC"),
    "GMT": (0, "UTC"),
    "Z": (0, "UTC"),
    "UT": (0, "UTC"),
    "WET": (0, "Europe/Lisbon"),
    "WEST": (60, "Europe/Lisbon"),
    "BST": (60, "Europe/London"),
    "IST": (330, "Asia/Kolkata"),
    "CET": (60, "Europe/Paris"),
    "CEST": (120, "Europe/Paris"),
    "EET": (120, "Europe/Athens"),
    "EEST": (180, "Europe/Athens"),
    "MSK": (180, "Europe/Moscow"),
    "WAT": (60, "Africa/Lagos"),
    "CAT": (120, "Africa/Maputo"),
    "SAST": (120, "Africa/Johannesburg"),
    "EAT": (180, "Africa/Nairobi"),
    "PKT": (300, "Asia/Karachi"),
    "WIB": (420, "Asia/Jakarta"),
    "SGT": (480, "Asia/Singapore"),
    "HKT": (480, "Asia/Hong_Kong"),
    "PHT": (480, "Asia/Manila"),
    "AWST": (480, "Australia/Perth"),
    "JST": (540, "Asia/Tokyo"),
    "KST": (540, "Asia/Seoul"),
    "AEST": (600, "Australia/Sydney"),
    "AEDT": (660, "Australia/Sydney"),
    "NZST": (720, "Pacific/Auckland"),
    "NZDT": (780, "Pacific/Auckland"),
    "HST": (-600, "Pacific/Honolulu"),
    "AKST": (-540, "America/Anchorage"),
    "AKDT": (-480, "America/Anchorage"),
    "PST": (-480, "America/Los_Angeles"),
    "PDT": (-420, "America/Los_Angeles"),
    "MST": (-420, "America/Denver"),
    "MDT": (-360, "America/Denver"),
    "CST": (-360, "America/Chicago"),
    "CDT": (-300, "America/Chicago"),
    "EST": (-300, "America/New_York"),
    "EDT": (-240, "America/New_York"),
    "AST": (-240, "America/Halifax"),
    "BRT": (-180, "America/Sao_Paulo"),
    "ART": (-180, "America/Argentina/Buenos_Aires"),
}

#: Generic names that follow daylight saving, so they map to a zone, not an offset.
GENERIC_ZONES: dict[str, str] = {
    "PT": "America/Los_Angeles",
    "PACIFIC TIME": "America/Los_Angeles",
    "MT": "America/Denver",
    "MOUNTAIN TIME": "America/Denver",
    "CT": "America/Chicago",
    "CENTRAL TIME": "America/Chicago",
    "ET": "America/New_York",
    "EASTERN TIME": "America/New_York",
    "EAST AFRICA TIME": "Africa/Nairobi",
    "EAST AFRICAN TIME": "Africa/Nairobi",
    "WEST AFRICA TIME": "Africa/Lagos",
    "WEST AFRICAN TIME": "Africa/Lagos",
    "CENTRAL AFRICA TIME": "Africa/Maputo",
    "CENTRAL AFRICAN TIME": "Africa/Maputo",
    "SOUTH AFRICA STANDARD TIME": "Africa/Johannesburg",
    "PACIFIC STANDARD TIME": "America/Los_Angeles",
    "EASTERN STANDARD TIME": "America/New_York",
    "CENTRAL STANDARD TIME": "America/Chicago",
    "MOUNTAIN STANDARD TIME": "America/Denver",
    "COORDINATED UNIVERSAL TIME": "UTC",
    "GREENWICH MEAN TIME": "UTC",
}
#: Standard-time spelled-out names mean the standard offset, like their abbreviations.
_SPELLED_STANDARD = {
    "PACIFIC STANDARD TIME": "PST",
    "EASTERN STANDARD TIME": "EST",
    "CENTRAL STANDARD TIME": "CST",
    "MOUNTAIN STANDARD TIME": "MST",
}

_OFFSET = re.compile(r"^(?:(?:UTC|GMT|UT)\s*)?([+-])\s*(\d{1,2})(?::?(\d{2}))?$", re.IGNORECASE)


@lru_cache(maxsize=256)
def zone_info(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def fixed(minutes: int, name: str | None = None) -> timezone:
    if minutes == 0 and name is None:
        return timezone.utc
    offset = timedelta(minutes=minutes)
    return timezone(offset) if name is None else timezone(offset, name)


@lru_cache(maxsize=256)
def is_fixed_offset(zone_name: str) -> bool:
    """True for zones without daylight saving in recent years (EAT, UTC, WAT...)."""
    zone = zone_info(zone_name)
    offsets = {
        datetime(year, month, 15, tzinfo=zone).utcoffset() for year in (2019, 2024) for month in (1, 7)
    }
    return len(offsets) == 1


def abbreviation_fits(abbr: str, zone_name: str, on: date | None) -> bool:
    """Does the report's zone call itself `abbr` on that date (or at any season, undated)?"""
    zone = zone_info(zone_name)
    days = [on] if on else [date(2024, 1, 15), date(2024, 7, 15)]
    return any(datetime(d.year, d.month, d.day, 12, tzinfo=zone).tzname() == abbr for d in days)


def resolve_zone_token(token: str, report_zone: str, on: date | None) -> tzinfo | None:
    """Read a zone as written (`EAT`, `GMT+1`, `Africa/Nairobi`, `Eastern time`); None if it is not one."""
    cleaned = token.strip().strip("()[]").strip()
    upper = re.sub(r"\s+", " ", cleaned.upper())
    if upper in ABBREVIATIONS:
        if abbreviation_fits(upper, report_zone, on):
            return zone_info(report_zone)
        minutes, _ = ABBREVIATIONS[upper]
        if minutes == 0:
            return timezone.utc
        return fixed(minutes, upper)
    if upper in _SPELLED_STANDARD:
        return resolve_zone_token(_SPELLED_STANDARD[upper], report_zone, on)
    if upper in GENERIC_ZONES:
        return zone_info(GENERIC_ZONES[upper])
    match = _OFFSET.match(cleaned)
    if match:
        sign, hour_digits, minute_digits = match.groups()
        total = int(hour_digits) * 60 + int(minute_digits or 0)
        if total > 14 * 60:
            return None
        return fixed(-total if sign == "-" else total)
    if "/" in cleaned or cleaned == "UTC":
        try:
            return zone_info(cleaned)
        except (ValueError, KeyError, OSError):
            return None
    return None


def zone_label(zone: tzinfo, when: datetime | None = None) -> str:
    """The short name a reader expects beside a time: EAT, UTC, PDT, or +05:45."""
    name = when.tzname() if when is not None else datetime(2024, 1, 15, tzinfo=zone).tzname()
    if not name or name[0] in "+-":
        offset = when.utcoffset() if when is not None else datetime(2024, 1, 15, tzinfo=zone).utcoffset()
        return format_offset(offset or timedelta(0))
    return name


def signed_offset(offset: timedelta) -> str:
    """`+03:00`, `-04:00`, `+02:27:16`: an offset as a TOML file writes it, seconds shown when present."""
    seconds = int(offset.total_seconds())
    sign = "-" if seconds < 0 else "+"
    hours, rest = divmod(abs(seconds), 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{sign}{hours:02d}:{minutes:02d}" + (f":{seconds:02d}" if seconds else "")


def zone_refusal(name: str) -> str:
    """Why `name` is not a zone pmtui can use, worded for the user.

    A missing tz database makes every name fail, so that is said instead of
    blaming the name; an abbreviation gets the zone most readers mean by it.
    """
    try:
        ZoneInfo("UTC")
    except (ValueError, KeyError, OSError):
        return "the time zone database is missing (install the tzdata package)"
    known = ABBREVIATIONS.get(name.strip().upper())
    if known is not None:
        return f"unknown time zone {name!r} (an abbreviation; did you mean {known[1]!r}?)"
    return f"unknown time zone {name!r} (use an IANA name such as 'Africa/Nairobi' or 'UTC')"


def format_offset(offset: timedelta) -> str:
    minutes = int(offset.total_seconds() // 60)
    if minutes == 0:
        return "UTC"
    sign = "+" if minutes > 0 else "-"
    hours, mins = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours:02d}:{mins:02d}"
