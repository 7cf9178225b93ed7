"""The recovery journal: unsaved edits written continuously, so no crash or `kill -9` loses them.

A journal is one JSON file holding the whole report, what the report file was
when the edits began (its fingerprint), and who wrote it (host, pid, user,
time). JSON rather than TOML: it must store whatever the editor holds, even a
value the report format would refuse, so writing it can never fail for the
content's sake.

It sits beside the report (`NAME.toml.recovery`) when that folder can be
written, else in pmtui's private state folder keyed by the report's real path.
Either way it is 0600, written to a fresh temp file renamed into place, so it
never follows a symlink someone planted where it goes; a journal that is a
link, or belongs to another account, is reported and never trusted.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import stat
import threading
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from pmtui import __version__
from pmtui.fingerprint import Fingerprint
from pmtui.lock import process_alive, this_host, this_user
from pmtui.model import Postmortem, refusal
from pmtui.state import state_dir
from pmtui.store import StoreError, replace_atomically

JOURNAL_FORMAT = 1
JOURNAL_MODE = 0o600
MAX_JOURNAL_BYTES = 64 * 1024 * 1024


class JournalError(Exception):
    """A journal that cannot be written or trusted, said in one line with its path."""


@dataclass(frozen=True)
class Journal:
    path: Path
    report: Postmortem
    origin: Fingerprint | None
    """The report file as it was when the unsaved edits began; None for a file that did not exist."""
    host: str
    pid: int
    user: str
    written: datetime

    @property
    def writer_alive(self) -> bool | None:
        return process_alive(self.host, self.pid)


def beside_path(report_path: Path) -> Path:
    real = Path(os.path.realpath(report_path))
    return real.with_name(real.name + ".recovery")


def state_path(report_path: Path | None) -> Path:
    """In the state folder: keyed by the report's real path (or, for a new report, the folder it was started in)."""
    if report_path is None:
        key, name = os.getcwd(), "untitled"
    else:
        real = os.path.realpath(report_path)
        key, name = real, os.path.basename(real)
    digest = hashlib.sha256(key.encode("utf-8", "surrogateescape")).hexdigest()[:16]
    return state_dir() / f"{digest}-{name}.recovery"


def serialise(report: Postmortem, origin: Fingerprint | None, report_path: Path | None) -> bytes:
    return journal_bytes(report.model_dump_json(), origin, report_path)


def journal_bytes(report_json: str, origin: Fingerprint | None, report_path: Path | None) -> bytes:
    """The journal for a report already dumped as JSON (`Postmortem.model_dump_json`)."""
    header = {
        "pmtui_journal": JOURNAL_FORMAT,
        "pmtui_version": __version__,
        "report_path": str(report_path) if report_path is not None else None,
        "origin": origin.as_dict() if origin is not None else None,
        "host": this_host(),
        "pid": os.getpid(),
        "user": this_user(),
        "written": datetime.now(timezone.utc).isoformat(timespec="seconds"),
    }
    return (json.dumps(header)[:-1] + ', "report": ' + report_json + "}\n").encode("utf-8")


def write_journal(payload: bytes, report_path: Path | None) -> Path:
    """Write a serialised journal where it can go; returns where it went, or raises JournalError."""
    reasons = []
    if report_path is not None:
        beside = beside_path(report_path)
        problem = _unsafe_companion(beside)
        if problem is None:
            try:
                replace_atomically(beside, payload, JOURNAL_MODE, str(beside))
                return beside
            except StoreError as error:
                reasons.append(str(error))
        else:
            reasons.append(problem)
    try:
        private = state_path(report_path)
        replace_atomically(private, payload, JOURNAL_MODE, str(private))
        return private
    except (StoreError, OSError) as error:
        reasons.append(str(error))
    raise JournalError("; ".join(reasons))


def _unsafe_companion(path: Path) -> str | None:
    """Why a file pmtui is about to replace beside a report must not be trusted, or None."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return None if os.access(path.parent, os.W_OK | os.X_OK) else f"{path.parent}: folder not writable"
    except OSError as error:
        return f"{path}: {error.strerror}"
    return _distrust(path, info)


def _distrust(path: Path, info: os.stat_result) -> str | None:
    """Why a companion file found beside a report is not pmtui's own, or None."""
    if stat.S_ISLNK(info.st_mode):
        return f"{path}: is a symbolic link pmtui did not make; ignored and left alone"
    if not stat.S_ISREG(info.st_mode):
        return f"{path}: not a regular file; ignored and left alone"
    if info.st_uid != os.getuid():
        return f"{path}: belongs to another user; ignored and left alone"
    return None


def find_journals(report_path: Path | None) -> tuple[Journal | None, list[str]]:
    """The newest trustworthy journal for a report, and one line per journal that could not be used."""
    found: list[Journal] = []
    problems: list[str] = []
    for path in _locations(report_path):
        try:
            journal = read_journal(path)
        except JournalError as error:
            problems.append(str(error))
            continue
        if journal is not None:
            found.append(journal)
    newest = max(found, key=lambda j: j.written, default=None)
    return newest, problems


def _locations(report_path: Path | None) -> list[Path]:
    places = [beside_path(report_path)] if report_path is not None else []
    with contextlib.suppress(OSError):
        places.append(state_path(report_path))
    return places


def read_journal(path: Path) -> Journal | None:
    """The journal at `path`, None when there is none, JournalError when it can't be trusted or read."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return None
    except OSError as error:
        raise JournalError(f"{path}: {error.strerror}; kept") from None
    problem = _distrust(path, info)
    if problem is not None:
        raise JournalError(problem)
    try:
        with open(path, "rb") as handle:
            data = json.loads(handle.read(MAX_JOURNAL_BYTES))
    except (OSError, ValueError, RecursionError) as error:
        raise JournalError(f"{path}: unreadable recovery journal ({_short(error)}); kept") from None
    return _journal_from(data, path)


def _journal_from(data: Any, path: Path) -> Journal:
    if not isinstance(data, dict) or "pmtui_journal" not in data:
        raise JournalError(f"{path}: not a pmtui recovery journal; kept")
    if not isinstance(data["pmtui_journal"], int) or data["pmtui_journal"] > JOURNAL_FORMAT:
        raise JournalError(
            f"{path}: written by a newer pmtui ({data.get('pmtui_version')}); upgrade to read it; kept"
        )
    try:
        report = Postmortem.model_validate_json(json.dumps(data["report"]))
        origin = Fingerprint.from_dict(data["origin"]) if data.get("origin") else None
        written = datetime.fromisoformat(data["written"])
        return Journal(path, report, origin, str(data["host"]), int(data["pid"]), str(data["user"]), written)
    except ValidationError as error:
        raise JournalError(
            f"{path}: recovery journal holds a report pmtui refuses ({refusal(error, True)}); kept"
        ) from None
    except (KeyError, TypeError, ValueError) as error:
        raise JournalError(f"{path}: damaged recovery journal ({_short(error)}); kept") from None


def _short(error: BaseException) -> str:
    text = str(error).splitlines()[0] if str(error) else type(error).__name__
    return text if len(text) <= 80 else text[:77] + "..."


def remove_journal(path: Path) -> None:
    """Remove a journal this user wrote; never a stranger's file or a link planted in its place."""
    try:
        if _distrust(path, os.lstat(path)) is None:
            os.unlink(path)
    except OSError:
        pass


class JournalKeeper:
    """Writes one report's journal from any thread: one write at a time, and an older
    snapshot never replaces a newer one (writes may finish out of order)."""

    def __init__(self, report_path: Path | None) -> None:
        self.report_path = report_path
        self.written: set[Path] = set()
        """Every place this session wrote a journal, so a save removes them all."""
        self._lock = threading.Lock()
        self._newest = -1

    def write(self, report_json: str, origin: Fingerprint | None, generation: int) -> Path | None:
        """Journal the report dumped as `report_json` (the editor's state at `generation`); None
        when a newer one is already written."""
        payload = journal_bytes(report_json, origin, self.report_path)
        with self._lock:
            if generation < self._newest:
                return None
            path = write_journal(payload, self.report_path)
            self._newest = generation
            stale = self.written - {path}
            self.written = {path}
        for old in stale:
            remove_journal(old)
        return path

    def discard(self, saved_generation: int = -1) -> None:
        """Remove the journal once its edits are saved; a write of that generation or older
        still under way when this runs will not bring it back."""
        with self._lock:
            for path in self.written:
                remove_journal(path)
            self.written = set()
            self._newest = max(self._newest, saved_generation + 1)

    def move_to(self, report_path: Path | None) -> None:
        """After save as: later journals belong to the new name."""
        self.discard()
        with self._lock:
            self.report_path = report_path
