"""End to end at 80x24 in tmux: find and go to, the warnings list, the tables' keys and detail
line, help on `?`, and the export dialog's Mermaid setting, on the installed command."""

from __future__ import annotations

from pathlib import Path

import pytest

from pmtui.store import load

from .terminal_helpers import keys, open_in_tmux, screen, tmux, wait_for, wait_until, wait_until_gone
from .ui_helpers import DATED, sample_copy

__all__ = ["tmux"]  # the fixture, used by name

pytestmark = pytest.mark.e2e


def status(tmux: list[str]) -> str:
    """The status bar: the screen's top line."""
    return screen(tmux).splitlines()[0]


def test_find_goes_to_each_match_and_n_goes_on_from_the_tab_bar(tmux: list[str], tmp_path: Path) -> None:
    report = sample_copy(tmp_path, DATED)
    before = report.read_bytes()
    open_in_tmux(tmux, report)
    wait_for(tmux, "│ Tab bar │")
    keys(tmux, "/")  # find, from outside a text field
    wait_for(tmux, "Find:")
    keys(tmux, "-l", "memory leak")
    keys(tmux, "Enter")
    wait_for(tmux, "'memory leak': match 1 of")
    wait_until(lambda: "│ Title │" in status(tmux), "the title, where the first match is, to have the focus")
    keys(tmux, "F3")  # from inside the field: n would be a letter there
    wait_for(tmux, "'memory leak': match 2 of")
    keys(tmux, "Escape")  # leave the field for the tab bar, where n is a key again
    wait_for(tmux, "│ Tab bar │")
    keys(tmux, "n")
    wait_for(tmux, "'memory leak': match 3 of")
    keys(tmux, "F3")
    wait_for(tmux, "'memory leak': match 4 of")
    keys(tmux, "C-q")
    wait_until_gone(tmux)
    assert report.read_bytes() == before  # going to matches changed nothing


def test_the_warnings_list_goes_to_the_row_it_names(tmux: list[str], tmp_path: Path) -> None:
    report = sample_copy(tmp_path, DATED)
    open_in_tmux(tmux, report)
    wait_for(tmux, "│ 6 warnings")  # the count in the status bar
    keys(tmux, "w")
    shown = wait_for(tmux, "enter: go there")
    assert shown.count("no owner") == 6 and "Tasks row 2" in shown
    keys(tmux, "Down", "Enter")
    wait_for(tmux, "│ Task 2 of 6 │")  # the second task has the focus (on failure, the screen is shown)
    shown = wait_for(tmux, "⚠ no owner. Conduct thorough code reviews")  # the detail line names it
    keys(tmux, "C-q")
    wait_until_gone(tmux)


def test_table_keys_and_the_detail_line_show_a_whole_event(tmux: list[str], tmp_path: Path) -> None:
    report = sample_copy(tmp_path, DATED)
    last = load(report).timeline[-1]
    open_in_tmux(tmux, report)
    keys(tmux, "2")
    wait_for(tmux, "│ Timeline row 1 of 9 │")
    keys(tmux, "G")
    wait_for(tmux, "│ Timeline row 9 of 9 │")
    shown = wait_for(tmux, last.text[-30:])  # the row cuts the text; the line under the table has it all
    assert last.text[:20] in shown
    keys(tmux, "k", "k")
    wait_for(tmux, "│ Timeline row 7 of 9 │")
    keys(tmux, "g")
    wait_for(tmux, "│ Timeline row 1 of 9 │")
    keys(tmux, "j")
    shown = wait_for(tmux, "│ Timeline row 2 of 9 │")
    assert " note " in shown  # a note's kind is shown as "note", not an empty cell
    keys(tmux, "?")  # help, from the table
    wait_for(tmux, "pmtui keys")
    keys(tmux, "Escape")
    wait_until(lambda: "pmtui keys" not in screen(tmux), "escape to close the help")
    keys(tmux, "C-q")
    wait_until_gone(tmux)


def test_export_with_the_mermaid_timeline_ticked(tmux: list[str], tmp_path: Path) -> None:
    report = sample_copy(tmp_path, DATED)
    open_in_tmux(tmux, report)
    wait_for(tmux, "│ Tab bar │")
    keys(tmux, "C-o")
    wait_for(tmux, "Include a Mermaid timeline")
    keys(tmux, "Tab", "Space", "Enter")  # to the checkbox, tick it, OK
    wait_for(tmux, "Exported")
    keys(tmux, "C-q")
    wait_until_gone(tmux)
    exported = report.with_suffix(".md").read_text(encoding="utf-8")
    assert "```mermaid\ntimeline" in exported
