"""Marking a task done from the folder's task list writes it into its report by the editor's
rules: never over someone's unsaved edits, never over a change made meanwhile, atomically,
keeping the file's mode, and asking before comments go (issue #13)."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from pmtui.digest import task_digest
from pmtui.fingerprint import fingerprint
from pmtui.journal import serialise, write_journal
from pmtui.lock import lock_path, this_host, this_user
from pmtui.model import Postmortem, Task, TaskStatus
from pmtui.render.markdown import render
from pmtui.store import load, save
from pmtui.task_marking import CommentsWouldGo, Marking, NotMarked, mark_task


def three_tasks() -> Postmortem:
    return Postmortem(
        title="Database failover",
        tasks=[
            Task(title="Add a replica lag alert", owner="ana"),
            Task(title="Write the failover runbook", owner="bo", status=TaskStatus.DONE),
            Task(title="Retire the old primary"),
        ],
    )


@pytest.fixture
def report(tmp_path: Path) -> Path:
    path = tmp_path / "db.toml"
    save(three_tasks(), path)
    os.chmod(path, 0o600)
    return path


def as_listed(path: Path, position: int) -> Marking:
    """The task as the list read it from the file."""
    return Marking(path, position, task_digest(load(path).tasks[position]))


def test_marking_an_open_task_writes_it_done_and_changes_nothing_else(report: Path) -> None:
    before = load(report)
    listed = mark_task(as_listed(report, 0))
    after = load(report)
    assert after.tasks[0].status is TaskStatus.DONE
    before.tasks[0].status = TaskStatus.DONE
    assert after.model_dump() == before.model_dump()
    assert stat.S_IMODE(os.stat(report).st_mode) == 0o600
    assert listed.digest is not None and listed.digest.tasks[0].status is TaskStatus.DONE
    assert not lock_path(report).exists() and not os.path.lexists(lock_path(report))


def test_marking_a_done_task_opens_it_again(report: Path) -> None:
    mark_task(as_listed(report, 1))
    assert load(report).tasks[1].status is TaskStatus.OPEN


def test_a_task_that_moved_on_disk_is_still_the_one_marked(report: Path) -> None:
    marking = as_listed(report, 2)
    moved = load(report)
    moved.tasks.insert(0, Task(title="Added in another editor"))
    save(moved, report)
    mark_task(marking)
    tasks = load(report).tasks
    assert [task.status for task in tasks] == [
        TaskStatus.OPEN,
        TaskStatus.OPEN,
        TaskStatus.DONE,
        TaskStatus.DONE,
    ]


def test_a_task_changed_on_disk_since_the_list_was_read_is_not_marked(report: Path) -> None:
    marking = as_listed(report, 0)
    changed = load(report)
    changed.tasks[0].owner = "cy"
    save(changed, report)
    text = report.read_bytes()
    with pytest.raises(NotMarked, match=r"db\.toml: the task 'Add a replica lag alert' changed on disk"):
        mark_task(marking)
    assert report.read_bytes() == text


@pytest.fixture
def someone_else() -> Iterator[int]:
    """A live process on this machine, to hold a lock as another editor would."""
    process = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    yield process.pid
    process.kill()
    process.wait()


def test_a_report_someone_is_editing_is_left_alone(report: Path, someone_else: int) -> None:
    os.symlink(f"{this_user()}@{this_host()}.{someone_else}", lock_path(report))
    text = report.read_bytes()
    with pytest.raises(NotMarked, match=rf"db\.toml: being edited by .*pid {someone_else}"):
        mark_task(as_listed(report, 0))
    assert report.read_bytes() == text
    assert os.readlink(lock_path(report)).endswith(f".{someone_else}")  # their lock is still theirs


def test_a_lock_left_by_a_process_that_ended_does_not_stop_it(report: Path) -> None:
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    os.symlink(f"{this_user()}@{this_host()}.{gone.pid}", lock_path(report))
    mark_task(as_listed(report, 0))
    assert load(report).tasks[0].status is TaskStatus.DONE


def test_unsaved_edits_waiting_in_a_recovery_journal_come_first(report: Path) -> None:
    write_journal(serialise(load(report), fingerprint(report), report), report)
    text = report.read_bytes()
    with pytest.raises(NotMarked, match=r"db\.toml: has unsaved edits from an earlier session"):
        mark_task(as_listed(report, 0))
    assert report.read_bytes() == text


def test_comments_a_save_would_drop_are_asked_about_first(report: Path) -> None:
    report.write_text(report.read_text(encoding="utf-8") + "# ask bo about the runbook\n", encoding="utf-8")
    text = report.read_bytes()
    with pytest.raises(CommentsWouldGo, match=r"db\.toml: writing it drops the comment on line \d+") as asked:
        mark_task(as_listed(report, 0))
    assert report.read_bytes() == text
    assert len(asked.value.lines) == 1
    mark_task(as_listed(report, 0), dropping=asked.value.lines)
    assert load(report).tasks[0].status is TaskStatus.DONE


def test_only_the_comments_the_user_agreed_to_lose_may_go(report: Path) -> None:
    report.write_text(report.read_text(encoding="utf-8") + "# ask bo about the runbook\n", encoding="utf-8")
    with pytest.raises(CommentsWouldGo) as asked:
        mark_task(as_listed(report, 0))
    agreed = asked.value.lines
    # while the question is open, a teammate's pull adds a comment of their own
    report.write_text(report.read_text(encoding="utf-8") + "# and check with cy\n", encoding="utf-8")
    text = report.read_bytes()
    with pytest.raises(CommentsWouldGo, match="comments on line") as again:
        mark_task(as_listed(report, 0), dropping=agreed)
    assert report.read_bytes() == text
    assert len(again.value.lines) == 2


def test_a_file_that_is_no_longer_utf8_is_refused_not_rewritten(report: Path) -> None:
    marking = as_listed(report, 0)
    latin1 = (
        report.read_text(encoding="utf-8")
        .replace("Database failover", "Caf\u00e9 failover")
        .encode("latin-1")
    )
    report.write_bytes(latin1)
    with pytest.raises(NotMarked, match=r"db\.toml.*not UTF-8"):
        mark_task(marking)
    assert report.read_bytes() == latin1


def test_a_markdown_report_pmtui_keeps_is_marked_in_its_markdown(tmp_path: Path) -> None:
    from pmtui.importers.markdown import read_markdown_file

    path = tmp_path / "db.md"
    path.write_text(render(three_tasks(), source=True), encoding="utf-8")
    listed = read_markdown_file(path).report
    mark_task(Marking(path, 0, task_digest(listed.tasks[0])))
    assert "- [x] Add a replica lag alert" in path.read_text(encoding="utf-8")
    assert read_markdown_file(path).report.tasks[0].status is TaskStatus.DONE


def test_markdown_edited_by_hand_is_not_rewritten_in_pmtuis_layout(tmp_path: Path) -> None:
    from pmtui.importers.markdown import read_markdown_file

    path = tmp_path / "db.md"
    written = render(three_tasks(), source=True)
    title_line = next(line for line in written.splitlines() if line.startswith("# "))
    path.write_text(
        written.replace(title_line, title_line + "\n\nWritten by hand under the title.", 1), encoding="utf-8"
    )
    text = path.read_bytes()
    task = read_markdown_file(path).report.tasks[0]
    with pytest.raises(NotMarked, match=r"db\.md: edited by hand since pmtui last wrote it"):
        mark_task(Marking(path, 0, task_digest(task)))
    assert path.read_bytes() == text


def test_a_markdown_postmortem_only_imported_is_not_rewritten(tmp_path: Path) -> None:
    from pmtui.importers.markdown import read_markdown_file

    path = tmp_path / "dns.md"
    path.write_text("# DNS outage\n\n## Action items\n\n- [ ] Lower the TTL (owner: cy)\n", encoding="utf-8")
    task = read_markdown_file(path).report.tasks[0]
    with pytest.raises(NotMarked, match=r"dns\.md: a Markdown postmortem pmtui does not keep"):
        mark_task(Marking(path, 0, task_digest(task)))
    assert "- [ ] Lower the TTL" in path.read_text(encoding="utf-8")


def test_a_file_changed_while_the_task_was_being_marked_is_not_overwritten(
    report: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pmtui.task_marking as marking_module

    read = marking_module._read

    def read_then_someone_saves(path: Path) -> tuple[Postmortem, str]:
        read_now = read(path)
        theirs = load(path)
        theirs.title = "Renamed by a teammate's git pull"
        save(theirs, path)
        return read_now

    monkeypatch.setattr(marking_module, "_read", read_then_someone_saves)
    with pytest.raises(NotMarked, match=r"db\.toml: changed on disk while the task was being marked"):
        mark_task(as_listed(report, 0))
    assert load(report).title == "Renamed by a teammate's git pull"
    assert load(report).tasks[0].status is TaskStatus.OPEN
