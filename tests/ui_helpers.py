"""Helpers for driving the editor with Pilot: a fixed clock and copies of the samples."""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from textual.pilot import Pilot
from textual.widget import Widget

from pmtui.app import PostmortemApp
from pmtui.opening import create_app
from pmtui.widgets.preview import Preview
from pmtui.widgets.timeline_table import TimelineTable

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


async def wait_until(pilot: Pilot, condition: Callable[[], bool], what: str, seconds: float = 15) -> None:
    """Let the app run until `condition()` holds; fail naming `what` after `seconds`.

    Each `pilot.pause()` handles the pending messages and waits for the process to go idle
    (at least 20 ms), so the loop gives worker threads and timers their turn without spinning.
    """
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {seconds} s waiting for {what}")
        await pilot.pause()


async def show_timeline(pilot: Pilot) -> TimelineTable:
    """Press 2 once the app is idle and wait until the timeline's table (mounted after the
    first frame) has the focus."""
    await settle(pilot)
    await pilot.press("2")
    await wait_until(pilot, lambda: isinstance(pilot.app.focused, TimelineTable), "the timeline to get focus")
    return pilot.app.screen.query_one(TimelineTable)


async def wait_for_previews(pilot: Pilot, seconds: float = 15) -> None:
    """Wait until every preview on screen shows the report as it is now (each posted `Preview.Rendered`)."""
    await pilot.pause()  # edits and tab switches reach the previews first
    for preview in pilot.app.screen.query(Preview):
        await wait_until(
            pilot, lambda preview=preview: preview.up_to_date, f"#{preview.id} to render", seconds
        )
    await pilot.pause()  # and the app has handled their Rendered messages


def text_on_screen(widget: Widget) -> str:
    """What a user reads of `widget` on screen now: its rows as rendered, cut to its columns, joined.

    Text cut off at the edge, scrolled out of view or covered is missing from it.
    """
    lines = [strip.text for strip in widget.screen._compositor.render_strips()]
    region = widget.region
    rows = lines[region.y : region.bottom]
    return " ".join(" ".join(row[region.x : region.right].split()) for row in rows).strip()


def listening(app: PostmortemApp) -> list[str]:
    """What the app tells the user (its notifications), as they are said."""
    said: list[str] = []
    notify = app.notify

    def record(message: str, *args: object, **kwargs: object) -> None:
        said.append(message)
        notify(message, *args, **kwargs)  # type: ignore[arg-type]

    app.notify = record  # type: ignore[method-assign]
    return said
