"""The editor driven by keys, as a user would; assertions on the report and the file on disk."""

from __future__ import annotations

import os
import signal
import time as time_module
from datetime import datetime, time, timezone
from pathlib import Path

import pytest
from textual.command import CommandList
from textual.message import Message
from textual.widgets import DataTable, Input, TabbedContent

from pmtui.journal import beside_path, read_journal
from pmtui.model import EventKind, Status, TaskStatus
from pmtui.render.markdown import render
from pmtui.screens.choice import ChoiceDialog
from pmtui.screens.event_dialog import EventDialog
from pmtui.screens.path_dialog import PathDialog
from pmtui.screens.task_dialog import TaskDialog
from pmtui.store import load
from pmtui.widgets.field_error import FieldError
from pmtui.widgets.preview import Preview
from pmtui.widgets.timeline_table import TimelineTable

from .ui_helpers import UNDATED, make_app, sample_copy, settle, type_into, wait_for_previews, wait_until

SIZE = (80, 24)


# ------------------------------------------------------------------ frame


async def test_number_keys_switch_tabs_but_type_in_fields(tmp_path: Path) -> None:
    app = make_app(sample_copy(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        tabs = app.screen.query_one(TabbedContent)
        for key, tab in (
            ("2", "timeline"),
            ("3", "root-cause"),
            ("4", "tasks"),
            ("5", "preview"),
            ("1", "summary"),
        ):
            await pilot.press("escape", key)  # a tab key focuses the tab's first field: escape leaves it
            assert tabs.active == tab
        await type_into(pilot, "#summary-severity", "SEV2")
        assert tabs.active == "summary"
        assert app.document.severity == "SEV2"


async def test_header_shows_title_file_and_unsaved_marker(tmp_path: Path) -> None:
    path = sample_copy(tmp_path)
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        assert (app.title, app.sub_title) == (load(path).title, str(path))
        await type_into(pilot, "#summary-title", "Checkout down")
        assert (app.title, app.sub_title) == ("Checkout down", f"{path} ●")


async def test_palette_lists_every_action_with_area_titles(tmp_path: Path) -> None:
    app = make_app(sample_copy(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await type_into(pilot, "#summary-severity", "SEV1")  # makes save and undo available
        titles = {command.title for command in app.get_system_commands(app.screen)}
    for title in (
        "File: save",
        "File: save as",
        "Export: Markdown",
        "Timeline: change display zone",
        "Timeline: add event",
        "Tasks: add task",
        "Edit: undo",
        "App: quit",
    ):
        assert title in titles


async def test_palette_runs_a_command(tmp_path: Path) -> None:
    app = make_app(sample_copy(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"add task")
        commands = app.screen.query_one(CommandList)
        await wait_until(  # the palette searches in the background
            pilot,
            lambda: (
                commands.option_count
                and str(commands.get_option_at_index(0).prompt).startswith("Tasks: add task")
            ),
            "the palette to offer 'Tasks: add task' first",
        )
        await pilot.press("down", "enter")
        await wait_until(pilot, lambda: isinstance(app.screen, TaskDialog), "the task dialog to open")
        assert app.editor.query_one(TabbedContent).active == "tasks"


# ------------------------------------------------------------------ summary


async def test_every_summary_field_edits_the_report(tmp_path: Path) -> None:
    path = sample_copy(tmp_path)
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await type_into(pilot, "#summary-title", "Checkout outage")
        await type_into(pilot, "#summary-severity", "SEV2")
        await type_into(pilot, "#summary-authors", "Ada, Lin")
        await type_into(pilot, "#summary-timezone", "Africa/Nairobi")
        await type_into(pilot, "#summary-start", "2024-05-10 17:00")
        await type_into(pilot, "#summary-end", "May 11, 2024, 04:00 UTC")
        await type_into(pilot, "#summary-impact", "Half of checkouts failed.")
        await type_into(pilot, "#summary-root_cause", "A leak.")
        app.screen.query_one("#summary-status").focus()
        await pilot.press("enter", "up", "enter")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert str(app.screen.query_one("#summary-duration").content) == "14h"
    saved = load(path)
    assert saved.title == "Checkout outage" and saved.severity == "SEV2" and saved.authors == ["Ada", "Lin"]
    assert saved.timezone == "Africa/Nairobi"
    assert saved.summary.start == datetime(2024, 5, 10, 14, tzinfo=timezone.utc)  # 17:00 EAT
    assert saved.summary.end == datetime(2024, 5, 11, 4, tzinfo=timezone.utc)
    assert saved.summary.impact == "Half of checkouts failed." and saved.summary.root_cause == "A leak."
    assert saved.status == Status.REVIEW  # one up from "final"


async def test_a_bad_time_is_marked_and_the_typed_text_kept(tmp_path: Path) -> None:
    app = make_app(sample_copy(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        before = app.document.summary.start
        await type_into(pilot, "#summary-start", "01/02/2024 10:00")
        field = app.screen.query_one("#summary-start", Input)
        error = app.screen.query_one("#summary-start-error", FieldError)
        assert field.has_class("-invalid") and field.value == "01/02/2024 10:00"
        assert "ambiguous" in str(error.content) and error.display
        assert app.document.summary.start == before
        await type_into(pilot, "#summary-severity", "SEV3")  # nothing else is blocked
        assert app.document.severity == "SEV3"
        await type_into(pilot, "#summary-start", "2024-05-10 13:30")
        assert not field.has_class("-invalid") and not error.display
        assert app.document.summary.start == before  # a time is taken on enter, or on leaving the field
        await pilot.press("enter")
        await settle(pilot)
        assert app.document.summary.start == datetime(2024, 5, 10, 13, 30, tzinfo=timezone.utc)


async def test_start_is_shown_back_normalised_on_leaving_the_field(tmp_path: Path) -> None:
    app = make_app(sample_copy(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await type_into(pilot, "#summary-start", "May 10, 2024 2:00 PM")
        await pilot.press("tab")
        await settle(pilot)
        assert app.screen.query_one("#summary-start", Input).value == "2024-05-10 14:00 UTC"


async def test_unknown_zone_is_marked(tmp_path: Path) -> None:
    app = make_app(sample_copy(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await type_into(pilot, "#summary-timezone", "Mars/Olympus")
        assert app.screen.query_one("#summary-timezone").has_class("-invalid")
        assert app.document.timezone == "UTC"
        await type_into(pilot, "#summary-timezone", "EAT")
        await pilot.press("tab")
        await settle(pilot)
        assert app.document.timezone == "Africa/Nairobi"


# ------------------------------------------------------------------ timeline


async def open_timeline(pilot) -> TimelineTable:
    await pilot.press("2")
    await settle(pilot)
    return pilot.app.screen.query_one("#timeline-table", TimelineTable)


async def test_add_an_event_that_lands_in_time_order(tmp_path: Path) -> None:
    app = make_app(sample_copy(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        table = await open_timeline(pilot)
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, EventDialog)
        await pilot.press(*"May 10, 2024 14:05", "tab")
        # the kind list opens on "note", the last kind; down wraps to "started", down again is "detected"
        await pilot.press("enter", "down", "down", "enter", "tab")
        await pilot.press(*"Pager fired", "ctrl+s")
        await settle(pilot)
        times = [e.at for e in app.document.timeline]
        assert times == sorted(times)
        added = app.document.timeline[1]
        assert added.text == "Pager fired" and added.at == datetime(2024, 5, 10, 14, 5, tzinfo=timezone.utc)
        assert added.kind is EventKind.DETECTED
        assert table.row_count == 10 and table.cursor_row == 1


async def test_relative_time_and_dateless_report_stay_dateless(tmp_path: Path) -> None:
    app = make_app(sample_copy(tmp_path, UNDATED))
    async with app.run_test(size=SIZE) as pilot:
        await open_timeline(pilot)
        await pilot.press("a")
        await settle(pilot)
        await pilot.press(*"+10m", "enter")
        await settle(pilot)
        assert app.document.timeline[1].at == time(20, 10)


async def test_a_bad_event_time_keeps_the_dialog_open_with_the_reason(tmp_path: Path) -> None:
    app = make_app(sample_copy(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await open_timeline(pilot)
        await pilot.press("a")
        await settle(pilot)
        await pilot.press(*"tea time", "enter")
        await settle(pilot)
        assert isinstance(app.screen, EventDialog)
        assert app.screen.query_one("#event-at", Input).value == "tea time"
        assert "not a time" in str(app.screen.query_one("#event-at-error", FieldError).content)
        await pilot.press("escape")
        assert len(app.document.timeline) == 9


async def test_edit_delete_undo_redo_and_duplicate_events(tmp_path: Path) -> None:
    app = make_app(sample_copy(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        table = await open_timeline(pilot)
        original = [e.text for e in app.document.timeline]
        await pilot.press("down", "enter")
        await settle(pilot)
        await pilot.press("tab", "tab", "pagedown", "end")
        await pilot.press(*" (edited)", "ctrl+s")
        await settle(pilot)
        assert app.document.timeline[1].text == original[1] + " (edited)"
        await pilot.press("d")
        await settle(pilot)
        assert [e.text for e in app.document.timeline] == original[:1] + original[2:]
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert app.document.timeline[1].text == original[1] + " (edited)"
        assert table.row_count == 9
        await pilot.press("ctrl+z")
        await settle(pilot)
        assert [e.text for e in app.document.timeline] == original
        await pilot.press("ctrl+y")
        await settle(pilot)
        assert app.document.timeline[1].text == original[1] + " (edited)"
        table.move_cursor(row=0)
        await pilot.press("c")
        await settle(pilot)
        assert [e.text for e in app.document.timeline[:2]] == [original[0], original[0]]
        assert app.document.timeline[0].key != app.document.timeline[1].key


async def test_zone_cycles_between_report_utc_and_local(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TZ", "Asia/Kolkata")
    time_module.tzset()
    try:
        await check_zone_cycle(tmp_path)
    finally:
        monkeypatch.undo()
        time_module.tzset()


async def check_zone_cycle(tmp_path: Path) -> None:
    app = make_app(sample_copy(tmp_path, UNDATED))
    async with app.run_test(size=SIZE) as pilot:
        table = await open_timeline(pilot)

        def heading_and_first() -> tuple[str, str]:
            return str(table.columns[0].label), str(table.row_cells(0)[0])

        assert heading_and_first() == ("Time (EAT)", "20:00")
        await pilot.press("z")
        assert heading_and_first() == ("Time (UTC)", "17:00")
        await pilot.press("z")
        assert heading_and_first() == ("Time (local (IST))", "22:30")
        await pilot.press("z")
        assert heading_and_first() == ("Time (EAT)", "20:00")  # round to the report's zone


async def test_model_warnings_show_on_the_row(tmp_path: Path) -> None:
    app = make_app(sample_copy(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        table = await open_timeline(pilot)
        await pilot.press("a")
        await settle(pilot)
        await pilot.press(*"2024-05-12 09:00", "enter")
        await settle(pilot)
        last = str(table.row_cells(table.row_count - 1)[2])
        assert "after the incident ended" in last


# ------------------------------------------------------------------ root cause


async def test_root_cause_resolution_and_factors(tmp_path: Path) -> None:
    app = make_app(sample_copy(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        await type_into(pilot, "#analysis-root_cause", "Cache grew without bound.")
        await type_into(pilot, "#analysis-resolution", "Rolled back.")
        await type_into(pilot, "#analysis-contributing_factors", "No memory alert")
        await pilot.press("enter", *"Friday deploy")
        await settle(pilot)
        analysis = app.document.analysis
        assert analysis.root_cause == "Cache grew without bound." and analysis.resolution == "Rolled back."
        assert analysis.contributing_factors == ["No memory alert", "Friday deploy"]


# ------------------------------------------------------------------ tasks


async def test_tasks_toggle_add_edit_reorder_delete_and_progress(tmp_path: Path) -> None:
    app = make_app(sample_copy(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        await settle(pilot)
        progress = app.screen.query_one("#tasks-progress")
        await pilot.press("space")
        await settle(pilot)
        assert app.document.tasks[0].status is TaskStatus.DONE
        assert str(progress.content) == "1 of 6 done"
        await pilot.press("a")
        await settle(pilot)
        await pilot.press(*"Add a memory alert", "tab", "tab", "tab", *"sre", "tab", *"2024-06-01", "enter")
        await settle(pilot)
        added = app.document.tasks[1]
        assert (added.title, added.owner, str(added.due)) == ("Add a memory alert", "sre", "2024-06-01")
        assert str(progress.content) == "1 of 7 done, 1 overdue"  # today is 2024-06-15 in tests
        await pilot.press("K")
        await settle(pilot)
        assert app.document.tasks[0].title == "Add a memory alert"
        await pilot.press("e")
        await settle(pilot)
        await pilot.press("tab", "tab", "tab", "tab", "tab", *"P1", "enter")
        await settle(pilot)
        assert app.document.tasks[0].priority == "P1"
        await pilot.press("d")
        await settle(pilot)
        assert len(app.document.tasks) == 6 and "Add a memory alert" not in [
            t.title for t in app.document.tasks
        ]


async def test_moving_the_first_task_up_is_not_an_edit(tmp_path: Path) -> None:
    app = make_app(sample_copy(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        await settle(pilot)
        titles = [t.title for t in app.document.tasks]
        await pilot.press("K", "shift+up")
        await settle(pilot)
        assert [t.title for t in app.document.tasks] == titles
        assert not app.dirty and "●" not in app.sub_title and not app.history.can_undo
        await pilot.press("J")  # the first task still moves down
        await settle(pilot)
        assert app.dirty and app.document.tasks[1].title == titles[0]


async def test_a_bad_due_date_keeps_the_dialog_open(tmp_path: Path) -> None:
    app = make_app(sample_copy(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4", "a")
        await settle(pilot)
        await pilot.press(*"Write runbook", "tab", "tab", "tab", "tab", *"05/06/2024", "enter")
        await settle(pilot)
        assert isinstance(app.screen, TaskDialog)
        assert "ambiguous" in str(app.screen.query_one("#task-due-error").content)


# ------------------------------------------------------------------ preview


async def test_preview_follows_edits(tmp_path: Path) -> None:
    path = sample_copy(tmp_path)
    old_title = load(path).title
    rendered: set[str | None] = set()

    def note_renders(message: Message) -> None:
        if isinstance(message, Preview.Rendered):
            rendered.add(message.preview.id)

    app = make_app(path)
    async with app.run_test(size=SIZE, message_hook=note_renders) as pilot:
        await pilot.press("5")
        await wait_for_previews(pilot)
        preview = app.screen.query_one("#tab-preview", Preview)
        assert rendered == {"tab-preview"}  # the hidden side preview costs nothing
        assert "Issue Summary" in preview.text and old_title in preview.text
        rendered.clear()
        await pilot.press("1")
        await type_into(pilot, "#summary-title", "Renamed outage")
        await pilot.press("escape", "5")
        await wait_for_previews(pilot)
        assert rendered == {"tab-preview"}
        assert "Renamed outage" in preview.text and old_title not in preview.text


async def test_side_preview_only_on_wide_terminals(tmp_path: Path) -> None:
    app = make_app(sample_copy(tmp_path))
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.press("f6")
        await wait_for_previews(pilot)
        side = app.screen.query_one("#side-preview", Preview)
        assert side.display and side.region.width > 0 and "Issue Summary" in side.text
    narrow = make_app(sample_copy(tmp_path))
    async with narrow.run_test(size=SIZE) as pilot:
        await pilot.press("f6")
        await settle(pilot)
        assert not narrow.screen.has_class("-side-preview")


# ------------------------------------------------------------------ saving and quitting


async def test_save_writes_the_file(tmp_path: Path) -> None:
    path = sample_copy(tmp_path)
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await type_into(pilot, "#summary-severity", "SEV1")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not app.dirty
    assert load(path).severity == "SEV1"


async def test_a_new_report_asks_for_a_name_on_first_save(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    app = make_app(None)
    async with app.run_test(size=SIZE) as pilot:
        await type_into(pilot, "#summary-title", "DB failover")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, PathDialog)
        await type_into(pilot, "#path-input", "failover.toml")
        await pilot.press("enter")
        await settle(pilot)
        assert app.path == Path("failover.toml") and not app.dirty
    assert load(tmp_path / "failover.toml").title == "DB failover"


async def test_a_missing_file_is_offered_for_creation(tmp_path: Path) -> None:
    path = tmp_path / "new-incident.toml"
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("c")
        await settle(pilot)
    assert load(path).title == "New incident"


@pytest.mark.parametrize(
    ("answer", "saved", "running"), [("c", False, True), ("d", False, False), ("s", True, False)]
)
async def test_quit_with_unsaved_edits_asks(tmp_path: Path, answer: str, saved: bool, running: bool) -> None:
    path = sample_copy(tmp_path)
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await type_into(pilot, "#summary-severity", "SEV4")
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press(answer)
        await settle(pilot)
        assert app.is_running == running
    assert (load(path).severity == "SEV4") == saved


async def test_quit_without_edits_just_quits(tmp_path: Path) -> None:
    app = make_app(sample_copy(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert not app.is_running


async def test_sighup_writes_a_recovery_file_that_the_next_start_offers(tmp_path: Path) -> None:
    path = sample_copy(tmp_path)
    original = path.read_bytes()
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await type_into(pilot, "#summary-severity", "SEV1")
        os.kill(os.getpid(), signal.SIGHUP)
        await wait_until(pilot, lambda: not app.is_running, "the editor to exit on SIGHUP")
    assert path.read_bytes() == original  # never over the report
    journal = read_journal(beside_path(path))
    assert journal is not None and journal.report.severity == "SEV1"

    again = make_app(path)
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(again.screen, ChoiceDialog)
        await pilot.press("r")
        await settle(pilot)
        assert again.document.severity == "SEV1" and again.dirty
        await pilot.press("ctrl+s")
        await settle(pilot)
    assert load(path).severity == "SEV1"
    assert not beside_path(path).exists()


async def test_sigterm_without_edits_leaves_no_recovery_file(tmp_path: Path) -> None:
    path = sample_copy(tmp_path)
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        os.kill(os.getpid(), signal.SIGTERM)
        await wait_until(pilot, lambda: not app.is_running, "the editor to exit on SIGTERM")
    assert not beside_path(path).exists()


@pytest.mark.parametrize("answer", ["o", "r"])
async def test_a_file_changed_on_disk_is_not_clobbered(tmp_path: Path, answer: str) -> None:
    path = sample_copy(tmp_path)
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await type_into(pilot, "#summary-severity", "mine")
        path.write_text(
            path.read_text().replace('status = "final"', 'status = "review"\nseverity = "theirs"')
        )
        os.utime(path, ns=(1, 1))
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press(answer)
        await settle(pilot)
        if answer == "r":
            assert app.document.severity == "theirs" and not app.dirty
    assert load(path).severity == ("mine" if answer == "o" else "theirs")


async def test_export_markdown_from_the_editor(tmp_path: Path) -> None:
    path = sample_copy(tmp_path)
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+o")
        await settle(pilot)
        assert isinstance(app.screen, PathDialog)
        await pilot.press("enter")
        await settle(pilot)
    assert path.with_suffix(".md").read_text(encoding="utf-8") == render(load(path))  # as `pmtui export`


# ------------------------------------------------------------------ text is text

MARKUP = [
    "[bold]x",
    "[/]",
    "[x] done",
    "[@click=app.quit]x[/]",
    "[link=file:///etc/passwd]x[/link]",
    "日本語 🔥",
]


async def test_markup_like_text_is_shown_literally_everywhere(tmp_path: Path) -> None:
    path = sample_copy(tmp_path)
    app = make_app(path)
    nasty = " ".join(MARKUP)
    async with app.run_test(size=(120, 30)) as pilot:
        await type_into(pilot, "#summary-title", nasty)
        await type_into(pilot, "#summary-start", "[/] 14:00")
        assert app.screen.query_one("#summary-start").has_class("-invalid")
        await pilot.press("escape", "2", "a")
        await settle(pilot)
        await pilot.press(*"14:30", "tab", "tab", *nasty, "ctrl+s")
        await settle(pilot)
        await pilot.press("4", "a")
        await settle(pilot)
        await pilot.press(*nasty, "tab", "tab", "tab", *"[/]", "enter")
        await settle(pilot)
        await pilot.press("5")
        await wait_for_previews(pilot)
        assert app.is_running  # no action was triggered, nothing crashed
        screen_text = app.export_screenshot()
        assert app.title == nasty
        assert "[@click=app.quit]x[/]" in screen_text
        timeline = app.screen.query_one("#timeline-table", TimelineTable)
        assert [str(cell) for cell in timeline.row_cells(2)] == ["2024-05-10 14:30", "note", nasty]
        preview = app.screen.query_one("#tab-preview", Preview).text
        assert f"• 2024-05-10 14:30 UTC: {nasty}\n" in preview
        assert f"• [ ] {nasty} (owner: [/])\n" in preview
        tasks = app.screen.query_one("#task-list", DataTable)
        assert str(tasks.get_row_at(1)[1]) == nasty and str(tasks.get_row_at(1)[2]) == "[/]"
        await pilot.press("ctrl+s")
        await settle(pilot)
    assert load(path).title == nasty


# ------------------------------------------------------------------ opening Markdown


async def test_opening_markdown_imports_it_and_saves_beside_it(tmp_path: Path) -> None:
    source = tmp_path / "outage.md"
    seeds = Path(__file__).parent / "fixtures" / "seeds"
    source.write_bytes((seeds / "001_29b82cc6a98ade01.txt").read_bytes())
    before = source.read_bytes()
    app = make_app(source)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.path == tmp_path / "outage.toml" and app.dirty
        assert len(app.document.timeline) == 7 and app.document.timezone == "Africa/Nairobi"
        assert not (tmp_path / "outage.toml").exists()  # written only on save
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, ChoiceDialog), "where to keep the report")
        await pilot.press("t")  # keep a .toml beside the Markdown
        await settle(pilot)
    assert len(load(tmp_path / "outage.toml").tasks) == 9
    assert source.read_bytes() == before

    again = make_app(source)  # the report exists now: it is opened, not imported again
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert again.path == tmp_path / "outage.toml" and not again.dirty
