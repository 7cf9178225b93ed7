"""What people type for a time, turned into aware datetimes; and shown back.

dateutil does the parsing, strictly: no fuzzy mode (it reads "incident #42 at
3pm" as the year 2042), no guessing between day-first and month-first, and no
silent shift of a time that daylight saving skipped or repeated. A time with no
date stays a date-less `datetime.time` unless the caller knows the day.

Whatever `format_moment` shows, `parse_moment` reads back as the same instant,
in a report kept in any zone of the tz database: the shown abbreviation is one
the parser places (else the offset is shown), seconds are shown when there are
any, and a zone's own abbreviation settles which of two repeated wall times it is.
Parsed datetimes carry a fixed offset, as they do once saved and loaded.
"""

from __future__ import annotations

import re
import warnings
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from functools import lru_cache
from types import ModuleType
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

if TYPE_CHECKING:
    from dateutil import parser as dateutil_parser

from pmtui.model import EARLIEST_YEAR, LATEST_YEAR, Moment, check_datetime, check_year
from pmtui.zones import (
    ABBREVIATIONS,
    DATELESS_DAY,
    GENERIC_ZONES,
    as_fixed,
    format_offset,
    home_zone,
    is_fixed_offset,
    zone_as_written,
    zone_refusal,
)


class TimeParseError(ValueError):
    """The text is not a time pmtui can read without guessing; the message says why."""


#: Markdown emphasis, inline code and line breaks. An underscore is emphasis only at the edge
#: of a word: inside one (America/New_York, Asia/Ho_Chi_Minh) it is part of the name.
_DECORATION = re.compile(r"<br\s*/?>|[*`]+|(?<!\w)_+|_+(?!\w)", re.IGNORECASE)
_UNITS_H = r"h(?:ours?|rs?)?"
_UNITS_M = r"m(?:in(?:ute)?s?)?"
_RELATIVE = re.compile(
    rf"^([+-])\s*(?:(\d+)\s*{_UNITS_H}\s*(?:(\d+)\s*(?:{_UNITS_M})?)?|(\d+)\s*{_UNITS_M})$", re.IGNORECASE
)
#: `1400`, `2100hrs`, and after a date `2024-05-10 2100hrs`.
_MILITARY = re.compile(
    r"(?:^(\d{2})(\d{2})\s*(?:hrs?|h)?|(?<=\s)([01]\d|2[0-3])([0-5]\d)\s*(?:hrs?|h))$", re.IGNORECASE
)
#: `9am`, `9 pm`, `9 p.m.`: an hour with no minutes, which mean :00.
_HOUR_ALONE = re.compile(r"(?<![:\d])\b(\d{1,2})\s*([ap])\.?\s?m\b\.?", re.IGNORECASE)
_NUMERIC_DATE = re.compile(r"\b(\d{1,4})[/.-](\d{1,2})[/.-](\d{1,4})\b")
#: How a time may end in a zone, tried in this order: a spelled-out name ("Pacific Standard
#: Time", "W. Central Africa Standard Time", longest first), an offset ("UTC-05:00", "+0530", "14:00+03"), one word ("EAT",
#: "America/New_York", "Etc/GMT+3", "Cuba", "1400Z").
_ZONE_TAILS = (
    *(
        re.compile(rf"(?:^|(?<=\s))\(?((?:[A-Za-z]+\.?\s+){{{n}}}time)\)?$", re.IGNORECASE)
        for n in (4, 3, 2, 1)
    ),
    re.compile(
        r"(?:^|(?<=[\s(])|(?<=:\d\d))\(?((?:UTC|GMT|UT)?\s*[+-]\s*\d{1,2}(?::?[0-5]\d(?::[0-5]\d)?)?)\)?$",
        re.IGNORECASE,
    ),
    re.compile(r"(?:^|(?<=[\s(\d]))\(?([A-Za-z][\w+\-/]*)\)?$"),
)
#: Words after a time that are part of it, not a zone.
_NOT_ZONES = frozenset({"AM", "PM", "A", "P", "M", "H", "HR", "HRS", "T"})
#: A time as pmtui shows it, read without dateutil: `2024-05-10 14:05`, `14:05:30.25`.
_SHOWN = re.compile(r"^(?:(\d{4})-(\d{2})-(\d{2})[ T])?(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?$")
_DEFAULTS = (datetime(2000, 1, 1, 0, 0), datetime(2001, 2, 2, 13, 37))
_UNREADABLE = "is not a time pmtui can read (try 14:05, 2:05 PM or 2024-05-10 14:05 UTC)"


def blank_decoration(text: str) -> str:
    """`text` with Markdown decoration blanked out, the same length, so positions in it still match."""
    return _DECORATION.sub(lambda match: " " * len(match.group()), text)


def clean(text: str) -> str:
    """Drop Markdown decoration and the separator people put after a time."""
    return " ".join(blank_decoration(text).split()).rstrip(":-–— ").strip()


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
    of range) is refused here with the same reason; what it would settle (an
    offset with seconds) is settled the same way.
    """
    cleaned = clean(text)
    if not cleaned:
        raise TimeParseError("no time given")
    _check_zone(zone)
    relative = _RELATIVE.match(cleaned)
    if relative:
        return _storable(_relative(cleaned, relative, after, zone), cleaned)
    iso = _parse_iso(cleaned, zone)
    if iso is not None:
        return _storable(iso, cleaned)
    return _storable(_parse_written(cleaned, zone, on), cleaned)


def _check_zone(name: str) -> None:
    """Every other step looks the zone up; fail once, clearly (a missing tz database included)."""
    try:
        home_zone(name)
    except (ValueError, KeyError, OSError):
        raise TimeParseError(zone_refusal(name)) from None


def _relative(cleaned: str, match: re.Match[str], after: datetime | None, zone: str) -> datetime:
    """Counted in real elapsed time (across a daylight-saving change too), shown in the report's zone."""
    if after is None:
        raise TimeParseError(f"{cleaned!r} is relative, but there is no earlier event to count from")
    sign, hours, minutes, minutes_alone = match.groups()
    try:
        delta = timedelta(hours=int(hours or 0), minutes=int(minutes or minutes_alone or 0))
        base = after if after.tzinfo is not None else localise(after, home_zone(zone), cleaned)
        moment = base.astimezone(timezone.utc) + (delta if sign == "+" else -delta)
    except (OverflowError, ValueError):  # beyond datetime's years, or more digits than int() reads
        raise TimeParseError(f"{cleaned!r} is too far from the event it is relative to") from None
    _check_naive_year(moment, cleaned)
    return _in_zone(moment, home_zone(zone))


def _in_zone(moment: datetime, zone: tzinfo) -> datetime:
    local = moment.astimezone(zone)
    return local.replace(tzinfo=as_fixed(local.utcoffset() or timedelta(0)), fold=0)


def _storable(moment: Moment, original: str) -> Moment:
    if isinstance(moment, datetime):
        try:
            return check_datetime(moment)
        except ValueError as error:
            raise TimeParseError(f"{original!r}: {error}") from None
    return moment


def is_relative(text: str) -> bool:
    """`+15m`, `-1h`: counted from another event rather than read on its own."""
    return _RELATIVE.match(clean(text)) is not None


def _parse_iso(text: str, zone: str) -> datetime | None:
    if not re.match(r"^\d{4}-\d{2}-\d{2}[T ]\d", text):
        return None
    try:
        value = datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        return None
    if value.tzinfo is None:
        return localise(value, home_zone(zone), text)
    _check_naive_year(value, text)
    return value


def _parse_written(text: str, zone: str, on: date | None) -> Moment:
    """A time, perhaps a date, perhaps a zone after them; the zone is read once the time is known."""
    split = _split_zone(text)
    if split is not None:
        body, token = split
        wall, parsed_zone = _read_wall(body, text, on)
        written = _written_zone(token, zone, wall, text)
        if written is not None:
            return _place(wall, written, zone, text)
    wall, parsed_zone = _read_wall(text, text, on)
    return _place(wall, parsed_zone, zone, text)


def _split_zone(text: str) -> tuple[str, str] | None:
    """The time and the zone written after it, when the text ends in something that may be a zone."""
    for pattern in _ZONE_TAILS:
        match = pattern.search(text)
        if match is None or match.start() == 0:
            continue
        token = match.group(1)
        upper = " ".join(token.upper().split())
        if " " in upper and upper not in GENERIC_ZONES:
            continue
        if upper in _NOT_ZONES or _is_dateutil_word(token):
            return None
        return text[: match.start()].rstrip(" (,"), token
    return None


_ZONE_NAMES = frozenset(ABBREVIATIONS) | frozenset(GENERIC_ZONES)


@lru_cache(maxsize=1)
def _dateutil() -> tuple[ModuleType, dateutil_parser.parserinfo]:
    """dateutil's parser and its words, loaded when first needed: most times pmtui reads
    are in its own shapes (`_SHOWN`, the importer's clocks), and loading it costs 5 ms."""
    from dateutil import parser

    return parser, parser.parserinfo()


def _is_dateutil_word(token: str) -> bool:
    """A month, a weekday, `at`, `of`: words of the date, never a zone."""
    if " ".join(token.upper().split()) in _ZONE_NAMES:
        return False  # a zone pmtui knows is none of dateutil's words (a test says so): no need to load it
    return _among_dateutil_words(token)


def _among_dateutil_words(token: str) -> bool:
    """What dateutil itself says of `token`, loading it if need be."""
    info = _dateutil()[1]
    return bool(
        info.jump(token)
        or info.month(token) is not None
        or info.weekday(token) is not None
        or info.ampm(token) is not None
        or info.hms(token) is not None
    )


def _written_zone(token: str, zone: str, wall: datetime | time, original: str) -> tzinfo | None:
    try:
        written = zone_as_written(token, zone, wall if isinstance(wall, datetime) else None)
    except ValueError as error:
        raise TimeParseError(f"{original!r}: {error}") from None
    if written is None and re.fullmatch(r"[A-Z]{2,6}", token):
        raise TimeParseError(f"unknown time zone abbreviation {token!r}; write an offset such as UTC+3")
    return written


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
        f"{match.group()!r} is ambiguous: {c}-{second:02}-{first:02} or {c}-{first:02}-{second:02}?"
    )


def _read_wall(body: str, original: str, on: date | None) -> tuple[datetime | time, tzinfo | None]:
    """The wall time written (with its date, or `on`), and a zone dateutil found inside it, if any."""
    shown = _SHOWN.match(body)
    if shown:
        wall: datetime | time = _shown_wall(shown, original)
        written = None
    else:
        wall, written = _dateutil_wall(body, original, on)
    if isinstance(wall, time) and on is not None:
        wall = datetime.combine(on, wall)
    if isinstance(wall, datetime):
        _check_naive_year(wall, original)
    return wall, written


def _shown_wall(match: re.Match[str], original: str) -> datetime | time:
    year, month, day, hour, minute, second, fraction = match.groups()
    clock = (int(hour), int(minute), int(second or 0), int((fraction or "0").ljust(6, "0")))
    try:
        return datetime(int(year), int(month), int(day), *clock) if year else time(*clock)
    except ValueError:
        raise TimeParseError(f"{original!r} {_UNREADABLE}") from None


def _dateutil_wall(body: str, original: str, on: date | None) -> tuple[datetime | time, tzinfo | None]:
    military = _MILITARY.search(body)
    if military:
        hour, minute = (part for part in military.groups() if part is not None)
        body = f"{body[: military.start()]}{hour}:{minute}"
    body = re.sub(r"(\b1[3-9]|\b2[0-3])(:\d{2})\s*PM\b", r"\1\2", body, flags=re.IGNORECASE)  # 13:20PM
    body = _HOUR_ALONE.sub(r"\1:00 \2m", body)  # dateutil leaves the minutes of "9am" to its default
    dayfirst = _check_numeric_date(body)
    dateutil_parser = _dateutil()[0]
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
            raise TimeParseError(f"{original!r} {_UNREADABLE}") from None
    first, second = parsed
    written = None
    if first.tzinfo is not None:
        written = as_fixed(first.utcoffset() or timedelta(0))
        first, second = first.replace(tzinfo=None), second.replace(tzinfo=None)
    if (first.hour, first.minute) != (second.hour, second.minute):
        raise TimeParseError(f"{original!r} has no time of day")
    has_day = first.day == second.day and first.month == second.month
    if not has_day:
        return first.time(), written
    if first.year == second.year:
        return first, written
    if on is None:
        raise TimeParseError(f"{original!r} has no year")
    try:
        return first.replace(year=on.year), written
    except ValueError:
        raise TimeParseError(f"{original!r} is not a real date in {on.year}") from None


def _place(wall: datetime | time, written: tzinfo | None, zone: str, original: str) -> Moment:
    if isinstance(wall, datetime):
        return localise(wall, written or home_zone(zone), original)
    return _dateless(wall, written, zone, original)


def _dateless(wall: time, written: tzinfo | None, report_zone: str, original: str) -> time:
    """A time with no date stays date-less, in the report's zone."""
    report = home_zone(report_zone)
    if written is None or written is report:
        return wall
    if isinstance(written, ZoneInfo):
        if not is_fixed_offset(written.key):
            raise TimeParseError(f"{original!r}: give a date, the offset of {written.key} depends on it")
        written = as_fixed(datetime.combine(DATELESS_DAY, wall, tzinfo=written).utcoffset() or timedelta(0))
    if not is_fixed_offset(report.key):
        raise TimeParseError(f"{original!r}: give a date, the offset of {report.key} depends on it")
    moment = datetime.combine(DATELESS_DAY, wall, tzinfo=written).astimezone(report)
    return moment.time().replace(tzinfo=None)


def localise(naive: datetime, zone: tzinfo, original: str) -> datetime:
    """Attach a zone, refusing wall times that daylight saving skipped or repeated (never shifting them).

    The result carries the fixed offset in force, as a saved and loaded report does: two
    datetimes sharing a ZoneInfo compare and subtract by wall time, ignoring the offset.
    The year is checked first: near datetime's limits the offset arithmetic below can overflow.
    """
    _check_naive_year(naive, original)
    constant = _constant_offset(zone)
    if constant is not None:
        return naive.replace(tzinfo=constant)
    early = naive.replace(tzinfo=zone, fold=0)
    late = naive.replace(tzinfo=zone, fold=1)
    early_offset, late_offset = early.utcoffset(), late.utcoffset()
    name = getattr(zone, "key", str(zone))
    if early_offset is None or late_offset is None:  # a tzinfo may say "unknown": that is no zone
        raise TimeParseError(f"{original!r}: {name} gives no offset from UTC")
    if early_offset == late_offset:
        return naive.replace(tzinfo=as_fixed(early_offset))
    back = early.astimezone(timezone.utc).astimezone(zone).replace(tzinfo=None)
    if back != naive:
        raise TimeParseError(
            f"{original!r} does not exist in {name}: the clocks skipped it (daylight saving)"
        )
    raise TimeParseError(
        f"{original!r} happened twice in {name} (clocks went back); add the offset, "
        f"{format_offset(early_offset)} or {format_offset(late_offset)}, or the abbreviation"
    )


@lru_cache(maxsize=64)
def _constant_offset(zone: tzinfo) -> timezone | None:
    """The offset of a zone that has only ever had one (UTC, Etc/GMT+3), else None: a time in
    it is never skipped or repeated, so `localise` need not look (most of placing a UTC time)."""
    key = getattr(zone, "key", None)
    if not isinstance(zone, ZoneInfo) or key is None or not (key == "UTC" or key.startswith("Etc/")):
        return None
    return as_fixed(datetime(2000, 1, 1, tzinfo=zone).utcoffset() or timedelta(0))


def _check_naive_year(value: date, original: str) -> None:
    """A year as written may be one beyond the range: 1900-01-01 00:30 UTC is 1899 in New York.

    `check_datetime` then checks the instant, in UTC.
    """
    if not EARLIEST_YEAR - 1 <= value.year <= LATEST_YEAR + 1:
        try:
            check_year(value)
        except ValueError as error:
            raise TimeParseError(f"{original!r}: {error}") from None
