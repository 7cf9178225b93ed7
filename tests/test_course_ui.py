"""The course line on the Summary tab follows the timeline and the width it is given."""

from __future__ import annotations

from pathlib import Path

from pmtui.screens.event_dialog import EventDialog
from pmtui.widgets.incident_course import IncidentCourse

from .ui_helpers import make_app, sample_copy, text_on_screen, wait_until

SIZE = (80, 24)


def course_text(app) -> str:
    return text_on_screen(app.screen.query_one("#summary-course", IncidentCourse))


async def test_adding_a_started_event_moves_the_origin_and_the_figures(tmp_path: Path) -> None:
    app = make_app(sample_copy(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        before = "14:00 ●D─────────────M──R 04:00+1d UTC TTD 0m · TTM 12h · TTR 14h"
        await wait_until(pilot, lambda: course_text(app) == before, "the course, drawn beside the scrollbar")
        await pilot.press("ctrl+n")
        await wait_until(pilot, lambda: isinstance(app.screen, EventDialog), "the event dialog")
        await pilot.press(*"May 10, 2024 13:40", "tab")
        # the kind list opens on "note", the last kind; down wraps to "started"
        await pilot.press("enter", "down", "enter", "tab")
        await pilot.press(*"Bad deploy", "ctrl+s")
        await wait_until(pilot, lambda: len(app.document.timeline) == 10, "the event to be added")
        await pilot.press("1")  # adding an event shows it on the timeline tab; back to the summary
        await wait_until(pilot, lambda: "TTD 20m" in course_text(app), "the course to measure from 13:40")
        assert course_text(app) == "13:40 ●D──────MR 04:00+1d UTC TTD 20m · TTM 12h 20m · TTR 14h 20m"


async def test_the_line_is_drawn_again_for_a_narrower_terminal(tmp_path: Path) -> None:
    app = make_app(sample_copy(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: course_text(app).startswith("14:00 ●"), "the course with its times")
        await pilot.resize_terminal(50, 24)
        await wait_until(pilot, lambda: not course_text(app).startswith("14:00"), "the line to narrow")
        course = app.screen.query_one(IncidentCourse)
        assert course_text(app) == "TTD 0m · TTM 12h · TTR 14h"  # no room for a bar beside the figures
        assert course.content_size.width < 40
