"""End to end in a real terminal: tmux runs the installed `pmtui` in a pty, keys go in, the file comes out."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from pmtui.store import load

from .terminal_helpers import (
    PMTUI,
    keys,
    open_in_tmux,
    press_to_move_focus,
    save_and_quit,
    tmux,
    wait_for,
    wait_until_gone,
)
from .ui_helpers import DATED, sample_copy

__all__ = ["tmux"]  # the fixture, used by name

pytestmark = pytest.mark.e2e


def test_add_an_event_save_and_quit_in_a_real_terminal(tmux: list[str], tmp_path: Path) -> None:
    report = sample_copy(tmp_path, DATED)
    before = len(load(report).timeline)
    open_in_tmux(tmux, report)
    keys(tmux, "2")
    wait_for(tmux, "Timeline row 1 of")  # the table has the focus, so `a` adds
    keys(tmux, "a")
    wait_for(tmux, "When (14:05")  # the dialog's own label ("Add event" is also in the footer)
    keys(tmux, "May 10, 2024 14:05")
    wait_for(tmux, "May 10, 2024 14:05")
    press_to_move_focus(tmux, "Tab", "Tab")  # past the kind, into what happened
    keys(tmux, "-l", "Pager fired [bold]from tmux[/]")
    wait_for(tmux, "Pager fired [bold]from tmux[/]")  # typed into the dialog's field
    keys(tmux, "C-s")
    wait_for(tmux, f"{before + 1} events")  # the dialog closed, the row is in
    save_and_quit(tmux)

    saved = load(report)
    assert len(saved.timeline) == before + 1
    assert saved.timeline[1].text == "Pager fired [bold]from tmux[/]"
    assert saved.timeline[1].at.isoformat() == "2024-05-10T14:05:00+00:00"


def test_quitting_with_unsaved_edits_asks_in_a_real_terminal(tmux: list[str], tmp_path: Path) -> None:
    report = sample_copy(tmp_path, DATED)
    original = report.read_bytes()
    open_in_tmux(tmux, report)
    keys(tmux, "4")
    wait_for(tmux, "0 of 6 done")
    keys(tmux, "Space")
    wait_for(tmux, "1 of 6 done")
    keys(tmux, "C-q")
    wait_for(tmux, "Save changes before quitting?")
    keys(tmux, "d")
    wait_until_gone(tmux)
    assert report.read_bytes() == original


def test_the_editor_without_a_terminal_says_so_and_exits_2(tmp_path: Path) -> None:
    report = sample_copy(tmp_path, DATED)
    done = subprocess.run([str(PMTUI), str(report)], stdin=subprocess.DEVNULL, capture_output=True, text=True)
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1 and "needs a terminal" in done.stderr
