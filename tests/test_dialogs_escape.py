"""Escape in the event and task dialogs: closes at once when nothing changed, asks before discarding."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input, Label, TextArea

from pmtui.screens.discard_question import DiscardQuestion
from pmtui.screens.event_dialog import EventDialog
from pmtui.screens.task_dialog import TaskDialog

from .ui_helpers import make_app, sample_copy, settle, text_on_screen

SIZE = (80, 24)


async def open_add_event(pilot: Pilot) -> None:
    await pilot.press("2")
    await settle(pilot)
    await pilot.press("a")
    await settle(pilot)
    assert isinstance(pilot.app.screen, EventDialog)


async def test_escape_with_nothing_typed_closes_at_once(tmp_path: Path) -> None:
    app = make_app(sample_copy(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await open_add_event(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, (EventDialog, DiscardQuestion))
        assert len(app.document.timeline) == 9 and not app.dirty


async def test_escape_asks_and_enter_returns_with_the_typing_kept(tmp_path: Path) -> None:
    app = make_app(sample_copy(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await open_add_event(pilot)
        await pilot.press(*"14:05", "tab", "tab", *"Pager fired")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, DiscardQuestion)
        assert "Discard changes to this event?" in text_on_screen(app.screen)
        await pilot.press("enter")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, EventDialog)
        assert dialog.query_one("#event-at", Input).value == "14:05"
        assert dialog.query_one("#event-text", TextArea).text == "Pager fired"
        await pilot.press("ctrl+s")  # and the kept typing still saves
        await settle(pilot)
        assert "Pager fired" in [event.text for event in app.document.timeline]


async def test_escape_twice_discards(tmp_path: Path) -> None:
    app = make_app(sample_copy(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await open_add_event(pilot)
        await pilot.press(*"14:05", "escape", "escape")
        await settle(pilot)
        assert not isinstance(app.screen, (EventDialog, DiscardQuestion))
        assert len(app.document.timeline) == 9 and not app.dirty


async def test_d_discards_an_edited_event(tmp_path: Path) -> None:
    app = make_app(sample_copy(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        await settle(pilot)
        before = app.document.timeline[0].text
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("tab", "tab", *" more", "escape")
        await settle(pilot)
        assert isinstance(app.screen, DiscardQuestion)
        await pilot.press("d")
        await settle(pilot)
        assert not isinstance(app.screen, (EventDialog, DiscardQuestion))
        assert app.document.timeline[0].text == before and not app.dirty


async def test_an_edit_dialog_left_unchanged_closes_at_once(tmp_path: Path) -> None:
    app = make_app(sample_copy(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4", "e")
        await settle(pilot)
        assert isinstance(app.screen, TaskDialog)
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, (TaskDialog, DiscardQuestion))


async def test_task_dialog_asks_then_keeps_or_discards(tmp_path: Path) -> None:
    app = make_app(sample_copy(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4", "a")
        await settle(pilot)
        await pilot.press(*"Write runbook", "escape")
        await settle(pilot)
        assert isinstance(app.screen, DiscardQuestion)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, TaskDialog)
        assert app.screen.query_one("#task-title", Input).value == "Write runbook"
        await pilot.press("escape", "escape")
        await settle(pilot)
        assert not isinstance(app.screen, (TaskDialog, DiscardQuestion))
        assert "Write runbook" not in [task.title for task in app.document.tasks] and not app.dirty


async def test_every_task_field_is_labelled_and_fits_80x24(tmp_path: Path) -> None:
    app = make_app(sample_copy(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4", "e")
        await settle(pilot)
        labels = [str(label.content) for label in app.screen.query(Label)]
        for name in ("Task", "Kind", "Status", "Owner", "Due", "Priority", "Ticket"):
            assert any(label.startswith(name) for label in labels), name
        shown = text_on_screen(app.screen)
        for name in ("Kind", "Owner", "Due (", "Priority", "Ticket or link", "escape: cancel"):
            assert name in shown, name
