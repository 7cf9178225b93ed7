"""Marking an action item done, or open again, from the folder's task list, in its report's file.

The browser's Tasks view changes one task of a report that no editor of ours has open, by
the rules the editor saves by:
- someone editing the report (a live `.#name` lock: unsaved edits in an editor, or Emacs)
  or a recovery journal beside it (unsaved edits of a session that ended) comes first: the
  task is left alone and the user is told where the report is being changed;
- the file is read afresh under our own lock, the task is found in it as the list showed it
  (a task changed on disk meanwhile is not marked), and the file is written atomically with
  its mode, as a save writes it, only if it did not change while we worked;
- a save that would drop comments is asked about first (`CommentsWouldGo`), and only the
  comments the user agreed to lose may go;
- Markdown pmtui keeps is marked only while it is as pmtui wrote it: a hand-edited one would
  be rewritten in pmtui's layout, which the editor shows before it saves and this cannot.
No widgets here, so the CLI or a test can mark a task the way the browser does.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from pmtui.digest import TaskDigest, digest_of, task_digest
from pmtui.fingerprint import changed_since, fingerprint
from pmtui.folder import Listed
from pmtui.importers.sniff import MAX_IMPORT_BYTES
from pmtui.journal import find_journals
from pmtui.lock import ReportLock
from pmtui.markdown_source import dropped_html_comments, has_marker, is_canonical, is_markdown, source_text
from pmtui.model import Postmortem, TaskStatus
from pmtui.store import (
    MAX_FILE_BYTES,
    StoreError,
    dropped_comments,
    loads_bytes,
    read_limited,
    save,
    write_text,
)


class NotMarked(Exception):
    """Why the task was left as it was: one line that names the file."""


class CommentsWouldGo(NotMarked):
    """Writing the report would drop comments a save cannot keep (`lines`); ask, then mark with
    `dropping=lines`."""

    def __init__(self, message: str, lines: list[int]) -> None:
        super().__init__(message)
        self.lines = lines


@dataclass(frozen=True)
class Marking:
    """One task as the list showed it: its report, its place there, and what it said."""

    report: Path
    position: int
    task: TaskDigest

    @property
    def becomes(self) -> TaskStatus:
        """Done for an open (or dropped) task, open again for a done one, as space does in the editor."""
        return TaskStatus.OPEN if self.task.status is TaskStatus.DONE else TaskStatus.DONE


def mark_task(marking: Marking, *, dropping: Sequence[int] = ()) -> Listed:
    """Write the task's new status into its report; returns the report as the list should now
    show it. `dropping`: the lines of the comments the user agreed to lose (CommentsWouldGo
    named them). Raises NotMarked (or CommentsWouldGo) with nothing written."""
    path = marking.report
    if is_markdown(path) and not has_marker(path):
        raise NotMarked(
            f"{path}: a Markdown postmortem pmtui does not keep; open it and save it as pmtui's to mark its tasks here"
        )
    journal, _ = find_journals(path)
    if journal is not None:
        raise NotMarked(
            f"{path}: has unsaved edits from an earlier session; open it to recover or discard them first"
        )
    lock = ReportLock(path)
    other = lock.acquire()
    if other is not None:
        raise NotMarked(f"{path}: being edited by {other.describe()}; mark the task there")
    try:
        return _mark_locked(marking, list(dropping))
    finally:
        lock.release()


def _mark_locked(marking: Marking, dropping: list[int]) -> Listed:
    path = marking.report
    before = fingerprint(path)
    try:
        report, text = _read(path)
    except StoreError as error:
        raise NotMarked(str(error)) from None
    task = report.tasks[_find(report, marking)]
    task.status = marking.becomes
    dropped = dropped_html_comments(text) if is_markdown(path) else dropped_comments(text)
    if dropped != dropping:
        where = ", ".join(str(line) for line in dropped[:5]) + (", …" if len(dropped) > 5 else "")
        plural = "s" if len(dropped) > 1 else ""
        raise CommentsWouldGo(f"{path}: writing it drops the comment{plural} on line {where}", dropped)
    reason = changed_since(path, before)
    if reason is not None:
        raise NotMarked(f"{path}: {reason} while the task was being marked; nothing was written")
    try:
        if is_markdown(path):
            write_text(path, source_text(report, str(path)))
        else:
            save(report, path)
    except StoreError as error:
        raise NotMarked(str(error)) from None
    return Listed(path, digest_of(report))


def _read(path: Path) -> tuple[Postmortem, str]:
    """The report and the file's text, read once and as strictly as opening it would: a file
    that is not UTF-8 is refused, never rewritten with its bytes replaced."""
    shown = str(path)
    if not is_markdown(path):
        payload = read_limited(path, MAX_FILE_BYTES, "a report file")
        return loads_bytes(payload, shown), payload.decode("utf-8")
    from pmtui.importers.markdown import import_markdown, markdown_text  # loads only for Markdown

    payload = read_limited(path, MAX_IMPORT_BYTES, "a Markdown postmortem")
    text = markdown_text(payload, shown)
    report = import_markdown(text, shown).report
    if not is_canonical(path, report):
        raise NotMarked(
            f"{path}: edited by hand since pmtui last wrote it; open it to mark the task (the editor shows what a save changes)"
        )
    return report, text


def _find(report: Postmortem, marking: Marking) -> int:
    """The task's index in the report as read now: at its place if it is unchanged there, else
    the one task just like it; NotMarked when it changed or went since the list was read."""
    now = [task_digest(task) for task in report.tasks]
    if marking.position < len(now) and now[marking.position] == marking.task:
        return marking.position
    same = [index for index, task in enumerate(now) if task == marking.task]
    if len(same) == 1:
        return same[0]
    raise NotMarked(
        f"{marking.report}: the task {marking.task.title!r} changed on disk since the list was read; nothing was written"
    )
