"""The export dialog: a path dialog with a Mermaid checkbox, answered as an `ExportChoice`."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Checkbox

from pmtui.screens.export_dialog import MERMAID_LABEL, ExportChoice, ExportDialog, ask_export

from .ui_helpers import make_app, sample_copy, settle, text_on_screen, wait_until

SIZE = (80, 24)


async def open_dialog(pilot: Pilot, suggestion: str, mermaid: bool, answers: list[object]) -> ExportDialog:
    ask_export(pilot.app, suggestion, mermaid, answers.append)
    await wait_until(pilot, lambda: pilot.app.screen.query("#export-mermaid"), "the export dialog")
    dialog = pilot.app.screen
    assert isinstance(dialog, ExportDialog)
    return dialog


@pytest.mark.parametrize("ticked", [False, True], ids=["plain", "mermaid"])
@pytest.mark.parametrize("submit_from", ["name", "checkbox"])
async def test_enter_answers_with_the_path_and_the_box(
    tmp_path: Path, ticked: bool, submit_from: str
) -> None:
    app = make_app(sample_copy(tmp_path))
    target = tmp_path / "out.md"
    answers: list[object] = []
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        dialog = await open_dialog(pilot, str(target), False, answers)
        if ticked or submit_from == "checkbox":
            await pilot.press("tab")
            assert isinstance(app.focused, Checkbox)
        if ticked:
            await pilot.press("space")
        await pilot.press("enter")
        await wait_until(pilot, lambda: answers, "the dialog's answer")
        assert not isinstance(app.screen, ExportDialog)
        assert dialog.mermaid is ticked
    assert answers == [ExportChoice(target, mermaid=ticked)]


async def test_the_box_starts_as_it_was_left_and_escape_answers_none(tmp_path: Path) -> None:
    app = make_app(sample_copy(tmp_path))
    answers: list[object] = []
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        dialog = await open_dialog(pilot, str(tmp_path / "out.md"), True, answers)
        assert dialog.query_one(Checkbox).value is True
        await pilot.press("escape")
        await wait_until(pilot, lambda: answers, "the dialog's answer")
    assert answers == [None]


async def test_a_missing_folder_keeps_the_dialog_open_as_the_path_dialog_does(tmp_path: Path) -> None:
    app = make_app(sample_copy(tmp_path))
    answers: list[object] = []
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        dialog = await open_dialog(pilot, str(tmp_path / "nowhere" / "out.md"), False, answers)
        await pilot.press("tab", "enter")  # from the checkbox too
        await settle(pilot)
        assert app.screen is dialog and not answers
        assert "no folder" in text_on_screen(dialog)


async def test_it_fits_at_80x24_with_the_label_beside_the_box(tmp_path: Path) -> None:
    app = make_app(sample_copy(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        dialog = await open_dialog(pilot, str(tmp_path / "out.md"), False, [])
        await settle(pilot)
        box = dialog.query_one(Checkbox)
        assert box.region.height == 1 and box.region.right <= SIZE[0]
        assert MERMAID_LABEL in text_on_screen(box)
