"""Undo keeps what each edit changed, not a copy of the report, and puts back the very objects."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from datetime import datetime, timezone

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pmtui import edits
from pmtui import history as history_module
from pmtui.history import History
from pmtui.model import Event, Postmortem, Task, TaskStatus
from pmtui.store import dumps

UTC = timezone.utc


def report_with(events: int) -> Postmortem:
    return Postmortem(
        timeline=[
            Event(at=datetime(2024, 5, 10, 0, minute % 60, tzinfo=UTC), text=f"e{minute}")
            for minute in range(events)
        ],
        tasks=[Task(title="fix it")],
    )


def test_a_step_holds_the_change_not_the_report() -> None:
    history = History()
    report = report_with(5000)
    for letter in "typing a sentence":
        history.apply(
            report,
            "edit impact",
            lambda r, typed=letter: setattr(r.summary, "impact", r.summary.impact + typed),
            "impact",
        )
    history.apply(report, "delete event", lambda r: edits.delete_event(r, r.timeline[10].key))
    assert history.size < 20_000  # two small steps, not two copies of 5,000 events


def test_undo_and_redo_restore_the_same_objects_and_keys() -> None:
    history = History()
    report = report_with(20)
    gone = report.timeline[3]
    history.apply(report, "delete event", lambda r: edits.delete_event(r, gone.key))
    history.apply(report, "toggle", lambda r: edits.toggle_task(r, r.tasks[0].key))
    assert report.tasks[0].status is TaskStatus.DONE and gone not in report.timeline
    history.undo(report)
    history.undo(report)
    assert report.timeline[3] is gone and report.tasks[0].status is TaskStatus.OPEN
    history.redo(report)
    assert gone not in report.timeline
    place = edits.place_of_step(report, history.undo(report)[1])  # type: ignore[index]
    assert place == edits.Place("timeline", gone.key)


def test_typing_then_deleting_it_leaves_no_step() -> None:
    history = History(clock=lambda: 0.0)
    report = Postmortem(title="Outage")
    history.apply(report, "edit title", lambda r: setattr(r, "title", "Outagex"), "title")
    history.apply(report, "edit title", lambda r: setattr(r, "title", "Outage"), "title")
    assert history.drop_if_unchanged() and not history.can_undo


def test_the_history_is_bounded_by_memory(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(history_module, "MAX_BYTES", 1_000_000)
    history = History()
    report = report_with(0)
    for number in range(60):
        history.apply(report, "notes", lambda r, n=number: setattr(r, "notes", f"{n}" + "x" * 90_000))
    assert 0 < history.size <= 1_000_000 and history.can_undo
    undone = 0
    while history.undo(report):
        undone += 1
    assert 2 <= undone < 10  # the newest steps are kept, the oldest forgotten


_edits = st.lists(
    st.sampled_from(["add", "delete", "retime", "toggle", "title", "factor", "move"]), min_size=1, max_size=12
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_edits, st.integers(min_value=0, max_value=12))
def test_undoing_every_step_gives_back_the_report_exactly(kinds: list[str], undos: int) -> None:
    history = History()
    report = report_with(6)
    texts = [dumps(report)]
    for number, kind in enumerate(kinds):
        key = report.timeline[number % len(report.timeline)].key if report.timeline else None
        history.apply(report, kind, _change(kind, number, key))
        history.drop_if_unchanged()  # as the editor does after every edit
        texts.append(dumps(report))
    changed = [text for before, text in itertools.pairwise(texts) if before != text]
    undone = min(undos, len(changed))
    for _ in range(undone):
        history.undo(report)
    assert dumps(report) == [texts[0], *changed][len(changed) - undone]
    while history.can_redo:
        history.redo(report)
    assert dumps(report) == texts[-1]


def _change(kind: str, number: int, key: int | None) -> Callable[[Postmortem], object]:
    def change(report: Postmortem) -> None:
        if kind == "add":
            edits.insert_event(report, Event(at=datetime(2024, 5, 10, 1, number, tzinfo=UTC), text="new"))
        elif kind == "delete" and key is not None:
            edits.delete_event(report, key)
        elif kind == "retime" and key is not None:
            edits.replace_event(report, key, Event(at=datetime(2024, 5, 9, tzinfo=UTC), text="moved"))
        elif kind == "toggle":
            edits.toggle_task(report, report.tasks[0].key)
        elif kind == "title":
            report.title = f"title {number}"
        elif kind == "factor":
            report.analysis.contributing_factors.append(f"factor {number}")
        elif kind == "move":
            edits.insert_task(report, Task(title=f"t{number}"), None)

    return change


def test_an_edited_event_or_task_keeps_its_key() -> None:
    """The table finds the row by key: an edit updates that row instead of making a new one."""
    report = report_with(3)
    event, task = report.timeline[1], report.tasks[0]
    edits.replace_event(report, event.key, Event(at=event.at, text="edited"))
    edits.replace_task(report, task.key, Task(title="renamed"))
    assert report.timeline[1].key == event.key and report.timeline[1].text == "edited"
    assert report.tasks[0].key == task.key and report.tasks[0].title == "renamed"


def test_anchored_times_follow_a_changed_time() -> None:
    report = report_with(3)
    before = report.anchored_times()
    report.timeline[2].at = datetime(2024, 5, 11, 9, 0, tzinfo=UTC)
    assert report.anchored_times() == [*before[:2], datetime(2024, 5, 11, 9, 0, tzinfo=UTC)]
