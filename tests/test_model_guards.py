"""What the model refuses at its boundary (dates, offsets, bidi text, zones) and the warnings about zones."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import pytest
from pydantic import ValidationError

from pmtui import model, store, zones
from pmtui.model import Event, Postmortem, Summary, Task, refusal

UTC = timezone.utc


def offset(hours: int, minutes: int = 0, seconds: int = 0) -> timezone:
    sign = -1 if hours < 0 else 1
    return timezone(sign * timedelta(hours=abs(hours), minutes=minutes, seconds=seconds))


def reason(build: object) -> str:
    with pytest.raises(ValidationError) as caught:
        build()  # type: ignore[operator]
    return refusal(caught.value)


# ------------------------------------------------------------ the years pmtui reads


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (datetime(1, 1, 1, tzinfo=offset(3)), "year 0001 is outside the range pmtui reads (1900-2200)"),
        (
            datetime(9999, 12, 31, 23, tzinfo=offset(-5)),
            "year 9999 is outside the range pmtui reads (1900-2200)",
        ),
        (datetime(1899, 12, 31, 23, tzinfo=UTC), "year 1899 is outside"),
        (datetime(1900, 1, 1, 0, 30, tzinfo=offset(1)), "year 1899 (in UTC) is outside"),
        (datetime(2200, 12, 31, 23, tzinfo=offset(-5)), "year 2201 (in UTC) is outside"),
    ],
)
def test_moments_outside_the_years_pmtui_reads_are_refused(moment: datetime, expected: str) -> None:
    assert expected in reason(lambda: Event(at=moment))
    assert expected in reason(lambda: Summary(start=moment))
    assert expected in reason(lambda: Summary(end=moment))


def test_the_edges_of_the_range_are_accepted() -> None:
    Summary(start=datetime(1900, 1, 1, tzinfo=UTC), end=datetime(2200, 12, 31, 23, 59, tzinfo=UTC))
    Task(title="x", due=date(1900, 1, 1))
    Task(title="x", due=date(2200, 12, 31))


@pytest.mark.parametrize("day", [date(1, 1, 1), date(1899, 12, 31), date(2201, 1, 1), date(9999, 12, 31)])
def test_due_dates_outside_the_range_are_refused(day: date) -> None:
    assert f"year {day.year:04d} is outside the range" in reason(lambda: Task(title="x", due=day))


def test_an_out_of_range_assignment_leaves_the_event_as_it_was() -> None:
    event = Event(at=datetime(2024, 5, 10, 14, tzinfo=UTC))
    with pytest.raises(ValidationError, match="outside the range"):
        event.at = datetime(1, 1, 1, tzinfo=offset(3))
    assert event.at == datetime(2024, 5, 10, 14, tzinfo=UTC)


# ------------------------------------------------------------ offsets are whole minutes


@pytest.mark.parametrize(
    "moment",
    [
        datetime(2024, 5, 10, 14, tzinfo=offset(2, 27, 16)),
        datetime(1960, 5, 10, 14, tzinfo=ZoneInfo("Africa/Monrovia")),  # -00:44:30 until 1972
        datetime(1905, 3, 1, 14, tzinfo=ZoneInfo("Africa/Nairobi")),  # +02:27:16 until 1908
    ],
)
def test_offsets_with_seconds_keep_the_instant_in_utc(moment: datetime) -> None:
    event = Event(at=moment)
    assert event.at == moment
    assert isinstance(event.at, datetime) and event.at.utcoffset() == timedelta(0)
    report = Postmortem(timeline=[event])
    assert store.loads(store.dumps(report)) == report


def test_the_year_as_written_may_be_one_beyond_the_range_when_the_instant_is_inside() -> None:
    Event(at=datetime(1899, 12, 31, 19, 30, tzinfo=offset(-5)))  # 1900-01-01 00:30 UTC
    Event(at=datetime(2201, 1, 1, 8, tzinfo=offset(9)))  # 2200-12-31 23:00 UTC
    assert "year 1898 is outside" in reason(lambda: Event(at=datetime(1898, 12, 31, 23, tzinfo=offset(14))))


# ------------------------------------------------------------ text


@pytest.mark.parametrize("code", [*range(0x202A, 0x202F), *range(0x2066, 0x206A)])
def test_bidirectional_controls_are_refused_and_named(code: int) -> None:
    text = f"rm -rf {chr(code)}/tmp"
    expected = f"contains a bidirectional control character (U+{code:04X}) at position"
    assert reason(lambda: Postmortem(title=text)) == f"{expected} 8"
    assert reason(lambda: Summary(impact="line one\n" + text)) == f"{expected} 17"


def test_ordinary_right_to_left_text_is_kept() -> None:
    assert Postmortem(title="שלום عربي").title == "שלום عربي"


# ------------------------------------------------------------ zones


@pytest.mark.parametrize(
    ("written", "saved"),
    [
        ("Cuba", "America/Havana"),
        ("US/Eastern", "America/New_York"),
        ("Asia/Calcutta", "Asia/Kolkata"),
        ("Etc/UTC", "UTC"),
        ("UTC", "UTC"),
        ("Europe/Kyiv", "Europe/Kyiv"),
    ],
)
def test_legacy_zone_names_are_saved_by_their_canonical_name(written: str, saved: str) -> None:
    assert Postmortem(timezone=written).timezone == saved
    report = Postmortem()
    report.timezone = written
    assert report.timezone == saved
    assert store.loads(f'timezone = "{written}"\n').timezone == saved


def test_a_zone_abbreviation_is_refused_with_the_zone_it_means() -> None:
    assert reason(lambda: Postmortem(timezone="EAT")) == (
        "unknown time zone 'EAT' (an abbreviation; did you mean 'Africa/Nairobi'?)"
    )
    assert "use an IANA name" in reason(lambda: Postmortem(timezone="Mars/Olympus"))


def test_a_missing_time_zone_database_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_database(key: str) -> ZoneInfo:
        raise ZoneInfoNotFoundError(f"No time zone found with key {key}")

    monkeypatch.setattr(model, "ZoneInfo", no_database)
    monkeypatch.setattr(zones, "ZoneInfo", no_database)
    assert reason(lambda: Postmortem(timezone="UTC")) == (
        "the time zone database is missing (install the tzdata package)"
    )


def problems_of(report: Postmortem, field: str) -> list[str]:
    return [p.message for p in report.problems() if p.field == field]


@pytest.mark.parametrize(("zone", "means"), [("Etc/GMT+3", "UTC-03:00"), ("Etc/GMT-5", "UTC+05:00")])
def test_posix_style_zones_warn_that_their_sign_is_inverted(zone: str, means: str) -> None:
    (message,) = problems_of(Postmortem(timezone=zone), "timezone")
    assert message.startswith(f"{zone} means {means}")


@pytest.mark.parametrize("zone", ["Etc/GMT+0", "Etc/UTC", "Africa/Nairobi"])
def test_other_zones_get_no_zone_warning(zone: str) -> None:
    assert problems_of(Postmortem(timezone=zone), "timezone") == []


def test_an_offset_the_report_zone_never_has_then_is_flagged() -> None:
    report = Postmortem(
        timezone="America/New_York",
        summary=Summary(start=datetime(2024, 5, 10, 14, tzinfo=offset(1))),
        timeline=[
            Event(at=datetime(2024, 5, 10, 14, tzinfo=offset(-4))),
            Event(at=datetime(2024, 5, 10, 18, 5, tzinfo=UTC)),
            Event(at=datetime(2024, 5, 10, 19, tzinfo=offset(-5))),
        ],
    )
    assert problems_of(report, "summary.start") == [
        "offset +01:00 is not America/New_York's on 2024-05-10 (it is -04:00); check the time"
    ]
    assert problems_of(report, "timeline[2].at") == [
        "written as UTC-05:00 (EST) but New York was on EDT (UTC-04:00) then: shown as 20:00 EDT"
    ]
    assert problems_of(report, "timeline[0].at") == problems_of(report, "timeline[1].at") == []


def test_winter_offsets_are_right_in_winter() -> None:
    report = Postmortem(
        timezone="America/New_York", timeline=[Event(at=datetime(2024, 1, 10, 9, tzinfo=offset(-5)))]
    )
    assert [p for p in report.problems() if "offset" in p.message] == []
