"""End to end in a real terminal at 80x24: escape in a dialog with text typed asks before discarding;
a Markdown postmortem opened as a report is told to import."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from pmtui.store import load

from .conftest import SEEDS
from .terminal_helpers import PMTUI, keys, open_in_tmux, screen, tmux, wait_for, wait_until, wait_until_gone
from .ui_helpers import DATED, sample_copy

__all__ = ["tmux"]  # the fixture, used by name

pytestmark = pytest.mark.e2e


def test_escape_in_the_add_event_dialog_asks_before_discarding(tmux: list[str], tmp_path: Path) -> None:
    report = sample_copy(tmp_path, DATED)
    before = load(report).timeline
    open_in_tmux(tmux, report)
    keys(tmux, "2")
    wait_for(tmux, "Timeline row 1 of")  # the table has the focus
    keys(tmux, "a")
    wait_for(tmux, "When (14:05")  # the dialog's own label ("Add event" is also in the footer)
    keys(tmux, "-l", "14:05")
    wait_for(tmux, "→ 2024-05-10 14:05 UTC")  # typed, and read back under the field
    keys(tmux, "Escape")
    shown = wait_for(tmux, "Discard changes to this event?")
    assert "escape or d: discard · enter: keep editing" in shown
    keys(tmux, "Enter")  # back to the dialog, the time still typed
    wait_until(lambda: "Discard changes" not in screen(tmux), "the question to close")
    assert "→ 2024-05-10 14:05 UTC" in wait_for(tmux, "When (14:05")
    keys(tmux, "Escape")
    wait_for(tmux, "Discard changes to this event?")
    keys(tmux, "Escape")  # escape twice discards
    wait_until(lambda: "When (14:05" not in screen(tmux), "the dialog to close")
    assert "Discard" not in wait_for(tmux, "Timeline row")
    keys(tmux, "a")  # and with nothing typed, escape closes at once
    wait_for(tmux, "When (14:05")
    keys(tmux, "Escape")
    wait_until(lambda: "When (14:05" not in screen(tmux), "the dialog to close")
    assert "Discard" not in screen(tmux)
    keys(tmux, "C-q")
    wait_until_gone(tmux)
    assert load(report).timeline == before


def test_a_markdown_postmortem_is_told_to_import(tmux: list[str], tmp_path: Path) -> None:
    notes = tmp_path / "x.txt"
    shutil.copy(SEEDS[0], notes)
    command = f"cd {tmp_path} && {PMTUI} x.txt; echo pmtui-exited-$?; sleep 60"
    subprocess.run([*tmux, "new-session", "-d", "-s", "pm", "-x", "80", "-y", "24", command], check=True)
    shown = wait_for(tmux, "pmtui-exited-2")
    assert "pmtui: x.txt: this looks like a Markdown postmortem: pmtui import x.txt" in shown
