"""The status bar, the help screen, the footer and the key table: what the user sees of pmtui's keys.

Every key the README says works "anywhere" is pressed with the focus in an Input, a
TextArea, the timeline table and the tab bar; the README's table is the one
commands.py generates.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Footer, Input, Tabs, TextArea

from pmtui.app import PostmortemApp
from pmtui.commands import key_table
from pmtui.render.markdown import render
from pmtui.screens.event_dialog import EventDialog
from pmtui.screens.help import HelpScreen
from pmtui.screens.path_dialog import PathDialog
from pmtui.screens.task_dialog import TaskDialog
from pmtui.screens.warnings import WarningsDialog
from pmtui.store import load
from pmtui.widgets.status_bar import SaveState, StatusBar, status_parts
from pmtui.widgets.task_list import TaskList
from pmtui.widgets.timeline_table import TimelineTable

from .ui_helpers import ROOT, make_app, sample_copy, settle, text_on_screen, type_into, wait_until

SIZE = (80, 24)
LONG_TITLE = "Checkout and payments down for every customer in every region after a cache change"


def status(app: PostmortemApp) -> str:
    return text_on_screen(app.screen.query_one(StatusBar))


def footer(app: PostmortemApp) -> str:
    return text_on_screen(app.screen.query_one(Footer))


async def focus_on(pilot: Pilot, place: str) -> None:
    """Put the focus where a user would: a text field, a text area, the timeline table, the tab bar."""
    app = pilot.app
    if place == "table":
        await pilot.press("escape", "2")  # escape leaves a text field for the tab bar
        await wait_until(pilot, lambda: isinstance(app.focused, TimelineTable), "the timeline table's focus")
    elif place == "tabs":
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.focused, Tabs), "the tab bar's focus")
    else:
        app.screen.query_one("#summary-title" if place == "input" else "#summary-impact").focus()
        await pilot.pause()
        assert isinstance(app.focused, Input if place == "input" else TextArea)


PLACES = ["input", "textarea", "table", "tabs"]


# ------------------------------------------------------------------ the status bar


async def test_a_long_title_is_cut_never_the_unsaved_state(tmp_path: Path) -> None:
    path = sample_copy(tmp_path)
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "saved" in status(app) and "unsaved" not in status(app)
        await type_into(pilot, "#summary-title", LONG_TITLE)
        shown = status(app)
        assert "● unsaved" in shown and "Title" in shown and "warnings" in shown
        assert LONG_TITLE[:10] in shown and LONG_TITLE not in shown  # the title is what gets cut
        assert "-memory-leak.toml" in shown  # the file name, cut from the left
        assert app.document.title == LONG_TITLE


async def test_a_cursor_move_is_worked_out_once_however_often_the_table_was_visited(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The status bar watches a table once, and says where its cursor is once a refresh: a
    table being filled moves the cursor once a row, 10,000 times on a big timeline."""
    from pmtui.widgets import status_bar

    app = make_app(sample_copy(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(3):  # visit the table, leave it, come back
            await focus_on(pilot, "table")
            await focus_on(pilot, "tabs")
        await focus_on(pilot, "table")
        worked_out: list[object] = []
        real = status_bar.field_name
        monkeypatch.setattr(
            status_bar, "field_name", lambda widget: worked_out.append(widget) or real(widget)
        )
        table = app.screen.query_one(TimelineTable)
        for row in (1, 2, 3, 4):  # four moves before the screen refreshes: one line worked out
            table.move_cursor(row=row)
        await settle(pilot)
        assert len(worked_out) == 1
        assert f"Timeline row 5 of {len(app.document.timeline)}" in status(app)


async def test_the_status_bar_follows_the_focus_and_the_save(tmp_path: Path) -> None:
    path = sample_copy(tmp_path)
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await focus_on(pilot, "table")
        rows = len(app.document.timeline)
        assert f"Timeline row 1 of {rows}" in status(app)
        await pilot.press("down", "down")
        assert f"Timeline row 3 of {rows}" in status(app)
        await type_into(pilot, "#summary-impact", "Half of checkouts failed")
        assert "Impact" in status(app) and "● unsaved" in status(app)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert re.search(r"saved \d\d:\d\d", status(app)), status(app)
        app.read_only = True
        await pilot.pause()
        assert "read only" in status(app)


def test_at_80_columns_the_title_then_the_file_give_way() -> None:
    state = SaveState(LONG_TITLE, "/srv/incidents/2024/very/deep/folder/db-outage.toml", dirty=True)
    title, file, label, rest = status_parts(state, "Contributing factors", 12, 80)
    assert (label, rest) == ("● unsaved", "Contributing factors │ 12 warnings")
    assert file.startswith("…") and file.endswith("/db-outage.toml")
    assert title.endswith("…")
    assert 2 + sum(map(len, (title, file, label, rest))) + 3 * 3 <= 80
    assert status_parts(state, "", 0, 200)[:2] == (LONG_TITLE, state.file)  # room for all of it


# ------------------------------------------------------------------ keys work where the table says


@pytest.mark.parametrize("place", PLACES)
async def test_export_works_from_every_kind_of_focus(tmp_path: Path, place: str) -> None:
    path = sample_copy(tmp_path)
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await focus_on(pilot, place)
        text_before = app.document.title
        await pilot.press("ctrl+o")
        await settle(pilot)
        assert isinstance(app.screen, PathDialog)
        await pilot.press("enter")
        await settle(pilot)
        assert app.document.title == text_before  # ctrl+o typed nothing, moved no cursor into the text
    assert path.with_suffix(".md").read_text(encoding="utf-8") == render(load(path))


@pytest.mark.parametrize("place", PLACES)
@pytest.mark.parametrize(
    ("key", "screen"),
    [("ctrl+n", EventDialog), ("ctrl+t", TaskDialog), ("f1", HelpScreen)],
    ids=["add-event", "add-task", "help"],
)
async def test_anywhere_keys_work_from_every_kind_of_focus(
    tmp_path: Path, place: str, key: str, screen: type
) -> None:
    app = make_app(sample_copy(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await focus_on(pilot, place)
        await pilot.press(key)
        await wait_until(pilot, lambda: isinstance(app.screen, screen), f"{key} to open {screen.__name__}")
        await pilot.press("escape")
        await wait_until(
            pilot, lambda: not isinstance(app.screen, screen), f"escape to close {screen.__name__}"
        )
        assert not app.dirty


@pytest.mark.parametrize("place", PLACES)
async def test_zone_and_undo_work_from_every_kind_of_focus(tmp_path: Path, place: str) -> None:
    app = make_app(sample_copy(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await focus_on(pilot, "table")
        table = app.screen.query_one(TimelineTable)
        title = app.document.title
        await type_into(pilot, "#summary-severity", "SEV9")
        await focus_on(pilot, place)
        await pilot.press("ctrl+g")
        await wait_until(pilot, lambda: table.zone_mode == "utc", "ctrl+g to change the zone shown")
        await pilot.press("ctrl+z")
        await wait_until(pilot, lambda: app.document.severity != "SEV9", "ctrl+z to undo the edit")
        assert app.document.title == title


async def test_question_mark_is_text_in_a_field_and_help_elsewhere(tmp_path: Path) -> None:
    app = make_app(sample_copy(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await type_into(pilot, "#summary-title", "Why?")
        assert app.document.title == "Why?" and not isinstance(app.screen, HelpScreen)
        await focus_on(pilot, "tabs")
        await pilot.press("question_mark")
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen), "? to open the help")
        shown = text_on_screen(app.screen.query_one("#help-box"))
        assert "ctrl+o Export the report as Markdown" in shown and "ctrl+z Undo the last edit" in shown
        await pilot.press("end")  # the rest is a scroll away
        await pilot.pause()
        shown = text_on_screen(app.screen.query_one("#help-box"))
        assert "Timeline table" in shown and "duplicate" in shown and "Dialogs" in shown
        await pilot.press("escape")
        await wait_until(pilot, lambda: not isinstance(app.screen, HelpScreen), "escape to close the help")


# ------------------------------------------------------------------ the footer


async def test_the_footer_shows_what_matters_where_the_focus_is(tmp_path: Path) -> None:
    app = make_app(sample_copy(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await focus_on(pilot, "tabs")
        assert all(
            label in footer(app) for label in ("Save", "Export", "Undo", "Add event", "Add task", "Help")
        )
        await focus_on(pilot, "input")
        assert all(label in footer(app) for label in ("Save", "Export", "Undo", "Help", "Quit"))
        assert "Add event" not in footer(app)
        await focus_on(pilot, "table")
        assert all(label in footer(app) for label in ("Add", "Zone", "Save", "Undo"))
        assert "Side preview" not in footer(app)
        await pilot.resize_terminal(160, 40)
        await wait_until(pilot, lambda: "Side preview" in footer(app), "f6 in the footer at 160 columns")


async def test_f6_in_a_text_area_toggles_the_side_preview(tmp_path: Path) -> None:
    app = make_app(sample_copy(tmp_path))
    async with app.run_test(size=(160, 40)) as pilot:
        await focus_on(pilot, "textarea")
        await pilot.press("f6")
        assert app.screen.has_class("-side-preview")


# ------------------------------------------------------------------ the README


def test_the_readme_key_table_is_the_one_commands_py_declares() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert key_table() in readme, (
        "README.md's key table differs from commands.py; paste this in its place:\n" + key_table()
    )


@pytest.mark.parametrize(
    ("tab", "table", "shown"),
    [
        ("2", TimelineTable, ("a Add", "t Time", "i In place", "d Delete", "c Duplicate", "z Zone")),
        ("4", TaskList, ("space Done", "a Add", "d Delete", "K Up", "J Down")),
    ],
    ids=["timeline", "tasks"],
)
async def test_every_letter_that_edits_a_table_is_in_its_footer_at_80_columns(
    tmp_path: Path, tab: str, table: type, shown: tuple[str, ...]
) -> None:
    """A stray letter on a table must never make an edit the footer did not offer."""
    app = make_app(sample_copy(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press(tab)
        await wait_until(pilot, lambda: isinstance(app.focused, table), "the table to have the focus")
        await pilot.pause()
        line = footer(app)
        for entry in (*shown, "^s Save", "^z Undo"):
            assert entry in line, f"{entry!r} is not in the footer: {line!r}"


async def test_a_click_on_the_warnings_count_opens_the_list(tmp_path: Path) -> None:
    app = make_app(sample_copy(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        bar = app.query_one(StatusBar)
        line = text_on_screen(bar).rstrip()
        assert line.endswith("6 warnings")
        await pilot.click(StatusBar, offset=(3, 0))  # on the title: nothing opens
        await pilot.pause()
        assert not isinstance(app.screen, WarningsDialog)
        await pilot.click(StatusBar, offset=(len(line) - 3, 0))
        await wait_until(pilot, lambda: isinstance(app.screen, WarningsDialog), "the warnings list")
