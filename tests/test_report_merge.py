"""`pmtui merge BASE OURS THEIRS`: three versions of a report merged by meaning (issue #13)."""

from __future__ import annotations

from datetime import timedelta

from pmtui.checks import has_conflict_markers
from pmtui.model import Event, EventKind, Status, Task, TaskStatus
from pmtui.report_merge import CONFLICT_HEADING, merge_reports
from pmtui.store import dumps, load, loads

from .ui_helpers import SAMPLES

SEED = SAMPLES / "2024-05-10-web-app-memory-leak.toml"


def test_changes_on_both_sides_to_different_things_merge_cleanly() -> None:
    base, ours, theirs = load(SEED), load(SEED), load(SEED)
    first = ours.timeline[0]
    ours.timeline.append(Event(at=first.at + timedelta(minutes=7), kind=EventKind.ACKNOWLEDGED, text="Acked"))
    ours.timeline.sort(key=lambda event: event.at)
    ours.summary.impact = "About 30% of users saw errors for 14 hours."
    theirs.tasks[0].status = TaskStatus.DONE
    theirs.tasks.append(Task(title="Add a heap-size alert", owner="ana"))
    theirs.timeline[2].text = "Initial assumption: the database (it was not)"
    merged = merge_reports(base, ours, theirs)
    assert merged.conflicts == []
    report = merged.report
    assert report.summary.impact == "About 30% of users saw errors for 14 hours."
    assert any(event.text == "Acked" for event in report.timeline)
    assert report.timeline[1].text == "Acked"  # in time order
    assert "Initial assumption: the database (it was not)" in [event.text for event in report.timeline]
    assert report.tasks[0].status is TaskStatus.DONE and report.tasks[-1].title == "Add a heap-size alert"
    assert len(report.timeline) == len(base.timeline) + 1 and len(report.tasks) == len(base.tasks) + 1
    assert loads(dumps(report)) == report  # canonical and valid


def test_removed_on_one_side_and_untouched_on_the_other_is_removed() -> None:
    base, ours, theirs = load(SEED), load(SEED), load(SEED)
    gone = theirs.timeline.pop(3)
    del ours.tasks[1]
    merged = merge_reports(base, ours, theirs)
    assert merged.conflicts == []
    assert gone.text not in [event.text for event in merged.report.timeline]
    assert [task.title for task in merged.report.tasks] == [task.title for task in ours.tasks]


def test_the_same_entry_added_on_both_sides_is_kept_once() -> None:
    base, ours, theirs = load(SEED), load(SEED), load(SEED)
    for side in (ours, theirs):
        side.tasks.append(Task(title="Same idea", owner="bo"))
    merged = merge_reports(base, ours, theirs)
    assert [task.title for task in merged.report.tasks].count("Same idea") == 1


def test_conflicting_text_gets_markers_and_other_fields_keep_ours_with_a_note() -> None:
    base, ours, theirs = load(SEED), load(SEED), load(SEED)
    ours.title, theirs.title = "Leak in the web app", "Web app memory leak"
    ours.status, theirs.status = Status.REVIEW, Status.DRAFT
    ours.timeline[0].text, theirs.timeline[0].text = "Paged by CPU alert", "Paged by latency alert"
    merged = merge_reports(base, ours, theirs)
    report = merged.report
    assert len(merged.conflicts) == 3
    assert report.title == "<<<<<<< ours Leak in the web app ======= Web app memory leak >>>>>>> theirs"
    assert has_conflict_markers(report.timeline[0].text)
    assert report.status is Status.REVIEW  # ours kept ...
    assert CONFLICT_HEADING in report.notes and "- status: ours review, theirs draft" in report.notes
    assert has_conflict_markers(report.notes)  # ... and said where the user will see it
    assert loads(dumps(report)) == report  # still a valid report
    problems = {problem.field for problem in report.problems() if "merge conflict" in problem.message}
    assert problems == {"title", "timeline[0].text", "notes"}


def test_changed_on_one_side_and_removed_on_the_other_is_kept_as_a_conflict() -> None:
    base, ours, theirs = load(SEED), load(SEED), load(SEED)
    ours.timeline[4].text = "Escalated to the senior engineers at 19:00"
    removed_text = theirs.timeline.pop(4).text
    merged = merge_reports(base, ours, theirs)
    assert len(merged.conflicts) == 1 and "removed on theirs" in merged.conflicts[0]
    assert "Escalated to the senior engineers at 19:00" in [e.text for e in merged.report.timeline]
    assert removed_text not in [e.text for e in merged.report.timeline]
    assert "changed on our side, removed on theirs (kept)" in merged.report.notes
