"""The report browser in a real terminal at 80x24 (issue #13): the installed `pmtui DIR`,
keys typed through tmux, the screen read back."""

from __future__ import annotations

from pathlib import Path

import pytest

from pmtui.model import Postmortem, Task
from pmtui.store import load, save

from .terminal_helpers import keys, open_in_tmux, screen, tmux, wait_for, wait_until

__all__ = ["tmux"]  # the fixture, used by name


@pytest.fixture
def team(tmp_path: Path) -> Path:
    folder = tmp_path / "postmortems"
    (folder / "2024").mkdir(parents=True)
    save(
        Postmortem(title="Database failover", tasks=[Task(title="Add a lag alert")]),
        folder / "2024" / "db.toml",
    )
    save(Postmortem(title="Cache stampede", severity="SEV2"), folder / "cache.toml")
    (folder / "broken.toml").write_text("title = [\n", encoding="utf-8")
    return folder


def test_open_a_report_from_the_list_edit_it_and_come_back(tmux: list[str], team: Path) -> None:
    open_in_tmux(tmux, team, ready="3 reports · ")
    shown = screen(tmux)
    assert "Database failover" in shown and "Cache stampede" in shown and "⚠" in shown
    keys(tmux, "/")
    keys(tmux, "-l", "cache")
    wait_for(tmux, "1 match")
    assert "Database failover" not in screen(tmux)
    keys(tmux, "Enter")  # from the filter to the list
    keys(tmux, "Enter")  # open the report
    wait_for(tmux, "1 Summary")
    keys(tmux, "Tab")  # from the tab bar into the title
    wait_for(tmux, "│ Title │")
    keys(tmux, "End")  # tab selects the field's text; typing would replace it
    keys(tmux, "-l", " (edited)")
    wait_for(tmux, "Cache stampede (edited)")
    keys(tmux, "C-s")
    wait_until(lambda: load(team / "cache.toml").title == "Cache stampede (edited)", "the save")
    keys(tmux, "C-q")  # the editor quits: back to the list, which shows the new title
    wait_for(tmux, "3 reports · ")
    wait_for(tmux, "Cache stampede (edited)")
    keys(tmux, "C-q")
    wait_for(tmux, "pmtui-exited-0")


def test_escape_on_the_tab_bar_goes_back_and_asks_about_unsaved_edits(tmux: list[str], team: Path) -> None:
    open_in_tmux(tmux, team, ready="3 reports · ")
    keys(tmux, "/")
    keys(tmux, "-l", "database")
    wait_for(tmux, "1 match")
    keys(tmux, "Enter", "Enter")
    wait_for(tmux, "1 Summary")
    keys(tmux, "Tab")
    wait_for(tmux, "│ Title │")
    keys(tmux, "End")
    keys(tmux, "-l", "!")
    wait_for(tmux, "Database failover!")
    keys(tmux, "Escape")  # out of the field, to the tab bar
    keys(tmux, "Escape")  # and back to the list: unsaved edits, so it asks
    wait_for(tmux, "Discard")
    keys(tmux, "d")
    wait_for(tmux, "3 reports · ")
    assert load(team / "2024" / "db.toml").title == "Database failover"  # discarded, as chosen


def test_mark_a_task_done_in_the_tasks_view(tmux: list[str], team: Path) -> None:
    open_in_tmux(tmux, team, ready="3 reports · ")
    keys(tmux, "2")
    shown = wait_for(tmux, "1 open task")
    assert "[ ]" in shown.split("Add a lag alert")[0].splitlines()[-1] and "Database failover" in shown
    keys(tmux, "Space")
    wait_for(tmux, "Marked done: Add a lag alert")
    wait_until(lambda: load(team / "2024" / "db.toml").tasks[0].status.value == "done", "the save")
    assert "[x]" in screen(tmux).split("Add a lag alert")[0].splitlines()[-1]  # the row says so, in place
    keys(tmux, "1")  # the report's row counts one open task fewer
    wait_for(tmux, "by date")
    keys(tmux, "C-q")
    wait_for(tmux, "pmtui-exited-0")
