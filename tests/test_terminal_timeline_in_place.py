"""End to end at 80x24 in tmux: an event's time changed in place, a log pasted (bracketed paste)
onto the timeline, and (at 160 columns) the side preview following the tab."""

from __future__ import annotations

import subprocess
from datetime import datetime, time
from pathlib import Path

import pytest

from pmtui.store import load
from pmtui.zones import zone_info

from .terminal_helpers import (
    keys,
    open_in_tmux,
    save_and_quit,
    screen,
    tmux,
    wait_for,
    wait_until,
)
from .ui_helpers import DATED, sample_copy

__all__ = ["tmux"]  # the fixture, used by name

pytestmark = pytest.mark.e2e


def test_t_on_a_row_changes_its_time_in_place(tmux: list[str], tmp_path: Path) -> None:
    report = sample_copy(tmp_path, DATED)
    texts = [e.text for e in load(report).timeline]
    open_in_tmux(tmux, report)
    keys(tmux, "2")
    wait_for(tmux, "Timeline row 1 of")
    keys(tmux, "Down", "t")
    wait_for(tmux, "│ Event time │")  # the status bar names the field in place
    keys(tmux, "-l", "8:05 PM EAT")
    wait_for(tmux, "→ 2024-05-10 17:05 UTC")  # what the typed time resolves to, before it is taken
    keys(tmux, "Enter")
    wait_for(tmux, "Timeline row")
    save_and_quit(tmux)
    saved = load(report)
    moved = next(e for e in saved.timeline if e.text == texts[1])
    assert isinstance(moved.at, datetime)
    assert moved.at.astimezone(zone_info("Africa/Nairobi")).time() == time(20, 5)
    assert sorted(e.text for e in saved.timeline) == sorted(texts)


def test_a_log_pasted_on_the_timeline_adds_its_events_after_the_confirmation(
    tmux: list[str], tmp_path: Path
) -> None:
    report = sample_copy(tmp_path, DATED)
    count = len(load(report).timeline)
    log = tmp_path / "chat.log"
    log.write_text(
        "[14:02] alice: restarted the db\nno time on this line\n2024-05-10T14:05Z deploy rolled back\n"
    )
    open_in_tmux(tmux, report)
    keys(tmux, "2")
    wait_for(tmux, "Timeline row 1 of")
    subprocess.run([*tmux, "load-buffer", str(log)], check=True)
    subprocess.run([*tmux, "paste-buffer", "-p", "-t", "pm"], check=True)  # -p: a bracketed paste
    wait_for(tmux, "Will add 2 events")
    wait_for(tmux, "Left out, no time: 'no time on this line'")
    keys(tmux, "C-s")
    wait_for(tmux, "Added 2 events")
    save_and_quit(tmux)
    saved = load(report)
    assert len(saved.timeline) == count + 2
    assert {"alice: restarted the db", "deploy rolled back"} <= {e.text for e in saved.timeline}


def preview_column(shown: str) -> list[str]:
    """The side preview's lines: right of its border, blank lines dropped."""
    column = [line.partition("▏")[2].strip() for line in shown.splitlines() if "▏" in line]
    return [line for line in column if line]


def test_the_side_preview_follows_the_tab_at_160_columns(tmux: list[str], tmp_path: Path) -> None:
    report = sample_copy(tmp_path, DATED)
    open_in_tmux(tmux, report, size=(160, 40))
    keys(tmux, "4")
    wait_for(tmux, "Task 1 of")
    keys(tmux, "F6")  # the preview opens beside the tasks, on their section
    wait_until(
        lambda: preview_column(screen(tmux))[:1] == ["Corrective and Preventative Measures"],
        "the tasks section at the top of the side preview",
    )
    keys(tmux, "2")
    wait_until(
        lambda: preview_column(screen(tmux))[:1] == ["Timeline (UTC)"],
        "the timeline section at the top of the side preview",
    )
    keys(tmux, "1")
    wait_until(
        lambda: "Issue Summary" in preview_column(screen(tmux))[:4], "the top of the report for the summary"
    )
