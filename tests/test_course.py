"""The course line: to scale, in order, exactly as wide as asked, and honest about what is missing."""

from __future__ import annotations

import unicodedata
from datetime import datetime, time, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pmtui.course import Course, course_line, course_of
from pmtui.model import Event, EventKind, Postmortem, Summary

K = EventKind


def at(hour: int, minute: int = 0, day: int = 10) -> datetime:
    return datetime(2024, 5, day, hour, minute, tzinfo=timezone.utc)


def report(
    *events: tuple[datetime | time, EventKind], start: datetime | time | None = None, zone: str = "UTC"
) -> Postmortem:
    timeline = [Event(at=when, kind=kind) for when, kind in events]
    return Postmortem(summary=Summary(start=start), timeline=timeline, timezone=zone)


def bar_of(line: str) -> str:
    """The bar: from the origin mark to the last milestone letter."""
    return line[line.index("●") :].split(" ")[0]


ISSUE = report(
    (at(14), K.STARTED), (at(14, 5), K.DETECTED), (at(15, 2), K.MITIGATED), (at(17, 40), K.RESOLVED)
)


def test_the_issue_example_reads_as_drawn() -> None:
    line = course_line(course_of(ISSUE), 80)
    assert line.startswith("14:00 ●")
    assert line.rstrip().endswith("R 17:40 UTC  TTD 5m · TTM 1h 2m · TTR 3h 40m")
    assert len(line) == 80


def test_marks_sit_where_their_time_puts_them() -> None:
    pm = report((at(14), K.STARTED), (at(15), K.DETECTED), (at(16), K.MITIGATED), (at(18), K.RESOLVED))
    bar = bar_of(course_line(course_of(pm), 120))
    cells = len(bar) - 1
    for letter, hours in (("D", 1), ("M", 2), ("R", 4)):
        assert bar.index(letter) == round(hours / 4 * cells)


def test_marks_follow_time_not_the_order_of_kinds() -> None:
    pm = report((at(14), K.STARTED), (at(16), K.DETECTED), (at(15), K.MITIGATED), (at(17), K.RESOLVED))
    bar = bar_of(course_line(course_of(pm), 80))
    assert bar.index("M") < bar.index("D") < bar.index("R")


def test_marks_at_the_same_moment_all_show() -> None:
    pm = report((at(14), K.STARTED), (at(14), K.DETECTED), (at(18), K.MITIGATED), (at(18), K.RESOLVED))
    bar = bar_of(course_line(course_of(pm), 60))
    assert bar.startswith("●D") and bar.endswith("MR")


def test_a_zero_length_incident_is_drawn_as_one_instant() -> None:
    pm = report((at(14), K.STARTED), (at(14), K.DETECTED), (at(14), K.RESOLVED))
    line = course_line(course_of(pm), 60)
    assert "●DR" in line and "─" not in line and "TTD 0m · TTR 0m" in line


def test_missing_milestones_are_left_out() -> None:
    pm = report((at(14), K.STARTED), (at(14, 30), K.DETECTED), (at(16), K.RESOLVED))
    line = course_line(course_of(pm), 80)
    assert "M" not in bar_of(line) and "TTM" not in line
    assert line.rstrip().endswith("TTD 30m · TTR 2h")


def test_the_origin_falls_back_to_the_summary_start_and_resolved_has_no_fallback() -> None:
    pm = report((at(14, 20), K.DETECTED), start=at(14))
    pm.summary.end = at(18)
    line = course_line(course_of(pm), 80)
    assert line.startswith("14:00 ●") and "TTD 20m" in line and "TTR" not in line


def test_a_date_less_course_rolls_past_midnight() -> None:
    pm = report(
        (time(23, 0), K.STARTED),
        (time(23, 30), K.DETECTED),
        (time(0, 30), K.MITIGATED),
        (time(1, 0), K.RESOLVED),
        zone="Africa/Nairobi",
    )
    line = course_line(course_of(pm), 80)
    assert line.startswith("23:00 ●")
    assert "R 01:00+1d EAT  TTD 30m · TTM 1h 30m · TTR 2h" in line


def test_an_event_before_the_origin_is_a_warning_not_a_bar() -> None:
    pm = report((at(14), K.STARTED), (at(13, 30), K.DETECTED), (at(15), K.RESOLVED))
    line = course_line(course_of(pm), 80)
    assert "●" not in line and "! detected before the start" in line
    assert "TTD -30m · TTR 1h" in line
    assert course_line(course_of(pm), 24).startswith("! TTD -30m")


@pytest.mark.parametrize(
    ("pm", "expected"),
    [
        (Postmortem(), "Add a started, detected, mitigated and resolved event to see the incident's course"),
        (report(start=at(14)), "14:00 UTC ● add a detected, mitigated or resolved event"),
        (report((at(14), K.DETECTED)), "Set a start or add a started event to measure TTD, TTM and TTR"),
    ],
    ids=["nothing", "only-a-start", "no-start"],
)
def test_a_course_with_nothing_to_draw_says_what_to_add(pm: Postmortem, expected: str) -> None:
    assert course_line(course_of(pm), 100).rstrip() == expected


def test_narrowing_drops_the_times_then_the_bar_and_keeps_the_figures() -> None:
    course = course_of(ISSUE)
    figures = "TTD 5m · TTM 1h 2m · TTR 3h 40m"
    assert course_line(course, 70).startswith("14:00 ●")
    assert course_line(course, 50).startswith("●")  # no room for times beside a bar
    assert course_line(course, 40).rstrip() == figures  # no room for a bar
    assert course_line(course, 30).rstrip() == "TTD 5m·TTM 1h 2m·TTR 3h 40m"
    assert course_line(course, 11) == "TTD 5m·TTM…"
    assert course_line(course, 1) == "…"
    assert course_line(course, 0) == ""


def test_the_figures_are_the_reports_metrics() -> None:
    pm = report((at(14), K.DETECTED), (at(2, day=11), K.MITIGATED), (at(4, day=11), K.RESOLVED), start=at(14))
    course = course_of(pm)
    assert [mark.since_origin for mark in course.marks] == [m.duration for m in pm.metrics()]
    assert "04:00+1d UTC  TTD 0m · TTM 12h · TTR 14h" in course_line(course, 66)


# ------------------------------------------------------------------ any report, any width

KINDS = st.sampled_from([K.STARTED, K.DETECTED, K.MITIGATED, K.RESOLVED, K.NOTE])
WALL = st.times().map(lambda t: t.replace(second=0, microsecond=0))
DATED = st.datetimes(min_value=datetime(2024, 1, 1), max_value=datetime(2024, 1, 9)).map(
    lambda d: d.replace(second=0, microsecond=0, tzinfo=timezone.utc)
)


@st.composite
def reports(draw: st.DrawFn) -> Postmortem:
    moments = WALL if draw(st.booleans()) else DATED
    events = draw(st.lists(st.tuples(moments, KINDS), max_size=8))
    start = draw(st.none() | moments)
    return report(*events, start=start, zone=draw(st.sampled_from(["UTC", "America/New_York"])))


@given(reports(), st.integers(min_value=0, max_value=200))
def test_every_line_is_exactly_as_wide_as_asked_on_one_line(pm: Postmortem, width: int) -> None:
    line = course_line(course_of(pm), width)
    assert len(line) == width
    assert "\n" not in line and "\t" not in line
    assert all(unicodedata.east_asian_width(char) not in "WF" for char in line)


@given(reports())
def test_the_course_measures_what_the_metrics_measure(pm: Postmortem) -> None:
    course = course_of(pm)
    measured = [mark.since_origin for mark in course.marks] if course.origin is not None else []
    assert measured == [m.duration for m in pm.metrics()]


def test_an_empty_course_is_a_message() -> None:
    assert course_line(Course(None, ()), 30).rstrip() == "No milestones yet"
    assert course_line(course_of(report(start=at(14))), 30).rstrip() == "No milestones yet"
