"""Safekeeping: unsaved edits outlive whatever ends the editor.

Edits are journaled soon after they are made, in a worker thread, so a pmtui
that is killed loses at most the last second. When the SSH link drops (SIGHUP),
the process is told to stop (SIGTERM), or a bug ends the app, the journal is
written at once, on the UI thread, before anything else happens. Only giving
the edits up on purpose (Discard on quit) leaves nothing to recover.
"""

from __future__ import annotations

import asyncio
import os
import signal
from pathlib import Path
from typing import TYPE_CHECKING

from textual.timer import Timer

from pmtui.fingerprint import Fingerprint
from pmtui.journal import JournalError, serialise, write_journal
from pmtui.state import write_crash_log
from pmtui.ui_thread import run_on_ui

if TYPE_CHECKING:
    from pmtui.app import PostmortemApp

#: The journal is written this long after the last edit (PMTUI_JOURNAL_SECONDS changes it),
#: and at least every so many edits.
JOURNAL_DELAY_SECONDS = 1.0
JOURNAL_EVERY_EDITS = 100

#: Signals that end the app but leave time to journal: the SSH link dropped, or a polite kill.
RESCUE_SIGNALS = (signal.SIGHUP, signal.SIGTERM)


def journal_delay() -> float:
    try:
        return max(0.0, float(os.environ.get("PMTUI_JOURNAL_SECONDS", JOURNAL_DELAY_SECONDS)))
    except ValueError:
        return JOURNAL_DELAY_SECONDS


class Safekeeping:
    def __init__(self, app: PostmortemApp) -> None:
        self.app = app
        self.edits_given_up = False
        """The user chose to give up unsaved edits (or they are already journaled): no rescue at exit."""
        self._timer: Timer | None = None
        self._edits_since_journal = 0
        self._failed = False
        """The last journal write failed and the user was told; said once until a write works again."""
        self._delay = journal_delay()

    # ------------------------------------------------------------ the app's life

    def start(self) -> None:
        """Rescue unsaved edits when the SSH link drops (SIGHUP) or the process is told to stop."""
        try:
            loop = asyncio.get_running_loop()
            for number in RESCUE_SIGNALS:
                loop.add_signal_handler(number, self.rescue_and_exit)
        except (NotImplementedError, RuntimeError, ValueError):  # pragma: no cover - not on Unix
            pass

    def stop(self) -> None:
        """The app is ending: journal edits that were not given up, else let go of the file's lock."""
        try:
            loop = asyncio.get_running_loop()
            for number in RESCUE_SIGNALS:
                loop.remove_signal_handler(number)
        except (NotImplementedError, RuntimeError, ValueError):  # pragma: no cover - not on Unix
            pass
        if self.app.dirty and not self.edits_given_up:
            self.rescue()  # whatever ended the app, the edits were not given up
        elif not self.app.dirty:
            self.app.file.release()

    # ------------------------------------------------------------ journaling as edits come in

    def edited(self) -> None:
        """An edit was applied: journal it soon (now, after many edits without a pause)."""
        self._edits_since_journal += 1
        if self._edits_since_journal >= JOURNAL_EVERY_EDITS:
            self.journal_now()
            return
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.app.set_timer(self._delay, self.journal_now, name="journal")

    def journal_now(self) -> None:
        """Write the journal off the UI thread, from the document as it is now: dumped as JSON
        here, on the UI thread, so no edit can change it half-way (pydantic-core does that in
        8 ms at 10,000 events, where a copy of the report took 20 to 55 ms)."""
        self._edits_since_journal = 0
        app = self.app
        if not app.dirty:
            return
        report_json, origin, generation = app.document.model_dump_json(), app.file.disk, app.generation
        app.run_worker(
            lambda: self._write(report_json, origin, generation),
            thread=True,
            group="journal",
            exit_on_error=False,
        )

    def _write(self, report_json: str, origin: Fingerprint | None, generation: int) -> None:
        try:
            self.app.file.journal.write(report_json, origin, generation)
        except JournalError as error:
            if not self._failed:
                self._failed = True
                run_on_ui(
                    self.app,
                    self.app.notify,
                    f"Recovery journal not written: {error}",
                    severity="warning",
                    markup=False,
                    timeout=10,
                )
            return
        self._failed = False

    # ------------------------------------------------------------ the crash path

    def rescue(self) -> Path | None:
        """Journal the unsaved edits now, on this thread; never raises (this is the crash path)."""
        app = self.app
        if not app.dirty:
            return None
        try:
            path = write_journal(serialise(app.document, app.file.disk, app.path), app.path)
        except (JournalError, Exception):  # noqa: BLE001 - the last line of defence must not fail
            return None
        app.file.journal.written.add(path)
        return path

    def rescue_and_exit(self) -> None:
        self.rescue()
        self.edits_given_up = True
        self.app.exit(return_code=1)

    def crashed(self, error: Exception) -> str:
        """A bug: journal the edits first, keep the traceback in a file; returns one line for the terminal."""
        journal = self.rescue()
        log = write_crash_log(type(error), error, error.__traceback__)
        self.edits_given_up = True
        kept = f"; your unsaved edits are in {journal}" if journal else ""
        details = f"; details in {log}" if log else ""
        return f"pmtui: internal error (this is a bug): {type(error).__name__}: {error}{kept}{details}"
