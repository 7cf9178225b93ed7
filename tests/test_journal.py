"""The recovery journal, the lock and the change summary, without the UI."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from pmtui.changes import describe_changes
from pmtui.fingerprint import changed_since, fingerprint
from pmtui.journal import (
    JournalError,
    JournalKeeper,
    beside_path,
    find_journals,
    read_journal,
    serialise,
    state_path,
    write_journal,
)
from pmtui.lock import ReportLock, read_lock
from pmtui.model import Event, EventKind
from pmtui.store import load

from .ui_helpers import sample_copy


def test_a_journal_holds_the_report_and_where_it_came_from(tmp_path: Path) -> None:
    path = sample_copy(tmp_path)
    report = load(path)
    report.severity = "SEV1"
    written = write_journal(serialise(report, fingerprint(path), path), path)
    assert written == beside_path(path)
    journal, problems = find_journals(path)
    assert problems == []
    assert journal is not None and journal.report == report
    assert journal.origin == fingerprint(path) and journal.pid == os.getpid()
    assert journal.writer_alive is True


def test_a_journal_is_0600_even_beside_a_world_readable_report(tmp_path: Path) -> None:
    path = sample_copy(tmp_path)
    os.chmod(path, 0o644)
    written = write_journal(serialise(load(path), None, path), path)
    assert stat.S_IMODE(os.stat(written).st_mode) == 0o600


def test_a_symlink_planted_where_the_journal_goes_is_never_followed(tmp_path: Path) -> None:
    path = sample_copy(tmp_path)
    victim = tmp_path / "bashrc"
    victim.write_text("export PS1='$ '\n")
    os.symlink(victim, beside_path(path))
    written = write_journal(serialise(load(path), None, path), path)
    assert victim.read_text() == "export PS1='$ '\n"
    assert os.path.islink(beside_path(path))  # left alone, reported
    assert written == state_path(path)
    journal, problems = find_journals(path)
    assert journal is not None and journal.path == state_path(path)
    assert len(problems) == 1 and "symbolic link" in problems[0] and problems[0].count("\n") == 0


def test_a_read_only_folder_sends_the_journal_to_the_private_state_folder(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    path = sample_copy(folder)
    os.chmod(folder, 0o555)
    try:
        if os.access(folder, os.W_OK):
            pytest.skip("running as root: a read-only folder is still writable")
        written = write_journal(serialise(load(path), None, path), path)
    finally:
        os.chmod(folder, 0o755)
    assert written == state_path(path)
    assert stat.S_IMODE(os.stat(written.parent).st_mode) == 0o700
    journal, problems = find_journals(path)
    assert journal is not None and journal.path == state_path(path) and problems == []


def test_the_state_folder_is_private(private_state_folder: Path, tmp_path: Path) -> None:
    path = sample_copy(tmp_path)
    written = state_path(path)
    assert written.parent == private_state_folder
    assert stat.S_IMODE(os.stat(private_state_folder).st_mode) == 0o700


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b"{not json", "unreadable recovery journal"),
        (b'{"pmtui_journal": 99, "pmtui_version": "9.0"}', "newer pmtui"),
        (b'{"pmtui_journal": 1, "report": {"title": 5}}', "holds a report pmtui refuses (title:"),
        (b'{"pmtui_journal": 1, "report": {}}', "damaged recovery journal"),
        (b"[1, 2]", "not a pmtui recovery journal"),
    ],
)
def test_a_bad_journal_is_reported_in_one_line_and_kept(tmp_path: Path, content: bytes, says: str) -> None:
    path = sample_copy(tmp_path)
    beside_path(path).write_bytes(content)
    journal, problems = find_journals(path)
    assert journal is None
    assert len(problems) == 1 and says in problems[0] and str(beside_path(path)) in problems[0]
    assert "\n" not in problems[0]
    assert beside_path(path).read_bytes() == content


def test_a_journal_of_another_user_is_not_trusted(tmp_path: Path) -> None:
    if os.getuid() != 0:
        pytest.skip("needs root to make a file owned by another user")
    path = sample_copy(tmp_path)
    write_journal(serialise(load(path), None, path), path)
    os.chown(beside_path(path), 65534, 65534)
    with pytest.raises(JournalError, match="another user"):
        read_journal(beside_path(path))


def test_the_keeper_never_lets_an_older_snapshot_replace_a_newer_one(tmp_path: Path) -> None:
    path = sample_copy(tmp_path)
    keeper = JournalKeeper(path)
    newer, older = load(path), load(path)
    newer.severity, older.severity = "new", "old"
    newer, older = newer.model_dump_json(), older.model_dump_json()  # as the editor hands them over
    assert keeper.write(newer, None, generation=5) == beside_path(path)
    assert keeper.write(older, None, generation=4) is None
    journal = read_journal(beside_path(path))
    assert journal is not None and journal.report.severity == "new"
    keeper.discard(saved_generation=5)
    assert not beside_path(path).exists()
    assert keeper.write(older, None, generation=5) is None  # a write still under way at the save
    assert not beside_path(path).exists()


def test_changes_are_summed_up_by_field_and_entry(tmp_path: Path) -> None:
    before = load(sample_copy(tmp_path))
    after = before.snapshot()
    after.title = "Renamed"
    after.timeline.append(Event(at=after.timeline[-1].at, kind=EventKind.NOTE, text="one more"))
    after.timeline[0].text = "changed text"
    del after.tasks[0]
    assert describe_changes(before, after) == [
        "changed: title",
        "timeline: 1 added, 1 changed",
        "tasks: 1 removed",
    ]
    assert describe_changes(before, before.snapshot()) == []


def test_a_file_changed_on_disk_is_noticed_but_a_touch_is_not(tmp_path: Path) -> None:
    path = sample_copy(tmp_path)
    recorded = fingerprint(path)
    os.utime(path, ns=(1, 1))
    assert changed_since(path, recorded) is None
    path.write_text(path.read_text().replace("final", "review"))
    assert changed_since(path, recorded) == "changed on disk"
    path.unlink()
    assert changed_since(path, recorded) == "was deleted"


def test_a_lock_names_its_owner_and_a_dead_owner_is_stale(tmp_path: Path) -> None:
    path = sample_copy(tmp_path)
    mine = ReportLock(path)
    assert mine.acquire() is None
    owner = read_lock(path)
    assert owner is not None and owner.pid == os.getpid() and owner.alive is True
    mine.release()
    assert read_lock(path) is None

    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    os.symlink(f"someone@{os.uname().nodename}.{int(dead.stdout)}", path.with_name(f".#{path.name}"))
    assert ReportLock(path).acquire() is None  # stale: replaced without asking
    assert read_lock(path) is not None and read_lock(path).pid == os.getpid()
