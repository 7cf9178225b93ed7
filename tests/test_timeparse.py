"""What people type for a time, and what pmtui makes of it."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta, timezone

import pytest

from pmtui.timeparse import TimeParseError, clean, parse_moment
from pmtui.timeshow import format_duration, format_moment

MAY_10 = date(2024, 5, 10)


def offset(moment: datetime) -> timedelta:
    value = moment.utcoffset()
    assert value is not None
    return value


@pytest.mark.parametrize(
    ("text", "zone", "on", "expected"),
    [
        ("14:05", "UTC", None, time(14, 5)),
        ("2:05 PM", "UTC", None, time(14, 5)),
        ("8:00 PM EAT", "Africa/Nairobi", None, time(20, 0)),
        ("**08:30 AM**", "UTC", None, time(8, 30)),
        ("`2:00 PM UTC`", "UTC", None, time(14, 0)),
        ("** 8:00 PM **", "Africa/Nairobi", None, time(20, 0)),
        ("2100hrs", "Africa/Lagos", None, time(21, 0)),
        ("13:20PM", "UTC", None, time(13, 20)),
        ("9am", "UTC", None, time(9, 0)),
        ("6 PM", "UTC", None, time(18, 0)),
        ("6 p.m.", "UTC", None, time(18, 0)),
        ("at 3pm", "UTC", None, time(15, 0)),
    ],
)
def test_dateless_times_stay_dateless(text: str, zone: str, on: date | None, expected: time) -> None:
    assert parse_moment(text, zone, on=on) == expected


@pytest.mark.parametrize(
    ("text", "zone", "expected_utc"),
    [
        ("May 10, 2024, 14:00 UTC", "UTC", datetime(2024, 5, 10, 14, 0, tzinfo=timezone.utc)),
        ("2024-05-10T14:00+03:00", "UTC", datetime(2024, 5, 10, 11, 0, tzinfo=timezone.utc)),
        ("10 May 2024 14:00 Africa/Nairobi", "UTC", datetime(2024, 5, 10, 11, 0, tzinfo=timezone.utc)),
        ("2024-05-10 14:00", "Africa/Nairobi", datetime(2024, 5, 10, 11, 0, tzinfo=timezone.utc)),
        ("August 20, 2024, 08:30 AM (UTC)", "UTC", datetime(2024, 8, 20, 8, 30, tzinfo=timezone.utc)),
        ("2024-05-10T14:00Z", "Africa/Nairobi", datetime(2024, 5, 10, 14, 0, tzinfo=timezone.utc)),
    ],
)
def test_full_dates_become_aware_datetimes(text: str, zone: str, expected_utc: datetime) -> None:
    parsed = parse_moment(text, zone)
    assert isinstance(parsed, datetime) and parsed.tzinfo is not None
    assert parsed == expected_utc


@pytest.mark.parametrize(
    ("text", "hours"),
    [("14:00 GMT+1", 1), ("09:00 UTC-5", -5), ("14:00 UTC+05:30", 5.5), ("14:00 PST", -8), ("14:00 WAT", 1)],
)
def test_written_offsets_mean_what_they_say(text: str, hours: float) -> None:
    parsed = parse_moment(text, "UTC", on=MAY_10)
    assert isinstance(parsed, datetime)
    assert offset(parsed) == timedelta(hours=hours)


def test_the_date_comes_from_the_incident_when_the_entry_has_none() -> None:
    assert parse_moment("2:00 PM", "UTC", on=date(2023, 10, 11)) == datetime(
        2023, 10, 11, 14, tzinfo=timezone.utc
    )


def test_a_month_and_day_take_the_incident_year() -> None:
    parsed = parse_moment("May 11 02:00", "UTC", on=MAY_10)
    assert parsed == datetime(2024, 5, 11, 2, tzinfo=timezone.utc)


@pytest.mark.parametrize(
    ("zone", "expected_hours"),
    [("Europe/Dublin", 1), ("Asia/Kolkata", 5.5), ("UTC", 5.5)],
)
def test_ambiguous_abbreviations_follow_the_report_zone_when_it_fits(
    zone: str, expected_hours: float
) -> None:
    parsed = parse_moment("10:00 IST", zone, on=date(2024, 7, 1))
    assert isinstance(parsed, datetime)
    assert offset(parsed) == timedelta(hours=expected_hours)


def test_cst_is_china_in_a_shanghai_report_and_chicago_elsewhere() -> None:
    china = parse_moment("10:00 CST", "Asia/Shanghai", on=MAY_10)
    chicago = parse_moment("10:00 CST", "UTC", on=MAY_10)
    assert isinstance(china, datetime) and isinstance(chicago, datetime)
    assert offset(china) == timedelta(hours=8)
    assert offset(chicago) == timedelta(hours=-6)


def test_a_foreign_zone_without_a_date_is_converted_when_both_zones_are_fixed() -> None:
    assert parse_moment("8:00 PM EAT", "UTC") == time(17, 0)


def test_a_foreign_zone_with_daylight_saving_needs_a_date() -> None:
    with pytest.raises(TimeParseError, match="give a date"):
        parse_moment("10:00 UTC", "Europe/London")


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("incident #42 at 3pm", "not a time"),
        ("01/02/03", "ambiguous"),
        ("01/02/2024 10:00", "'01/02/2024' is ambiguous: 2024-02-01 or 2024-01-02?"),
        ("3", "no time of day"),
        ("May 10 14:00", "no year"),
        ("10:00 XYZ", "unknown time zone"),
        ("", "no time given"),
        ("+15m", "no earlier event"),
        ("2024-02-30 10:00", "not a time"),
    ],
)
def test_strict_parsing_refuses_to_guess(text: str, reason: str) -> None:
    with pytest.raises(TimeParseError, match=re.escape(reason)):
        parse_moment(text, "UTC")


def test_day_first_is_taken_only_when_it_is_the_only_reading() -> None:
    assert parse_moment("13/02/2024 10:00", "UTC") == datetime(2024, 2, 13, 10, tzinfo=timezone.utc)
    assert parse_moment("02/13/2024 10:00", "UTC") == datetime(2024, 2, 13, 10, tzinfo=timezone.utc)


def test_a_time_skipped_by_daylight_saving_is_reported() -> None:
    with pytest.raises(TimeParseError, match="does not exist"):
        parse_moment("2024-03-10 02:30", "America/New_York")


def test_a_time_that_happened_twice_is_reported_with_both_offsets() -> None:
    with pytest.raises(TimeParseError, match=r"twice.*UTC-04:00 or UTC-05:00"):
        parse_moment("2024-11-03 01:30", "America/New_York")


def test_relative_times_count_from_the_given_event() -> None:
    base = datetime(2024, 5, 10, 14, 0, tzinfo=timezone.utc)
    assert parse_moment("+15m", "UTC", after=base) == base + timedelta(minutes=15)
    assert parse_moment("+1h30m", "UTC", after=base) == base + timedelta(minutes=90)


def test_decorations_and_separators_are_cleaned() -> None:
    assert clean("**14:00 UTC:**") == "14:00 UTC"
    assert clean("- `2:00 PM` -") == "- 2:00 PM"


def test_display_uses_the_zone_abbreviation() -> None:
    moment = datetime(2024, 5, 10, 11, 0, tzinfo=timezone.utc)
    assert format_moment(moment, "Africa/Nairobi") == "14:00 EAT"
    assert format_moment(moment, "Africa/Nairobi", with_date=True) == "2024-05-10 14:00 EAT"
    assert format_moment(moment, "Africa/Nairobi", utc=True) == "11:00 UTC"
    assert format_moment(time(20, 0), "Africa/Nairobi") == "20:00 EAT"
    assert format_moment(time(20, 0), "Africa/Nairobi", utc=True) == "17:00 UTC"
    assert format_moment(datetime(2024, 7, 1, 12, tzinfo=timezone.utc), "America/New_York") == "08:00 EDT"


def test_durations_read_like_people_write_them() -> None:
    assert format_duration(timedelta(hours=2, minutes=15)) == "2h 15m"
    assert format_duration(timedelta(days=1, hours=3)) == "1d 3h"
    assert format_duration(timedelta(0)) == "0m"
    assert format_duration(timedelta(minutes=-30)) == "-30m"


# ------------------------------------------------------------ what the model would refuse, refused here

BASE = datetime(2024, 5, 10, 14, 0, tzinfo=timezone.utc)


@pytest.mark.parametrize("text", ["+99999999h", "-99999999h", "+" + "9" * 5000 + "h"])
def test_huge_relative_offsets_are_refused_not_overflowed(text: str) -> None:
    with pytest.raises(TimeParseError, match="too far from the event it is relative to"):
        parse_moment(text, "UTC", after=BASE)


def test_a_relative_time_beyond_the_years_pmtui_reads_names_the_year() -> None:
    with pytest.raises(TimeParseError, match="year 3165 is outside the range pmtui reads"):
        parse_moment("+10000000h", "UTC", after=BASE)


@pytest.mark.parametrize(
    ("text", "zone", "reason"),
    [
        ("9999-12-31 23:59 UTC", "Asia/Tokyo", "year 9999 is outside the range pmtui reads (1900-2200)"),
        ("9999-12-31T23:59+00:00", "Asia/Tokyo", "year 9999 is outside"),
        ("9999-12-31 23:59", "Asia/Tokyo", "year 9999 is outside"),
        ("0001-01-01 00:00", "Asia/Tokyo", "year 0001 is outside"),
        ("0001-01-01T00:00:00+03:00", "UTC", "year 0001 is outside"),
        ("1 Jan 1850 10:00", "UTC", "year 1850 is outside"),
        ("31 Dec 9999 23:59 +14:00", "UTC", "year 9999 is outside"),
        ("9999-12-31 23:59 EST", "America/New_York", "year 9999 is outside"),
        ("1899-12-31 18:00 EST", "America/New_York", "year 1899 (in UTC) is outside"),
        ("2201-01-01 09:00 JST", "Asia/Tokyo", "year 2201 (in UTC) is outside"),
    ],
)
def test_moments_the_model_would_refuse_are_refused_with_its_reason(
    text: str, zone: str, reason: str
) -> None:
    with pytest.raises(TimeParseError, match=re.escape(reason)):
        parse_moment(text, zone)


def test_a_missing_time_zone_database_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    from pmtui import zones

    def no_database(key: str) -> ZoneInfo:
        raise ZoneInfoNotFoundError(f"No time zone found with key {key}")

    zones.zone_info.cache_clear()
    monkeypatch.setattr(zones, "ZoneInfo", no_database)
    try:
        with pytest.raises(
            TimeParseError, match=r"the time zone database is missing \(install the tzdata package\)"
        ):
            parse_moment("14:00", "UTC")
    finally:
        zones.zone_info.cache_clear()


def test_no_zone_name_pmtui_knows_is_one_of_dateutils_date_words() -> None:
    """What lets `_is_dateutil_word` answer for a known zone without loading dateutil."""
    from pmtui import timeparse

    for name in timeparse._ZONE_NAMES:
        assert not timeparse._among_dateutil_words(name), name
        assert not timeparse._is_dateutil_word(name)
    assert timeparse._is_dateutil_word("March") and timeparse._is_dateutil_word("at")
