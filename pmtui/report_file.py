"""The report's file while it is open: where it is, what it was on disk, its journal and its lock.

No widgets here: the app asks this object what is true about the file and
tells it what happened (edited, saved, discarded); the dialogs stay in the app.
Saving is safe to call from a worker thread.
"""

from __future__ import annotations

from pathlib import Path

from pmtui.fingerprint import Fingerprint, changed_since, fingerprint
from pmtui.journal import JournalKeeper, remove_journal
from pmtui.lock import LockOwner, ReportLock
from pmtui.model import Postmortem
from pmtui.store import save


class ReportFile:
    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.disk: Fingerprint | None = fingerprint(path) if path is not None else None
        """The file as it was when it was opened or last saved: what a save may replace."""
        self.journal = JournalKeeper(path)
        self.restored_from: Path | None = None
        """A journal whose edits were restored: removed once they are saved."""
        self._lock = ReportLock(path) if path is not None else None

    def conflict(self, target: Path) -> str | None:
        """Why saving to `target` would overwrite someone else's work ("changed on disk"), or None."""
        if self.path is not None and target == self.path:
            if self.disk is None:
                return "was created by someone else" if target.exists() else None
            return changed_since(target, self.disk)
        return "exists" if target.exists() else None

    def write(self, report: Postmortem, target: Path) -> Fingerprint | None:
        """Save (atomically, verified); returns the new fingerprint. Raises StoreError. Any thread."""
        save(report, target)
        return fingerprint(target)

    def saved(self, target: Path, written: Fingerprint | None, generation: int, still_dirty: bool) -> None:
        """Record a finished save of the editor's state at `generation` (UI thread)."""
        if target != self.path:
            self.release()
            self.path = target
            self._lock = ReportLock(target)
            self.journal.move_to(target)
        self.disk = written
        self.journal.discard(generation)
        if self.restored_from is not None:
            remove_journal(self.restored_from)
            self.restored_from = None
        if not still_dirty:
            self.release()

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
