"""Time zone names people write in reports, and how pmtui reads them.

One reader, `zone_as_written`, says what a zone written after a time means, in
this order: an abbreviation the report's own zone uses (on that date, at that
wall time: `01:30 EST` settles which 01:30 of a night the clocks went back; in
another season, `14:00 PST` in July is UTC-08:00 as written); then the explicit
table below for ambiguous ones (IST is India, Ireland or Israel; CST is Chicago
or China; BST is London or Bangladesh: the report's zone wins, then the table);
then any abbreviation the tz database gives a single offset (ACST, WITA, NDT);
then a written offset (`UTC+3`, `+0530`); then a zone name, legacy ones
included (`Cuba`, `US/Eastern`). `read_zone` reads the report's own zone.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from functools import lru_cache
from zoneinfo import ZoneInfo

from pmtui.tzdb import canonical_name, find_key, nearest_usage, usages, world_offsets

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
    # Windows names the African zones "W. Central Africa Standard Time" and so on; people copy them
    "WEST AFRICA STANDARD TIME": "Africa/Lagos",
    "WEST CENTRAL AFRICA STANDARD TIME": "Africa/Lagos",
    "W. CENTRAL AFRICA STANDARD TIME": "Africa/Lagos",
    "E. AFRICA STANDARD TIME": "Africa/Nairobi",
    "EAST AFRICA STANDARD TIME": "Africa/Nairobi",
    "CENTRAL AFRICA STANDARD TIME": "Africa/Maputo",
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

_OFFSET = re.compile(
    r"^(?:(?:UTC|GMT|UT)\s*)?([+-])\s*(\d{1,2})(?::?([0-5]\d)(?::([0-5]\d))?)?$", re.IGNORECASE
)
#: No zone has been further than 14 hours from UTC since 1900.
_WIDEST_OFFSET = timedelta(hours=14)
#: A time without a date is moved between zones as on this day (the same day `format_moment` uses).
DATELESS_DAY = date(2024, 1, 15)


@lru_cache(maxsize=256)
def zone_info(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def as_fixed(offset: timedelta) -> timezone:
    """A fixed offset as a tzinfo (UTC's own object for zero)."""
    return timezone(offset) if offset else timezone.utc


@lru_cache(maxsize=256)
def is_fixed_offset(zone_name: str) -> bool:
    """True for zones without daylight saving in recent years (EAT, UTC, WAT...)."""
    zone = zone_info(zone_name)
    offsets = {
        datetime(year, month, 15, tzinfo=zone).utcoffset() for year in (2019, 2024) for month in (1, 7)
    }
    return len(offsets) == 1


def home_zone(report_zone: str) -> ZoneInfo:
    """The report's zone, by its canonical name, so a legacy spelling is the same zone."""
    return zone_info(canonical_name(report_zone))


def read_zone(text: str) -> str:
    """The canonical IANA name of a zone as someone types it for a report.

    An IANA or legacy name in any case (`america/new_york`, `Cuba`, `US/Eastern`),
    a common abbreviation (`EAT`) or a generic name (`Eastern time`), each mapped
    to the zone most readers mean by it. ValueError says why anything else is not one.
    """
    cleaned = " ".join(text.split())
    if not cleaned:
        raise ValueError("no time zone given")
    upper = cleaned.upper()
    name = ABBREVIATIONS[upper][1] if upper in ABBREVIATIONS else GENERIC_ZONES.get(upper)
    if name is None:
        name = find_key(cleaned.replace(" ", "_"))
    if name is None:
        refusal = zone_refusal(cleaned)
        if refusal.startswith("the time zone database"):
            raise ValueError(refusal)
        raise ValueError(
            f"unknown time zone {cleaned!r}: use an IANA name such as Africa/Nairobi, "
            "or an abbreviation such as EAT or UTC"
        )
    return canonical_name(name)


def zone_as_written(token: str, report_zone: str, wall: datetime | None) -> tzinfo | None:
    """What a zone written after a time means in a report kept in `report_zone`.

    `wall` is the naive time as written, with its date; None for a time without a
    date. Returns a fixed offset (`timezone`) for an abbreviation or an offset; a
    ZoneInfo for a named zone, `home_zone(report_zone)` itself when it is the
    report's zone (a date-less time then keeps its wall time); None when `token`
    is not a zone. ValueError when it is one pmtui cannot place without guessing.
    """
    cleaned = " ".join(token.strip().strip("()[]").split())
    upper = cleaned.upper()
    if not cleaned:
        return None
    if upper[0].isalpha():
        own = _own_abbreviation(upper, report_zone, wall)
        if own is not None:
            return own
    if upper in ABBREVIATIONS:
        return as_fixed(timedelta(minutes=ABBREVIATIONS[upper][0]))
    if upper in _SPELLED_STANDARD:
        return zone_as_written(_SPELLED_STANDARD[upper], report_zone, wall)
    if upper in GENERIC_ZONES:
        return _named(GENERIC_ZONES[upper], report_zone)
    offsets = world_offsets(upper) if upper.isalpha() else frozenset()
    if len(offsets) == 1:
        return as_fixed(next(iter(offsets)))
    if offsets:
        choices = " or ".join(format_offset(offset) for offset in sorted(offsets))
        raise ValueError(f"{cleaned!r} is ambiguous ({choices}); write the offset instead")
    offset = read_offset(cleaned)
    if offset is not None:
        return as_fixed(offset)
    key = find_key(cleaned.replace(" ", "_")) if re.fullmatch(r"[A-Za-z][\w+\-/ ]*", cleaned) else None
    return _named(key, report_zone) if key is not None else None


def _own_abbreviation(upper: str, report_zone: str, wall: datetime | None) -> tzinfo | None:
    """An abbreviation the report's zone uses: its offset at that wall time or nearest season."""
    home = home_zone(report_zone)
    if wall is None:
        in_use = any(usage.name.upper() == upper for usage in usages(home.key, DATELESS_DAY.year))
        return home if in_use else None
    offsets = set()
    for fold in (0, 1):
        local = wall.replace(tzinfo=home, fold=fold)
        if (local.tzname() or "").upper() == upper:
            offsets.add(local.utcoffset() or timedelta(0))
    if len(offsets) > 1:
        choices = " or ".join(format_offset(offset) for offset in sorted(offsets, reverse=True))
        raise ValueError(f"{upper} happened twice at this time in {home.key}; write the offset, {choices}")
    if offsets:
        return as_fixed(offsets.pop())
    usage = nearest_usage(home.key, wall, name=upper)
    return as_fixed(usage.offset) if usage is not None else None


def _named(name: str, report_zone: str) -> ZoneInfo:
    home = home_zone(report_zone)
    canonical = canonical_name(name)
    return home if canonical == home.key else zone_info(canonical)


def read_offset(text: str) -> timedelta | None:
    """`+03`, `-0330`, `UTC+5:30`, `GMT-3`, `UTC+02:27:16`: a written offset, or None."""
    match = _OFFSET.match(text.strip())
    if not match:
        return None
    sign, hours, minutes, seconds = match.groups()
    offset = timedelta(hours=int(hours), minutes=int(minutes or 0), seconds=int(seconds or 0))
    if offset > _WIDEST_OFFSET:
        return None
    return -offset if sign == "-" else offset


def resolve_zone_token(token: str, report_zone: str, on: date | None) -> tzinfo | None:
    """A zone as written after a time on the day `on` (None if not one, or not placeable).

    Kept for callers that know the date but not yet the time; `zone_as_written`
    with the wall time settles more (which 01:30 of a night the clocks went back).
    """
    wall = None if on is None else datetime.combine(on, time(12))
    try:
        return zone_as_written(token, report_zone, wall)
    except (ValueError, KeyError, OSError):
        return None


def zone_label(zone: tzinfo, when: datetime | None = None) -> str:
    """The short name a reader expects beside a time: EAT, UTC, PDT, or UTC+05:45."""
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
    """`UTC`, `UTC+05:30`, `UTC-00:44:30`: an offset as pmtui shows it, and reads it back."""
    return f"UTC{signed_offset(offset)}" if offset else "UTC"
