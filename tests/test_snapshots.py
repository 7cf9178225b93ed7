"""How the editor looks, pinned as SVG snapshots: every tab at 80x24 and 160x40, the dialogs.

Deterministic by construction: a fixed "today", a relative file name, no clock.
Update only after reading the diff, with `make golden` (it passes `--snapshot-update`).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from .ui_helpers import DATED, UNDATED, make_app, sample_copy, type_into, wait_for_previews, wait_until

TABS = {"summary": "1", "timeline": "2", "root-cause": "3", "tasks": "4", "preview": "5"}
SIZES = {"80x24": (80, 24), "160x40": (160, 40)}


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run from a temp folder so the header shows a short relative file name."""
    monkeypatch.chdir(tmp_path)
    sample_copy(tmp_path, DATED)
    sample_copy(tmp_path, UNDATED)
    return tmp_path


async def settle(pilot: Pilot) -> None:
    """Wait for the previews' background renders and any tab animation; stop the cursor blinking.

    A tab key focuses the tab's first field, so a text cursor may be on screen: its
    blink (every 0.5 s) would make the picture depend on when it was taken.
    """
    await wait_for_previews(pilot)
    await pilot.wait_for_scheduled_animations()
    for field in pilot.app.screen.query("Input, TextArea"):
        field.cursor_blink = False  # type: ignore[attr-defined]
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES, ids=list(SIZES))
@pytest.mark.parametrize("tab", TABS, ids=list(TABS))
def test_tab(snap_compare, in_tmp: Path, tab: str, size: str) -> None:
    async def show(pilot: Pilot) -> None:
        await pilot.press(TABS[tab])
        await wait_until(pilot, lambda: focus_on_tab(pilot, tab), f"the focus on the {tab} tab")
        await scrolling_done(pilot)
        for widget in pilot.app.screen.query("*"):  # one picture: every scrollable at its top
            if widget.is_scrollable:
                widget.scroll_home(animate=False, immediate=True)
        await settle(pilot)

    assert snap_compare(make_app(Path(DATED)), terminal_size=SIZES[size], run_before=show)


async def scrolling_done(pilot: Pilot) -> None:
    """Focusing a field scrolls it into view a frame or two later: wait until nothing moves."""
    last, still = None, 0
    while still < 3:
        await pilot.pause()
        now = tuple(widget.scroll_offset for widget in pilot.app.screen.query("*") if widget.is_scrollable)
        still = still + 1 if now == last else 0
        last = now


def focus_on_tab(pilot: Pilot, tab: str) -> bool:
    """The tab key focuses the tab's first field once the tab is mounted (lazily, for hidden tabs)."""
    focused = pilot.app.focused
    return focused is not None and any(node.id == tab for node in focused.ancestors_with_self)


def test_undated_timeline_in_eat(snap_compare, in_tmp: Path) -> None:
    async def show(pilot: Pilot) -> None:
        await pilot.press("2")
        await settle(pilot)

    assert snap_compare(make_app(Path(UNDATED)), terminal_size=(80, 24), run_before=show)


def test_side_preview(snap_compare, in_tmp: Path) -> None:
    async def show(pilot: Pilot) -> None:
        await pilot.press("2", "f6")
        await settle(pilot)

    assert snap_compare(make_app(Path(DATED)), terminal_size=(160, 40), run_before=show)


@pytest.mark.parametrize("keys", [("2", "enter"), ("4", "a"), ("ctrl+q",)], ids=["event", "task", "quit"])
def test_dialog(snap_compare, in_tmp: Path, keys: tuple[str, ...]) -> None:
    async def show(pilot: Pilot) -> None:
        if keys == ("ctrl+q",):
            await pilot.press("4", "space")  # an unsaved edit, so quitting asks
        await pilot.press(*keys)
        await settle(pilot)

    assert snap_compare(make_app(Path(DATED)), terminal_size=(80, 24), run_before=show)


def test_event_dialog_hint(snap_compare, in_tmp: Path) -> None:
    """`+15m` after the 20:15 event: the line under the time says where it lands."""

    async def show(pilot: Pilot) -> None:
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("down", "a")
        await settle(pilot)
        await pilot.press(*"+15m")
        await settle(pilot)

    assert snap_compare(make_app(Path(UNDATED)), terminal_size=(80, 24), run_before=show)


def test_summary_wrapped_error(snap_compare, in_tmp: Path) -> None:
    """A time that does not read stays as typed, marked, with the whole reason wrapped under it."""

    async def show(pilot: Pilot) -> None:
        await settle(pilot)
        await type_into(pilot, "#summary-end", "9:30 PM yday")
        await pilot.press("tab")
        await settle(pilot)

    assert snap_compare(make_app(Path(DATED)), terminal_size=(80, 24), run_before=show)


BROWSER_VIEWS = {"reports": "1", "tasks": "2", "stats": "3"}


@pytest.mark.parametrize("size", SIZES, ids=list(SIZES))
@pytest.mark.parametrize("view", BROWSER_VIEWS, ids=list(BROWSER_VIEWS))
def test_browser_view(snap_compare, in_tmp: Path, view: str, size: str) -> None:
    from pmtui.browser_app import BrowserApp
    from pmtui.widgets.report_list import ReportList

    from .ui_helpers import TODAY

    async def show(pilot: Pilot) -> None:
        await wait_until(
            pilot, lambda: bool(pilot.app.query_one(ReportList).entries), "the folder to be read"
        )
        await pilot.press(BROWSER_VIEWS[view])
        await wait_until(
            pilot, lambda: pilot.app.query_one("#browser-views").active == view, f"the {view} view"
        )
        await settle(pilot)

    assert snap_compare(
        BrowserApp(Path("."), today=lambda: TODAY), terminal_size=SIZES[size], run_before=show
    )
