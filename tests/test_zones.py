"""Zone names: what `read_zone` takes for a report's zone, and what a zone written after a time means."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from pmtui import zones
from pmtui.timeparse import parse_moment
from pmtui.tzdb import canonical_name, place_name
from pmtui.zones import format_offset, home_zone, read_offset, read_zone, resolve_zone_token, zone_as_written


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Africa/Nairobi", "Africa/Nairobi"),
        ("america/new_york", "America/New_York"),
        ("  Asia/Ho_Chi_Minh ", "Asia/Ho_Chi_Minh"),
        ("Cuba", "America/Havana"),
        ("US/Eastern", "America/New_York"),
        ("Asia/Calcutta", "Asia/Kolkata"),
        ("Etc/UTC", "UTC"),
        ("utc", "UTC"),
        ("EAT", "Africa/Nairobi"),
        ("pst", "America/Los_Angeles"),
        ("Eastern time", "America/New_York"),
        ("Europe/Oslo", "Europe/Oslo"),  # a place of its own, whatever it links to
    ],
)
def test_read_zone_gives_the_canonical_name(typed: str, expected: str) -> None:
    assert read_zone(typed) == expected


@pytest.mark.parametrize(
    ("typed", "reason"), [("Mars/Olympus", "unknown time zone 'Mars/Olympus'"), ("", "no time zone given")]
)
def test_read_zone_refuses_in_one_line(typed: str, reason: str) -> None:
    with pytest.raises(ValueError, match=reason) as caught:
        read_zone(typed)
    assert "\n" not in str(caught.value)


def test_read_zone_names_a_missing_database(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(zones, "find_key", lambda text: None)
    monkeypatch.setattr(zones, "ZoneInfo", lambda key: (_ for _ in ()).throw(OSError(key)))
    with pytest.raises(ValueError, match="the time zone database is missing"):
        read_zone("Africa/Nairobi")


def test_canonical_names_leave_unknown_names_alone() -> None:
    assert canonical_name("Nowhere/Special") == "Nowhere/Special"
    assert canonical_name("UTC") == "UTC"
    assert place_name("America/Los_Angeles") == "Los Angeles"


JULY_NOON = datetime(2024, 7, 10, 12, 0)


@pytest.mark.parametrize(
    ("token", "report", "expected"),
    [
        ("IST", "Europe/Dublin", 1),  # the report's zone wins
        ("IST", "UTC", 5.5),  # then the table
        ("BST", "Asia/Dhaka", 1),  # Dhaka has not used BST since 2009: the table's London
        ("PST", "America/Los_Angeles", -8),  # the report's zone, in another season
        ("NDT", "UTC", -2.5),  # one offset in the tz database
        ("GMT+1", "UTC", 1),  # an offset as written, not a POSIX name
        ("Etc/GMT+3", "UTC", -3),  # a POSIX name as the tz database means it
    ],
)
def test_what_a_written_zone_means(token: str, report: str, expected: float) -> None:
    written = zone_as_written(token, report, JULY_NOON)
    assert written is not None
    assert written.utcoffset(JULY_NOON) == timedelta(hours=expected)


def test_a_date_less_time_in_the_reports_own_zone_keeps_its_wall_time() -> None:
    assert zone_as_written("EDT", "US/Eastern", None) is home_zone("America/New_York")
    assert zone_as_written("America/New_York", "US/Eastern", None) is home_zone("America/New_York")
    assert zone_as_written("Eastern time", "America/New_York", None) is home_zone("America/New_York")


@pytest.mark.parametrize("token", ["today", "approx", "May"])
def test_words_that_are_no_zone_are_none(token: str) -> None:
    assert zone_as_written(token, "UTC", JULY_NOON) is None


def test_an_abbreviation_with_several_offsets_and_no_table_entry_is_refused(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(
        zones, "world_offsets", lambda name: frozenset({timedelta(hours=-4), timedelta(hours=4)})
    )
    with pytest.raises(ValueError, match=r"'AMT' is ambiguous \(UTC-04:00 or UTC\+04:00\)"):
        zone_as_written("AMT", "UTC", JULY_NOON)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("+03", timedelta(hours=3)),
        ("-0330", -timedelta(hours=3, minutes=30)),
        ("UTC+5:30", timedelta(hours=5, minutes=30)),
        ("UTC+02:27:16", timedelta(hours=2, minutes=27, seconds=16)),
        ("-00", timedelta(0)),
        ("+15", None),
        ("+03:60", None),
    ],
)
def test_written_offsets(text: str, expected: timedelta | None) -> None:
    assert read_offset(text) == expected


def test_offsets_are_shown_with_seconds_when_they_have_them() -> None:
    assert format_offset(timedelta(0)) == "UTC"
    assert format_offset(-timedelta(minutes=44, seconds=30)) == "UTC-00:44:30"
    assert format_offset(timedelta(hours=5, minutes=45)) == "UTC+05:45"


def test_resolve_zone_token_still_answers_for_a_day() -> None:
    assert resolve_zone_token("EDT", "America/New_York", date(2024, 11, 3)) == timezone(timedelta(hours=-4))
    assert resolve_zone_token("Cuba", "UTC", None) == ZoneInfo("America/Havana")
    assert resolve_zone_token("nonsense", "UTC", None) is None


@pytest.mark.parametrize(
    ("written", "offset_hours"),
    [
        ("West Central Africa Standard Time", 1),
        ("W. Central Africa Standard Time", 1),
        ("E. Africa Standard Time", 3),
        ("Central Africa Standard Time", 2),
    ],
)
def test_windows_names_of_african_zones_are_read(written: str, offset_hours: int) -> None:
    """People copy the names Windows shows; five words and an abbreviating dot are still a zone."""
    at = parse_moment(f"2022-08-05 17:00 {written}", "UTC")
    assert isinstance(at, datetime) and at.utcoffset() == timedelta(hours=offset_hours)
