"""PostmortemApp: owns the one report, its file, the dirty flag and undo; saves, quits, recovers.

Widgets never change the report. They post messages; the editor screen turns
each into a call to `PostmortemApp.edit`, the one place an edit is applied,
marked dirty and recorded for undo.
"""

from __future__ import annotations

import asyncio
import os
import signal
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import ClassVar

from pydantic import ValidationError
from textual.app import App, CSSPathType, SystemCommand
from textual.binding import BindingType
from textual.reactive import reactive
from textual.screen import ModalScreen, Screen
from textual.timer import Timer

from pmtui.commands import COMMANDS, TAB_KEYS, app_bindings
from pmtui.driver import terminal_driver_class
from pmtui.fingerprint import Fingerprint
from pmtui.history import History
from pmtui.journal import Journal, JournalError, serialise, write_journal
from pmtui.lock import LockOwner
from pmtui.model import Postmortem, refusal
from pmtui.report_file import ReportFile
from pmtui.saving import SaveFlow
from pmtui.screens.choice import ChoiceDialog
from pmtui.screens.editor import EditorScreen
from pmtui.screens.recovery_prompt import offer_recovery
from pmtui.state import write_crash_log
from pmtui.styles import stylesheet

#: Commands that make no sense behind a dialog; the dialog's own bindings win there.
MODAL_BLOCKED = frozenset(c.action for c in COMMANDS if c.action != "quit") | {"show_tab", "focus_tabs"}

#: Areas of the report an edit touched; views refresh only what depends on them.
ALL = frozenset({"meta", "summary", "timeline", "analysis", "tasks", "zone"})

#: The journal is written this long after the last edit (PMTUI_JOURNAL_SECONDS changes it),
#: and at least every so many edits.
JOURNAL_DELAY_SECONDS = 1.0
JOURNAL_EVERY_EDITS = 100


def journal_delay() -> float:
    try:
        return max(0.0, float(os.environ.get("PMTUI_JOURNAL_SECONDS", JOURNAL_DELAY_SECONDS)))
    except ValueError:
        return JOURNAL_DELAY_SECONDS


class PostmortemApp(App[None]):
    CSS_PATH: ClassVar[CSSPathType | None] = [stylesheet("app.tcss")]
    BINDINGS: ClassVar[list[BindingType]] = app_bindings()
    TITLE = "pmtui"
    ENABLE_COMMAND_PALETTE = True

    dirty: reactive[bool] = reactive(False)
    saving: reactive[bool] = reactive(False)

    def __init__(
        self,
        report: Postmortem,
        path: Path | None,
        *,
        offer_create: bool = False,
        today: Callable[[], date] = date.today,
    ) -> None:
        super().__init__(driver_class=terminal_driver_class())
        self.document = report
        self.file = ReportFile(path)
        self.history = History()
        self.today = today
        self.read_only = False
        self.generation = 0
        """Counts edits (undo and redo too), so a save knows whether edits came in while it ran."""
        self.crash_report: str | None = None
        """One line for the terminal after a bug ended the app (the CLI prints it)."""
        self.startup_notes: list[str] = []
        """Said once the editor is up (what an import did, what it guessed)."""
        self.recovered: Journal | None = None
        """A journal of unsaved edits to offer once the editor is up."""
        self.other_editor: LockOwner | None = None
        """Another pmtui with unsaved edits to this file, found at open."""
        self.quitting_unsaved = False
        """The user chose to give up unsaved edits (or they are already journaled): no rescue at exit."""
        self.saver = SaveFlow(self)
        self._offer_create = offer_create
        self._journal_timer: Timer | None = None
        self._edits_since_journal = 0
        self._journal_failed = False
        self._journal_delay = journal_delay()

    @property
    def path(self) -> Path | None:
        return self.file.path

    # ------------------------------------------------------------ start-up

    def get_default_screen(self) -> Screen:
        return EditorScreen(self.document)

    def on_mount(self) -> None:
        self._install_signal_handlers()
        self._update_title()
        for note in self.startup_notes:
            self.notify(note, markup=False, timeout=12)
        if self._offer_create and self.path is not None:
            self.push_screen(
                ChoiceDialog(
                    f"{self.path} does not exist. Create it?",
                    [("create", "Create"), ("quit", "Quit")],
                    cancel="quit",
                ),
                self._created_or_quit,
            )
        if self.other_editor is not None:
            self.push_screen(
                ChoiceDialog(
                    f"{self.path} has unsaved edits in another pmtui: {self.other_editor.describe()}.",
                    [("read_only", "Read only"), ("open", "Open anyway"), ("quit", "Quit")],
                    cancel="read_only",
                ),
                self._read_only_or_not,
            )
        if self.recovered is not None:
            offer_recovery(self, self.recovered)

    def _created_or_quit(self, choice: str | None) -> None:
        if choice == "create":
            self.saver.save_to(self.path)
        else:
            self.exit()

    def _read_only_or_not(self, choice: str | None) -> None:
        if choice == "quit":
            self.exit()
        elif choice == "read_only":
            self.read_only = True
            self._update_title()
            self.notify(
                "Opened read-only: edits and saving are off while the other pmtui has this file.",
                markup=False,
                timeout=10,
            )

    def restore(self, journal: Journal) -> None:
        """Bring a journal's edits back; a save then checks the file against what the journal recorded."""
        self.history.record(self.document, "restore recovered edits")
        self.file.disk = journal.origin
        self.file.restored_from = journal.path
        self.replace_document(journal.report)
        self.notify("Recovered edits restored; save to keep them.", markup=False)

    # ------------------------------------------------------------ the crash path

    def _install_signal_handlers(self) -> None:
        """Rescue unsaved edits when the SSH link drops (SIGHUP) or the process is told to stop."""
        try:
            loop = asyncio.get_running_loop()
            for number in (signal.SIGHUP, signal.SIGTERM):
                loop.add_signal_handler(number, self.rescue_and_exit)
        except (NotImplementedError, RuntimeError, ValueError):  # pragma: no cover - not on Unix
            pass

    def on_unmount(self) -> None:
        try:
            loop = asyncio.get_running_loop()
            for number in (signal.SIGHUP, signal.SIGTERM):
                loop.remove_signal_handler(number)
        except (NotImplementedError, RuntimeError, ValueError):  # pragma: no cover - not on Unix
            pass
        if self.dirty and not self.quitting_unsaved:
            self.rescue()  # whatever ended the app, the edits were not given up
        elif not self.dirty:
            self.file.release()

    def rescue(self) -> Path | None:
        """Journal the unsaved edits now, on this thread; never raises (this is the crash path)."""
        if not self.dirty:
            return None
        try:
            path = write_journal(serialise(self.document, self.file.disk, self.path), self.path)
        except (JournalError, Exception):  # noqa: BLE001 - the last line of defence must not fail
            return None
        self.file.journal.written.add(path)
        return path

    def rescue_and_exit(self) -> None:
        self.rescue()
        self.quitting_unsaved = True
        self.exit(return_code=1)

    def _handle_exception(self, error: Exception) -> None:
        """A bug: journal the edits first, keep the traceback in a file, leave one line for the terminal.

        Overrides Textual 8's private hook, which would print a full traceback on exit.
        """
        journal = self.rescue()
        log = write_crash_log(type(error), error, error.__traceback__)
        self.quitting_unsaved = True
        super()._handle_exception(error)
        self._exit_renderables.clear()
        self._return_code = 70
        kept = f"; your unsaved edits are in {journal}" if journal else ""
        details = f"; details in {log}" if log else ""
        self.crash_report = (
            f"pmtui: internal error (this is a bug): {type(error).__name__}: {error}{kept}{details}"
        )

    # ------------------------------------------------------------ editing

    def edit(
        self, label: str, change: Callable[[Postmortem], None], areas: Iterable[str], group: str | None = None
    ) -> str | None:
        """Apply one edit to the report; returns the reason when the model refuses it."""
        if self.read_only:
            reason = "opened read-only while another pmtui edits this file"
            self.notify(f"Not changed: {reason}.", severity="warning", markup=False)
            return reason
        added = self.history.record(self.document, label, group)
        try:
            change(self.document)
        except ValidationError as error:
            if added:
                self.history.discard_last()
            return refusal(error)
        except ValueError as error:
            if added:
                self.history.discard_last()
            return str(error)
        self._changed()
        self._refresh_views(frozenset(areas))
        return None

    def _changed(self) -> None:
        """Every change to the document passes here: dirty, locked, and journaled soon."""
        self.generation += 1
        self.dirty = True
        self._edits_since_journal += 1
        if self._edits_since_journal >= JOURNAL_EVERY_EDITS:
            self.journal_now()
            return
        if self._journal_timer is not None:
            self._journal_timer.stop()
        self._journal_timer = self.set_timer(self._journal_delay, self.journal_now, name="journal")

    def journal_now(self) -> None:
        """Write the journal off the UI thread, from a snapshot of the document as it is now."""
        self._edits_since_journal = 0
        if not self.dirty:
            return
        snapshot, origin, generation = self.document.snapshot(), self.file.disk, self.generation
        self.run_worker(
            lambda: self._write_journal(snapshot, origin, generation),
            thread=True,
            group="journal",
            exit_on_error=False,
        )

    def _write_journal(self, snapshot: Postmortem, origin: Fingerprint | None, generation: int) -> None:
        try:
            self.file.journal.write(snapshot, origin, generation)
        except JournalError as error:
            if not self._journal_failed:
                self._journal_failed = True
                self.call_from_thread(
                    self.notify,
                    f"Recovery journal not written: {error}",
                    severity="warning",
                    markup=False,
                    timeout=10,
                )
            return
        self._journal_failed = False

    def action_undo(self) -> None:
        self._step(self.history.undo(self.document), "Undid", "Nothing to undo.")

    def action_redo(self) -> None:
        self._step(self.history.redo(self.document), "Redid", "Nothing to redo.")

    def _step(self, step: tuple[Postmortem, str] | None, done: str, nothing: str) -> None:
        if step is None:
            self.notify(nothing, markup=False)
            return
        self.replace_document(step[0])
        self.notify(f"{done}: {step[1]}", markup=False)

    def replace_document(self, report: Postmortem, *, dirty: bool = True) -> None:
        self.document = report
        if dirty:
            self._changed()
        else:
            self.dirty = False
        self._refresh_views(ALL, reload=True)

    def _refresh_views(self, areas: frozenset[str], reload: bool = False) -> None:
        self._update_title()
        editor = self.editor
        if editor is not None:
            editor.show_document(self.document, areas, reload=reload)

    @property
    def editor(self) -> EditorScreen | None:
        """The editor screen, wherever it is in the stack (dialogs may be above it)."""
        for screen in self.screen_stack:
            if isinstance(screen, EditorScreen):
                return screen
        return None

    def watch_dirty(self, dirty: bool) -> None:
        self._update_title()
        if dirty:
            other = self.file.edited()
            if other is not None:
                self.notify(
                    f"Another pmtui has unsaved edits to this file: {other.describe()}.",
                    severity="warning",
                    markup=False,
                    timeout=10,
                )

    def watch_saving(self) -> None:
        self._update_title()

    def _update_title(self) -> None:
        self.title = self.document.title
        name = str(self.path) if self.path is not None else "new report (not saved yet)"
        state = " saving…" if self.saving else (" ●" if self.dirty else "")
        self.sub_title = name + state + (" (read only)" if self.read_only else "")

    # ------------------------------------------------------------ files (see saving.py)

    def action_save(self) -> None:
        self.saver.save_to(self.path)

    def action_save_as(self) -> None:
        self.saver.save_as()

    def action_export_markdown(self) -> None:
        self.saver.export_markdown()

    async def action_quit(self) -> None:
        self.saver.quit()

    # ------------------------------------------------------------ view commands

    def action_show_tab(self, tab: str) -> None:
        editor = self.editor
        if editor is not None:
            editor.show_tab(tab)

    def action_focus_tabs(self) -> None:
        editor = self.editor
        if editor is not None:
            editor.focus_tabs()

    def action_add_event(self) -> None:
        self.action_show_tab("timeline")
        if self.editor is not None:
            self.editor.add_event()

    def action_add_task(self) -> None:
        self.action_show_tab("tasks")
        if self.editor is not None:
            self.editor.add_task()

    def action_cycle_zone(self) -> None:
        if self.editor is not None:
            self.editor.cycle_zone()

    def action_toggle_preview(self) -> None:
        editor = self.editor
        if editor is not None:
            editor.toggle_side_preview()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self._allowed(action, self.screen)

    def _allowed(self, action: str, screen: Screen) -> bool | None:
        """True: available; None: shown greyed (nothing to undo); False: not here at all."""
        if isinstance(screen, ModalScreen) and action in MODAL_BLOCKED:
            return False  # a dialog's own keys (ctrl+s: OK, letters) come first
        if action == "undo":
            return True if self.history.can_undo else None
        if action == "redo":
            return True if self.history.can_redo else None
        if action == "save":
            return True if (self.dirty or self.path is None) and not self.read_only else None
        if action == "show_tab":
            return not self._typing()
        if action == "toggle_preview":
            return True if self.size.width >= 160 else None
        return True

    def _typing(self) -> bool:
        from textual.widgets import Input, TextArea

        return isinstance(self.focused, (Input, TextArea))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        for command in COMMANDS:
            if self._allowed(command.action, screen):
                yield SystemCommand(command.title, command.help, lambda a=command.action: self.run_action(a))
        for key, tab in TAB_KEYS.items():
            yield SystemCommand(
                f"View: {tab.replace('-', ' ')} tab",
                f"Show the tab (key {key})",
                lambda t=tab: self.action_show_tab(t),
            )
        yield from super().get_system_commands(screen)
