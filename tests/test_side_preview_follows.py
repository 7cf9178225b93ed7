"""Issue #10 item 13: the side preview (160+ columns) shows the section of the tab being edited."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from pmtui.widgets.preview import Preview

from .ui_helpers import make_app, sample_copy, settle, wait_for_previews, wait_until

WIDE = (160, 30)


def top_line(preview: Preview) -> str:
    """The preview's first visible line, as the user reads it."""
    return preview.text.splitlines()[round(preview.scroll_y)].strip()


async def open_side_preview(pilot: Pilot, *first: str) -> Preview:
    """Press `first` (a tab key), then f6, and wait for the side preview to show the report."""
    await settle(pilot)
    await pilot.press(*first, "f6")
    await wait_for_previews(pilot)
    return pilot.app.screen.query_one("#side-preview", Preview)


async def test_the_side_preview_shows_the_section_of_the_tab_shown(tmp_path: Path) -> None:
    app = make_app(sample_copy(tmp_path))
    async with app.run_test(size=WIDE) as pilot:
        preview = await open_side_preview(pilot)
        assert preview.scroll_y == 0
        for key, heading in (
            ("4", "Corrective"),
            ("2", "Timeline"),
            ("3", "Root Cause"),
            ("4", "Corrective"),
        ):
            await pilot.press("escape", key)
            await wait_until(
                pilot, lambda heading=heading: heading in top_line(preview), f"{heading} at the top"
            )
        await pilot.press("escape", "1")
        await wait_until(pilot, lambda: preview.scroll_y == 0, "the top of the report for the summary")


async def test_the_side_preview_opens_on_the_section_of_the_tab_being_edited(tmp_path: Path) -> None:
    app = make_app(sample_copy(tmp_path))
    async with app.run_test(size=WIDE) as pilot:
        preview = await open_side_preview(pilot, "escape", "4")
        await wait_until(pilot, lambda: "Corrective" in top_line(preview), "the tasks section at the top")


async def test_a_reader_scrolling_the_preview_is_not_pulled_back_by_an_edit(tmp_path: Path) -> None:
    app = make_app(sample_copy(tmp_path))
    async with app.run_test(size=WIDE) as pilot:
        preview = await open_side_preview(pilot)
        await pilot.press("escape", "4")
        await wait_until(pilot, lambda: "Corrective" in top_line(preview), "the tasks section at the top")
        preview.scroll_to(y=3, animate=False, immediate=True)  # the reader looks further up
        await pilot.press("space")  # a task ticked: the preview renders again
        await settle(pilot)
        await wait_for_previews(pilot)
        assert app.dirty and preview.scroll_y == 3
