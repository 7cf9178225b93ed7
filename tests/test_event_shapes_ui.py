"""Date-only and approximate events in the editor: shown as their date and as written, edited without loss.

Pilot at 80x24; assertions on the table's cells and on the report.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from textual.widgets import Input

from pmtui.screens.event_dialog import EventDialog
from pmtui.store import dumps, load
from pmtui.widgets.timeline_table import TimelineTable
from pmtui.zones import zone_info

from .test_event_shapes import log4shell
from .ui_helpers import make_app, settle, show_timeline, wait_until

SIZE = (80, 24)
EAT = zone_info("Africa/Nairobi")


def report_file(folder: Path) -> Path:
    path = folder / "log4shell.toml"
    path.write_text(dumps(log4shell()), encoding="utf-8")
    return path


def times_shown(table: TimelineTable) -> list[str]:
    return [str(table.row_cells(row)[0]) for row in range(table.row_count)]


async def test_the_table_shows_a_date_alone_and_a_time_as_written(tmp_path: Path) -> None:
    app = make_app(report_file(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        table = await show_timeline(pilot)
        assert times_shown(table) == ["2021-12-10", "13:00", "~13:30", "14:??", "14:30-14:45"]
        await pilot.press("z")  # UTC: what was written in EAT does not apply; its reading does
        assert times_shown(table) == ["2021-12-10", "10:00", "~10:30", "~11:00", "~11:30"]


async def test_opening_and_keeping_either_shape_changes_nothing(tmp_path: Path) -> None:
    app = make_app(report_file(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await show_timeline(pilot)
        before = [event.model_copy() for event in app.document.timeline]
        await pilot.press("enter")  # the date-only event, in the dialog
        await settle(pilot)
        assert isinstance(app.screen, EventDialog)
        assert app.screen.query_one("#event-at", Input).value == "2021-12-10"
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("down", "down", "t")  # the approximate one, in place
        await wait_until(
            pilot, lambda: app.focused is not None and app.focused.id == "inline-at", "the time field"
        )
        assert app.screen.query_one("#inline-at", Input).value == "2021-12-10 ~13:30 EAT"
        await pilot.press("enter")
        await settle(pilot)
        assert app.document.timeline == before


async def test_a_date_typed_alone_makes_a_date_only_event_and_an_exact_time_replaces_a_rough_one(
    tmp_path: Path,
) -> None:
    path = report_file(tmp_path)
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        table = await show_timeline(pilot)
        await pilot.press("a")
        await settle(pilot)
        await pilot.press(*"2021-12-10")
        app.screen.query_one("#event-text").focus()
        await pilot.press(*"Vendor advisory", "ctrl+s")
        await settle(pilot)
        added = app.document.timeline[1]
        assert (added.at, added.text) == (date(2021, 12, 10), "Vendor advisory")  # after the other date
        assert times_shown(table)[:2] == ["2021-12-10", "2021-12-10"]
        table.move_cursor(row=3)
        await pilot.press("t", *"13:35", "enter")
        await settle(pilot)
        exact = app.document.timeline[3]
        assert (exact.at, exact.approximate) == (datetime(2021, 12, 10, 13, 35, tzinfo=EAT), None)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert load(path) == app.document
