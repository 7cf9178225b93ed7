"""Issue #10 item 3: find (ctrl+f, `/`) and go to the match; n/N and F3/shift+F3 for the next ones.

Pilot at 80x24 on the dated sample, whose impact reads "...downtime and slow response times...".
"""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input, TabbedContent, TextArea

from pmtui.screens.find_bar import FindBar
from pmtui.widgets.timeline_table import TimelineTable

from .ui_helpers import make_app, sample_copy, settle, wait_until

SIZE = (80, 24)


async def find(pilot: Pilot, key: str, text: str) -> None:
    """Open the find bar with `key`, type `text` and press enter."""
    await pilot.press(key)
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, FindBar), "the find bar")
    await pilot.press(*text, "enter")
    await settle(pilot)


async def focus_on(pilot: Pilot, widget_id: str) -> None:
    app = pilot.app
    await wait_until(pilot, lambda: app.focused is not None and app.focused.id == widget_id, f"#{widget_id}")
    await pilot.pause()


async def test_ctrl_f_from_an_input_goes_to_the_match_in_impact(tmp_path: Path) -> None:
    app = make_app(sample_copy(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("1")
        await focus_on(pilot, "summary-title")
        assert isinstance(app.focused, Input)
        await find(pilot, "ctrl+f", "SLOW")
        await focus_on(pilot, "summary-impact")
        impact = app.focused
        assert isinstance(impact, TextArea)
        offset = app.document.summary.impact.index("slow")
        assert impact.cursor_location == impact.document.get_location_from_index(offset)
        assert not app.dirty  # nothing typed into any field


async def test_ctrl_f_from_a_table_then_f3_and_n_go_to_the_next_matches(tmp_path: Path) -> None:
    app = make_app(sample_copy(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await wait_until(pilot, lambda: isinstance(app.focused, TimelineTable), "the timeline")
        await find(pilot, "ctrl+f", "response times")
        await focus_on(pilot, "summary-impact")  # "slow response times"
        await pilot.press("f3")  # works inside a text field: the next match is in an event
        await wait_until(pilot, lambda: isinstance(app.focused, TimelineTable), "the timeline row")
        table = app.screen.query_one(TimelineTable)
        assert app.screen.query_one(TabbedContent).active == "timeline"
        assert table.selected_key() == app.document.timeline[0].key  # "...spike in server response times."
        await pilot.press("n")  # wraps to the first match
        await focus_on(pilot, "summary-impact")
        await pilot.press("shift+f3")  # and back, to the event
        await wait_until(pilot, lambda: isinstance(app.focused, TimelineTable), "the timeline row again")
        assert not app.dirty


async def test_slash_outside_fields_and_n_N_go_through_the_matches(tmp_path: Path) -> None:
    app = make_app(sample_copy(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("4")
        await wait_until(pilot, lambda: app.focused is not None and app.focused.id == "task-list", "tasks")
        await find(pilot, "slash", "escalat")
        # Reading order: summary, timeline, root cause, tasks. The first is an event.
        keys = [e.key for e in app.document.timeline if "escalat" in e.text]
        table = app.screen.query_one(TimelineTable)
        await wait_until(pilot, lambda: table.selected_key() == keys[0], "the first event")
        await pilot.press("n")
        await wait_until(pilot, lambda: table.selected_key() == keys[1], "the second event")
        await pilot.press("N")
        await wait_until(pilot, lambda: table.selected_key() == keys[0], "the first event again")


async def test_escape_closes_the_find_bar_and_slash_is_text_in_a_field(tmp_path: Path) -> None:
    app = make_app(sample_copy(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+f")
        await wait_until(pilot, lambda: isinstance(app.screen, FindBar), "the find bar")
        await pilot.press("escape")
        await wait_until(pilot, lambda: not isinstance(app.screen, FindBar), "the find bar to close")
        await pilot.press("1")
        await focus_on(pilot, "summary-title")
        title = app.document.title
        await pilot.press("slash", "n")
        await settle(pilot)
        assert not isinstance(app.screen, FindBar)
        assert app.document.title == title + "/n"
