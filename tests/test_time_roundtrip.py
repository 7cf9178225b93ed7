"""Whatever pmtui shows a time as, it reads back as the same instant, in every zone of the tz database.

The forms are every way `format_moment` shows a moment (and so the editor, the
preview and the export): in the report's zone with its abbreviation, in UTC, in
a third zone; with and without the date. A time shown without its date is read
back with the date of the zone it is shown in. A date-less time keeps its wall
time in the report's zone. The normal run checks every zone around its current
transitions, and samples transitions since 1970 and instants 1900-2200 with
hypothesis; `pytest -m slow` checks every transition of every zone, 1970-2037.
"""

from __future__ import annotations

import zoneinfo
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from functools import cache
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pmtui import store
from pmtui.model import Event, Postmortem
from pmtui.timeparse import TimeParseError, parse_moment
from pmtui.timeshow import format_moment
from pmtui.zones import ABBREVIATIONS, GENERIC_ZONES

UTC = timezone.utc
ZONES = sorted(zoneinfo.available_timezones())
#: Seconds from a transition at which to look: the hour before (the repeated hour when the
#: clocks go back), the last second before, the transition itself, a minute after.
AROUND = (-3600, -1, 0, 60)
FIXED_INSTANTS = (
    datetime(1975, 3, 1, 6, 7, tzinfo=UTC),
    datetime(2000, 6, 15, 23, 59, 59, tzinfo=UTC),
    datetime(2037, 12, 1, 12, tzinfo=UTC),
)


def _state(zone: tzinfo, stamp: int) -> tuple[timedelta | None, str | None]:
    local = datetime.fromtimestamp(stamp, zone)
    return local.utcoffset(), local.tzname()


def transitions(zone_name: str, first_year: int, last_year: int, step: timedelta) -> list[datetime]:
    """The instants, to the second, where the zone's offset or abbreviation changes.

    Sampled every `step` and narrowed down by bisection, so a season shorter than the
    step can be missed: the slow run's step is a day.
    """
    zone = zoneinfo.ZoneInfo(zone_name)
    stamp = int(datetime(first_year, 1, 1, tzinfo=UTC).timestamp())
    end = int(datetime(last_year + 1, 1, 1, tzinfo=UTC).timestamp())
    stride = int(step.total_seconds())
    found = []
    before = _state(zone, stamp)
    while stamp < end:
        following = min(stamp + stride, end)
        after = _state(zone, following)
        if after != before:
            low, high = stamp, following
            while high - low > 1:
                middle = (low + high) // 2
                low, high = (middle, high) if _state(zone, middle) == before else (low, middle)
            found.append(datetime.fromtimestamp(high, UTC))
        stamp, before = following, after
    return found


@cache
def transitions_since_1970(zone_name: str) -> list[datetime]:
    return transitions(zone_name, 1970, 2037, timedelta(days=16))


def third_zone(index: int) -> zoneinfo.ZoneInfo:
    """A display zone other than the report's, varied across the sweep."""
    return zoneinfo.ZoneInfo(ZONES[(index * 7 + 3) % len(ZONES)])


def _read(text: str, zone: str, on: date | None) -> object:
    try:
        return parse_moment(text, zone, on=on)
    except TimeParseError as error:
        return error


def failures(moment: datetime, zone: str, third: tzinfo) -> list[str]:
    """Each form `moment` is shown in, in a report kept in `zone`, that does not read back."""
    found = []
    home = zoneinfo.ZoneInfo(zone)
    views: list[tuple[dict[str, Any], tzinfo]] = [
        ({}, home),
        ({"utc": True}, UTC),
        ({"display": third}, third),
    ]
    for options, shown_in in views:
        for with_date in (True, False):
            text = format_moment(moment, zone, with_date=with_date, **options)
            back = _read(text, zone, moment.astimezone(shown_in).date())
            if back != moment:
                found.append(f"{zone}: {moment.isoformat()} shown as {text!r} read back as {back!r}")
    wall = moment.astimezone(home).time()
    for options, _ in views:
        text = format_moment(wall, zone, **options)
        back = _read(text, zone, None)
        if back != wall:
            found.append(f"{zone}: date-less {wall} shown as {text!r} read back as {back!r}")
    return found


def around(changes: list[datetime]) -> list[datetime]:
    return [change + timedelta(seconds=seconds) for change in changes for seconds in AROUND]


def test_every_zone_reads_back_around_its_current_transitions() -> None:
    """A deterministic sweep: each zone, around its transitions in 2024-2025 and at a few fixed instants."""
    found = []
    for index, zone in enumerate(ZONES):
        instants = [*around(transitions(zone, 2024, 2025, timedelta(days=16))), *FIXED_INSTANTS]
        for moment in instants:
            found += failures(moment, zone, third_zone(index))
    assert found[:20] == []


instants = st.datetimes(
    min_value=datetime(1900, 1, 1), max_value=datetime(2200, 12, 31, 23, 59, 59), timezones=st.just(UTC)
)


@st.composite
def zone_and_instant(draw: st.DrawFn) -> tuple[str, datetime]:
    """A zone, and an instant just around one of its transitions since 1970, or any instant 1900-2200."""
    zone = draw(st.sampled_from(ZONES))
    changes = transitions_since_1970(zone)
    if changes and draw(st.booleans()):
        change = draw(st.sampled_from(changes))
        return zone, change + timedelta(seconds=draw(st.sampled_from(AROUND)))
    return zone, draw(instants)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(zone_and_instant(), st.sampled_from(ZONES))
def test_every_form_reads_back_as_the_same_instant(case: tuple[str, datetime], third: str) -> None:
    zone, moment = case
    assert failures(moment, zone, zoneinfo.ZoneInfo(third)) == []


# ------------------------------------------------------------ idempotence: read, show, read again

MONTHS = ("Jan", "February", "Mar", "May", "July", "Oct", "Dec")
ZONE_WORDS = (
    *ABBREVIATIONS,
    *GENERIC_ZONES,
    "America/New_York",
    "Asia/Ho_Chi_Minh",
    "Cuba",
    "US/Eastern",
    "Etc/GMT+3",
    "+03",
    "-0330",
    "UTC+5:30",
    "GMT-3",
    "ACST",
    "WITA",
    "NDT",
    "ChST",
    "LMT",
    "",
)


@st.composite
def typed_times(draw: st.DrawFn) -> str:
    """Times as people type them: a date or none, a clock, a zone or none, decoration."""
    year, month, day = draw(st.integers(1895, 2205)), draw(st.integers(1, 12)), draw(st.integers(1, 31))
    hour, minute, second = draw(st.integers(0, 24)), draw(st.integers(0, 59)), draw(st.integers(0, 59))
    written_date = draw(
        st.sampled_from(
            [
                "",
                f"{year}-{month:02d}-{day:02d} ",
                f"{day} {MONTHS[month % 7]} {year} ",
                f"{MONTHS[month % 7]} {day}, ",
            ]
        )
    )
    clock = draw(
        st.sampled_from(
            [
                f"{hour:02d}:{minute:02d}",
                f"{hour}:{minute:02d}:{second:02d}",
                f"{hour % 12 + 1}:{minute:02d} {'PM' if second % 2 else 'AM'}",
                f"{hour:02d}{minute:02d}hrs",
            ]
        )
    )
    zone = draw(st.sampled_from(ZONE_WORDS))
    mark = draw(st.sampled_from(["", "**", "_", "`"]))
    return f"{mark}{written_date}{clock} {zone}{mark}".strip()


def _reads_back(text: str, zone: str, on: date | None) -> None:
    try:
        value = parse_moment(text, zone, on=on)
    except TimeParseError:
        return
    shown = format_moment(value, zone, with_date=isinstance(value, datetime))
    again = parse_moment(shown, zone, on=None if isinstance(value, time) else on)
    assert again == value, f"{text!r} read as {value!r}, shown as {shown!r}, read back as {again!r}"
    if isinstance(value, datetime):  # and whatever the parser accepts, the file can hold
        report = Postmortem(timezone=zone, timeline=[Event(at=value)])
        assert store.loads(store.dumps(report)) == report


DAYS = st.one_of(st.none(), st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(typed_times(), st.sampled_from(ZONES), DAYS)
def test_what_the_parser_accepts_shows_and_reads_back_the_same(text: str, zone: str, on: date | None) -> None:
    _reads_back(text, zone, on)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40), st.sampled_from(ZONES), DAYS)
def test_any_text_is_read_or_refused_with_a_reason(text: str, zone: str, on: date | None) -> None:
    """Never an exception other than TimeParseError, whatever is typed."""
    _reads_back(text, zone, on)


# ------------------------------------------------------------ the long run: `pytest -m slow`


@pytest.mark.slow
@pytest.mark.parametrize("part", range(4))
def test_every_transition_of_every_zone_since_1970_reads_back(part: int) -> None:
    found = []
    for index, zone in enumerate(ZONES):
        if index % 4 != part:
            continue
        for moment in [*around(transitions(zone, 1970, 2037, timedelta(days=1))), *FIXED_INSTANTS]:
            found += failures(moment, zone, third_zone(index))
    assert found[:20] == []


@pytest.mark.slow
@settings(max_examples=20_000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(zone_and_instant(), st.sampled_from(ZONES))
def test_many_more_instants_read_back(case: tuple[str, datetime], third: str) -> None:
    zone, moment = case
    assert failures(moment, zone, zoneinfo.ZoneInfo(third)) == []


@pytest.mark.slow
@settings(max_examples=20_000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(typed_times(), st.text(max_size=40)), st.sampled_from(ZONES), DAYS)
def test_many_more_typed_times_read_back(text: str, zone: str, on: date | None) -> None:
    _reads_back(text, zone, on)
