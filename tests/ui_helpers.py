"""Helpers for driving the editor with Pilot: a fixed clock and copies of the samples."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from textual.pilot import Pilot

from pmtui.app import PostmortemApp
from pmtui.opening import create_app

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
DATED = "2024-05-10-web-app-memory-leak.toml"
UNDATED = "undated-server-outage-eat.toml"
TODAY = date(2024, 6, 15)


def sample_copy(folder: Path, name: str = DATED) -> Path:
    target = folder / name
    shutil.copy(SAMPLES / name, target)
    return target


def make_app(path: Path | None) -> PostmortemApp:
    return create_app(path, today=lambda: TODAY)


async def type_into(pilot: Pilot, selector: str, text: str, clear: bool = True) -> None:
    """Focus a field the way a user would (click), clear it, and type."""
    widget = pilot.app.screen.query_one(selector)
    widget.focus()
    await pilot.pause()
    if clear:
        if hasattr(widget, "select_all"):
            widget.select_all()
            await pilot.press("backspace")
        else:
            widget.value = ""
    await pilot.press(*text)
    await pilot.pause()


async def settle(pilot: Pilot) -> None:
    """Wait until the app is idle: saves and journal writes (worker threads) finished, screen updated."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
