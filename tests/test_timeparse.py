"""What people type for a time, and what pmtui makes of it."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone

import pytest

from pmtui.timeparse import TimeParseError, clean, format_duration, format_moment, parse_date, parse_moment

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
    assert parse_moment("2:00 PM", "UTC", on=date(2023, 10, 11)) == datetime(2023, 10, 11, 14, tzinfo=timezone.utc)


def test_a_month_and_day_take_the_incident_year() -> None:
    parsed = parse_moment("May 11 02:00", "UTC", on=MAY_10)
    assert parsed == datetime(2024, 5, 11, 2, tzinfo=timezone.utc)


@pytest.mark.parametrize(
    ("zone", "expected_hours"),
    [("Europe/Dublin", 1), ("Asia/Kolkata", 5.5), ("UTC", 5.5)],
)
def test_ambiguous_abbreviations_follow_the_report_zone_when_it_fits(zone: str, expected_hours: float) -> None:
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
        ("01/02/2024 10:00", "ambiguous"),
        ("3", "no time of day"),
        ("May 10 14:00", "no year"),
        ("10:00 XYZ", "unknown time zone"),
        ("", "no time given"),
        ("+15m", "no earlier event"),
        ("2024-02-30 10:00", "not a time"),
    ],
)
def test_strict_parsing_refuses_to_guess(text: str, reason: str) -> None:
    with pytest.raises(TimeParseError, match=reason):
        parse_moment(text, "UTC")


def test_day_first_is_taken_only_when_it_is_the_only_reading() -> None:
    assert parse_moment("13/02/2024 10:00", "UTC") == datetime(2024, 2, 13, 10, tzinfo=timezone.utc)
    assert parse_moment("02/13/2024 10:00", "UTC") == datetime(2024, 2, 13, 10, tzinfo=timezone.utc)


def test_a_time_skipped_by_daylight_saving_is_reported() -> None:
    with pytest.raises(TimeParseError, match="does not exist"):
        parse_moment("2024-03-10 02:30", "America/New_York")


def test_a_time_that_happened_twice_is_reported_with_both_offsets() -> None:
    with pytest.raises(TimeParseError, match="twice.*UTC-04:00 or UTC-05:00"):
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


def test_due_dates_are_whole_and_unambiguous() -> None:
    assert parse_date("2024-05-20") == date(2024, 5, 20)
    assert parse_date("20 May 2024") == date(2024, 5, 20)
    for bad in ("2023-02-29", "05/06/2024", "May 20", "soon"):
        with pytest.raises(TimeParseError):
            parse_date(bad)


def test_durations_read_like_people_write_them() -> None:
    assert format_duration(timedelta(hours=2, minutes=15)) == "2h 15m"
    assert format_duration(timedelta(days=1, hours=3)) == "1d 3h"
    assert format_duration(timedelta(0)) == "0m"
    assert format_duration(timedelta(minutes=-30)) == "-30m"
