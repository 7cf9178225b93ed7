"""The question asked when a recovery journal is found: what it holds, and what to do with it.

It says when and where the edits were made (host, pid, whether that process
still runs), what they change compared with the file, and whether the file
changed since. Escape keeps the journal for later; nothing is deleted without
a second question.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pmtui.changes import describe_changes
from pmtui.fingerprint import changed_since
from pmtui.journal import Journal, remove_journal
from pmtui.markdown_source import read_report
from pmtui.model import Postmortem
from pmtui.screens.choice import ChoiceDialog
from pmtui.store import StoreError

if TYPE_CHECKING:
    from pmtui.app import PostmortemApp

WRITER_STATE = {True: "still running", False: "no longer running", None: "on another machine"}


def recovery_question(journal: Journal, app: PostmortemApp) -> str:
    path = app.path
    lines = [
        f"Unsaved edits to {path.name if path else 'a new report'} were found.",
        f"Made {journal.written.astimezone():%Y-%m-%d %H:%M} by {journal.user} on {journal.host} "
        f"(pid {journal.pid}, {WRITER_STATE[journal.writer_alive]}); kept in {journal.path}.",
    ]
    changes = describe_changes(_on_disk(app), journal.report) or ["nothing differs from the file"]
    lines += [f"  • {line}" for line in changes]
    if path is not None and changed_since(path, journal.origin):
        lines.append("The file has changed on disk since those edits began; saving will ask first.")
    return "\n".join(lines)


def _on_disk(app: PostmortemApp) -> Postmortem | None:
    if app.path is None or not app.path.exists():
        return None
    try:
        return read_report(app.path)  # a Markdown source is imported, as opening it does
    except StoreError:
        return None


def offer_recovery(app: PostmortemApp, journal: Journal) -> None:
    app.push_screen(
        ChoiceDialog(
            recovery_question(journal, app),
            [
                ("restore", "Restore"),
                ("open", "Open the file, keep edits for later"),
                ("discard", "Discard…"),
            ],
            cancel="open",
        ),
        lambda choice: _chosen(app, journal, choice),
    )


def _chosen(app: PostmortemApp, journal: Journal, choice: str | None) -> None:
    if choice == "restore":
        app.restore(journal)
    elif choice == "discard":
        app.push_screen(
            ChoiceDialog(
                f"Delete the recovered edits in {journal.path} for good?",
                [("delete", "Delete"), ("back", "Back")],
                cancel="back",
            ),
            lambda sure: remove_journal(journal.path) if sure == "delete" else offer_recovery(app, journal),
        )
    else:
        app.notify(
            f"Recovered edits kept in {journal.path}; they are offered again next time.",
            markup=False,
            timeout=8,
        )
