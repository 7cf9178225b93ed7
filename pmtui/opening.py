"""Opening a report: the one factory the CLI and the tests share.

Besides reading the file, opening looks at what the folder says about it: a
recovery journal to offer, another pmtui with unsaved edits, temp files left
by an interrupted save, and comments that saving would drop.

A Markdown file is either a report's source (it starts with pmtui's marker:
opened as it is, saves rewrite it; markdown_source.py) or a postmortem to
import, whose first save asks where the report lives from then on.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date
from pathlib import Path

from pmtui.app import PostmortemApp
from pmtui.fingerprint import changed_since, fingerprint
from pmtui.journal import find_journals, remove_journal
from pmtui.lock import read_lock
from pmtui.markdown_source import dropped_html_comments, has_marker, is_canonical, is_markdown
from pmtui.store import dropped_comments, load, remove_stale_temps
from pmtui.template import new_report


def create_app(path: Path | None, today: Callable[[], date] = date.today) -> PostmortemApp:
    """The one factory the CLI and the tests share. Raises StoreError for an unreadable file.

    A Markdown file with pmtui's marker is the report's source and is opened as
    such. Any other is imported into a report whose path is a new .toml beside
    it, written only on save (whose first time asks whether the Markdown should
    be the source instead). If that .toml already exists, it is opened instead.
    """
    if path is not None and is_markdown(path):
        if has_marker(path) or find_journals(path)[0] is not None:  # a journal: saving had begun to write it
            return _open_markdown_source(path, today)
        return _import_markdown(path, today)
    if path is None:
        report, offer_create = new_report(), False
    elif not path.exists():
        report, offer_create = (
            new_report(title=path.stem.replace("-", " ").replace("_", " ").capitalize()),
            True,
        )
    else:
        report, offer_create = load(path), False
    return _with_file_state(PostmortemApp(report, path, offer_create=offer_create, today=today), path)


def _with_file_state(app: PostmortemApp, path: Path | None) -> PostmortemApp:
    """What the folder says about the report: journals to offer, another editor, comments a save drops."""
    journal, problems = find_journals(path)
    if (
        journal is not None
        and journal.report == app.document
        and path is not None
        and not changed_since(path, journal.origin)
    ):
        remove_journal(journal.path)  # nothing in it that the file does not already hold
        journal = None
    app.recovered = journal
    app.startup_notes.extend(problems)
    if path is None or not path.exists():
        return app
    removed = remove_stale_temps(path)
    if removed:
        app.startup_notes.append(
            f"Removed {removed} temporary file(s) left by an interrupted save of {path.name}."
        )
    owner = read_lock(path)
    if owner is not None and (owner.foreign or owner.alive is not False) and owner.pid != os.getpid():
        app.other_editor = owner
    try:
        dropped = [] if is_markdown(path) else dropped_comments(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        dropped = []
    if dropped:
        lines = ", ".join(str(n) for n in dropped[:8]) + ("…" if len(dropped) > 8 else "")
        app.startup_notes.append(
            f"Saving will drop {len(dropped)} comment(s) from {path.name} (line {lines}); "
            "only the comment block at the top of the file is kept."
        )
    return app


def _import_markdown(path: Path, today: Callable[[], date]) -> PostmortemApp:
    target = path.with_suffix(".toml")
    if target.exists():
        app = create_app(target, today)
        app.startup_notes.append(f"{target} exists, so it was opened instead of importing {path} again.")
        return app
    from pmtui.importers.markdown import read_markdown_file  # loaded only when a Markdown file opens

    disk = fingerprint(path)  # before reading: a change made meanwhile is then noticed at save
    result = read_markdown_file(path)
    app = _with_file_state(PostmortemApp(result.report, target, today=today), target)
    app.file.import_from(path, disk)
    app.dirty = True
    said = [f"Imported {path}: {'; '.join(result.account)}."]
    if result.guesses:
        said.append(f"Guessed: {'; '.join(result.guesses)}.")
    if result.warnings:
        said.append(f"Warnings: {'; '.join(result.warnings)}.")
    said.append(f"Saving (ctrl+s) asks whether to write {target.name} or keep {path.name} as the source.")
    app.startup_notes.append(" ".join(said))
    return app


def _open_markdown_source(path: Path, today: Callable[[], date]) -> PostmortemApp:
    """A Markdown file pmtui keeps as the report's source: opened as it is; saves rewrite it."""
    from pmtui.importers.markdown import read_markdown_file

    result = read_markdown_file(path)
    app = _with_file_state(PostmortemApp(result.report, path, today=today), path)
    if result.warnings:
        app.startup_notes.append(f"Read {path}. Warnings: {'; '.join(result.warnings)}.")
    if not is_canonical(path, result.report):
        app.startup_notes.append(
            f"{path.name} was edited outside pmtui; the next save writes it in pmtui's layout."
        )
    try:
        dropped = dropped_html_comments(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        dropped = []
    if dropped:
        app.startup_notes.append(
            f"Saving will drop {len(dropped)} HTML comment(s) from {path.name} (line "
            f"{', '.join(str(n) for n in dropped[:8])}{'…' if len(dropped) > 8 else ''}); "
            "only pmtui's marker on the first line is kept."
        )
    return app
