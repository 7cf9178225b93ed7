"""Saving, exporting and quitting: the one path every save takes, and the questions it asks.

ctrl+s, save as, quit → Save, create and restore-then-save all end in
`SaveFlow.save_to`: it asks for a name when there is none, asks before
replacing a file that changed on disk (or another file), then writes in a
worker thread so the editor keeps answering keys. A save asked for while one
runs waits for it, and so does quitting.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from pmtui.fingerprint import Fingerprint, fingerprint
from pmtui.model import Postmortem
from pmtui.render.markdown import render
from pmtui.screens.choice import ChoiceDialog
from pmtui.screens.path_dialog import PathDialog
from pmtui.store import StoreError, load, write_text

if TYPE_CHECKING:
    from pmtui.app import PostmortemApp


class SaveFlow:
    def __init__(self, app: PostmortemApp) -> None:
        self.app = app
        self._after_save: list[Callable[[], object]] = []
        """What waits for the save under way (another save, quitting)."""
        self.saved_at = ""
        """When this session last saved ("12:04"), for the status bar; empty until then."""

    def save_as(self) -> None:
        suggestion = str(self.app.path) if self.app.path is not None else "postmortem.toml"
        self.app.push_screen(
            PathDialog("Save the report as", suggestion, must_not_exist=False),
            lambda path: self.save_to(path, ask_name=False) if path is not None else None,
        )

    def save_to(
        self,
        target: Path | None,
        then: Callable[[], None] | None = None,
        *,
        ask_name: bool = True,
        checked: bool = False,
    ) -> None:
        """The one way a report is saved (ctrl+s, save as, quit → Save, restore then save).

        Asks for a name when there is none, asks before replacing a file that changed
        on disk (or another file), then writes in a worker; `then` runs after a
        successful save. A save asked for while one runs waits for it.
        """
        if target is None:
            if ask_name:
                self.app.push_screen(
                    PathDialog("Save the report as", "postmortem.toml", must_not_exist=False),
                    lambda path: self.save_to(path, then, ask_name=False) if path else None,
                )
            return
        if self.app.saving:
            self._after_save.append(lambda: self.save_to(target, then, ask_name=ask_name, checked=checked))
            return
        reason = None if checked else self.app.file.conflict(target)
        if reason is not None:
            self._ask_about_conflict(target, reason, then)
            return
        snapshot, generation = self.app.document.snapshot(), self.app.generation
        self.app.saving = True
        self.app.run_worker(
            lambda: self._save_in_worker(snapshot, target, generation, then),
            thread=True,
            group="save",
            exit_on_error=False,
        )

    def _save_in_worker(
        self, snapshot: Postmortem, target: Path, generation: int, then: Callable[[], None] | None
    ) -> None:
        try:
            written = self.app.file.write(snapshot, target)
        except StoreError as error:
            self.app.call_from_thread(self._save_failed, error)
            return
        self.app.call_from_thread(self._save_done, target, written, generation, then)

    def _save_done(
        self, target: Path, written: Fingerprint | None, generation: int, then: Callable[[], None] | None
    ) -> None:
        still_dirty = self.app.generation != generation
        self.app.file.saved(target, written, generation, still_dirty)
        self.saved_at = datetime.now().strftime("%H:%M")
        self.app.saving = False
        self.app.dirty = still_dirty
        if still_dirty:
            self.app.safekeeping.journal_now()
        self.app.notify(f"Saved {target}", markup=False)
        if then is not None:
            then()
        self._run_after_save()

    def _save_failed(self, error: StoreError) -> None:
        self.app.saving = False
        self._after_save.clear()  # a quit waiting on this save must not go ahead
        self.app.notify(str(error), severity="error", markup=False, timeout=10)

    def _run_after_save(self) -> None:
        waiting, self._after_save = self._after_save, []
        for step in waiting:
            step()

    def _ask_about_conflict(self, target: Path, reason: str, then: Callable[[], None] | None) -> None:
        if reason == "exists":
            question = f"{target} exists. Replace it?"
            choices = [("overwrite", "Replace"), ("save_as", "Save as…"), ("cancel", "Cancel")]
        else:
            question = f"{target} {reason} since it was opened."
            choices = [
                ("reload", "Reload from disk"),
                ("overwrite", "Overwrite"),
                ("save_as", "Save as…"),
                ("cancel", "Cancel"),
            ]
        self.app.push_screen(
            ChoiceDialog(question, choices), lambda choice: self._resolve_conflict(target, choice, then)
        )

    def _resolve_conflict(self, target: Path, choice: str | None, then: Callable[[], None] | None) -> None:
        if choice == "overwrite":
            self.save_to(target, then, checked=True)
        elif choice == "save_as":
            self.app.push_screen(
                PathDialog("Save the report as", str(target), must_not_exist=False),
                lambda path: self.save_to(path, then, ask_name=False) if path else None,
            )
        elif choice == "reload":
            self._reload(target)

    def _reload(self, target: Path) -> None:
        try:
            fresh = load(target)
        except StoreError as error:
            self.app.notify(str(error), severity="error", markup=False)
            return
        self.app.history.record(self.app.document, "reload from disk")
        self.app.file.disk = fingerprint(target)
        self.app.file.journal.discard(self.app.generation)
        self.app.replace_document(fresh, dirty=False)
        self.app.notify("Reloaded from disk; ctrl+z brings your edits back.", markup=False)

    def export_markdown(self) -> None:
        base = self.app.path if self.app.path is not None else Path("postmortem.toml")
        self.app.push_screen(
            PathDialog("Export Markdown to", str(base.with_suffix(".md")), must_not_exist=False),
            self._export_to,
        )

    def _export_to(self, path: Path | None) -> None:
        if path is None:
            return
        if path.exists():
            self.app.push_screen(
                ChoiceDialog(f"{path} exists. Replace it?", [("replace", "Replace"), ("cancel", "Cancel")]),
                lambda choice: self._write_export(path) if choice == "replace" else None,
            )
            return
        self._write_export(path)

    def _write_export(self, path: Path) -> None:
        try:
            write_text(path, render(self.app.document))
        except StoreError as error:
            self.app.notify(str(error), severity="error", markup=False)
            return
        self.app.notify(f"Exported {path}", markup=False)

    def quit(self) -> None:
        if self.app.saving:
            self._after_save.append(lambda: self.app.call_later(self.quit))
            return
        if not self.app.dirty:
            self.app.exit()
            return
        self.app.push_screen(
            ChoiceDialog(
                "Save changes before quitting?",
                [("save", "Save"), ("discard", "Discard"), ("cancel", "Cancel")],
            ),
            self._quit_choice,
        )

    def _quit_choice(self, choice: str | None) -> None:
        if choice == "discard":
            self.app.safekeeping.edits_given_up = True
            self.app.file.discard()
            self.app.exit()
        elif choice == "save":
            self.save_to(self.app.path, then=self.app.exit)
