"""The note on a time whose written offset disagrees with the season, and what is not noted."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from pmtui.model import Event, Postmortem, Summary
from pmtui.timeparse import parse_moment


def notes(zone: str, typed: str, on: date) -> list[str]:
    moment = parse_moment(typed, zone, on=on)
    assert isinstance(moment, datetime)
    report = Postmortem(timezone=zone, timeline=[Event(at=moment)])
    return [p.message for p in report.problems() if p.field == "timeline[0].at"]


def test_an_abbreviation_of_the_other_season_is_explained_on_its_row() -> None:
    assert notes("America/Los_Angeles", "14:00 PST", date(2024, 7, 10)) == [
        "written as UTC-08:00 (PST) but Los Angeles was on PDT (UTC-07:00) then: shown as 15:00 PDT"
    ]
    assert notes("America/New_York", "09:00 EDT", date(2024, 1, 10)) == [
        "written as UTC-04:00 (EDT) but New York was on EST (UTC-05:00) then: shown as 08:00 EST"
    ]


@pytest.mark.parametrize(
    ("zone", "typed", "on"),
    [
        ("Africa/Nairobi", "14:00 UTC", date(2024, 7, 10)),  # a deliberate UTC time
        ("Europe/London", "14:00 UTC", date(2024, 7, 10)),  # UTC is London's winter offset, still deliberate
        ("America/Los_Angeles", "14:00 PDT", date(2024, 7, 10)),  # the season's own
        ("America/Los_Angeles", "14:00", date(2024, 7, 10)),
        ("Africa/Nairobi", "1905-03-01 14:00", date(2024, 7, 10)),  # a local mean time, kept in UTC
    ],
)
def test_offsets_that_are_right_or_deliberate_are_not_noted(zone: str, typed: str, on: date) -> None:
    assert notes(zone, typed, on) == []


def test_an_offset_the_zone_never_uses_is_still_a_typo_to_check() -> None:
    (message,) = notes("America/New_York", "14:00 +01:00", date(2024, 5, 10))
    assert message == "offset +01:00 is not America/New_York's on 2024-05-10 (it is -04:00); check the time"


def test_the_note_applies_to_the_summary_window_too() -> None:
    start = datetime(2024, 7, 10, 14, tzinfo=timezone(timedelta(hours=-8)))
    report = Postmortem(timezone="America/Los_Angeles", summary=Summary(start=start))
    assert [p.message for p in report.problems() if p.field == "summary.start"] == [
        "written as UTC-08:00 (PST) but Los Angeles was on PDT (UTC-07:00) then: shown as 15:00 PDT"
    ]


# ------------------------------------------------ which edits can change a warning


_OTHER_VALUES: dict[str, object] = {
    "title": "Another title",
    "status": "final",
    "severity": "SEV1",
    "authors": ["someone else"],
    "summary.impact": "a different impact",
    "summary.root_cause": "a different cause",
    "analysis.root_cause": "another root cause",
    "analysis.resolution": "another resolution",
    "analysis.contributing_factors": ["a factor"],
    "notes": "other notes",
}


@pytest.mark.parametrize("sample", sorted(Path("samples").glob("*.toml")), ids=lambda p: p.stem)
def test_an_edit_outside_the_areas_with_problems_changes_no_warning(sample: Path) -> None:
    """What lets the editor keep its warnings while typing in the title or the impact."""
    from pmtui.changes import FIELDS
    from pmtui.checks import AREAS_WITH_PROBLEMS
    from pmtui.edits import areas_for, set_field
    from pmtui.store import load

    for path, _ in FIELDS:
        if areas_for(path) & AREAS_WITH_PROBLEMS or path == "lessons":
            continue
        report = load(sample)
        before = report.problems()
        set_field(report, path, _OTHER_VALUES[path])
        assert report.problems() == before, path
    report = load(sample)
    report.lessons.went_well.append("a lesson")
    assert report.problems() == load(sample).problems()


def test_known_problems_are_worked_out_again_only_after_an_edit_that_can_change_them() -> None:
    from pmtui.checks import KnownProblems

    report = Postmortem(timeline=[Event(at=datetime(2024, 5, 10, 14, 0, tzinfo=timezone.utc), text="paged")])
    known = KnownProblems()
    first = known.of(report)
    report.title = "renamed"
    known.edited(frozenset({"meta"}))
    assert known.of(report) is first  # kept, not worked out again
    report.summary.start = datetime(2024, 5, 10, 15, 0, tzinfo=timezone.utc)
    known.edited(frozenset({"window", "timeline", "summary"}))
    assert known.of(report) == report.problems() != first
    known.edited(frozenset({"meta"}), reload=True)
    assert known.of(report) is not first
