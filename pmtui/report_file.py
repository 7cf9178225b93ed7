"""The report's file while it is open: where it is, what it was on disk, its journal and its lock.

No widgets here: the app asks this object what is true about the file and
tells it what happened (edited, saved, discarded); the dialogs stay in the app.
Saving is safe to call from a worker thread.

A report imported from Markdown has a `.toml` path until its first save asks
whether the Markdown becomes the source instead (`imported_from`); then the
file is the Markdown, checked against what it was when it was imported.
"""

from __future__ import annotations

from pathlib import Path

from pmtui.fingerprint import Fingerprint, changed_since, fingerprint
from pmtui.journal import JournalKeeper, remove_journal
from pmtui.lock import LockOwner, ReportLock
from pmtui.model import Postmortem
from pmtui.store import mode_no_wider_than, save, write_text


class ReportFile:
    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.disk: Fingerprint | None = fingerprint(path) if path is not None else None
        """The file as it was when it was opened or last saved: what a save may replace."""
        self.journal = JournalKeeper(path)
        self.restored_from: Path | None = None
        """A journal whose edits were restored: removed once they are saved."""
        self._lock = ReportLock(path) if path is not None else None
        self.imported_from: Path | None = None
        """The Markdown this report was imported from, until the first save settles where it lives."""
        self._imported_disk: Fingerprint | None = None
        self._read_from: Path | None = path
        """The file the report was read from, whose readers are the most a new file may have."""

    def import_from(self, markdown: Path, disk: Fingerprint | None) -> None:
        """The report was read from `markdown` (as it was at `disk`); the first save asks about it."""
        self.imported_from, self._imported_disk, self._read_from = markdown, disk, markdown

    def keep_toml(self) -> None:
        """The imported report lives in its .toml, as before: the Markdown is left alone."""
        self.imported_from = self._imported_disk = None

    def take_markdown_source(self) -> Path:
        """The Markdown the report was imported from becomes its file: saves rewrite it, and
        the first one asks if it changed since the import, as for any file changed on disk."""
        assert self.imported_from is not None
        source, disk = self.imported_from, self._imported_disk
        self.keep_toml()
        self._move_to(source)
        self.disk = disk
        return source

    def new_file_mode(self) -> int | None:
        """The mode of a file this report creates: no more readable than the file it came from."""
        origin = self.path if self.path is not None and self.path.exists() else self._read_from
        return mode_no_wider_than(origin) if origin is not None else None

    def conflict(self, target: Path) -> str | None:
        """Why saving to `target` would overwrite someone else's work ("changed on disk"), or None."""
        if self.path is not None and target == self.path:
            if self.disk is None:
                return "was created by someone else" if target.exists() else None
            return changed_since(target, self.disk)
        return "exists" if target.exists() else None

    def write(self, report: Postmortem, target: Path, new_file_mode: int | None = None) -> Fingerprint | None:
        """Save (atomically, verified); returns the new fingerprint. Raises StoreError. Any thread."""
        save(report, target, new_file_mode)
        return fingerprint(target)

    def write_markdown(self, text: str, target: Path, new_file_mode: int | None = None) -> Fingerprint | None:
        """Save a Markdown source as atomically as `write`; the caller has checked that `text`
        reads back as the report (markdown_source.source_text). Any thread."""
        write_text(target, text, new_file_mode)
        return fingerprint(target)

    def saved(self, target: Path, written: Fingerprint | None, generation: int, still_dirty: bool) -> None:
        """Record a finished save of the editor's state at `generation` (UI thread)."""
        if target != self.path:
            self.keep_toml()  # saved under another name: nothing left to ask about the Markdown
            self._move_to(target)
        self.disk = written
        self.journal.discard(generation)
        if self.restored_from is not None:
            remove_journal(self.restored_from)
            self.restored_from = None
        if not still_dirty:
            self.release()

    def _move_to(self, target: Path) -> None:
        """The report's file is now `target`: its lock and later journals go with it."""
        self.release()
        self.path = target
        self._lock = ReportLock(target)
        self.journal.move_to(target)

    def edited(self) -> LockOwner | None:
        """Take the lock on the first unsaved edit; returns who else holds it, if anyone."""
        return self._lock.acquire() if self._lock is not None else None

    def release(self) -> None:
        if self._lock is not None:
            self._lock.release()

    def discard(self) -> None:
        """The user threw the unsaved edits away: no journal, no lock."""
        self.journal.discard()
        self.release()
