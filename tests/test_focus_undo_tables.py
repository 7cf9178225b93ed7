"""Issue #10: the focus follows the user, one undo everywhere, tables that read, the warnings list.

Pilot at 80x24 (and 160 where width matters); assertions on the report, the file and the screen.
"""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

import pytest
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Input, OptionList, TabbedContent, TextArea

from pmtui.history import History
from pmtui.model import Postmortem, TaskStatus
from pmtui.screens.warnings import WarningsDialog
from pmtui.store import load
from pmtui.widgets.row_detail import RowDetail
from pmtui.widgets.task_list import TaskList
from pmtui.widgets.timeline_table import TimelineTable

from .ui_helpers import UNDATED, make_app, sample_copy, settle, text_on_screen, wait_until

SIZE = (80, 24)


T = TypeVar("T", bound=Widget)


def active_tab(app: object) -> str:
    return str(app.screen.query_one(TabbedContent).active)  # type: ignore[attr-defined]


async def show_table(pilot: Pilot, key: str, table: type[T]) -> T:
    """Press a tab key and wait until that tab's table (mounted after the first frame) has the focus."""
    await settle(pilot)
    await pilot.press(key)
    await wait_until(pilot, lambda: isinstance(pilot.app.focused, table), f"{table.__name__} to get focus")
    return pilot.app.screen.query_one(table)


# ------------------------------------------------------------------ focus follows the user


async def test_a_tab_key_focuses_its_first_field_and_letters_are_typed_there(tmp_path: Path) -> None:
    app = make_app(sample_copy(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        title = app.document.title
        await pilot.press("1", *"SEV2")
        await settle(pilot)
        assert active_tab(app) == "summary"  # "2" was typed, not a command
        assert app.focused is not None and app.focused.id == "summary-title"
        assert app.document.title == title + "SEV2"  # typed at the end, nothing replaced
        await pilot.press("escape", "3")
        await settle(pilot)
        assert app.focused is not None and app.focused.id == "analysis-root_cause"
        await pilot.press("escape", "2")
        await wait_until(pilot, lambda: isinstance(app.focused, TimelineTable), "the timeline to get focus")


async def test_a_tab_shown_again_goes_back_where_the_user_was(tmp_path: Path) -> None:
    app = make_app(sample_copy(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("1", "tab", "tab")  # title -> status -> severity
        await pilot.pause()
        assert app.focused is not None and app.focused.id == "summary-severity"
        await pilot.press("escape", "4")
        await settle(pilot)
        await pilot.press("escape", "1")
        await pilot.pause()
        assert app.focused is not None and app.focused.id == "summary-severity"


async def test_tab_from_the_tab_bar_never_lands_on_a_scroll_container(tmp_path: Path) -> None:
    app = make_app(sample_copy(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for tab in ("1", "3"):
            await pilot.press("escape", tab, "escape", "tab")
            await pilot.pause()
            assert isinstance(app.focused, (Input, TextArea)), app.focused


# ------------------------------------------------------------------ one undo


async def test_ctrl_z_in_a_text_area_undoes_the_report_edit_and_the_footer_says_undo(tmp_path: Path) -> None:
    path = sample_copy(tmp_path)
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        before = app.document.summary.impact
        area = app.screen.query_one("#summary-impact", TextArea)
        area.focus()
        await pilot.press(*"hello ")
        await settle(pilot)
        assert app.document.summary.impact == "hello " + before
        assert "^z Undo" in text_on_screen(app.screen.query_one("Footer"))
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert app.document.summary.impact == before
        assert area.text == before and app.focused is area
        await pilot.press("ctrl+y")
        await settle(pilot)
        assert app.document.summary.impact == "hello " + before
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert load(path).summary.impact == "hello " + before


async def test_undo_puts_the_task_cursor_back_on_the_task_that_changed(tmp_path: Path) -> None:
    app = make_app(sample_copy(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await show_table(pilot, "4", TaskList)
        await pilot.press("j", "j", "space")
        await settle(pilot)
        assert app.document.tasks[2].status is TaskStatus.DONE
        await pilot.press("escape", "1", "escape", "ctrl+z")  # undo from another tab
        await settle(pilot)
        tasks = app.screen.query_one(TaskList)
        assert active_tab(app) == "tasks" and app.focused is tasks and tasks.cursor_row == 2
        await pilot.press("space")  # the same task again, not the first one
        await settle(pilot)
        assert [t.status for t in app.document.tasks].count(TaskStatus.DONE) == 1
        assert app.document.tasks[2].status is TaskStatus.DONE


async def test_an_edit_that_changes_nothing_adds_no_undo_step(tmp_path: Path) -> None:
    app = make_app(sample_copy(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        severity = app.screen.query_one("#summary-severity", Input)
        severity.focus()
        await pilot.press("end", "x", "backspace")
        await settle(pilot)
        assert not app.history.can_undo


def test_a_refused_edit_leaves_the_redo_steps_alone() -> None:
    history = History()
    report = Postmortem(title="one")
    history.apply(report, "edit title", lambda r: setattr(r, "title", "two"))
    assert history.undo(report) is not None and history.can_redo and report.title == "one"

    def refused(r: Postmortem) -> None:
        r.title = "half done"
        raise ValueError("the model refuses the rest")

    with pytest.raises(ValueError):
        history.apply(report, "bad edit", refused)
    assert report.title == "one"  # what it did before the refusal is taken back
    assert history.can_redo and not history.can_undo


async def test_a_refused_edit_in_the_app_keeps_redo(tmp_path: Path) -> None:
    app = make_app(sample_copy(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.edit("edit title", lambda r: setattr(r, "title", "New"), {"meta"})
        await pilot.press("ctrl+z")
        await settle(pilot)

        def refuse(report: Postmortem) -> None:
            raise ValueError("no")

        assert app.edit("bad", refuse, {"meta"}) == "no"
        assert app.history.can_redo
        await pilot.press("ctrl+y")
        await settle(pilot)
        assert app.document.title == "New"


# ------------------------------------------------------------------ tables that read


async def test_vi_and_pager_keys_move_the_table_cursor(tmp_path: Path) -> None:
    app = make_app(sample_copy(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await show_table(pilot, "2", TimelineTable)
        table = app.screen.query_one(TimelineTable)
        last = table.row_count - 1
        for key, row in (("j", 1), ("j", 2), ("k", 1), ("G", last), ("g", 0), ("end", last), ("home", 0)):
            await pilot.press(key)
            await pilot.pause()
            assert table.cursor_row == row, key


async def test_the_detail_line_shows_the_whole_text_and_notes_say_note(tmp_path: Path) -> None:
    app = make_app(sample_copy(tmp_path, UNDATED))
    async with app.run_test(size=SIZE) as pilot:
        await show_table(pilot, "2", TimelineTable)
        await pilot.press("j")
        await pilot.pause()
        event = app.document.timeline[1]
        detail = text_on_screen(app.screen.query_one("#timeline-table-detail", RowDetail))
        assert " ".join(event.text.split())[:150] in detail
        table = text_on_screen(app.screen.query_one(TimelineTable))
        assert "20:15 note" in table


async def test_a_wide_terminal_shows_the_whole_event_text(tmp_path: Path) -> None:
    app = make_app(sample_copy(tmp_path))
    async with app.run_test(size=(160, 30)) as pilot:
        await show_table(pilot, "2", TimelineTable)
        shown = text_on_screen(app.screen.query_one(TimelineTable))
        assert app.document.timeline[4].text in shown


# ------------------------------------------------------------------ the warnings list


async def test_the_warnings_list_goes_to_the_row_and_rows_are_marked(tmp_path: Path) -> None:
    app = make_app(sample_copy(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await show_table(pilot, "4", TaskList)
        assert "⚠" in text_on_screen(app.screen.query_one(TaskList))  # tasks without an owner
        await pilot.press("escape", "1", "f8")
        await wait_until(pilot, lambda: isinstance(app.screen, WarningsDialog), "the warnings list")
        listed = app.screen.query_one(OptionList)
        problems = app.document.problems()
        assert listed.option_count == len(problems)
        third_task = next(i for i, p in enumerate(problems) if p.field == "tasks[2].owner")
        assert "Tasks row 3" in text_on_screen(listed) or third_task > 5
        listed.highlighted = third_task
        await pilot.press("enter")
        await settle(pilot)
        tasks = app.screen.query_one(TaskList)
        assert active_tab(app) == "tasks" and app.focused is tasks and tasks.cursor_row == 2


async def test_w_opens_the_warnings_outside_text_fields_only(tmp_path: Path) -> None:
    app = make_app(sample_copy(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("1", "w")
        await pilot.pause()
        assert not isinstance(app.screen, WarningsDialog)
        assert app.document.title.endswith("w")
        await pilot.press("escape", "w")
        await wait_until(pilot, lambda: isinstance(app.screen, WarningsDialog), "the warnings list")
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, WarningsDialog)
