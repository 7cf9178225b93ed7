"""End to end at 80x24 in tmux: the unsaved marker survives a long title, F1 shows the keys,
and the export key works from inside a text field."""

from __future__ import annotations

from pathlib import Path

import pytest

from pmtui.render.markdown import render
from pmtui.store import load

from .terminal_helpers import keys, open_in_tmux, screen, tmux, wait_for, wait_until, wait_until_gone
from .ui_helpers import DATED, sample_copy

__all__ = ["tmux"]  # the fixture, used by name

pytestmark = pytest.mark.e2e

LONG_TITLE = "Checkout and payments down for every customer in every region after a cache change"


def test_status_help_and_export_from_a_text_field_at_80x24(tmux: list[str], tmp_path: Path) -> None:
    report = sample_copy(tmp_path, DATED)
    open_in_tmux(tmux, report)
    wait_for(tmux, "saved")
    keys(tmux, "Tab")  # into the title
    wait_for(tmux, "│ Title")
    keys(tmux, "C-u")
    keys(tmux, "-l", LONG_TITLE)
    wait_for(tmux, LONG_TITLE[-24:])  # the whole title typed (the field shows its end)
    # the status bar follows the typing a frame behind: wait for it to show the title's start
    wait_until(lambda: LONG_TITLE[:12] in screen(tmux).splitlines()[0], "the status bar to show the title")
    top = screen(tmux).splitlines()[0]
    assert "● unsaved" in top and "Title" in top and LONG_TITLE[:12] in top and LONG_TITLE not in top

    keys(tmux, "F1")
    shown = wait_for(tmux, "pmtui keys")
    assert "ctrl+o" in shown and "Export the report as Markdown" in shown
    keys(tmux, "Escape")
    wait_until(lambda: "pmtui keys" not in screen(tmux), "escape to close the help")

    keys(tmux, "C-o")  # from inside the title field: ctrl+e would have been end-of-line there
    wait_for(tmux, "Export Markdown to")
    keys(tmux, "Enter")
    wait_for(tmux, "Exported")
    keys(tmux, "C-s")
    wait_until(lambda: "│ saved " in screen(tmux).splitlines()[0], "the status bar to say saved")
    keys(tmux, "C-q")
    wait_until_gone(tmux)

    assert load(report).title == LONG_TITLE
    assert report.with_suffix(".md").read_text(encoding="utf-8") == render(load(report))
