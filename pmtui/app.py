"""PostmortemApp: owns the one report, its file, the dirty flag and undo; saves, quits, recovers.

Widgets never change the report. They post messages; the editor screen turns
each into a call to `PostmortemApp.edit`, the one place an edit is applied,
marked dirty and recorded for undo.
"""

from __future__ import annotations

import asyncio
import signal
from datetime import date
from pathlib import Path
from typing import Callable, Iterable, Optional

from pydantic import ValidationError
from textual.app import App, SystemCommand
from textual.reactive import reactive
from textual.screen import ModalScreen, Screen

from pmtui.commands import COMMANDS, TAB_KEYS, app_bindings
from pmtui.history import History
from pmtui.model import Postmortem, refusal
from pmtui.recovery import discard_recovery, read_recovery, recovery_path, write_recovery
from pmtui.render.markdown import render
from pmtui.screens.choice import ChoiceDialog
from pmtui.screens.editor import EditorScreen
from pmtui.screens.path_dialog import PathDialog
from pmtui.store import StoreError, fingerprint, load, save, write_text
from pmtui.styles import stylesheet
from pmtui.template import new_report

#: Commands that make no sense behind a dialog; the dialog's own bindings win there.
MODAL_BLOCKED = frozenset(c.action for c in COMMANDS if c.action != "quit") | {"show_tab", "focus_tabs"}

#: Areas of the report an edit touched; views refresh only what depends on them.
ALL = frozenset({"meta", "summary", "timeline", "analysis", "tasks", "zone"})


class PostmortemApp(App[None]):
    CSS_PATH = [stylesheet("app.tcss")]
    BINDINGS = app_bindings()
    TITLE = "pmtui"
    ENABLE_COMMAND_PALETTE = True

    dirty: reactive[bool] = reactive(False)

    def __init__(
        self,
        report: Postmortem,
        path: Optional[Path],
        *,
        offer_create: bool = False,
        recovered: Optional[Postmortem] = None,
        today: Callable[[], date] = date.today,
    ) -> None:
        super().__init__()
        self.document = report
        self.path = path
        self.history = History()
        self.today = today
        self._offer_create = offer_create
        self._recovered = recovered
        self._disk = fingerprint(path) if path is not None and path.exists() else None
        self.startup_notes: list[str] = []
        """Said once the editor is up (what an import did, what it guessed)."""

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
                ChoiceDialog(f"{self.path} does not exist. Create it?",
                             [("create", "Create"), ("quit", "Quit")], cancel="quit"),
                self._created_or_quit,
            )
        if self._recovered is not None:
            self.push_screen(
                ChoiceDialog(f"Unsaved edits from a session that ended suddenly were found in "
                             f"{recovery_path(self.path).name}. Restore them?",
                             [("restore", "Restore"), ("discard", "Discard")], cancel="discard"),
                self._restore_or_discard,
            )

    def _created_or_quit(self, choice: Optional[str]) -> None:
        if choice == "create":
            self._write(self.path)
        else:
            self.exit()

    def _restore_or_discard(self, choice: Optional[str]) -> None:
        if choice == "restore" and self._recovered is not None:
            self.history.record(self.document, "restore recovered edits")
            self._replace_document(self._recovered, dirty=True)
            self.notify("Recovered edits restored; save to keep them.", markup=False)
        else:
            discard_recovery(self.path)
        self._recovered = None

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

    def rescue_and_exit(self) -> None:
        if self.dirty:
            try:
                write_recovery(self.document, self.path)
            except StoreError:
                pass  # nowhere to say it; the terminal is gone
        self.exit(return_code=1)

    # ------------------------------------------------------------ editing

    def edit(self, label: str, change: Callable[[Postmortem], None], areas: Iterable[str],
             group: Optional[str] = None) -> Optional[str]:
        """Apply one edit to the report; returns the reason when the model refuses it."""
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
        self.dirty = True
        self._refresh_views(frozenset(areas))
        return None

    def action_undo(self) -> None:
        self._step(self.history.undo(self.document), "Undid", "Nothing to undo.")

    def action_redo(self) -> None:
        self._step(self.history.redo(self.document), "Redid", "Nothing to redo.")

    def _step(self, step: Optional[tuple[Postmortem, str]], done: str, nothing: str) -> None:
        if step is None:
            self.notify(nothing, markup=False)
            return
        self._replace_document(step[0], dirty=True)
        self.notify(f"{done}: {step[1]}", markup=False)

    def _replace_document(self, report: Postmortem, *, dirty: bool) -> None:
        self.document = report
        self.dirty = dirty
        self._refresh_views(ALL, reload=True)

    def _refresh_views(self, areas: frozenset[str], reload: bool = False) -> None:
        self._update_title()
        editor = self.editor
        if editor is not None:
            editor.show_document(self.document, areas, reload=reload)

    @property
    def editor(self) -> Optional[EditorScreen]:
        """The editor screen, wherever it is in the stack (dialogs may be above it)."""
        for screen in self.screen_stack:
            if isinstance(screen, EditorScreen):
                return screen
        return None

    def watch_dirty(self) -> None:
        self._update_title()

    def _update_title(self) -> None:
        self.title = self.document.title
        name = str(self.path) if self.path is not None else "new report (not saved yet)"
        self.sub_title = name + (" ●" if self.dirty else "")

    # ------------------------------------------------------------ files

    def action_save(self) -> None:
        if self.path is None:
            self.action_save_as()
            return
        current = fingerprint(self.path)
        if self._disk is not None and current != self._disk:
            changed = "was deleted" if current is None else "changed on disk"
            self.push_screen(
                ChoiceDialog(f"{self.path} {changed} since it was opened.",
                             [("reload", "Reload from disk"), ("overwrite", "Overwrite"),
                              ("save_as", "Save as…"), ("cancel", "Cancel")]),
                self._resolve_conflict,
            )
            return
        self._write(self.path)

    def _resolve_conflict(self, choice: Optional[str]) -> None:
        if choice == "overwrite":
            self._write(self.path)
        elif choice == "save_as":
            self.action_save_as()
        elif choice == "reload" and self.path is not None:
            try:
                fresh = load(self.path)
            except StoreError as error:
                self.notify(str(error), severity="error", markup=False)
                return
            self.history.record(self.document, "reload from disk")
            self._disk = fingerprint(self.path)
            self._replace_document(fresh, dirty=False)
            self.notify("Reloaded from disk; ctrl+z brings your edits back.", markup=False)

    def action_save_as(self) -> None:
        suggestion = str(self.path) if self.path is not None else "postmortem.toml"
        self.push_screen(PathDialog("Save the report as", suggestion, must_not_exist=False), self._save_as_chosen)

    def _save_as_chosen(self, path: Optional[Path]) -> None:
        if path is not None:
            self._write(path)

    def _write(self, path: Optional[Path], then: Optional[Callable[[], None]] = None) -> bool:
        if path is None:
            return False
        try:
            save(self.document, path)
        except StoreError as error:
            self.notify(str(error), severity="error", markup=False, timeout=8)
            return False
        old_path, self.path = self.path, path
        self._disk = fingerprint(path)
        self.dirty = False
        discard_recovery(old_path)
        self.notify(f"Saved {path}", markup=False)
        if then is not None:
            then()
        return True

    def action_export_markdown(self) -> None:
        base = self.path if self.path is not None else Path("postmortem.toml")
        self.push_screen(PathDialog("Export Markdown to", str(base.with_suffix(".md")), must_not_exist=False),
                         self._export_to)

    def _export_to(self, path: Optional[Path]) -> None:
        if path is None:
            return
        if path.exists():
            self.push_screen(ChoiceDialog(f"{path} exists. Replace it?", [("replace", "Replace"), ("cancel", "Cancel")]),
                             lambda choice: self._write_export(path) if choice == "replace" else None)
            return
        self._write_export(path)

    def _write_export(self, path: Path) -> None:
        try:
            write_text(path, render(self.document))
        except StoreError as error:
            self.notify(str(error), severity="error", markup=False)
            return
        self.notify(f"Exported {path}", markup=False)

    # ------------------------------------------------------------ quitting

    async def action_quit(self) -> None:
        if not self.dirty:
            self.exit()
            return
        self.push_screen(
            ChoiceDialog("Save changes before quitting?",
                         [("save", "Save"), ("discard", "Discard"), ("cancel", "Cancel")]),
            self._quit_choice,
        )

    def _quit_choice(self, choice: Optional[str]) -> None:
        if choice == "discard":
            self.exit()
        elif choice == "save":
            if self.path is None:
                self.push_screen(PathDialog("Save the report as", "postmortem.toml", must_not_exist=False),
                                 lambda path: self._write(path, then=self.exit))
            else:
                self._write(self.path, then=self.exit)

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

    def check_action(self, action: str, parameters: tuple[object, ...]) -> Optional[bool]:
        return self._allowed(action, self.screen)

    def _allowed(self, action: str, screen: Screen) -> Optional[bool]:
        """True: available; None: shown greyed (nothing to undo); False: not here at all."""
        if isinstance(screen, ModalScreen) and action in MODAL_BLOCKED:
            return False  # a dialog's own keys (ctrl+s: OK, letters) come first
        if action == "undo":
            return True if self.history.can_undo else None
        if action == "redo":
            return True if self.history.can_redo else None
        if action == "save":
            return True if (self.dirty or self.path is None) else None
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
            yield SystemCommand(f"View: {tab.replace('-', ' ')} tab", f"Show the tab (key {key})",
                                lambda t=tab: self.action_show_tab(t))
        yield from super().get_system_commands(screen)


MARKDOWN_SUFFIXES = (".md", ".markdown")


def create_app(path: Optional[Path], today: Callable[[], date] = date.today) -> PostmortemApp:
    """The one factory the CLI and the tests share. Raises StoreError for an unreadable file.

    A Markdown file is imported into a new report beside it (same name, .toml),
    which is written only on save; the Markdown itself is never modified. If
    that .toml already exists, it is opened instead of importing again.
    """
    if path is not None and path.suffix.lower() in MARKDOWN_SUFFIXES:
        target = path.with_suffix(".toml")
        if target.exists():
            app = create_app(target, today)
            app.startup_notes.append(f"{target} exists, so it was opened instead of importing {path} again.")
            return app
        from pmtui.importers.markdown import read_markdown_file

        result = read_markdown_file(path)
        app = PostmortemApp(result.report, target, recovered=read_recovery(target), today=today)
        app.dirty = True
        said = [f"Imported {path}: {'; '.join(result.account)}."]
        if result.guesses:
            said.append(f"Guessed: {'; '.join(result.guesses)}.")
        if result.warnings:
            said.append(f"Warnings: {'; '.join(result.warnings)}.")
        said.append(f"Save (ctrl+s) to write {target}.")
        app.startup_notes.append(" ".join(said))
        return app
    recovered = read_recovery(path)
    if path is None:
        return PostmortemApp(new_report(), None, recovered=recovered, today=today)
    if not path.exists():
        return PostmortemApp(new_report(title=path.stem.replace("-", " ").replace("_", " ").capitalize()), path,
                             offer_create=True, recovered=recovered, today=today)
    return PostmortemApp(load(path), path, recovered=recovered, today=today)
