"""The journal, the recovery prompt and the save path, driven with Pilot."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pmtui.journal import beside_path, read_journal, serialise, write_journal
from pmtui.screens.choice import ChoiceDialog
from pmtui.store import load

from .ui_helpers import make_app, sample_copy, settle, type_into, wait_until

SIZE = (80, 24)


@pytest.fixture(autouse=True)
def quick_journal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PMTUI_JOURNAL_SECONDS", "0.05")


async def wait_for_journal(pilot, path: Path) -> None:
    await wait_until(pilot, lambda: beside_path(path).exists(), "the journal to be written")
    await settle(pilot)


async def test_an_edit_is_journaled_without_saving(tmp_path: Path) -> None:
    path = sample_copy(tmp_path)
    original = path.read_bytes()
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await type_into(pilot, "#summary-severity", "SEV1")
        await wait_for_journal(pilot, path)
        journal = read_journal(beside_path(path))
        assert journal is not None and journal.report.severity == "SEV1"
        assert os.stat(beside_path(path)).st_mode & 0o777 == 0o600
        assert path.read_bytes() == original  # journaled, not saved
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not beside_path(path).exists()  # saved: nothing left to recover
    assert load(path).severity == "SEV1"


async def test_a_bug_in_a_handler_journals_the_edits_and_leaves_one_line(
    tmp_path: Path, private_state_folder: Path
) -> None:
    path = sample_copy(tmp_path)
    app = make_app(path)
    with pytest.raises(ZeroDivisionError):
        async with app.run_test(size=SIZE) as pilot:
            await type_into(pilot, "#summary-severity", "SEV2")
            app.call_later(lambda: 1 / 0)
            await pilot.pause()
    assert app.return_code == 70
    [log] = private_state_folder.glob("crash-*.txt")
    assert app.crash_report == (
        "pmtui: internal error (this is a bug): ZeroDivisionError: division by zero"
        f"; your unsaved edits are in {beside_path(path)}; details in {log}"
    )
    assert log.read_text().endswith("ZeroDivisionError: division by zero\n")
    journal = read_journal(beside_path(path))
    assert journal is not None and journal.report.severity == "SEV2"


async def journaled_copy(tmp_path: Path, severity: str) -> Path:
    path = sample_copy(tmp_path)
    report = load(path)
    origin_report = report.snapshot()
    report.severity = severity
    from pmtui.fingerprint import fingerprint

    write_journal(serialise(report, fingerprint(path), path), path)
    assert origin_report != report
    return path


async def test_escape_on_the_prompt_keeps_the_journal_and_discard_asks_first(tmp_path: Path) -> None:
    path = await journaled_copy(tmp_path, "SEV0")
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ChoiceDialog) and "changed: severity" in app.screen.question
        await pilot.press("escape")
        await settle(pilot)
        assert beside_path(path).exists() and app.document.severity is None  # the file's, not the journal's
    again = make_app(path)
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        assert "for good?" in again.screen.question
        await pilot.press("b")  # back to the prompt, nothing deleted
        await settle(pilot)
        assert "Unsaved edits" in again.screen.question and beside_path(path).exists()
        await pilot.press("d")
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
    assert not beside_path(path).exists()


async def test_restore_then_save_asks_when_the_file_changed_since_the_edits(tmp_path: Path) -> None:
    path = await journaled_copy(tmp_path, "SEV0")
    path.write_text(path.read_text().replace('status = "final"', 'status = "review"'))
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "changed on disk since those edits began" in app.screen.question
        await pilot.press("r")
        await settle(pilot)
        assert app.document.severity == "SEV0" and app.dirty
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ChoiceDialog) and "changed on disk" in app.screen.question
        await pilot.press("c")
        await settle(pilot)
    assert 'status = "review"' in path.read_text()


async def test_quit_waits_for_a_save_under_way(tmp_path: Path) -> None:
    path = sample_copy(tmp_path)
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await type_into(pilot, "#summary-severity", "SEV3")
        await pilot.press("ctrl+s", "ctrl+q")
        await settle(pilot)
        assert not app.is_running
    assert load(path).severity == "SEV3"
