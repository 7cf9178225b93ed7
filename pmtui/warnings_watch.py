"""The report's warnings for the editor: worked out on the spot for a small report, off the
UI thread for a big one (issue #12), with the last ones shown until the new ones are in.

Like `Safekeeping`, it belongs to the app: it reads the app's document and generation and
tells the app's views when a check finishes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pmtui.checks import KnownProblems, worth_checking_aside
from pmtui.model import Problem
from pmtui.ui_thread import run_on_ui

if TYPE_CHECKING:
    from pmtui.app import PostmortemApp


class WarningsWatch:
    def __init__(self, app: PostmortemApp) -> None:
        self.app = app
        self.known = KnownProblems()
        self._checking = False
        """A thread is checking the report (`now`)."""

    def now(self) -> list[Problem]:
        """The report's warnings. A big report is checked off the UI thread after an edit; its
        last warnings stand meanwhile, and the views are told when the new ones are in."""
        known, report = self.known, self.app.document
        if known.stale and worth_checking_aside(report):
            self._check_aside()
            return known.latest
        return known.of(report)

    def _check_aside(self) -> None:
        """Check a snapshot of the report in a thread; one check at a time, and when edits came
        while it ran, another for the report as it is then (`_checked`)."""
        if self._checking:
            return
        self._checking = True
        app = self.app
        snapshot, generation = app.document.shallow_snapshot(), app.generation

        def check() -> None:
            try:
                problems: list[Problem] | None = snapshot.problems()
            except Exception:  # noqa: BLE001 - told on the UI thread, which checks again itself
                problems = None
            run_on_ui(app, self._checked, generation, problems)

        app.run_worker(check, thread=True, group="problems", exit_on_error=False)

    def _checked(self, generation: int, problems: list[Problem] | None) -> None:
        self._checking = False
        known, app = self.known, self.app
        if not known.stale:
            return
        if generation != app.generation:
            self._check_aside()  # edited meanwhile: these are already out of date
            return
        shown = known.latest
        known.found(app.document.problems() if problems is None else problems)  # None: raise here
        if known.latest != shown:  # the same warnings: the marks and counts already say them
            app.warnings_changed(known.latest)
