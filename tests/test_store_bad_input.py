"""Hostile or mistaken files give a one-line StoreError, never a traceback."""

from __future__ import annotations

import sys
from datetime import datetime, timezone

import pytest

from pmtui.store import StoreError, loads


def one_line_error(text: str) -> str:
    with pytest.raises(StoreError) as caught:
        loads(text, "r.toml")
    message = str(caught.value)
    assert message.startswith("r.toml") and "\n" not in message
    return message


@pytest.mark.parametrize("text", ["x = " + "[" * 500 + "]" * 500, "x = " + "{a = " * 500 + "1" + "}" * 500])
def test_deep_nesting_is_refused(text: str) -> None:
    message = one_line_error(text)
    if sys.version_info >= (3, 11):
        assert message == "r.toml: TOML nested too deeply to read"


@pytest.mark.parametrize("key", ["title", "timeline", "authors"])
def test_nesting_tomllib_can_read_still_fails_validation_in_one_line(key: str) -> None:
    one_line_error(f"{key} = " + "[" * 300 + "]" * 300)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        (
            "[summary]\nstart = 0001-01-01T00:00:00+03:00\n",
            "summary.start: year 0001 is outside the range pmtui reads (1900-2200), got 0001-01-01T00:00:00+03:00",
        ),
        ("[summary]\nend = 9999-12-31T23:00:00-05:00\n", "summary.end: year 9999 is outside the range"),
        ("[[timeline]]\nat = 2200-12-31T23:00:00-05:00\n", "timeline[0].at: year 2201 (in UTC) is outside"),
        ('[[tasks]]\ntitle = "x"\ndue = 0024-05-01\n', "tasks[0].due: year 0024 is outside the range"),
    ],
)
def test_dates_out_of_range_are_refused_with_the_reason(text: str, reason: str) -> None:
    assert reason in one_line_error(text)


def test_dates_at_the_edges_of_the_range_load_and_check_without_overflow() -> None:
    report = loads(
        'timezone = "Pacific/Kiritimati"\n[summary]\nstart = 1900-01-01T00:00:00Z\n'
        "end = 2200-12-31T23:59:00Z\n[[timeline]]\nat = 23:59:00\n[[timeline]]\nat = 00:01:00\n"
    )
    report.problems()
    assert report.duration == datetime(2200, 12, 31, 23, 59, tzinfo=timezone.utc) - datetime(
        1900, 1, 1, tzinfo=timezone.utc
    )


def test_a_time_zone_abbreviation_gets_a_hint() -> None:
    assert one_line_error('timezone = "EAT"\n').endswith(
        "timezone: unknown time zone 'EAT' (an abbreviation; did you mean 'Africa/Nairobi'?), got 'EAT'"
    )


def test_a_bidirectional_control_in_a_file_is_refused() -> None:
    assert "title: contains a bidirectional control character (U+202E) at position 6" in one_line_error(
        'title = "admin\u202e txt"\n'
    )
