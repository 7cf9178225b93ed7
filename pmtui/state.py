"""pmtui's private folder for what must outlive a process: journals that could not
sit beside their report, and the tracebacks of bugs.

It lives under `$XDG_STATE_HOME/pmtui` (default `~/.local/state/pmtui`) and is
always 0700: a journal holds a whole report, and reports hold sensitive detail.
"""

from __future__ import annotations

import os
import stat
import time
import traceback
from pathlib import Path
from types import TracebackType

PRIVATE_FOLDER = 0o700


class StateFolderError(OSError):
    """The state folder cannot be made private (it is someone else's, or not a folder)."""


def state_dir() -> Path:
    """The state folder, created 0700 (and tightened to 0700 if it is ours and looser)."""
    return _private_folder("XDG_STATE_HOME", Path(".local") / "state")


def cache_dir() -> Path:
    """The cache folder (`$XDG_CACHE_HOME/pmtui`, default `~/.cache/pmtui`), 0700 like the state
    folder: what it keeps of reports (task titles, owners) is as private as they are."""
    return _private_folder("XDG_CACHE_HOME", Path(".cache"))


def _private_folder(variable: str, default: Path) -> Path:
    base = os.environ.get(variable) or ""
    root = Path(base) if os.path.isabs(base) else Path.home() / default
    folder = root / "pmtui"
    folder.mkdir(parents=True, exist_ok=True, mode=PRIVATE_FOLDER)
    info = os.lstat(folder)
    if not stat.S_ISDIR(info.st_mode):
        raise StateFolderError(f"{folder} is not a folder")
    if info.st_uid != os.getuid():
        raise StateFolderError(f"{folder} belongs to another user")
    if stat.S_IMODE(info.st_mode) != PRIVATE_FOLDER:
        os.chmod(folder, PRIVATE_FOLDER)
    return folder


def write_crash_log(
    kind: type[BaseException], error: BaseException, trace: TracebackType | None
) -> Path | None:
    """Write a bug's full traceback to the state folder (0600); None when even that fails."""
    try:
        folder = state_dir()
        path = folder / f"crash-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}.txt"
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8", errors="replace") as handle:
            handle.write("".join(traceback.format_exception(kind, error, trace)))
        return path
    except OSError:
        return None
