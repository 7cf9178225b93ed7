"""Driving the installed `pmtui` in a real terminal: a private tmux server, keys in, screen out.

Every wait is on a condition (text on the screen, a file appearing), with a timeout.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

PMTUI = Path(sys.executable).with_name("pmtui")


@pytest.fixture
def tmux() -> Iterator[list[str]]:
    """A private tmux server, so the test never touches the user's sessions."""
    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed (.ci/run installs it with apt-get where it can)")
    base = ["tmux", "-L", f"pmtui-test-{uuid.uuid4().hex[:8]}", "-f", "/dev/null"]
    yield base
    subprocess.run([*base, "kill-server"], capture_output=True)


def screen(tmux: list[str], session: str = "pm") -> str:
    done = subprocess.run([*tmux, "capture-pane", "-p", "-t", session], capture_output=True, text=True)
    return done.stdout


def wait_until(condition: Callable[[], bool], what: str, seconds: float = 15) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


def wait_for(tmux: list[str], text: str, seconds: float = 15, session: str = "pm") -> str:
    deadline = time.monotonic() + seconds
    shown = ""
    while time.monotonic() < deadline:
        shown = screen(tmux, session)
        if text in shown:
            return shown
        time.sleep(0.05)
    raise AssertionError(f"{text!r} never appeared; the screen was:\n{shown}")


def keys(tmux: list[str], *sequence: str, session: str = "pm") -> None:
    subprocess.run([*tmux, "send-keys", "-t", session, *sequence], check=True)


def open_in_tmux(
    tmux: list[str],
    report: Path,
    session: str = "pm",
    ready: str = "1 Summary",
    size: tuple[int, int] = (80, 24),
) -> None:
    """The installed pmtui on `report` in a tmux window; the shell stays so the screen can be read after."""
    # COLUMNS and LINES reach the pane from the environment tmux was started in (80x24 under
    # pytest) and Textual believes them over the terminal: the window's own size must win.
    command = (
        f"cd {report.parent} && env -u COLUMNS -u LINES {PMTUI} {report.name}; echo pmtui-exited-$?; sleep 60"
    )
    subprocess.run(
        [*tmux, "new-session", "-d", "-s", session, "-x", str(size[0]), "-y", str(size[1]), command],
        check=True,
    )
    wait_for(tmux, ready, session=session)


def pmtui_pid(tmux: list[str], session: str = "pm") -> int:
    """The pid of the pmtui process running in a session (the shell's child)."""
    shell = subprocess.run(
        [*tmux, "display", "-p", "-t", session, "#{pane_pid}"], capture_output=True, text=True, check=True
    ).stdout.strip()
    children = subprocess.run(["pgrep", "-P", shell], capture_output=True, text=True).stdout.split()
    assert children, "pmtui is not running"
    return int(children[0])


def wait_until_gone(tmux: list[str], session: str = "pm", seconds: float = 10) -> None:
    wait_for(tmux, "pmtui-exited-", seconds, session)


def cursor(tmux: list[str], session: str = "pm") -> tuple[int, int]:
    shown = subprocess.run(
        [*tmux, "display", "-p", "-t", session, "#{cursor_x},#{cursor_y}"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    column, row = shown.split(",")
    return int(column), int(row)


def press_to_move_focus(tmux: list[str], *sequence: str, session: str = "pm") -> None:
    """Press keys that move the focus (Tab) and wait until the terminal's cursor has moved with it,
    so the keys typed next reach the new text field (a field without a cursor can be passed over)."""
    before = cursor(tmux, session)
    keys(tmux, *sequence, session=session)
    wait_until(lambda: cursor(tmux, session) != before, f"the cursor to leave {before} after {sequence}")


def save_and_quit(tmux: list[str], session: str = "pm") -> None:
    """ctrl+s, wait for "Saved", ctrl+q, and wait for pmtui to exit: how most end-to-end edits end."""
    keys(tmux, "C-s", session=session)
    wait_for(tmux, "Saved", session=session)
    keys(tmux, "C-q", session=session)
    wait_until_gone(tmux, session=session)
