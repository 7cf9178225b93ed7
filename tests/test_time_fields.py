"""Time and date fields, typed with real keys: never taken half-typed, refusals kept and readable, hints.

A time is read as a whole: "9:30 PM" is on the way to "9:30 PM yday", so the
Summary takes Start, End and Zone only on enter or on leaving the field, and the
dialogs only on OK. While typing, the line under the field says what the text
reads as, or why it cannot be read.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta, timezone
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Input

from pmtui.dates import describe_due
from pmtui.screens.choice import ChoiceDialog
from pmtui.screens.event_dialog import EventDialog
from pmtui.screens.task_dialog import TaskDialog
from pmtui.store import load
from pmtui.widgets.field_error import FieldError, FieldHint
from pmtui.widgets.timeline_table import TimelineTable

from .ui_helpers import (
    DATED,
    SAMPLES,
    TODAY,
    UNDATED,
    make_app,
    sample_copy,
    settle,
    text_on_screen,
    type_into,
    wait_until,
)

SIZE = (80, 24)

#: A report kept in New York over the night the clocks went back: 01:00-02:00 happened twice.
FALL_BACK = """\
schema_version = 1
title = "Queue stalled on the night the clocks went back"
status = "draft"
authors = []
timezone = "America/New_York"

[summary]
start = 2024-11-03 00:30:00-04:00
end = 2024-11-03 03:00:00-05:00
impact = "Jobs queued for two and a half hours."
root_cause = "A scheduler that counted wall-clock hours."

[analysis]
root_cause = ""
resolution = ""
contributing_factors = []

[[timeline]]
at = 2024-11-03 00:30:00-04:00
kind = "detected"
text = "Queue depth alert."

[[timeline]]
at = 2024-11-03 01:15:00-04:00
kind = "note"
text = "The first 01:15 of the night."

[[timeline]]
at = 2024-11-03 03:00:00-05:00
kind = "resolved"
text = "Queue drained."
"""


def undated_new_york(folder: Path) -> Path:
    """The date-less sample, kept in New York: its times show as `20:15 America/New_York`."""
    path = folder / "undated-new-york.toml"
    text = (SAMPLES / UNDATED).read_text(encoding="utf-8")
    path.write_text(text.replace('"Africa/Nairobi"', '"America/New_York"'), encoding="utf-8")
    return path


def fall_back(folder: Path) -> Path:
    path = folder / "fall-back.toml"
    path.write_text(FALL_BACK, encoding="utf-8")
    return path


REPORTS = {
    "undated-new-york": undated_new_york,
    "dated-utc": sample_copy,
    "dated-new-york-fall-back": fall_back,
}


async def open_event(pilot: Pilot, row: int, key: str = "enter") -> EventDialog:
    """Select the timeline's event on `row` and press `key`: enter edits it, `a` adds one after it."""
    await pilot.press("2")
    await settle(pilot)
    table = pilot.app.screen.query_one("#timeline-table", TimelineTable)
    table.focus()
    table.move_cursor(row=row)
    await pilot.press(key)
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, EventDialog), "the event dialog")
    return pilot.app.screen


# ------------------------------------------------------------------ (a) OK on an event left as it was


@pytest.mark.parametrize("report", REPORTS)
async def test_ok_on_an_event_left_as_it_was_changes_nothing(tmp_path: Path, report: str) -> None:
    path = REPORTS[report](tmp_path)
    on_disk = path.read_bytes()
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        timeline = list(app.document.timeline)
        for row in range(len(timeline)):
            await open_event(pilot, row)
            await pilot.press("ctrl+s")
            await wait_until(pilot, lambda: not isinstance(app.screen, EventDialog), f"OK on event {row}")
        for row in range(len(timeline)):  # touched, not changed: the time as shown reads back as itself
            dialog = await open_event(pilot, row)
            await pilot.press("end", "space", "ctrl+s")
            await settle(pilot)
            assert app.screen is not dialog, str(dialog.query_one("#event-at-error", FieldError).content)
        assert not app.dirty and not app.history.can_undo
        assert app.document.timeline == timeline
        assert [e.at.utcoffset() for e in app.document.timeline if isinstance(e.at, datetime)] == [
            e.at.utcoffset() for e in timeline if isinstance(e.at, datetime)
        ]
    assert path.read_bytes() == on_disk


# ------------------------------------------------------------------ (b) never taken half-typed


async def test_a_time_that_does_not_read_stays_as_typed_marked_with_the_whole_reason(tmp_path: Path) -> None:
    app = make_app(sample_copy(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        end_before, duration_before = app.document.summary.end, app.document.duration
        await type_into(pilot, "#summary-end", "9:30 PM yday")
        await pilot.press("tab")
        await settle(pilot)
        field = app.screen.query_one("#summary-end", Input)
        error = app.screen.query_one("#summary-end-error", FieldError)
        assert field.value == "9:30 PM yday" and field.has_class("-invalid")
        assert app.document.summary.end == end_before and app.document.duration == duration_before
        assert not app.dirty
        reason = str(error.content)
        assert "9:30 PM yday" in reason and error.display
        assert error.size.height > 1  # wrapped at 80 columns...
        assert text_on_screen(error) == " ".join(reason.split())  # ...and all of it on screen
        assert not app.screen.query_one("#summary-end-hint", FieldHint).display
        await pilot.press("ctrl+s")  # a save keeps the report's own value
        await settle(pilot)
        assert field.value == "9:30 PM yday" and field.has_class("-invalid")


async def test_a_time_is_taken_on_leaving_the_field_and_shown_back(tmp_path: Path) -> None:
    app = make_app(sample_copy(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        end_before = app.document.summary.end
        await type_into(pilot, "#summary-end", "9:30 PM")  # on its way to "9:30 PM yday", perhaps
        hint = app.screen.query_one("#summary-end-hint", FieldHint)
        assert str(hint.content).startswith("→ 2024-05-10 21:30 UTC") and hint.display
        assert app.document.summary.end == end_before and not app.dirty
        await pilot.press("tab")
        await settle(pilot)
        assert app.document.summary.end == datetime(2024, 5, 10, 21, 30, tzinfo=timezone.utc)
        assert app.screen.query_one("#summary-end", Input).value == "2024-05-10 21:30 UTC"
        assert not hint.display
        assert str(app.screen.query_one("#summary-duration").content) == "7h 30m"


async def test_enter_takes_a_time_and_a_zone_and_leaving_untouched_fields_takes_nothing(
    tmp_path: Path,
) -> None:
    app = make_app(sample_copy(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        for selector in ("#summary-timezone", "#summary-start", "#summary-end", "#summary-title"):
            app.screen.query_one(selector).focus()
            await pilot.pause()
        assert not app.dirty  # passing through the fields is not an edit
        await type_into(pilot, "#summary-start", "2024-05-10 13:30")
        assert app.screen.query_one("#summary-start-hint").display
        await pilot.press("enter")
        await settle(pilot)
        assert app.document.summary.start == datetime(2024, 5, 10, 13, 30, tzinfo=timezone.utc)
        assert not app.screen.query_one("#summary-start-hint").display  # taken: nothing more to say
        await type_into(pilot, "#summary-timezone", "eat")
        assert app.document.timezone == "UTC"
        assert str(app.screen.query_one("#summary-timezone-hint").content).startswith("→ Africa/Nairobi")
        await pilot.press("enter")
        await settle(pilot)
        assert app.document.timezone == "Africa/Nairobi"
        await pilot.press("tab")
        await settle(pilot)
        assert app.screen.query_one("#summary-start", Input).value == "2024-05-10 16:30 EAT"


async def test_ctrl_s_saves_the_time_being_typed_and_keeps_a_bad_one_on_screen(tmp_path: Path) -> None:
    """What is on screen is what is saved: ctrl+s takes the field being typed in, without leaving it."""
    path = sample_copy(tmp_path)
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await type_into(pilot, "#summary-end", "2024-05-11 05:00")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: not app.dirty, "the save")
        assert load(path).summary.end == datetime(2024, 5, 11, 5, tzinfo=timezone.utc)

        await type_into(pilot, "#summary-end", "9:30 PM yday")
        await pilot.press("ctrl+s")
        await settle(pilot)
        field = app.screen.query_one("#summary-end", Input)
        assert field.value == "9:30 PM yday" and field.has_class("-invalid")
        assert load(path).summary.end == datetime(2024, 5, 11, 5, tzinfo=timezone.utc)


async def test_quitting_while_typing_a_time_asks_to_save_it(tmp_path: Path) -> None:
    app = make_app(sample_copy(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await type_into(pilot, "#summary-end", "2024-05-11 05:00")
        await pilot.press("ctrl+q")
        await wait_until(pilot, lambda: isinstance(app.screen, ChoiceDialog), "the question to save")
        assert app.dirty and app.document.summary.end == datetime(2024, 5, 11, 5, tzinfo=timezone.utc)


async def test_a_bad_due_date_stays_as_typed_and_marked(tmp_path: Path) -> None:
    app = make_app(sample_copy(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4", "a")
        await wait_until(pilot, lambda: isinstance(app.screen, TaskDialog), "the task dialog")
        await type_into(pilot, "#task-title", "Write the runbook")
        await type_into(pilot, "#task-due", "05/06/2024")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, TaskDialog)
        due = app.screen.query_one("#task-due", Input)
        error = app.screen.query_one("#task-due-error", FieldError)
        assert due.value == "05/06/2024" and due.has_class("-invalid") and due.has_focus
        assert text_on_screen(error) == " ".join(str(error.content).split())
        assert len(app.document.tasks) == 6


# ------------------------------------------------------------------ (c) an abbreviation settles the fold


@pytest.mark.parametrize(("written", "offset"), [("EST", -5), ("EDT", -4)])
async def test_an_abbreviation_says_which_of_two_1_30s(tmp_path: Path, written: str, offset: int) -> None:
    path = fall_back(tmp_path)
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        dialog = await open_event(pilot, 1)
        await type_into(pilot, "#event-at", f"2024-11-03 01:30 {written}")
        hint = dialog.query_one("#event-at-hint", FieldHint)
        assert str(hint.content) == f"→ 2024-11-03 01:30 {written}"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, EventDialog)
        await pilot.press("ctrl+s")
        await settle(pilot)
    (event,) = [e for e in load(path).timeline if e.text == "The first 01:15 of the night."]
    assert isinstance(event.at, datetime)
    assert event.at.utcoffset() == timedelta(hours=offset)
    assert event.at.replace(tzinfo=None) == datetime(2024, 11, 3, 1, 30)


# ------------------------------------------------------------------ (d) hints in the event dialog


async def test_a_relative_time_shows_what_it_resolves_to_before_ok(tmp_path: Path) -> None:
    app = make_app(sample_copy(tmp_path, UNDATED))
    async with app.run_test(size=SIZE) as pilot:
        dialog = await open_event(pilot, 1, key="a")  # after 20:15 EAT
        await pilot.press(*"+15m")
        hint = dialog.query_one("#event-at-hint", FieldHint)
        assert str(hint.content) == "→ 20:30 EAT, 15m after 20:15"
        assert text_on_screen(hint) == "→ 20:30 EAT, 15m after 20:15"
        await pilot.press(*["backspace"] * 4, *"-1h")
        assert str(hint.content) == "→ 19:15 EAT, 1h before 20:15"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert time(19, 15) in [e.at for e in app.document.timeline]


async def test_editing_an_event_counts_a_relative_time_from_the_event_before_it(tmp_path: Path) -> None:
    app = make_app(sample_copy(tmp_path, UNDATED))
    async with app.run_test(size=SIZE) as pilot:
        dialog = await open_event(pilot, 2)  # the 20:30 event, after 20:15
        await pilot.press("ctrl+a", "ctrl+k", *"+5m")
        hint = dialog.query_one("#event-at-hint", FieldHint)
        assert str(hint.content) == "→ 20:20 EAT, 5m after 20:15"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert [e.at for e in app.document.timeline][1:3] == [time(20, 15), time(20, 20)]


async def test_an_absolute_time_in_another_zone_shows_in_the_reports_zone(tmp_path: Path) -> None:
    app = make_app(sample_copy(tmp_path, DATED))
    async with app.run_test(size=SIZE) as pilot:
        dialog = await open_event(pilot, 0, key="a")
        await pilot.press(*"2024-05-10 17:00 EAT")
        hint = dialog.query_one("#event-at-hint", FieldHint)
        error = dialog.query_one("#event-at-error", FieldError)
        assert str(hint.content) == "→ 2024-05-10 14:00 UTC" and not error.display
        await pilot.press("backspace", "backspace", "backspace", *"XYZ")  # a refusal replaces the hint
        assert not hint.display and error.display
        assert dialog.query_one("#event-at", Input).has_class("-invalid")
        assert "XYZ" in str(error.content)


# ------------------------------------------------------------------ (e) due dates counted from today


async def test_a_due_date_counted_from_today(tmp_path: Path) -> None:
    path = sample_copy(tmp_path)
    app = make_app(path)  # today is TODAY, 2024-06-15
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4", "a")
        await wait_until(pilot, lambda: isinstance(app.screen, TaskDialog), "the task dialog")
        dialog = app.screen
        await type_into(pilot, "#task-title", "Add a memory alert")
        await type_into(pilot, "#task-due", "+7d")
        due = TODAY + timedelta(days=7)
        hint = dialog.query_one("#task-due-hint", FieldHint)
        assert str(hint.content) == describe_due(due, TODAY) and hint.display
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, TaskDialog)
        (task,) = [t for t in app.document.tasks if t.title == "Add a memory alert"]
        assert task.due == due
        await pilot.press("ctrl+s")
        await settle(pilot)
    (saved,) = [t for t in load(path).tasks if t.title == "Add a memory alert"]
    assert saved.due == due


async def test_ok_on_a_task_left_as_it_was_changes_nothing(tmp_path: Path) -> None:
    app = make_app(sample_copy(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        await settle(pilot)
        tasks = list(app.document.tasks)
        for row in range(len(tasks)):
            app.screen.query_one("#task-list", DataTable).move_cursor(row=row)
            await pilot.press("e")
            await wait_until(pilot, lambda: isinstance(app.screen, TaskDialog), "the task dialog")
            await pilot.press("ctrl+s")
            await wait_until(pilot, lambda: not isinstance(app.screen, TaskDialog), "OK to close it")
        assert app.document.tasks == tasks and not app.dirty
