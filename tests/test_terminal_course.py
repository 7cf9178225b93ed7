"""End to end at 80x24 in tmux: the Summary tab draws the incident's course with its figures."""

from __future__ import annotations

from pathlib import Path

import pytest

from .terminal_helpers import keys, open_in_tmux, tmux, wait_for, wait_until_gone
from .ui_helpers import UNDATED, sample_copy

__all__ = ["tmux"]  # the fixture, used by name

pytestmark = pytest.mark.e2e


def test_the_summary_tab_shows_the_course_and_still_the_impact(tmux: list[str], tmp_path: Path) -> None:
    open_in_tmux(tmux, sample_copy(tmp_path, UNDATED))
    # the first frame is drawn before the form's scrollbar takes two columns: wait for the line redrawn
    course = "Course    20:00 ●D──────────M──────────R 22:00 EAT  TTD 0m · TTM 1h · TTR 2h"
    shown = wait_for(tmux, course)
    assert "During this period, users experienced" in shown  # the impact is still in view
    keys(tmux, "C-q")
    wait_until_gone(tmux)
