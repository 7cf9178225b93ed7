"""The browser's Tasks and Stats views under Pilot (issue #13): the folder's action items,
marking one done in its report, the figures, and what the browser keeps across the editor."""

from __future__ import annotations

import os
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from pmtui.browser_app import BrowserApp, BrowserState
from pmtui.lock import lock_path, this_host, this_user
from pmtui.model import Postmortem, Summary, Task, TaskStatus
from pmtui.screens.choice import ChoiceDialog
from pmtui.store import load, save
from pmtui.widgets.folder_figures import FolderFigures
from pmtui.widgets.folder_tasks import FolderTasks
from pmtui.widgets.report_list import ReportList

from .ui_helpers import TODAY, text_on_screen, wait_until


@pytest.fixture
def team(tmp_path: Path) -> Path:
    start = datetime(2024, 5, 10, 14, 0, tzinfo=timezone.utc)
    save(
        Postmortem(
            title="Database failover",
            severity="SEV1",
            summary=Summary(start=start, end=start + timedelta(hours=3)),
            tasks=[
                Task(title="Add a lag alert", owner="ana", due=date(2024, 6, 1)),
                Task(title="Write the runbook", owner="bo", due=date(2024, 7, 1)),
                Task(title="Retire the old primary", status=TaskStatus.DONE),
            ],
        ),
        tmp_path / "db.toml",
    )
    save(
        Postmortem(
            title="Cache stampede",
            severity="SEV2",
            summary=Summary(start=start + timedelta(days=40)),
            tasks=[Task(title="Jitter the TTLs", owner="cy", due=date(2024, 5, 20))],
        ),
        tmp_path / "cache.toml",
    )
    (tmp_path / "broken.toml").write_text("title = [\n", encoding="utf-8")
    return tmp_path


async def tasks_view(pilot) -> FolderTasks:  # type: ignore[no-untyped-def]
    tasks = pilot.app.query_one(FolderTasks)
    await wait_until(pilot, lambda: bool(pilot.app.query_one(ReportList).entries), "the folder to be read")
    await pilot.press("2")
    await wait_until(pilot, lambda: pilot.app.focused is tasks, "the Tasks view")
    return tasks


def titles(tasks: FolderTasks) -> list[str]:
    return [tasks.row_cells(index)[3].plain for index in range(tasks.row_count)]


async def test_the_tasks_view_lists_open_tasks_overdue_first(team: Path) -> None:
    app = BrowserApp(team, today=lambda: TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        tasks = await tasks_view(pilot)
        assert titles(tasks) == ["Jitter the TTLs", "Add a lag alert", "Write the runbook"]
        first = [cell.plain for cell in tasks.row_cells(0)]
        assert first == ["[ ]", "2024-05-20", "cy", "Jitter the TTLs", "Cache stampede"]
        assert "3 open tasks · 2 overdue" in text_on_screen(app.query_one("#browser-status"))
        await pilot.press("a")  # done ones too
        assert "Retire the old primary" in titles(tasks)
        await pilot.press("a", "/")
        await pilot.press(*"ana")
        assert titles(tasks) == ["Add a lag alert"]


async def test_space_marks_the_task_done_in_its_report_and_again_opens_it(team: Path) -> None:
    app = BrowserApp(team, today=lambda: TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        tasks = await tasks_view(pilot)
        await pilot.press("j")  # "Add a lag alert", in db.toml
        await pilot.press("space")
        await wait_until(pilot, lambda: load(team / "db.toml").tasks[0].status is TaskStatus.DONE, "the save")
        await wait_until(pilot, lambda: tasks.row_cells(1)[0].plain == "[x]", "the row to say done")
        assert titles(tasks)[1] == "Add a lag alert" and tasks.cursor_row == 1  # it stays where it was
        assert "Marked done: Add a lag alert" in text_on_screen(app.query_one("#browser-detail"))
        assert "2 open tasks · 1 overdue" in text_on_screen(app.query_one("#browser-status"))
        reports = app.query_one(ReportList)
        db = next(
            index
            for index in range(reports.row_count)
            if reports.row_cells(index)[1].plain == "Database failover"
        )
        assert reports.row_cells(db)[6].plain == "1"  # one open task left there, none late
        await pilot.press("space")
        await wait_until(
            pilot, lambda: load(team / "db.toml").tasks[0].status is TaskStatus.OPEN, "the second save"
        )
    report = load(team / "db.toml")
    assert [task.title for task in report.tasks] == [
        "Add a lag alert",
        "Write the runbook",
        "Retire the old primary",
    ]


async def test_a_report_someone_is_editing_is_not_marked_and_the_user_is_told(team: Path) -> None:
    import subprocess
    import sys

    editor = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        os.symlink(f"{this_user()}@{this_host()}.{editor.pid}", lock_path(team / "cache.toml"))
        before = (team / "cache.toml").read_bytes()
        app = BrowserApp(team, today=lambda: TODAY)
        async with app.run_test(size=(80, 24)) as pilot:
            tasks = await tasks_view(pilot)
            await pilot.press("space")  # "Jitter the TTLs", in cache.toml
            await wait_until(pilot, lambda: not app._marking, "the answer")
            assert tasks.row_cells(0)[0].plain == "[ ]"
            shown = [str(toast.message) for toast in app._notifications]
            assert any("cache.toml: being edited by" in message for message in shown)
        assert (team / "cache.toml").read_bytes() == before
    finally:
        editor.kill()
        editor.wait()


async def test_comments_the_write_would_drop_are_asked_about(team: Path) -> None:
    path = team / "cache.toml"
    path.write_text(path.read_text(encoding="utf-8") + "# ask cy first\n", encoding="utf-8")
    app = BrowserApp(team, today=lambda: TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await tasks_view(pilot)
        await pilot.press("space")
        await wait_until(pilot, lambda: isinstance(app.screen, ChoiceDialog), "the question")
        assert "drops the comment on line" in text_on_screen(app.screen)
        await pilot.press("escape")
        await wait_until(pilot, lambda: not app._marking, "the answer")
        assert "# ask cy first" in path.read_text(encoding="utf-8")
        await pilot.press("space")
        await wait_until(pilot, lambda: isinstance(app.screen, ChoiceDialog), "the question again")
        await pilot.press("w")
        await wait_until(pilot, lambda: load(path).tasks[0].status is TaskStatus.DONE, "the save")


async def test_the_stats_view_shows_the_figures_of_the_reports_the_filter_lets_through(team: Path) -> None:
    app = BrowserApp(team, today=lambda: TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: bool(app.query_one(ReportList).entries), "the folder to be read")
        await pilot.press("3")
        figures = app.query_one(FolderFigures)
        shown = text_on_screen(figures)
        assert "2 reports (1 could not be read)" in shown
        assert "2024-05" in shown and "2024-06" in shown and "SEV1" in shown
        await pilot.press("/", *"cache")
        await pilot.pause()
        shown = text_on_screen(figures)
        assert "1 report" in shown and "SEV2" in shown and "SEV1" not in shown


async def test_coming_back_from_the_editor_keeps_the_view_the_filter_and_the_row(team: Path) -> None:
    state = BrowserState()
    app = BrowserApp(team, state=state, today=lambda: TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await tasks_view(pilot)
        await pilot.press("/", *"runbook", "enter")
        await pilot.press("enter")  # opens the task's report
    assert app.return_value == team / "db.toml"
    again = BrowserApp(team, state=state, today=lambda: TODAY)
    async with again.run_test(size=(80, 24)) as pilot:
        tasks = again.query_one(FolderTasks)
        await wait_until(pilot, lambda: tasks.row_count == 1, "the filtered tasks")
        assert again.focused is tasks
        assert again.query_one("#browser-filter-input").value == "runbook"
        assert titles(tasks) == ["Write the runbook"]


async def test_a_big_folder_says_how_far_reading_has_got(tmp_path: Path) -> None:
    for number in range(300):
        save(Postmortem(title=f"Report {number}"), tmp_path / f"r{number:03}.toml")
    said: list[str] = []
    app = BrowserApp(tmp_path, today=lambda: TODAY)
    original = app._say_progress

    def noted(done: int, total: int) -> None:
        original(done, total)
        said.append(text_on_screen(app.query_one("#browser-status")))

    app._say_progress = noted  # type: ignore[method-assign]
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: bool(app.query_one(ReportList).entries), "the folder to be read")
        assert "300 reports" in text_on_screen(app.query_one("#browser-status"))
    assert said and all(" of 300 files" in line for line in said)


async def test_quitting_while_the_folder_loads_stops_the_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Else quitting waits for the whole folder: the reading thread is joined at exit."""
    import time

    import pmtui.folder as folder_module

    for number in range(100):
        save(Postmortem(title=f"Report {number}"), tmp_path / f"r{number:03}.toml")
    original = folder_module.read_listed
    read: list[Path] = []

    def slow(path: Path) -> object:
        time.sleep(0.05)  # 5 s for the folder
        read.append(path)
        return original(path)

    monkeypatch.setattr(folder_module, "read_listed", slow)
    app = BrowserApp(tmp_path, today=lambda: TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: len(read) >= 3, "the reading to start")
    time.sleep(0.3)  # the file being read when the browser quit
    count = len(read)
    time.sleep(0.3)
    assert len(read) == count < 100, "the folder was still being read after the browser quit"


async def test_marking_a_task_listed_out_of_its_reports_order_changes_that_row_only(tmp_path: Path) -> None:
    """The list is by due date, the report in its own order: a mark must not mix them up."""
    save(
        Postmortem(
            title="Out of order",
            tasks=[
                Task(title="Old done one", status=TaskStatus.DONE),
                Task(title="Due in September", due=date(2024, 9, 1)),
                Task(title="Due in August", due=date(2024, 8, 1)),
            ],
        ),
        tmp_path / "order.toml",
    )
    app = BrowserApp(tmp_path, today=lambda: TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        tasks = await tasks_view(pilot)
        assert titles(tasks) == ["Due in August", "Due in September"]
        await pilot.press("space")
        await wait_until(pilot, lambda: tasks.row_cells(0)[0].plain == "[x]", "the row to say done")
        assert titles(tasks) == ["Due in August", "Due in September"]
        assert [tasks.row_cells(i)[0].plain for i in range(2)] == ["[x]", "[ ]"]
        await pilot.press("j", "space")
        await wait_until(
            pilot, lambda: not app._marking and tasks.row_cells(1)[0].plain == "[x]", "the second mark"
        )
    statuses = [task.status for task in load(tmp_path / "order.toml").tasks]
    assert statuses == [TaskStatus.DONE, TaskStatus.DONE, TaskStatus.DONE]


async def test_a_view_shown_after_the_filter_changed_follows_it(team: Path) -> None:
    """The hidden views catch up when shown, not on every key typed in the filter."""
    app = BrowserApp(team, today=lambda: TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: bool(app.query_one(ReportList).entries), "the folder to be read")
        await pilot.press("/", *"cache", "enter")
        await pilot.press("2")
        tasks = app.query_one(FolderTasks)
        await wait_until(pilot, lambda: app.focused is tasks, "the Tasks view")
        assert titles(tasks) == ["Jitter the TTLs"]
        await pilot.press("3")
        await pilot.pause()
        assert "SEV1" not in text_on_screen(app.query_one(FolderFigures))
