"""The report browser under Pilot (issue #13): rows, sorting, filtering, broken files, new reports."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from pmtui.browser_app import BrowserApp
from pmtui.model import Postmortem, Summary, Task
from pmtui.screens.path_dialog import PathDialog
from pmtui.store import save
from pmtui.widgets.report_list import ReportList

from .ui_helpers import text_on_screen, wait_until

TODAY = date(2024, 6, 15)


@pytest.fixture
def team(tmp_path: Path) -> Path:
    start = datetime(2024, 5, 10, 14, 0, tzinfo=timezone.utc)
    save(
        Postmortem(
            title="Database failover",
            severity="SEV1",
            summary=Summary(start=start, end=start + timedelta(hours=3)),
            tasks=[Task(title="Add a lag alert", owner="ana", due=date(2024, 6, 1)), Task(title="Runbook")],
        ),
        tmp_path / "db.toml",
    )
    save(
        Postmortem(title="Cache stampede", summary=Summary(start=start + timedelta(days=20))),
        tmp_path / "cache.toml",
    )
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "dns.md").write_text(
        "# DNS outage\n\n## Timeline\n\n- 10:00 UTC: paged\n", encoding="utf-8"
    )
    (tmp_path / "broken.toml").write_text("title = [\n", encoding="utf-8")
    return tmp_path


async def loaded(pilot) -> ReportList:
    reports = pilot.app.query_one(ReportList)
    await wait_until(pilot, lambda: bool(reports.entries), "the folder to be read")
    return reports


async def test_every_file_is_a_row_newest_first(team: Path) -> None:
    app = BrowserApp(team, today=lambda: TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        reports = await loaded(pilot)
        titles = [reports.row_cells(i)[1].plain for i in range(reports.row_count)]
        assert titles[:3] == ["Cache stampede", "Database failover", "DNS outage"]  # by date, newest first
        broken = reports.row_cells(3)  # no date: last, beside the other undated file
        assert (
            broken[1].plain.startswith("⚠ ")
            and "TOML syntax" in broken[1].plain
            and broken[3].plain == "broken"
        )
        assert reports.row_cells(2)[3].plain == "import"  # a Markdown postmortem: opening imports it
        assert [cell.plain for cell in reports.row_cells(1)] == [
            "2024-05-10",
            "Database failover",
            "SEV1",
            "draft",
            "3h",
            "",
            "2, 1 late",
        ]
        assert "4 reports · by date" in text_on_screen(app.query_one("#browser-status"))


async def test_sorting_and_filtering(team: Path) -> None:
    app = BrowserApp(team, today=lambda: TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        reports = await loaded(pilot)
        await pilot.press("s")  # by title, A to Z
        titles = [reports.row_cells(i)[1].plain for i in range(reports.row_count)]
        assert titles[:3] == ["Cache stampede", "Database failover", "DNS outage"] and titles[3].startswith(
            "⚠"
        )
        await pilot.press("r")
        reversed_titles = [reports.row_cells(i)[1].plain for i in range(reports.row_count)]
        assert reversed_titles == titles[::-1]
        await pilot.press("slash", *"ana")  # an owner: the filter looks in tasks too
        await pilot.pause()
        assert [reports.row_cells(i)[1].plain for i in range(reports.row_count)] == ["Database failover"]
        assert "1 match" in text_on_screen(app.query_one("#browser-status"))
        await pilot.press("escape")  # empties the filter
        await pilot.pause()
        assert reports.row_count == 4 and reports.has_focus


async def test_enter_opens_the_selected_report_and_n_starts_a_new_one(team: Path) -> None:
    app = BrowserApp(team, today=lambda: TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        reports = await loaded(pilot)
        reports.move_cursor(row=1)
        await pilot.press("enter")
    assert app.return_value == team / "db.toml"
    app = BrowserApp(team, today=lambda: TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("n")
        await wait_until(pilot, lambda: isinstance(app.screen, PathDialog), "the file name dialog")
        await pilot.press("enter")
    assert app.return_value == team / "2024-06-15-incident.toml"
