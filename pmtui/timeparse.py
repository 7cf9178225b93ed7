"""What people type for a time, turned into aware datetimes; and shown back.

dateutil does the parsing, strictly: no fuzzy mode (it reads "incident #42 at
3pm" as the year 2042), no guessing between day-first and month-first, and no
silent shift of a time that daylight saving skipped or repeated. A time with no
date stays a date-less `datetime.time` unless the caller knows the day.
"""

from __future__ import annotations

import re
import warnings
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo

from dateutil import parser as dateutil_parser

from pmtui.model import Moment, check_datetime, check_year
from pmtui.zones import (
    format_offset,
    is_fixed_offset,
    resolve_zone_token,
    zone_info,
    zone_label,
    zone_refusal,
)


class TimeParseError(ValueError):
    """The text is not a time pmtui can read without guessing; the message says why."""


_DECORATION = re.compile(r"<br\s*/?>|[*_`]+", re.IGNORECASE)
_RELATIVE = re.compile(r"^([+-])\s*(?:(\d+)\s*h)?\s*(?:(\d+)\s*m(?:in)?)?$", re.IGNORECASE)
_MILITARY = re.compile(r"^(\d{2})(\d{2})\s*(?:hrs?|h)?$", re.IGNORECASE)
_NUMERIC_DATE = re.compile(r"\b(\d{1,4})[/.-](\d{1,2})[/.-](\d{1,4})\b")
_ZONE_TAIL = re.compile(
    r"""(?:^|\s|(?<=\d)|\()\(?(
        [A-Za-z]+/[A-Za-z_+\-/]+                     # Africa/Nairobi
      | (?:UTC|GMT|UT)?\s*[+-]\s*\d{1,2}(?::?\d{2})?  # GMT+1, UTC-05:00, +03:00
      | [A-Za-z]{1,5}                                # EAT, PST, Z
      | (?:[A-Za-z]+\s){1,3}time                     # Eastern time, West Africa Time
    )\)?\s*$""",
    re.IGNORECASE | re.VERBOSE,
)
_DEFAULTS = (datetime(2000, 1, 1, 0, 0), datetime(2001, 2, 2, 13, 37))


def clean(text: str) -> str:
    """Drop Markdown decoration and the separator people put after a time."""
    cleaned = _DECORATION.sub(" ", text)
    cleaned = re.sub(r"\s+", " ", cleaned).strip()
    return cleaned.rstrip(":-–— ").strip()


def parse_moment(
    text: str,
    zone: str = "UTC",
    *,
    on: date | None = None,
    after: datetime | None = None,
) -> Moment:
    """Read `text` as a moment in a report kept in `zone`.

    `on` is the incident date for a time typed without one; `after` is the base
    for relative input such as `+15m`. Without a date the result is a date-less
    wall time in the report's zone. Whatever the model would refuse (a year out
    of range, an offset with seconds) is refused here with the same reason.
    """
    cleaned = clean(text)
    if not cleaned:
        raise TimeParseError("no time given")
    _check_zone(zone)
    relative = _RELATIVE.match(cleaned)
    if relative and (relative.group(2) or relative.group(3)):
        return _storable(_relative(cleaned, relative, after), cleaned)
    iso = _parse_iso(cleaned, zone)
    if iso is not None:
        return _storable(iso, cleaned)
    body, written_zone = _split_zone(cleaned, zone, on)
    return _storable(_parse_body(body, cleaned, written_zone, zone, on), cleaned)


def _check_zone(name: str) -> None:
    """Every other step looks the zone up; fail once, clearly (a missing tz database included)."""
    try:
        zone_info(name)
    except (ValueError, KeyError, OSError):
        raise TimeParseError(zone_refusal(name)) from None


def _relative(cleaned: str, match: re.Match[str], after: datetime | None) -> datetime:
    if after is None:
        raise TimeParseError(f"{cleaned!r} is relative, but there is no earlier event to count from")
    sign, hours, minutes = match.groups()
    try:
        delta = timedelta(hours=int(hours or 0), minutes=int(minutes or 0))
        return after + (delta if sign == "+" else -delta)
    except (OverflowError, ValueError):  # beyond datetime's years, or more digits than int() reads
        raise TimeParseError(f"{cleaned!r} is too far from the event it is relative to") from None


def _storable(moment: Moment, original: str) -> Moment:
    if isinstance(moment, datetime):
        try:
            check_datetime(moment)
        except ValueError as error:
            raise TimeParseError(f"{original!r}: {error}") from None
    return moment


def is_relative(text: str) -> bool:
    """`+15m`, `-1h`: counted from another event rather than read on its own."""
    match = _RELATIVE.match(clean(text))
    return bool(match and (match.group(2) or match.group(3)))


def _parse_iso(text: str, zone: str) -> datetime | None:
    if not re.match(r"^\d{4}-\d{2}-\d{2}[T ]\d", text):
        return None
    try:
        value = datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        return None
    if value.tzinfo is None:
        return localise(value, zone_info(zone), text)
    return value


def _split_zone(text: str, report_zone: str, on: date | None) -> tuple[str, tzinfo | None]:
    match = _ZONE_TAIL.search(text)
    if not match:
        return text, None
    token = match.group(1)
    if token.upper() in ("AM", "PM", "A", "P", "M", "H", "HRS", "HR"):
        return text, None
    resolved = resolve_zone_token(token, report_zone, on)
    if resolved is None:
        if re.fullmatch(r"[A-Z]{2,5}", token):
            raise TimeParseError(f"unknown time zone abbreviation {token!r}; write an offset such as UTC+3")
        return text, None
    return text[: match.start(1)].rstrip(" (,"), resolved


def _check_numeric_date(text: str) -> bool | None:
    """Refuse 01/02/2024-style dates that read two ways; return dayfirst where it is clear."""
    match = _NUMERIC_DATE.search(text)
    if not match:
        return None
    a, b, c = match.groups()
    if len(a) == 4:
        return False
    if len(c) != 4:
        raise TimeParseError(f"{match.group()!r} is ambiguous: write the year in full, e.g. 2024-02-01")
    first, second = int(a), int(b)
    if first > 12:
        return True
    if second > 12 or first == second:
        return False
    raise TimeParseError(
        f"{match.group()!r} is ambiguous: day {first} of month {second}, or month {first} day {second}? "
        "Write it as 2024-02-01 or 1 Feb 2024"
    )


def _parse_body(
    body: str, original: str, written: tzinfo | None, report_zone: str, on: date | None
) -> Moment:
    military = _MILITARY.match(body)
    if military:
        body = f"{military.group(1)}:{military.group(2)}"
    body = re.sub(r"(\b1[3-9]|\b2[0-3])(:\d{2})\s*PM\b", r"\1\2", body, flags=re.IGNORECASE)  # 13:20PM
    dayfirst = _check_numeric_date(body)
    parsed = []
    for default in _DEFAULTS:
        try:
            with warnings.catch_warnings():
                # dateutil only warns about a zone name it cannot place; here that is an error
                warnings.simplefilter("error", dateutil_parser.UnknownTimezoneWarning)
                parsed.append(
                    dateutil_parser.parse(body, default=default, dayfirst=bool(dayfirst), fuzzy=False)
                )
        except (ValueError, OverflowError, TypeError, dateutil_parser.UnknownTimezoneWarning):
            raise TimeParseError(
                f"{original!r} is not a time pmtui can read (try 14:05, 2:05 PM or 2024-05-10 14:05 UTC)"
            ) from None
    first, second = parsed
    if first.tzinfo is not None:
        written = first.tzinfo
        first = first.replace(tzinfo=None)
        second = second.replace(tzinfo=None)
    if (first.hour, first.minute) != (second.hour, second.minute):
        raise TimeParseError(f"{original!r} has no time of day")
    has_day = first.day == second.day and first.month == second.month
    has_year = first.year == second.year
    if has_day and not has_year:
        if on is None:
            raise TimeParseError(f"{original!r} has no year")
        try:
            first = first.replace(year=on.year)
        except ValueError:
            raise TimeParseError(f"{original!r} is not a real date in {on.year}") from None
    if not has_day:
        if on is None:
            return _dateless(first.time(), written, report_zone, original)
        first = datetime.combine(on, first.time())
    return localise(first, written or zone_info(report_zone), original)


def _dateless(wall: time, written: tzinfo | None, report_zone: str, original: str) -> time:
    """A time with no date stays date-less, in the report's zone."""
    report = zone_info(report_zone)
    if written is None or written is report:
        return wall
    if isinstance(written, ZoneInfo) and not is_fixed_offset(written.key):
        raise TimeParseError(f"{original!r}: give a date, the offset of {written.key} depends on it")
    if not is_fixed_offset(report_zone):
        raise TimeParseError(f"{original!r}: give a date, the offset of {report_zone} depends on it")
    moment = datetime.combine(date(2024, 1, 15), wall, tzinfo=written).astimezone(report)
    return moment.time().replace(tzinfo=None)


def localise(naive: datetime, zone: tzinfo, original: str) -> datetime:
    """Attach a zone, refusing wall times that daylight saving skipped or repeated (never shifting them).

    The year is checked first: near datetime's limits the offset arithmetic below can overflow.
    """
    _check_naive_year(naive, original)
    early = naive.replace(tzinfo=zone, fold=0)
    late = naive.replace(tzinfo=zone, fold=1)
    early_offset, late_offset = early.utcoffset(), late.utcoffset()
    name = getattr(zone, "key", str(zone))
    if early_offset is None or late_offset is None:  # a tzinfo may say "unknown": that is no zone
        raise TimeParseError(f"{original!r}: {name} gives no offset from UTC")
    if early_offset == late_offset:
        return early
    back = early.astimezone(timezone.utc).astimezone(zone).replace(tzinfo=None)
    if back != naive:
        raise TimeParseError(
            f"{original!r} does not exist in {name}: the clocks skipped it (daylight saving)"
        )
    raise TimeParseError(
        f"{original!r} happened twice in {name} (clocks went back); add the offset, "
        f"{format_offset(early_offset)} or {format_offset(late_offset)}"
    )


def _check_naive_year(value: date, original: str) -> None:
    try:
        check_year(value)
    except ValueError as error:
        raise TimeParseError(f"{original!r}: {error}") from None


def parse_date(text: str) -> date:
    """A due date: ISO, or with a month name; numeric dates must not be ambiguous."""
    cleaned = clean(text)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", cleaned):
        try:
            day = date.fromisoformat(cleaned)
        except ValueError as error:
            raise TimeParseError(f"{cleaned!r} is not a real date ({error})") from None
        _check_naive_year(day, cleaned)
        return day
    dayfirst = _check_numeric_date(cleaned)
    try:
        values = [dateutil_parser.parse(cleaned, default=d, dayfirst=bool(dayfirst)) for d in _DEFAULTS]
    except (ValueError, OverflowError):
        raise TimeParseError(
            f"{cleaned!r} is not a date pmtui can read (try 2024-05-20 or 20 May 2024)"
        ) from None
    if values[0].date() != values[1].date():
        raise TimeParseError(f"{cleaned!r} is not a whole date: give day, month and year")
    _check_naive_year(values[0], cleaned)
    return values[0].date()


def format_moment(
    value: Moment, zone: str, *, with_date: bool = False, utc: bool = False, display: tzinfo | None = None
) -> str:
    """Show a moment in the report's zone, in UTC, or in another `display` zone, with its abbreviation.

    A date-less time can only move to another zone when the report's zone has a
    fixed offset; otherwise it is shown as written, in the report's zone.
    """
    target: tzinfo = timezone.utc if utc else (display or zone_info(zone))
    home = zone_info(zone)
    if isinstance(value, datetime):
        local = value.astimezone(target)
        pattern = "%Y-%m-%d %H:%M" if with_date else "%H:%M"
        return f"{local.strftime(pattern)} {zone_label(target, local)}"
    if target is not home and is_fixed_offset(zone):
        shifted = datetime.combine(date(2024, 1, 15), value, tzinfo=home).astimezone(target)
        return f"{shifted.strftime('%H:%M')} {zone_label(target, shifted)}"
    label = zone_label(home) if is_fixed_offset(zone) else zone
    return f"{value.strftime('%H:%M')} {label}"


def format_duration(delta: timedelta) -> str:
    """`2h 15m`, `1d 3h`, `45m`; negative durations keep their sign so mistakes show."""
    sign = "-" if delta < timedelta(0) else ""
    minutes = int(abs(delta).total_seconds() // 60)
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    parts = [
        f"{days}d" if days else "",
        f"{hours}h" if hours else "",
        f"{minutes}m" if minutes or not (days or hours) else "",
    ]
    return sign + " ".join(p for p in parts if p)
