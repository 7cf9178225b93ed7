"""Finding text in a report: every kind of field, case-insensitive, in the tabs' reading order."""

from __future__ import annotations

from datetime import datetime, timezone

from pmtui.edits import Place
from pmtui.finding import Search, find
from pmtui.model import Analysis, Event, Postmortem, Summary, Task

AT = datetime(2024, 5, 10, 14, 0, tzinfo=timezone.utc)


def report() -> Postmortem:
    return Postmortem(
        title="Disk full",
        severity="SEV2",
        authors=["Ann Disk"],
        summary=Summary(impact="Uploads failed.\nThe DISK filled up.", root_cause="logs on disk"),
        timeline=[Event(at=AT, text="alert: disk at 90%"), Event(at=AT, text="paged")],
        analysis=Analysis(
            root_cause="rotation off", resolution="cleaned disk", contributing_factors=["no disk alert"]
        ),
        tasks=[Task(title="Rotate logs", owner="disk team"), Task(title="Add disk alert")],
    )


def test_matches_every_kind_of_field_in_reading_order() -> None:
    r = report()
    places = [m.place for m in find(r, "disk")]
    assert places == [
        Place("title"),
        Place("authors"),
        Place("summary.impact"),
        Place("summary.root_cause"),
        Place("timeline", r.timeline[0].key),
        Place("analysis.resolution"),
        Place("analysis.contributing_factors"),
        Place("tasks", r.tasks[0].key),  # by its owner
        Place("tasks", r.tasks[1].key),
    ]


def test_offsets_are_in_the_field_text_case_insensitive() -> None:
    impact = find(report(), "disk")[2]
    assert impact.place == Place("summary.impact")
    assert (impact.start, impact.end) == (20, 24)
    assert report().summary.impact[impact.start : impact.end] == "DISK"


def test_several_matches_in_one_field_and_a_row_counted_once() -> None:
    r = report()
    r.summary.root_cause = "disk, disk"
    r.timeline[1].text = "disk disk"
    found = find(r, "DISK")
    assert [(m.start, m.end) for m in found if m.place == Place("summary.root_cause")] == [(0, 4), (6, 10)]
    assert sum(m.place == Place("timeline", r.timeline[1].key) for m in found) == 1


def test_nothing_found() -> None:
    assert find(report(), "") == []
    assert find(report(), "kubernetes") == []


def test_search_steps_and_wraps_both_ways() -> None:
    r = report()
    count = len(find(r, "disk"))
    search = Search("disk")
    first, number, total = search.step(r, 1)
    assert first is not None and first.place == Place("title") and (number, total) == (1, count)
    previous, number, _ = search.step(r, -1)
    assert previous is not None and number == count  # wraps to the last
    assert Search("disk").step(r, -1)[1] == count  # previous before any: the last
    assert Search("nope").step(r, 1) == (None, 0, 0)
