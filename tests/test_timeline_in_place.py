"""Issue #10 item 10: edit an event in place under the timeline, and paste log lines as events.

Pilot at 80x24, as a user would: keys on the table, typing in the row under it,
a bracketed paste (Textual's Paste event) on the table; assertions on the report.
"""

from __future__ import annotations

from datetime import datetime, time
from pathlib import Path

from textual import events
from textual.pilot import Pilot
from textual.widgets import Input

from pmtui.model import EventKind
from pmtui.screens.discard_question import DiscardQuestion
from pmtui.screens.paste_dialog import PasteDialog
from pmtui.widgets.event_editor_row import EventEditorRow
from pmtui.widgets.timeline_table import TimelineTable
from pmtui.zones import zone_info

from .ui_helpers import UNDATED, make_app, sample_copy, settle, text_on_screen, wait_until

SIZE = (80, 24)


async def timeline(pilot: Pilot) -> TimelineTable:
    await settle(pilot)
    await pilot.press("2")
    await wait_until(pilot, lambda: isinstance(pilot.app.focused, TimelineTable), "the timeline to get focus")
    return pilot.app.screen.query_one(TimelineTable)


def focused_id(pilot: Pilot) -> str | None:
    return pilot.app.focused.id if pilot.app.focused is not None else None


async def test_t_changes_the_selected_events_time_in_place(tmp_path: Path) -> None:
    app = make_app(sample_copy(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        table = await timeline(pilot)
        await pilot.press("j")
        key = table.selected_key()
        others = [e.text for e in app.document.timeline]
        await pilot.press("t")
        await wait_until(pilot, lambda: focused_id(pilot) == "inline-at", "the time field in place")
        assert app.screen.query_one(EventEditorRow).display
        await pilot.press(*"8:05 PM EAT", "enter")  # typed over the selected time
        await settle(pilot)
        event = next(e for e in app.document.timeline if e.key == key)
        assert isinstance(event.at, datetime)
        assert event.at.astimezone(zone_info("Africa/Nairobi")).time() == time(20, 5)
        assert sorted(e.text for e in app.document.timeline) == sorted(others)  # nothing else lost
        assert isinstance(app.focused, TimelineTable) and table.selected_key() == key  # back on the row
        assert not app.screen.query_one(EventEditorRow).display
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert next(e for e in app.document.timeline if e.key == key).at != event.at  # one undo step


async def test_kind_and_text_change_in_place_and_enter_keeps_both(tmp_path: Path) -> None:
    app = make_app(sample_copy(tmp_path, UNDATED))
    async with app.run_test(size=SIZE) as pilot:
        table = await timeline(pilot)
        key = table.selected_key()
        original = app.document.timeline[0].text
        await pilot.press("i")
        await wait_until(pilot, lambda: focused_id(pilot) == "inline-text", "the text field in place")
        await pilot.press(*" (confirmed)", "shift+tab")  # added to the text, not typed over it
        assert focused_id(pilot) == "inline-kind"
        app.screen.query_one("#inline-kind").value = EventKind.ESCALATED  # the Select, as picked
        await pilot.press("tab", "enter")
        await settle(pilot)
        event = next(e for e in app.document.timeline if e.key == key)
        assert event.text == original + " (confirmed)" and event.kind is EventKind.ESCALATED
        assert app.dirty


async def test_an_unreadable_time_is_marked_and_kept_and_changes_nothing(tmp_path: Path) -> None:
    app = make_app(sample_copy(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await timeline(pilot)
        before = app.document.model_dump()
        await pilot.press("t", *"25:99", "enter")
        await settle(pilot)
        field = app.screen.query_one("#inline-at", Input)
        assert field.value == "25:99" and field.has_class("-invalid")
        assert text_on_screen(app.screen.query_one("#inline-at-error")).strip()
        assert app.document.model_dump() == before and not app.dirty


async def test_escape_in_place_asks_before_dropping_what_was_typed(tmp_path: Path) -> None:
    app = make_app(sample_copy(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        table = await timeline(pilot)
        before = app.document.model_dump()
        await pilot.press("i", *"xyz", "escape")
        await wait_until(pilot, lambda: isinstance(app.screen, DiscardQuestion), "the discard question")
        await pilot.press("enter")  # keep editing: the typed text is still there
        await settle(pilot)
        assert app.screen.query_one("#inline-text", Input).value.endswith("xyz")
        await pilot.press("escape", "escape")
        await settle(pilot)
        assert app.document.model_dump() == before
        assert not app.screen.query_one(EventEditorRow).display and app.focused is table
        await pilot.press("t", "escape")  # nothing typed: closes at once
        await settle(pilot)
        assert app.focused is table


PASTED = """\
[10:02] alice: restarted the db
stack trace line with no time
2024-05-10T14:05Z deploy rolled back
  1042  2024-05-10 14:07:12 kubectl rollout status deploy/api
"""


async def test_lines_pasted_on_the_timeline_become_events_after_a_confirmation(tmp_path: Path) -> None:
    app = make_app(sample_copy(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        table = await timeline(pilot)
        count = len(app.document.timeline)
        table.post_message(events.Paste(PASTED))
        await wait_until(pilot, lambda: isinstance(app.screen, PasteDialog), "the paste dialog")
        await settle(pilot)
        shown = text_on_screen(app.screen.query_one("#paste-box"))
        assert "Will add 3 events" in shown and "alice: restarted the db" in shown
        assert "stack trace line" in shown  # named as left out
        assert len(app.document.timeline) == count  # nothing added before the confirmation
        await pilot.press("ctrl+s")
        await settle(pilot)
        texts = [e.text for e in app.document.timeline]
        assert len(texts) == count + 3
        assert {"alice: restarted the db", "deploy rolled back", "kubectl rollout status deploy/api"} <= set(
            texts
        )
        rolled_back = next(e for e in app.document.timeline if e.text == "deploy rolled back")
        assert rolled_back.kind is EventKind.MITIGATED  # the importer's wording rules
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert len(app.document.timeline) == count  # one undo takes the whole paste back


async def test_the_palettes_paste_lines_reads_what_is_typed_and_escape_asks(tmp_path: Path) -> None:
    app = make_app(sample_copy(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        count = len(app.document.timeline)
        await app.run_action("in_editor('paste_lines')")
        await wait_until(pilot, lambda: isinstance(app.screen, PasteDialog), "the paste dialog")
        await pilot.press(*"14:30 failover done")
        await settle(pilot)
        assert "Will add 1 event" in text_on_screen(app.screen.query_one("#paste-box"))
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, DiscardQuestion), "the discard question")
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, PasteDialog), "back in the paste dialog")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert len(app.document.timeline) == count + 1
        assert any(e.text == "failover done" for e in app.document.timeline)
