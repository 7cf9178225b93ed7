"""Text that cannot be read is not in the report: saving says so, and quitting asks before losing it."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from pmtui.screens.choice import ChoiceDialog
from pmtui.store import load

from .ui_helpers import listening, make_app, sample_copy, settle, type_into, wait_until

SIZE = (80, 24)


async def test_quitting_asks_before_losing_a_time_that_cannot_be_read(tmp_path: Path) -> None:
    app = make_app(sample_copy(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await type_into(pilot, "#summary-start", "25:99")
        await pilot.press("tab")  # leaving the field: refused, marked, kept as typed
        await settle(pilot)
        assert not app.dirty  # nothing reached the report
        await pilot.press("ctrl+q")
        await wait_until(pilot, lambda: isinstance(app.screen, ChoiceDialog), "the question")
        assert "Start ('25:99')" in app.screen.question
        await pilot.press("enter")  # Keep editing, the focused answer
        await settle(pilot)
        assert app.is_running and app.screen.query_one("#summary-start", Input).value == "25:99"
        await pilot.press("ctrl+q")
        await wait_until(pilot, lambda: isinstance(app.screen, ChoiceDialog), "the question again")
        await pilot.press("q")
        await pilot.pause()
    assert not app.is_running


async def test_saving_says_what_it_could_not_save(tmp_path: Path) -> None:
    report = sample_copy(tmp_path)
    app = make_app(report)
    said = listening(app)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await type_into(pilot, "#summary-severity", "SEV2")
        await type_into(pilot, "#summary-end", "someday")
        await pilot.press("ctrl+s")
        await settle(pilot)
        await wait_until(pilot, lambda: any(line.startswith("Saved") for line in said), "the save")
    assert load(report).severity == "SEV2"
    assert [line for line in said if line.startswith("Saved")] == [
        f"Saved {report}, without what cannot be read: End ('someday')."
    ]
