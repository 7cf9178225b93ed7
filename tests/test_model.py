"""The report model: what it refuses, what it only warns about, what it computes."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone

import pytest
from pydantic import ValidationError

from pmtui.model import Event, EventKind, Postmortem, Summary, Task

UTC = timezone.utc


def at(hour: int, minute: int = 0, day: int = 10) -> datetime:
    return datetime(2024, 5, day, hour, minute, tzinfo=UTC)


def report(**fields: object) -> Postmortem:
    return Postmortem(title="Checkout down", **fields)


def fields_of(problems: list) -> list[str]:
    return [p.field for p in problems]


@pytest.mark.parametrize("bad", ["\x1b[31mred", "nul\x00", "bell\x07", "c1\x9b", "del\x7f"])
def test_control_characters_are_refused_in_text(bad: str) -> None:
    with pytest.raises(ValidationError, match="control character"):
        report(summary=Summary(impact=bad))


def test_multiline_text_keeps_newlines_and_tabs_but_titles_do_not() -> None:
    kept = report(summary=Summary(impact="line one\n\tline two\r\n"))
    assert kept.summary.impact == "line one\n\tline two\n"
    with pytest.raises(ValidationError, match="control character"):
        Postmortem(title="two\nlines")


def test_naive_datetimes_are_refused_and_dateless_times_must_be_naive() -> None:
    with pytest.raises(ValidationError):
        Event(at=datetime(2024, 5, 10, 14, 0), text="x")
    with pytest.raises(ValidationError):
        Event(at=time(14, 0, tzinfo=UTC), text="x")


def test_unknown_zone_and_unknown_keys_are_refused() -> None:
    with pytest.raises(ValidationError, match="unknown time zone"):
        report(timezone="Mars/Olympus")
    with pytest.raises(ValidationError):
        Postmortem.model_validate({"title": "x", "colour": "red"})


def test_assignment_is_validated_so_the_editor_cannot_store_bad_values() -> None:
    pm = report()
    with pytest.raises(ValidationError):
        pm.title = "evil\x1b]0;pwned\x07"
    assert pm.title == "Checkout down"


def test_duration_and_metrics_name_the_events_they_come_from() -> None:
    pm = report(
        summary=Summary(start=at(14), end=at(4, day=11)),
        timeline=[
            Event(at=at(13, 40), kind=EventKind.STARTED, text="deploy"),
            Event(at=at(14), kind=EventKind.DETECTED, text="alert"),
            Event(at=at(2, day=11), kind=EventKind.MITIGATED, text="patched"),
            Event(at=at(4, day=11), kind=EventKind.RESOLVED, text="restored"),
        ],
    )
    assert pm.duration == timedelta(hours=14)
    metrics = {m.name: m for m in pm.metrics()}
    assert metrics["time to detect"].duration == timedelta(minutes=20)
    assert metrics["time to detect"].from_label == "first 'started' event (#1)"
    assert metrics["time to detect"].to_label == "first 'detected' event (#2)"
    assert metrics["time to mitigate"].duration == timedelta(hours=12, minutes=20)
    assert metrics["time to resolve"].duration == timedelta(hours=14, minutes=20)


def test_metrics_fall_back_to_the_summary_start_without_a_started_event() -> None:
    pm = report(summary=Summary(start=at(14)), timeline=[Event(at=at(14, 30), kind=EventKind.DETECTED)])
    (metric,) = pm.metrics()
    assert metric.from_label == "summary start" and metric.duration == timedelta(minutes=30)


def test_dateless_times_roll_over_midnight_and_are_not_given_a_date() -> None:
    pm = report(
        summary=Summary(start=time(23, 0), end=time(1, 30)),
        timeline=[Event(at=time(23, 0)), Event(at=time(23, 50)), Event(at=time(0, 20))],
    )
    assert pm.duration == timedelta(hours=2, minutes=30)
    assert not pm.is_dated
    times = pm.anchored_times()
    assert times[2] - times[1] == timedelta(minutes=30)
    assert "summary.start" in fields_of(pm.problems())
    assert all(isinstance(e.at, time) for e in pm.timeline)


def test_dateless_times_anchor_to_the_incident_date_once_it_is_set() -> None:
    pm = report(
        timezone="Africa/Nairobi",
        summary=Summary(start=datetime(2024, 5, 10, 23, 0, tzinfo=UTC)),  # 02:00 EAT on the 11th
        timeline=[Event(at=time(23, 30)), Event(at=time(0, 15))],
    )
    assert pm.incident_date == date(2024, 5, 11)
    first, second = pm.anchored_times()
    assert first.date() == date(2024, 5, 11) and second.date() == date(2024, 5, 12)
    assert first.tzname() == "EAT"


def test_fixable_mistakes_are_problems_not_errors() -> None:
    pm = report(
        summary=Summary(start=at(14), end=at(12)),
        timeline=[Event(at=at(9), kind=EventKind.DETECTED), Event(at=at(15), kind=EventKind.RESOLVED)],
        tasks=[Task(title="add alert")],
    )
    problems = {str(p) for p in pm.problems()}
    assert "summary.end: ends before it starts" in problems
    assert "timeline[0].at: before the incident started" in problems
    assert "tasks[0].owner: no owner" in problems


def test_events_after_the_end_and_out_of_order_milestones_are_flagged() -> None:
    pm = report(
        summary=Summary(start=at(14), end=at(15)),
        timeline=[
            Event(at=at(14, 10), kind=EventKind.RESOLVED),
            Event(at=at(14, 20), kind=EventKind.DETECTED),
            Event(at=at(16), kind=EventKind.NOTE),
        ],
    )
    problems = {str(p) for p in pm.problems()}
    assert "timeline[0].kind: 'resolved' comes before 'detected'" in problems
    assert "timeline[2].at: after the incident ended" in problems


def test_a_clean_report_has_no_problems() -> None:
    pm = report(
        summary=Summary(start=at(14), end=at(15)),
        timeline=[Event(at=at(14), kind=EventKind.DETECTED), Event(at=at(15), kind=EventKind.RESOLVED)],
        tasks=[Task(title="add alert", owner="sre")],
    )
    assert pm.problems() == []
