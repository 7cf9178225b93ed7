"""Who else is editing a report: an Emacs-style lock beside it while it has unsaved edits.

The lock is a symbolic link `.#NAME` whose target reads `user@host.pid`. A
symlink is created atomically and never followed, so it cannot be turned into
a way to overwrite someone's file, and Emacs users see pmtui's locks (and pmtui
sees theirs). A lock whose process is gone on this host is stale and replaced.
"""

from __future__ import annotations

import contextlib
import getpass
import os
import re
import socket
import time
from dataclasses import dataclass
from pathlib import Path

_OWNER = re.compile(r"^(?P<user>[^@]*)@(?P<host>.+)\.(?P<pid>\d+)(?::\d+)?$")


def this_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no name for this uid (a container's bare uid)
        return str(os.getuid())


def this_host() -> str:
    return socket.gethostname() or "localhost"


def process_alive(host: str, pid: int) -> bool | None:
    """Whether `pid` still runs; None when it is on another host and cannot be known."""
    if host != this_host():
        return None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    except (OverflowError, ValueError):
        return False
    return True


@dataclass(frozen=True)
class LockOwner:
    user: str
    host: str
    pid: int
    since: float
    """When the lock was taken (seconds since the epoch)."""
    foreign: bool = False
    """The lock file belongs to another account on this machine."""

    @property
    def alive(self) -> bool | None:
        return process_alive(self.host, self.pid)

    def describe(self) -> str:
        taken = time.strftime("%Y-%m-%d %H:%M", time.localtime(self.since))
        where = f"{self.user} on {self.host} (pid {self.pid})"
        return f"{where}, since {taken}"


def lock_path(report: Path) -> Path:
    real = Path(os.path.realpath(report))
    return real.with_name(f".#{real.name}")


def read_lock(report: Path) -> LockOwner | None:
    """The lock's owner, or None when there is no lock (or it is not one pmtui can read)."""
    return _read_lock_file(lock_path(report))


def _read_lock_file(path: Path) -> LockOwner | None:
    try:
        info = os.lstat(path)
        target = (
            os.readlink(path) if os.path.islink(path) else path.read_text(encoding="utf-8", errors="replace")
        )
    except OSError:
        return None
    match = _OWNER.match(target.strip())
    if match is None:
        return None
    return LockOwner(
        match["user"], match["host"], int(match["pid"]), info.st_mtime, foreign=info.st_uid != os.getuid()
    )


class ReportLock:
    """Held while this process has unsaved edits to one report."""

    def __init__(self, report: Path) -> None:
        self.path = lock_path(report)
        self.held = False
        self.owner_text = f"{this_user()}@{this_host()}.{os.getpid()}"

    def acquire(self) -> LockOwner | None:
        """Take the lock; returns the other live owner instead when someone else holds it."""
        if self.held:
            return None
        for _ in range(2):
            try:
                os.symlink(self.owner_text, self.path)
                self.held = True
                return None
            except FileExistsError:
                other = _read_lock_file(self.path)
                if other is not None and (other.user, other.host, other.pid) == self._me():
                    self.held = True
                    return None
                if other is None or other.foreign or other.alive is not False:
                    return other or LockOwner("someone", "unknown host", 0, time.time())
                self._remove_stale()
            except OSError:
                return None  # a folder we cannot write: nothing to lock, the save will say why
        return None

    def release(self) -> None:
        if not self.held:
            return
        self.held = False
        other = _read_lock_file(self.path)
        if other is not None and (other.user, other.host, other.pid) == self._me():
            with contextlib.suppress(OSError):
                os.unlink(self.path)

    def _me(self) -> tuple[str, str, int]:
        return this_user(), this_host(), os.getpid()

    def _remove_stale(self) -> None:
        with contextlib.suppress(OSError):
            os.unlink(self.path)
