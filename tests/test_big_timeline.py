"""A long timeline in the editor: rows drawn only when on screen, keys that reach every row,
and warnings checked off the UI thread once the report is big (issue #12)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pmtui import edits
from pmtui.checks import CHECK_ASIDE_FROM
from pmtui.model import Event, EventKind, Postmortem, Summary, _anchor
from pmtui.store import save
from pmtui.timeshow import format_event_time
from pmtui.widgets.timeline_table import TimelineTable, widest_time

from .ui_helpers import make_app, show_timeline, text_on_screen, wait_until

START = datetime(2024, 5, 10, 14, 0, tzinfo=timezone.utc)
EVENTS = CHECK_ASIDE_FROM + 500


def long_report(path: Path, events: int = EVENTS) -> Path:
    report = Postmortem(
        title="A long incident",
        summary=Summary(start=START, end=START + timedelta(minutes=events)),
        timeline=[
            Event(
                at=START + timedelta(minutes=minute),
                kind=EventKind.DETECTED if minute == 0 else EventKind.NOTE,
                text=f"step {minute}",
            )
            for minute in range(events)
        ],
    )
    report.timeline[-1].kind = EventKind.RESOLVED
    save(report, path)
    return path


async def test_only_the_rows_on_screen_are_made(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    made: set[int] = set()
    original = TimelineTable.row_cells

    def counted(table: TimelineTable, index: int) -> object:
        made.add(index)
        return original(table, index)

    monkeypatch.setattr(TimelineTable, "row_cells", counted)
    app = make_app(long_report(tmp_path / "long.toml"))
    async with app.run_test(size=(80, 24)) as pilot:
        table = await show_timeline(pilot)
        assert table.row_count == EVENTS
        assert made and max(made) < 24  # the first screenful, not 2,500 rows
        await pilot.press("G")
        await pilot.pause()
        assert max(made) == EVENTS - 1 and len(made) < 60


async def test_keys_reach_every_row_and_the_status_follows(tmp_path: Path) -> None:
    app = make_app(long_report(tmp_path / "long.toml"))
    async with app.run_test(size=(80, 24)) as pilot:
        table = await show_timeline(pilot)
        assert f"Timeline row 1 of {EVENTS}" in text_on_screen(app.status_bar)
        await pilot.press("G")
        await pilot.pause()
        assert table.cursor_row == EVENTS - 1
        assert f"step {EVENTS - 1}" in text_on_screen(table)
        assert f"Timeline row {EVENTS} of {EVENTS}" in text_on_screen(app.status_bar)
        await pilot.press("pageup", "k")
        await pilot.pause()
        page = table.scrollable_content_region.height - 1
        assert table.cursor_row == EVENTS - 2 - page
        assert f"step {table.cursor_row}" in text_on_screen(table)  # the cursor's row is on screen
        await pilot.press("g")
        await pilot.pause()
        assert table.cursor_row == 0 and "step 0" in text_on_screen(table)
        await pilot.click(TimelineTable, offset=(30, 3))  # the header, then rows 0 and 1
        await pilot.pause()
        assert table.cursor_row == 2
        assert "step 2" in text_on_screen(app.screen.query_one("#timeline-table-detail"))


async def test_an_edit_moves_its_row_and_the_cursor_stays_on_its_event(tmp_path: Path) -> None:
    app = make_app(long_report(tmp_path / "long.toml"))
    async with app.run_test(size=(80, 24)) as pilot:
        table = await show_timeline(pilot)
        key = app.document.timeline[5].key
        table.select_key(key)
        later = Event(at=START + timedelta(minutes=40, seconds=30), text="step 5, retimed")
        app.edit("edit event", lambda r: edits.replace_event(r, key, later), {"timeline"})
        await pilot.pause()
        assert table.selected_key() == key and table.cursor_row == 40
        assert "step 5, retimed" in text_on_screen(table)


async def test_a_big_report_is_checked_off_the_ui_thread_and_the_warning_arrives(tmp_path: Path) -> None:
    app = make_app(long_report(tmp_path / "long.toml"))
    async with app.run_test(size=(80, 24)) as pilot:
        table = await show_timeline(pilot)
        await wait_until(pilot, lambda: not app.known_problems.stale, "the first check")
        assert app.document.problems() == []
        late = Event(at=START + timedelta(days=2), text="after the end")
        app.edit("add event", lambda r: edits.insert_event(r, late), {"timeline"})
        assert app.known_problems.stale  # the edit did not wait for the check
        await wait_until(pilot, lambda: not app.known_problems.stale, "the check after the edit")
        assert app.known_problems.latest == app.document.problems() != []
        await pilot.press("G")
        await pilot.pause()
        assert "after the incident ended" in text_on_screen(table)  # the row is marked
        assert "1 warning" in text_on_screen(app.status_bar)


async def test_edits_during_a_check_are_checked_again(tmp_path: Path) -> None:
    app = make_app(long_report(tmp_path / "long.toml"))
    async with app.run_test(size=(80, 24)) as pilot:
        await show_timeline(pilot)
        for day in (2, 3, 4):  # one after another, faster than a check
            late = Event(at=START + timedelta(days=day), text=f"day {day}")
            app.edit("add event", lambda r, e=late: edits.insert_event(r, e), {"timeline"})
        await wait_until(pilot, lambda: not app.known_problems.stale, "the checks")
        assert app.known_problems.latest == app.document.problems()
        assert len(app.known_problems.latest) == 3


# ------------------------------------------------------------------ the core's shortcuts, against the plain way


def _anchor_plainly(moments: list[object], day: date | None, zone: ZoneInfo) -> list[datetime]:
    """Anchoring as it was written before the shortcut: every datetime converted to local time."""
    current, previous, result = day or date(2000, 1, 1), None, []
    for moment in moments:
        if isinstance(moment, datetime):
            local = moment.astimezone(zone)
            current, previous = local.date(), local.time().replace(tzinfo=None)
            result.append(moment)
        elif isinstance(moment, time):
            if previous is not None and moment < previous:
                current += timedelta(days=1)
            previous = moment
            result.append(datetime.combine(current, moment, tzinfo=zone))
        else:
            current, previous = moment, None
            result.append(datetime.combine(moment, time(0), tzinfo=zone))
    return result


MOMENTS = st.one_of(
    st.datetimes(
        min_value=datetime(2020, 1, 1), max_value=datetime(2026, 1, 1), timezones=st.just(timezone.utc)
    ),
    st.times(),
    st.dates(min_value=date(2020, 1, 1), max_value=date(2026, 1, 1)),
)


@given(
    moments=st.lists(MOMENTS, max_size=12),
    day=st.none() | st.dates(min_value=date(2020, 1, 1), max_value=date(2026, 1, 1)),
    zone=st.sampled_from(["UTC", "Africa/Nairobi", "America/Los_Angeles", "Australia/Lord_Howe"]),
)
def test_anchoring_converts_a_datetime_only_when_a_wall_time_follows_it(
    moments: list[object], day: date | None, zone: str
) -> None:
    assert _anchor(moments, day, ZoneInfo(zone)) == _anchor_plainly(moments, day, ZoneInfo(zone))


@given(
    moments=st.lists(MOMENTS, min_size=1, max_size=8),
    approximate=st.lists(
        st.none() | st.sampled_from(["~14:30", "around 3 PM", "14:??"]), min_size=8, max_size=8
    ),
    zone=st.sampled_from(["UTC", "Africa/Nairobi", "America/Los_Angeles"]),
    with_date=st.booleans(),
    in_utc=st.booleans(),
)
def test_the_time_column_is_as_wide_as_its_widest_time(
    moments: list[object], approximate: list[str | None], zone: str, with_date: bool, in_utc: bool
) -> None:
    """The width comes from one event of each shape; it must be exactly the widest time shown."""
    timeline = [
        Event(at=moment, text="x", approximate=note if isinstance(moment, (datetime, time)) else None)
        for moment, note in zip(moments, approximate, strict=False)
    ]

    def shown(event: Event) -> str:
        display = timezone.utc if in_utc else None
        return format_event_time(event, zone, with_date=with_date, display=display, with_zone=False)

    assert widest_time(timeline, shown) == max(len(shown(event)) for event in timeline)
