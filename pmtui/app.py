"""PostmortemApp: owns the one report, its file, the dirty flag and undo; saves, quits, recovers.

Widgets never change the report. They post messages; the editor screen turns
each into a call to `PostmortemApp.edit`, the one place an edit is applied,
marked dirty and recorded for undo. The app composes the rest: saving.py asks
and saves, safekeeping.py journals unsaved edits and rescues them when the app
ends badly, screens/open_questions.py asks what the file's state calls for.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import ClassVar

from pydantic import ValidationError
from textual.app import App, ComposeResult, CSSPathType, SystemCommand
from textual.binding import BindingType
from textual.reactive import reactive
from textual.screen import Screen

from pmtui.command_state import allowed, palette_commands
from pmtui.commands import COMMAND_BY_ACTION, app_bindings
from pmtui.cycles import started
from pmtui.driver import terminal_driver_class
from pmtui.history import History, Step
from pmtui.journal import Journal
from pmtui.lock import LockOwner
from pmtui.model import Postmortem, Problem, refusal
from pmtui.report_file import ReportFile
from pmtui.safekeeping import Safekeeping
from pmtui.saving import SaveFlow
from pmtui.screens.editor import EditorScreen
from pmtui.screens.help import HelpScreen
from pmtui.screens.open_questions import ask_on_open
from pmtui.styles import stylesheet
from pmtui.warnings_watch import WarningsWatch
from pmtui.widgets.status_bar import SaveState, StatusBar

#: Areas of the report an edit touched; views refresh only what depends on them.
ALL = frozenset({"meta", "summary", "timeline", "analysis", "tasks", "zone"})


class PostmortemApp(App[None], inherit_bindings=False):  # all keys are commands.py's, in its order
    CSS_PATH: ClassVar[CSSPathType | None] = [stylesheet("app.tcss")]
    BINDINGS: ClassVar[list[BindingType]] = app_bindings()
    TITLE = "pmtui"
    ENABLE_COMMAND_PALETTE = True

    dirty: reactive[bool] = reactive(False)
    saving: reactive[bool] = reactive(False)
    read_only: reactive[bool] = reactive(False)
    """Opened read-only because another pmtui has unsaved edits to the file: no edits, no saving."""

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
        self.warnings = WarningsWatch(self)
        self.known_problems = self.warnings.known
        self.file = ReportFile(path)
        self.history = History()
        self.today = today
        self.generation = 0
        """Counts edits (undo and redo too), so a save knows whether edits came in while it ran."""
        self.from_list = False
        """Opened from the report browser (`pmtui DIR`): escape on the tab bar goes back to it."""
        self.crash_report: str | None = None
        """One line for the terminal after a bug ended the app (the CLI prints it)."""
        self.startup_notes: list[str] = []
        """Said once the editor is up (what an import did, what it guessed)."""
        self.recovered: Journal | None = None
        """A journal of unsaved edits to offer once the editor is up."""
        self.other_editor: LockOwner | None = None
        """Another pmtui with unsaved edits to this file, found at open."""
        self.saver = SaveFlow(self)
        self.safekeeping = Safekeeping(self)
        self.status_bar = StatusBar(id="status-bar")
        """Saved or not, the file, the focused field, the warnings: in the editor, in the header's row."""
        self._offer_create = offer_create

    @property
    def path(self) -> Path | None:
        return self.file.path

    # ------------------------------------------------------------ start-up

    def get_default_screen(self) -> Screen:
        return EditorScreen(self.document, self.warnings.now())

    def compose(self) -> ComposeResult:
        yield self.status_bar  # App.compose fills the default screen: the editor

    def on_mount(self) -> None:
        self.safekeeping.start()
        self._update_title()
        for note in self.startup_notes:
            self.notify(note, markup=False, timeout=12)
        ask_on_open(self, offer_create=self._offer_create)
        self.call_after_refresh(started)  # the collector, paused for the start (pmtui.cycles)

    def restore(self, journal: Journal) -> None:
        """Bring a journal's edits back; a save then checks the file against what the journal recorded."""
        self.history.replaced(self.document, journal.report, "restore recovered edits")
        self.file.disk = journal.origin
        self.file.restored_from = journal.path
        self.replace_document(journal.report)
        self.notify("Recovered edits restored; save to keep them.", markup=False)

    def on_unmount(self) -> None:
        self.safekeeping.stop()

    def _handle_exception(self, error: Exception) -> None:
        """A bug: the edits are journaled and the traceback kept (safekeeping), one line is left for the terminal.

        Overrides Textual 8's private hook, which would print a full traceback on exit.
        """
        self.crash_report = self.safekeeping.crashed(error)
        super()._handle_exception(error)
        self._exit_renderables.clear()
        self._return_code = 70  # EXIT_BUG, as the CLI says it

    # ------------------------------------------------------------ editing

    def edit(
        self,
        label: str,
        change: Callable[[Postmortem], object],
        areas: Iterable[str],
        group: str | None = None,
    ) -> str | None:
        """Apply one edit to the report; returns the reason when the model refuses it."""
        if self.read_only:
            reason = "opened read-only while another pmtui edits this file"
            self.notify(f"Not changed: {reason}.", severity="warning", markup=False)
            return reason
        try:
            self.history.apply(self.document, label, change, group)
        except ValueError as error:  # pydantic's ValidationError is one too; the change was taken back
            return refusal(error) if isinstance(error, ValidationError) else str(error)
        self._changed()
        self._refresh_views(frozenset(areas))
        return None

    def _changed(self) -> None:
        """Every change to the document passes here: dirty, locked, and journaled soon."""
        self.generation += 1
        self.dirty = True
        self.safekeeping.edited()

    def action_undo(self) -> None:
        self._step(self.history.undo(self.document), "Undid", "Nothing to undo.")

    def action_redo(self) -> None:
        self._step(self.history.redo(self.document), "Redid", "Nothing to redo.")

    def _step(self, done_step: tuple[Postmortem, Step] | None, done: str, nothing: str) -> None:
        if done_step is None:
            self.notify(nothing, markup=False)
            return
        report, step = done_step
        self.replace_document(report)
        self.notify(f"{done}: {step.label}", markup=False)
        if self.editor is not None:
            self.editor.reveal_step(step)  # the cursor goes to what changed

    def replace_document(self, report: Postmortem, *, dirty: bool = True) -> None:
        self.document = report
        if dirty:
            self._changed()
        else:
            self.dirty = False
        self._refresh_views(ALL, reload=True)

    def _refresh_views(self, areas: frozenset[str], reload: bool = False) -> None:
        self.known_problems.edited(areas, reload)
        problems = self.warnings.now()
        self._update_title()
        editor = self.editor
        if editor is not None:
            editor.show_document(self.document, areas, reload=reload, problems=problems)

    def warnings_changed(self, problems: list[Problem]) -> None:
        """A check off the UI thread found the report's warnings: the counts and marks follow."""
        self._update_title()
        editor = self.editor
        if editor is not None:
            editor.views.show_problems(problems)

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

    def watch_read_only(self) -> None:
        self._update_title()

    def _update_title(self) -> None:
        self.title = self.document.title
        name = str(self.path) if self.path is not None else "new report (not saved yet)"
        state = " saving…" if self.saving else (" ●" if self.dirty else "")
        self.sub_title = name + state + (" (read only)" if self.read_only else "")
        path = "" if self.path is None else str(self.path)
        saved = SaveState(self.title, path, self.dirty, self.saving, self.read_only, self.saver.saved_at)
        self.status_bar.show(saved, len(self.warnings.now()))

    # ------------------------------------------------------------ files (see saving.py)

    def action_save(self) -> None:
        self._take_typing()
        self.saver.save_to(self.path)

    def action_save_as(self) -> None:
        self._take_typing()
        self.saver.save_as()

    def action_export_markdown(self) -> None:
        self._take_typing()
        self.saver.export_markdown()

    async def action_quit(self) -> None:
        self._take_typing()
        self.saver.quit()

    def _take_typing(self) -> None:
        """A time typed in the summary is taken on leaving its field; these keys never leave it."""
        if self.editor is not None:
            self.editor.take_typing()

    # ------------------------------------------------------------ commands (see commands.py)

    async def action_shown(self, action: str) -> None:
        """A command's key as the footer shows it (see commands.py): runs the command."""
        await self.run_action(COMMAND_BY_ACTION[action].bound_action)

    async def on_status_bar_warnings_clicked(self) -> None:
        await self.run_action(COMMAND_BY_ACTION["warnings"].bound_action)

    def action_help(self) -> None:
        self.push_screen(HelpScreen())

    def on_resize(self) -> None:
        self.refresh_bindings()  # the footer shows f6 only on a terminal wide enough for it

    async def action_in_editor(self, action: str, *parameters: object) -> None:
        """Run one of the editor screen's own actions (the view commands: see commands.py)."""
        if self.editor is not None:
            await self.run_action(("", action, parameters), self.editor)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return allowed(self, action, parameters, self.screen)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The palette offers what the keys can do on `screen`, the screen it was opened over."""
        yield from palette_commands(self, screen)
        yield from super().get_system_commands(screen)
