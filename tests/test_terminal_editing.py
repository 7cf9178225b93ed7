"""End to end at 80x24 in tmux: the focus follows a tab switch, and ctrl+z in a text area is the report's undo."""

from __future__ import annotations

from pathlib import Path

import pytest

from pmtui.store import load

from .terminal_helpers import keys, open_in_tmux, save_and_quit, tmux, wait_for
from .ui_helpers import DATED, sample_copy

__all__ = ["tmux"]  # the fixture, used by name

pytestmark = pytest.mark.e2e


def test_typing_after_a_tab_key_lands_in_a_field_not_a_command(tmux: list[str], tmp_path: Path) -> None:
    report = sample_copy(tmp_path, DATED)
    title = load(report).title
    open_in_tmux(tmux, report)
    keys(tmux, "1")
    wait_for(tmux, "│ Title │")  # the status bar names the field that has the focus
    keys(tmux, "-l", "SEV2")
    wait_for(tmux, title + "SEV2")  # typed into the title field, not taken as keys for the tabs
    save_and_quit(tmux)
    assert load(report).title == title + "SEV2"


def test_ctrl_z_in_the_impact_field_undoes_the_report_edit(tmux: list[str], tmp_path: Path) -> None:
    report = sample_copy(tmp_path, DATED)
    impact = load(report).summary.impact
    open_in_tmux(tmux, report)
    keys(tmux, "1")
    for _ in range(7):  # from the title: status, severity, authors, zone, start, end, impact
        keys(tmux, "Tab")
    wait_for(tmux, "│ Impact │")  # the status bar names the focused field
    keys(tmux, "-l", "Typo ")
    wait_for(tmux, "Typo The web application")
    keys(tmux, "C-z")
    wait_for(tmux, "Undid: edit summary.impact")
    save_and_quit(tmux)
    assert load(report).summary.impact == impact
