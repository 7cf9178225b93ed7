"""Faults, as users meet them, against the installed `pmtui` in a real terminal (tmux).

Each test is one promise from the README's "What pmtui promises about your data".
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from pmtui.journal import beside_path, read_journal, state_path
from pmtui.store import load

from .terminal_helpers import (
    PMTUI,
    keys,
    open_in_tmux,
    pmtui_pid,
    screen,
    tmux,
    wait_for,
    wait_until,
    wait_until_gone,
)
from .ui_helpers import DATED, sample_copy

__all__ = ["tmux"]  # the fixture, used by name

pytestmark = pytest.mark.e2e


def toggle_first_task_unsaved(tmux: list[str], session: str = "pm") -> None:
    """Mark the first task done, as a user would (Tasks tab, space), and leave it unsaved."""
    keys(tmux, "4", session=session)
    wait_for(tmux, "0 of 6 done", session=session)
    keys(tmux, "Space", session=session)
    wait_for(tmux, "1 of 6 done", session=session)


def test_kill_9_with_unsaved_edits_offers_exactly_those_edits_next_time(
    tmux: list[str], tmp_path: Path
) -> None:
    report = sample_copy(tmp_path, DATED)
    original = report.read_bytes()
    open_in_tmux(tmux, report)
    toggle_first_task_unsaved(tmux)
    wait_until(lambda: beside_path(report).exists(), "the journal to be written")
    os.kill(pmtui_pid(tmux), signal.SIGKILL)
    wait_until_gone(tmux)
    assert report.read_bytes() == original

    open_in_tmux(tmux, report, session="again", ready="Unsaved edits to")
    shown = wait_for(tmux, "tasks: 1 changed", session="again")
    assert "no longer running" in shown
    keys(tmux, "r", session="again")
    wait_for(tmux, "Recovered edits restored", session="again")
    keys(tmux, "C-s", session="again")
    wait_for(tmux, "Saved", session="again")
    assert load(report).tasks[0].status.value == "done"
    assert not beside_path(report).exists()


def test_escape_on_the_recovery_prompt_keeps_the_journal(tmux: list[str], tmp_path: Path) -> None:
    report = sample_copy(tmp_path, DATED)
    open_in_tmux(tmux, report)
    toggle_first_task_unsaved(tmux)
    wait_until(lambda: beside_path(report).exists(), "the journal to be written")
    os.kill(pmtui_pid(tmux), signal.SIGKILL)
    wait_until_gone(tmux)
    open_in_tmux(tmux, report, session="again", ready="Unsaved edits to")
    keys(tmux, "Escape", session="again")
    wait_for(tmux, "offered again next time", session="again")
    assert beside_path(report).exists()


def test_quit_then_save_after_sed_asks_instead_of_overwriting(tmux: list[str], tmp_path: Path) -> None:
    report = sample_copy(tmp_path, DATED)
    open_in_tmux(tmux, report)
    toggle_first_task_unsaved(tmux)
    subprocess.run(["sed", "-i", 's/^status = "final"/status = "review"/', str(report)], check=True)
    theirs = report.read_bytes()
    keys(tmux, "C-q")
    wait_for(tmux, "Save changes before quitting?")
    keys(tmux, "s")
    wait_for(tmux, "changed on disk since it was")
    keys(tmux, "c")
    wait_until(lambda: "changed on disk since it was" not in screen(tmux), "the question to close")
    assert report.read_bytes() == theirs
    keys(tmux, "C-q")  # asks again: the edits are still unsaved and no save is under way
    wait_for(tmux, "Save changes before quitting?")
    keys(tmux, "d")
    wait_for(tmux, "pmtui-exited-0")
    assert report.read_bytes() == theirs


def test_a_second_pmtui_on_the_same_file_is_warned(tmux: list[str], tmp_path: Path) -> None:
    report = sample_copy(tmp_path, DATED)
    open_in_tmux(tmux, report)
    toggle_first_task_unsaved(tmux)
    open_in_tmux(tmux, report, session="second", ready="has unsaved edits in another")
    keys(tmux, "r", session="second")  # read only
    wait_for(tmux, "Opened read-only", session="second")
    keys(tmux, "4", session="second")
    wait_for(tmux, "0 of 6 done", session="second")
    keys(tmux, "Space", session="second")
    wait_for(tmux, "Not changed: opened", session="second")


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 2 MiB tmpfs of its own, so a full or read-only disk never touches the machine's."""
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root")
    folder = tmp_path / "disk"
    folder.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(folder)]).returncode != 0:
        pytest.skip("this machine does not allow mounting a tmpfs")
    yield folder
    subprocess.run(["umount", "-l", str(folder)])


def test_a_full_disk_sends_the_journal_to_the_state_folder(tmux: list[str], small_disk: Path) -> None:
    report = sample_copy(small_disk, DATED)
    filler = small_disk / "filler"
    subprocess.run(["dd", "if=/dev/zero", f"of={filler}", "bs=64k"], capture_output=True)
    open_in_tmux(tmux, report)
    toggle_first_task_unsaved(tmux)
    wait_until(lambda: state_path(report).exists(), "the journal in the state folder")
    assert not beside_path(report).exists()
    journal = read_journal(state_path(report))
    assert journal is not None and journal.report.tasks[0].status.value == "done"
    keys(tmux, "C-s")
    wait_for(tmux, "No space left on device")
    os.kill(pmtui_pid(tmux), signal.SIGKILL)
    wait_until_gone(tmux)
    filler.unlink()
    open_in_tmux(tmux, report, session="again", ready="Unsaved edits to")


def test_a_read_only_filesystem_sends_the_journal_to_the_state_folder(
    tmux: list[str], small_disk: Path
) -> None:
    report = sample_copy(small_disk, DATED)
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    open_in_tmux(tmux, report)
    toggle_first_task_unsaved(tmux)
    wait_until(lambda: state_path(report).exists(), "the journal in the state folder")
    os.kill(pmtui_pid(tmux), signal.SIGHUP)
    wait_until_gone(tmux)
    open_in_tmux(tmux, report, session="again", ready="Unsaved edits to")
    wait_for(tmux, "tasks: 1 changed", session="again")


def test_a_planted_symlink_is_never_written_through(tmux: list[str], tmp_path: Path) -> None:
    report = sample_copy(tmp_path, DATED)
    victim = tmp_path / "bashrc"
    victim.write_text("alias ll='ls -l'\n")
    os.symlink(victim, beside_path(report))
    open_in_tmux(tmux, report)
    wait_for(tmux, "symbolic")
    toggle_first_task_unsaved(tmux)
    wait_until(lambda: state_path(report).exists(), "the journal in the state folder")
    os.kill(pmtui_pid(tmux), signal.SIGHUP)
    wait_until_gone(tmux)
    assert victim.read_text() == "alias ll='ls -l'\n"
    assert os.path.islink(beside_path(report))


def test_the_journal_of_a_private_report_is_private(tmux: list[str], tmp_path: Path) -> None:
    report = sample_copy(tmp_path, DATED)
    os.chmod(report, 0o600)
    open_in_tmux(tmux, report)
    toggle_first_task_unsaved(tmux)
    wait_until(lambda: beside_path(report).exists(), "the journal to be written")
    assert os.stat(beside_path(report)).st_mode & 0o777 == 0o600
    keys(tmux, "C-s")
    wait_for(tmux, "Saved")
    assert os.stat(report).st_mode & 0o777 == 0o600


def test_kill_9_during_saves_leaves_the_old_or_the_new_file_and_no_temp(tmp_path: Path) -> None:
    """The CLI's `fmt` and the editor's save are the same guarded `store.save`."""
    from pmtui.model import Event, EventKind
    from pmtui.opening import create_app
    from pmtui.store import dumps, save

    report = load(sample_copy(tmp_path, DATED))
    report.timeline = [
        Event(at=report.timeline[0].at, kind=EventKind.NOTE, text=f"entry {n} " * 8) for n in range(10_000)
    ]
    path = tmp_path / "big.toml"
    save(report, path)
    canonical = path.read_bytes()
    messy = canonical.replace(b'kind = "note"', b'kind =   "note"')
    generator = random.Random(7)
    for _ in range(30):
        path.write_bytes(messy)
        process = subprocess.Popen(
            [str(PMTUI), "fmt", str(path)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        # a fixed, seeded random moment is the test: the kill must land anywhere in the save,
        # and there is no moment to wait for that would not make the kill land in one place
        time.sleep(generator.uniform(0.2, 0.9))
        process.kill()
        process.wait()
        assert path.read_bytes() in (messy, canonical)
    create_app(path)  # the next open of the report in the editor
    assert not list(tmp_path.glob(".big.toml.*.tmp"))
    assert dumps(load(path)).encode() == canonical
