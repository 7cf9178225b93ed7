"""The rules for times people type (README, "Times people type"), one test or table each."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from pmtui import store
from pmtui.model import Event, Postmortem
from pmtui.timeparse import TimeParseError, blank_decoration, clean, is_relative, parse_moment
from pmtui.timeshow import format_moment

UTC = timezone.utc
JULY = date(2024, 7, 10)


def hours(value: float) -> timezone:
    return timezone(timedelta(hours=value))


def offset_of(text: str, zone: str, on: date | None = JULY) -> timedelta | None:
    moment = parse_moment(text, zone, on=on)
    assert isinstance(moment, datetime)
    return moment.utcoffset()


# ------------------------------------------------------------ underscores are part of zone names


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("America/New_York", "America/New_York"),
        ("14:00 Asia/Ho_Chi_Minh", "14:00 Asia/Ho_Chi_Minh"),
        ("_14:00 America/Knox_IN_", "14:00 America/Knox_IN"),
        ("__14:00__ **UTC**:", "14:00 UTC"),
        ("*_14:00_*", "14:00"),
    ],
)
def test_underscores_are_emphasis_only_at_the_edge_of_a_word(text: str, expected: str) -> None:
    assert clean(text) == expected


def test_blank_decoration_keeps_positions() -> None:
    text = "**14:00 America/New_York:** _text_"
    blanked = blank_decoration(text)
    assert len(blanked) == len(text)
    assert blanked == "  14:00 America/New_York:    text "


@pytest.mark.parametrize("zone", ["America/New_York", "Asia/Ho_Chi_Minh", "America/Argentina/Buenos_Aires"])
def test_zones_with_underscores_can_be_typed(zone: str) -> None:
    assert parse_moment(f"14:00 {zone}", zone) == time(14, 0)
    dated = parse_moment(f"2024-07-10 14:00 {zone}", "UTC")
    assert dated == datetime(2024, 7, 10, 14, tzinfo=ZoneInfo(zone))


# ------------------------------------------------------------ an abbreviation the report's zone uses


@pytest.mark.parametrize(
    ("zone", "on", "abbreviation", "expected"),
    [
        ("America/Halifax", JULY, "ADT", -3),
        ("Asia/Jerusalem", JULY, "IDT", 3),
        ("Australia/Adelaide", JULY, "ACST", 9.5),
        ("Australia/Adelaide", date(2024, 1, 10), "ACDT", 10.5),
        ("America/St_Johns", JULY, "NDT", -2.5),
        ("Asia/Jayapura", JULY, "WIT", 9),
        ("Asia/Makassar", JULY, "WITA", 8),
        ("America/Adak", JULY, "HDT", -9),
        ("Pacific/Pago_Pago", JULY, "SST", -11),
        ("Europe/Dublin", JULY, "IST", 1),  # not India's, in an Irish report
        ("Asia/Shanghai", JULY, "CST", 8),  # not Chicago's, in a Chinese report
        ("Africa/Nairobi", date(1905, 3, 1), "LMT", 2 + 27 / 60 + 16 / 3600),
    ],
)
def test_the_report_zones_own_abbreviation_means_its_offset_then(
    zone: str, on: date, abbreviation: str, expected: float
) -> None:
    moment = parse_moment(f"14:00 {abbreviation}", zone, on=on)
    assert moment == datetime.combine(on, time(14), tzinfo=hours(expected))


def test_an_abbreviation_settles_which_of_two_repeated_times_it_is() -> None:
    assert offset_of("2024-11-03 01:30 EST", "America/New_York") == timedelta(hours=-5)
    assert offset_of("2024-11-03 01:30 EDT", "America/New_York") == timedelta(hours=-4)
    assert offset_of("2024-11-03 01:30 -05:00", "America/New_York") == timedelta(hours=-5)
    assert offset_of("01:30 EST", "America/New_York", on=date(2024, 11, 3)) == timedelta(hours=-5)
    with pytest.raises(TimeParseError, match=r"happened twice.*or the abbreviation"):
        parse_moment("2024-11-03 01:30", "America/New_York")


def test_an_abbreviation_used_twice_at_that_time_is_refused_and_shown_as_an_offset() -> None:
    # Moscow went from UTC+4 to UTC+3 on 2014-10-26, calling both MSK.
    with pytest.raises(TimeParseError, match="MSK happened twice"):
        parse_moment("2014-10-26 01:30 MSK", "Europe/Moscow")
    late = datetime(2014, 10, 25, 22, 30, tzinfo=UTC)
    assert format_moment(late, "Europe/Moscow", with_date=True) == "2014-10-26 01:30 UTC+03:00"


def test_an_abbreviation_of_another_season_is_kept_as_written() -> None:
    moment = parse_moment("14:00 PST", "America/Los_Angeles", on=JULY)
    assert moment == datetime(2024, 7, 10, 14, tzinfo=hours(-8))
    assert format_moment(moment, "America/Los_Angeles") == "15:00 PDT"
    assert offset_of("14:00 ADT", "America/Halifax", on=date(2024, 1, 10)) == timedelta(hours=-3)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("14:00 +03", 3),
        ("14:00 -0330", -3.5),
        ("14:00 +0545", 5.75),
        ("14:00+03", 3),
        ("14:00 (UTC+5:30)", 5.5),
        ("14:00 ACST", 9.5),  # one offset wherever the tz database uses it
        ("14:00 WITA", 8),
    ],
)
def test_numeric_and_single_meaning_abbreviations_are_read(text: str, expected: float) -> None:
    assert offset_of(text, "UTC") == timedelta(hours=expected)


def test_a_third_zones_abbreviation_that_would_read_otherwise_is_shown_as_an_offset() -> None:
    noon = datetime(2024, 1, 15, 12, tzinfo=UTC)
    shanghai = ZoneInfo("Asia/Shanghai")
    assert format_moment(noon, "America/Chicago", display=shanghai) == "20:00 UTC+08:00"
    assert format_moment(noon, "Asia/Shanghai") == "20:00 CST"  # in a Chinese report, China's
    assert format_moment(noon, "Europe/Berlin", display=ZoneInfo("Asia/Kolkata")) == "17:30 IST"


def test_seconds_are_shown_when_there_are_any() -> None:
    moment = datetime(2024, 5, 10, 14, 0, 30, tzinfo=UTC)
    assert format_moment(moment, "UTC") == "14:00:30 UTC"
    assert parse_moment("14:00:30 UTC", "UTC", on=date(2024, 5, 10)) == moment


# ------------------------------------------------------------ legacy and alias zone names


@pytest.mark.parametrize(
    ("legacy", "canonical"),
    [("Cuba", "America/Havana"), ("US/Eastern", "America/New_York"), ("Asia/Calcutta", "Asia/Kolkata")],
)
def test_legacy_zone_names_are_read_and_shown_by_their_canonical_name(legacy: str, canonical: str) -> None:
    assert parse_moment(f"2024-07-10 14:00 {legacy}", "UTC") == datetime(
        2024, 7, 10, 14, tzinfo=ZoneInfo(canonical)
    )
    assert parse_moment(f"14:00 {legacy}", canonical) == time(14)
    assert Postmortem(timezone=legacy).timezone == canonical
    shown = format_moment(time(14), legacy)
    assert shown in (f"14:00 {canonical}", "14:00 IST")  # a fixed zone is shown by its abbreviation
    assert parse_moment(shown, legacy) == time(14)


# ------------------------------------------------------------ the range, and offsets in whole minutes


def test_the_edges_of_the_range_read_back_in_zones_far_from_utc() -> None:
    first = datetime(1900, 1, 1, 0, 30, tzinfo=UTC)
    shown = format_moment(first, "America/New_York", with_date=True)
    assert shown == "1899-12-31 19:30 EST"
    assert parse_moment(shown, "America/New_York") == first
    last = datetime(2200, 12, 31, 23, 0, tzinfo=UTC)
    assert parse_moment(format_moment(last, "Asia/Tokyo", with_date=True), "Asia/Tokyo") == last


def test_a_local_mean_time_is_kept_as_the_same_instant_in_utc_and_saves() -> None:
    moment = parse_moment("1905-03-01 14:00", "Africa/Nairobi")
    assert moment == datetime(1905, 3, 1, 11, 32, 44, tzinfo=UTC)
    assert isinstance(moment, datetime) and moment.utcoffset() == timedelta(0)
    assert format_moment(moment, "Africa/Nairobi", with_date=True) == "1905-03-01 14:00 LMT"
    assert format_moment(moment, "Africa/Nairobi", utc=True) == "11:32:44 UTC"
    report = Postmortem(timezone="Africa/Nairobi", timeline=[Event(at=moment)])
    assert "at = 1905-03-01 11:32:44+00:00\n" in store.dumps(report)
    assert store.loads(store.dumps(report)) == report


@pytest.mark.parametrize(
    "text", ["+99999999h", "-99999999h", "+" + "9" * 5000 + "h", "+99999999999999999999m"]
)
def test_relative_times_beyond_any_year_are_refused_with_a_reason(text: str) -> None:
    with pytest.raises(TimeParseError, match="too far from the event"):
        parse_moment(text, "UTC", after=datetime(2024, 5, 10, 14, tzinfo=UTC))


# ------------------------------------------------------------ relative times


BASE = datetime(2024, 5, 10, 14, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("+15m", 15),
        ("+1h30m", 90),
        ("-5m", -5),
        ("+1h30", 90),
        ("+2 hours", 120),
        ("+45 mins", 45),
        ("+1h", 60),
    ],
)
def test_relative_times_count_from_the_selected_event(text: str, minutes: int) -> None:
    assert is_relative(text)
    assert parse_moment(text, "UTC", after=BASE) == BASE + timedelta(minutes=minutes)


@pytest.mark.parametrize("text", ["+30", "+03", "-0330", "+1d"])
def test_a_bare_number_is_not_relative(text: str) -> None:
    assert not is_relative(text)


def test_relative_times_count_real_time_across_a_change_of_clocks() -> None:
    new_york = ZoneInfo("America/New_York")
    before = datetime(2024, 11, 3, 1, 30, tzinfo=new_york)  # EDT, the first 01:30
    later = parse_moment("+1h", "America/New_York", after=before)
    assert later == before.astimezone(UTC) + timedelta(hours=1)  # the second 01:30, EST
    assert isinstance(later, datetime) and later.utcoffset() == timedelta(hours=-5)
    assert format_moment(later, "America/New_York") == "01:30 EST"


def test_parsed_times_carry_a_fixed_offset_like_a_loaded_report() -> None:
    first = parse_moment("2024-11-03 01:30 EDT", "America/New_York")
    second = parse_moment("2024-11-03 01:30 EST", "America/New_York")
    assert isinstance(first, datetime) and isinstance(second, datetime)
    assert second - first == timedelta(hours=1)
    assert first != second
