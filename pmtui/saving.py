"""Saving, exporting and quitting: the one path every save takes, and the questions it asks.

ctrl+s, save as, quit → Save, create and restore-then-save all end in
`SaveFlow.save_to`: it asks for a name when there is none, asks before
replacing a file that changed on disk (or another file), then writes in a
worker thread so the editor keeps answering keys. A save asked for while one
runs waits for it, and so does quitting.

The first save of a report imported from Markdown asks once where it lives:
a .toml beside the Markdown, or the Markdown itself (markdown_source.py), which
every save then rewrites through the same checks, lock, journal and worker.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from pmtui.fingerprint import Fingerprint, fingerprint
from pmtui.markdown_source import is_markdown, keep_original, layout_note, read_report, source_text
from pmtui.model import Postmortem
from pmtui.render.markdown import render
from pmtui.screens.choice import ChoiceDialog
from pmtui.screens.export_dialog import ExportChoice, ask_export
from pmtui.screens.path_dialog import PathDialog
from pmtui.store import StoreError, write_text
from pmtui.ui_thread import run_on_ui

if TYPE_CHECKING:
    from pmtui.app import PostmortemApp


class SaveFlow:
    def __init__(self, app: PostmortemApp) -> None:
        self.app = app
        self._after_save: list[Callable[[], object]] = []
        """What waits for the save under way (another save, quitting)."""
        self.saved_at = ""
        """When this session last saved ("12:04"), for the status bar; empty until then."""
        self.export_mermaid = False
        """Whether the last export added the Mermaid timeline; the next export offers the same."""

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
        if self.app.file.imported_from is not None and target == self.app.path:
            self._ask_where_it_lives(self.app.file.imported_from, target, then)
            return
        reason = None if checked else self.app.file.conflict(target)
        if reason is not None:
            self._ask_about_conflict(target, reason, then)
            return
        snapshot, generation = self.app.document.snapshot(), self.app.generation
        mode = self.app.file.new_file_mode()
        self.app.saving = True
        self.app.run_worker(
            lambda: self._save_in_worker(snapshot, target, generation, mode, then),
            thread=True,
            group="save",
            exit_on_error=False,
        )

    def _save_in_worker(
        self,
        snapshot: Postmortem,
        target: Path,
        generation: int,
        mode: int | None,
        then: Callable[[], None] | None,
    ) -> None:
        note = ""
        try:
            if is_markdown(target):
                text = source_text(snapshot, str(target))  # checked before anything is written
                kept = keep_original(target)
                written = self.app.file.write_markdown(text, target, mode)
                note = layout_note(target, kept, snapshot) if kept is not None else ""
            else:
                written = self.app.file.write(snapshot, target, mode)
        except StoreError as error:
            run_on_ui(self.app, self._save_failed, error)
            return
        run_on_ui(self.app, self._save_done, target, written, generation, then, note)

    def _save_done(
        self,
        target: Path,
        written: Fingerprint | None,
        generation: int,
        then: Callable[[], None] | None,
        note: str = "",
    ) -> None:
        still_dirty = self.app.generation != generation
        self.app.file.saved(target, written, generation, still_dirty)
        self.saved_at = datetime.now().strftime("%H:%M")
        self.app.saving = False
        self.app.dirty = still_dirty
        if still_dirty:
            self.app.safekeeping.journal_now()
        unkept = self._unkept()
        if unkept:
            self.app.notify(
                f"Saved {target}, without what cannot be read: {'; '.join(unkept)}. {note}".rstrip(),
                severity="warning",
                markup=False,
                timeout=15 if note else 8,
            )
        elif note:
            self.app.notify(f"Saved {target}. {note}", markup=False, timeout=15)
        else:
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

    def _ask_where_it_lives(self, markdown: Path, toml: Path, then: Callable[[], None] | None) -> None:
        """Asked once, on the first save of a report imported from Markdown."""
        question = (
            f"{markdown.name} was imported. Where does this report live from now on?\n"
            f"• TOML: saves write {toml.name} beside it; {markdown.name} is left as it is.\n"
            f"• Markdown: every save rewrites {markdown.name} in pmtui's layout (the original is kept "
            f"as {markdown.name}.orig), and the next `pmtui {markdown.name}` opens it again."
        )
        choices = [("toml", f"TOML: keep {toml.suffix} beside it"), ("markdown", "Markdown is the source")]
        self.app.push_screen(
            ChoiceDialog(question, [*choices, ("cancel", "Cancel")]),
            lambda choice: self._lives_in(choice, toml, then),
        )

    def _lives_in(self, choice: str | None, toml: Path, then: Callable[[], None] | None) -> None:
        if choice == "toml":
            self.app.file.keep_toml()
            self.save_to(toml, then)
        elif choice == "markdown":
            source = self.app.file.take_markdown_source()
            self.app.safekeeping.journal_now()  # the journal now belongs beside the Markdown
            self.save_to(source, then)

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
            fresh = read_report(target)
        except StoreError as error:
            self.app.notify(str(error), severity="error", markup=False)
            return
        self.app.history.replaced(self.app.document, fresh, "reload from disk")
        self.app.file.disk = fingerprint(target)
        self.app.file.journal.discard(self.app.generation)
        self.app.replace_document(fresh, dirty=False)
        self.app.notify("Reloaded from disk; ctrl+z brings your edits back.", markup=False)

    def export_markdown(self) -> None:
        base = self.app.path if self.app.path is not None else Path("postmortem.toml")
        suggestion = base.with_suffix(".md")
        if suggestion == self.app.path:  # the report's own Markdown: saving writes that
            suggestion = base.with_name(f"{base.stem}-export.md")
        ask_export(self.app, str(suggestion), self.export_mermaid, self._export_to)

    def _export_to(self, choice: ExportChoice | None) -> None:
        if choice is None:
            return
        path, mermaid = choice.path, choice.mermaid
        self.export_mermaid = mermaid
        if self.app.path is not None and path.resolve() == self.app.path.resolve():
            self.app.notify(
                f"{path} is this report's own file: save (ctrl+s) writes it; export to another name.",
                severity="warning",
                markup=False,
            )
            return
        if path.exists():
            self.app.push_screen(
                ChoiceDialog(f"{path} exists. Replace it?", [("replace", "Replace"), ("cancel", "Cancel")]),
                lambda answer: self._write_export(path, mermaid) if answer == "replace" else None,
            )
            return
        self._write_export(path, mermaid)

    def _write_export(self, path: Path, mermaid: bool) -> None:
        try:
            write_text(path, render(self.app.document, mermaid=mermaid), self.app.file.new_file_mode())
        except StoreError as error:
            self.app.notify(str(error), severity="error", markup=False)
            return
        self.app.notify(f"Exported {path}", markup=False)

    def quit(self) -> None:
        if self.app.saving:
            self._after_save.append(lambda: self.app.call_later(self.quit))
            return
        unkept = self._unkept()
        if not self.app.dirty and not unkept:
            self.app.exit()
            return
        if not self.app.dirty:
            self.app.push_screen(
                ChoiceDialog(
                    f"Typed but not in the report: {'; '.join(unkept)}. Quit and lose it?",
                    [("keep", "Keep editing"), ("quit", "Quit")],
                ),
                lambda choice: self.app.exit() if choice == "quit" else None,
            )
            return
        self.app.push_screen(
            ChoiceDialog(
                "Save changes before quitting?"
                + (f" (Not in the report, so lost either way: {'; '.join(unkept)}.)" if unkept else ""),
                [("save", "Save"), ("discard", "Discard"), ("cancel", "Cancel")],
            ),
            self._quit_choice,
        )

    def _unkept(self) -> list[str]:
        """Text typed in the editor that the report does not hold (it could not be read)."""
        editor = self.app.editor
        return editor.unkept() if editor is not None else []

    def _quit_choice(self, choice: str | None) -> None:
        if choice == "discard":
            self.app.safekeeping.edits_given_up = True
            self.app.file.discard()
            self.app.exit()
        elif choice == "save":
            self.save_to(self.app.path, then=self.app.exit)
