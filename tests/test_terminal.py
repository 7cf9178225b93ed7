"""End to end in a real terminal: tmux runs the installed `pmtui` in a pty, keys go in, the file comes out."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Iterator

import pytest

from pmtui.store import load

from .ui_helpers import DATED, sample_copy

PMTUI = Path(sys.executable).with_name("pmtui")
pytestmark = pytest.mark.e2e


@pytest.fixture
def tmux(tmp_path: Path) -> Iterator[list[str]]:
    """A private tmux server, so the test never touches the user's sessions."""
    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed (make test installs it with apt-get where it can)")
    base = ["tmux", "-L", f"pmtui-test-{uuid.uuid4().hex[:8]}", "-f", "/dev/null"]
    yield base
    subprocess.run([*base, "kill-server"], capture_output=True)


def screen(tmux: list[str]) -> str:
    done = subprocess.run([*tmux, "capture-pane", "-p", "-t", "pm"], capture_output=True, text=True)
    return done.stdout


def wait_for(tmux: list[str], text: str, seconds: float = 15) -> str:
    deadline = time.monotonic() + seconds
    shown = ""
    while time.monotonic() < deadline:
        shown = screen(tmux)
        if text in shown:
            return shown
        time.sleep(0.1)
    raise AssertionError(f"{text!r} never appeared; the screen was:\n{shown}")


def keys(tmux: list[str], *sequence: str) -> None:
    """Type like a person: focus moves between keys, so give the app a moment after each send."""
    subprocess.run([*tmux, "send-keys", "-t", "pm", *sequence], check=True)
    time.sleep(0.4)


def open_in_tmux(tmux: list[str], report: Path) -> None:
    """The installed pmtui on `report`, in an 80x24 tmux window; the shell stays so the screen can be read."""
    command = f"cd {report.parent} && {PMTUI} {report.name}; sleep 30"
    subprocess.run([*tmux, "new-session", "-d", "-s", "pm", "-x", "80", "-y", "24", command], check=True)
    wait_for(tmux, "1 Summary")


def wait_until_gone(tmux: list[str], seconds: float = 10) -> None:
    deadline = time.monotonic() + seconds
    while "1 Summary" in screen(tmux) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert "1 Summary" not in screen(tmux), "pmtui did not quit"


def test_add_an_event_save_and_quit_in_a_real_terminal(tmux: list[str], tmp_path: Path) -> None:
    report = sample_copy(tmp_path, DATED)
    before = len(load(report).timeline)
    open_in_tmux(tmux, report)
    keys(tmux, "2")
    wait_for(tmux, "Time (UTC)")
    keys(tmux, "a")
    wait_for(tmux, "Add event")
    keys(tmux, "May 10, 2024 14:05")
    keys(tmux, "Tab")
    keys(tmux, "Tab")
    keys(tmux, "-l", "Pager fired [bold]from tmux[/]")
    keys(tmux, "C-s")
    wait_for(tmux, "Pager fired [bold]from tmux[/]")
    keys(tmux, "C-s")
    wait_for(tmux, "Saved")
    keys(tmux, "C-q")
    wait_until_gone(tmux)

    saved = load(report)
    assert len(saved.timeline) == before + 1
    assert saved.timeline[1].text == "Pager fired [bold]from tmux[/]"
    assert saved.timeline[1].at.isoformat() == "2024-05-10T14:05:00+00:00"


def test_quitting_with_unsaved_edits_asks_in_a_real_terminal(tmux: list[str], tmp_path: Path) -> None:
    report = sample_copy(tmp_path, DATED)
    original = report.read_bytes()
    open_in_tmux(tmux, report)
    keys(tmux, "4")
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
