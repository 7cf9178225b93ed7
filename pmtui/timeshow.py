"""Times shown back: in the report's zone, in UTC or another zone, and durations.

Whatever `format_moment` shows, `timeparse.parse_moment` reads back as the same
instant, in a report kept in any zone of the tz database: the shown abbreviation
is one the parser places (else the offset is shown), and seconds are shown when
there are any. `tests/test_time_roundtrip.py` holds both to that.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta, timezone, tzinfo

from pmtui.model import Event, EventMoment
from pmtui.zones import DATELESS_DAY, format_offset, home_zone, is_fixed_offset, zone_as_written


def format_moment(
    value: EventMoment,
    zone: str,
    *,
    with_date: bool = False,
    utc: bool = False,
    display: tzinfo | None = None,
) -> str:
    """Show a moment in the report's zone, in UTC, or in another `display` zone.

    It reads back with `parse_moment(text, zone, on=...)` as the same instant, `on`
    being the date in the zone shown when the text has none: the abbreviation is
    shown when it reads back as this offset, else the offset (UTC+08:00 for China's
    CST in a Chicago report, where CST is Chicago's), and seconds when there are any.
    A date-less time moves to another zone only when the report's zone has a fixed
    offset; otherwise it is shown as written, with the report's zone name. A date
    alone (a date-only event) is a day in the report's zone, shown as it is: 2021-12-10.
    """
    return " ".join(part for part in _parts(value, zone, with_date, utc, display) if part)


def format_event_time(
    event: Event,
    zone: str,
    *,
    with_date: bool = False,
    display: tzinfo | None = None,
    with_zone: bool = True,
) -> str:
    """An event's time as the table, the preview and the export show it (the table without the zone).

    An approximate time is shown as written ("~13:30 EAT", "14:?? EAT"), with the
    zone of its reading, in the report's zone; in another zone, where what was
    written does not apply, its reading is converted and marked approximate ("~10:30").
    """
    return format_approximate(
        event.at, event.approximate, zone, with_date=with_date, display=display, with_zone=with_zone
    )


def format_approximate(
    at: EventMoment,
    approximate: str | None,
    zone: str,
    *,
    with_date: bool = False,
    display: tzinfo | None = None,
    with_zone: bool = True,
) -> str:
    """`format_event_time` from an event's time and approximate reading alone."""
    day, clock, label = _parts(at, zone, with_date, False, display)
    if approximate is not None:
        as_written = not clock or display is None or clock == _parts(at, zone, False, False, None)[1]
        clock = approximate if as_written else f"~{clock}"
    return " ".join(part for part in (day, clock, label if with_zone else "") if part)


def _parts(
    value: EventMoment, zone: str, with_date: bool, utc: bool, display: tzinfo | None
) -> tuple[str, str, str]:
    """A moment shown as (its date or "", its clock or "", its zone's label or "")."""
    home = home_zone(zone)
    target: tzinfo = timezone.utc if utc else (display or home)
    if isinstance(value, datetime):
        local = value.astimezone(target)
        day = local.strftime("%Y-%m-%d") if with_date else ""
        return day, _clock(local), _label(local, zone, dated=True)
    if not isinstance(value, time):
        return value.isoformat(), "", ""
    if not is_fixed_offset(home.key):
        return "", _clock(value), home.key
    shifted = datetime.combine(DATELESS_DAY, value, tzinfo=home).astimezone(target)
    return "", _clock(shifted), _label(shifted, zone, dated=False)


def _clock(moment: datetime | time) -> str:
    pattern = "%H:%M"
    if moment.second or moment.microsecond:
        pattern += ":%S.%f" if moment.microsecond else ":%S"
    return moment.strftime(pattern)


def _label(local: datetime, zone: str, *, dated: bool) -> str:
    """The zone's abbreviation when `parse_moment` reads it back as this offset, else the offset."""
    offset = local.utcoffset() or timedelta(0)
    name = local.tzname() or ""
    if dated and local.tzinfo is home_zone(zone) and local.replace(fold=1 - local.fold).utcoffset() == offset:
        return (
            name if name[:1].isalpha() else format_offset(offset)
        )  # the zone's own, at a time it names once
    if name[:1].isalpha():
        try:
            written = zone_as_written(name, zone, local.replace(tzinfo=None) if dated else None)
        except ValueError:
            written = None
        home = home_zone(zone)
        if written is home:  # a date-less time read as written in the report's zone
            reads_back = local.replace(tzinfo=home).utcoffset() == offset
        else:
            reads_back = isinstance(written, timezone) and written.utcoffset(None) == offset
        if reads_back:
            return name
    return format_offset(offset)


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
