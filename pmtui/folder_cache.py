"""A disposable cache of what listing a folder read from each file (folder.py).

Reading a report is mostly TOML parsing and pydantic's validation: about half a millisecond
for a seed-sized report, five seconds for a folder of 10,000. What a listing needs of a file
(digest.py, or its error, or that it is no report) is kept in SQLite under the cache folder
(`$XDG_CACHE_HOME/pmtui`, 0700; the file 0600, since task titles and owners are as private as
the reports), keyed by the file's real path, size and modification time. It is never the
source of truth: a file whose size or time changed is read again, and a cache that cannot be
opened, or is damaged, is set aside and the folder is read from the files.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path

from pmtui.digest import Digest, from_json, to_json
from pmtui.state import cache_dir

CACHE_NAME = "folders.sqlite3"
SCHEMA = "CREATE TABLE IF NOT EXISTS files (path TEXT PRIMARY KEY, size INTEGER, mtime INTEGER, kind TEXT, body TEXT)"
#: What a file turned out to be; with a digest (REPORT, IMPORTED) or an error (BROKEN) as its body.
REPORT, IMPORTED, BROKEN, NOT_A_REPORT = "report", "imported", "broken", "none"

Known = tuple[str, Digest | None, str]
"""(kind, digest, error): what the cache knows of a file."""


class FolderCache:
    def __init__(self, connection: sqlite3.Connection | None) -> None:
        self._connection = connection
        self._rows: dict[str, tuple[int, int, str, str]] = {}
        self._new: list[tuple[str, int, int, str, str]] = []
        if connection is not None:
            with contextlib.suppress(sqlite3.Error):
                self._rows = {row[0]: row[1:] for row in connection.execute("SELECT * FROM files")}

    @classmethod
    def open(cls) -> FolderCache:
        """The user's cache; one that keeps nothing when it cannot be opened."""
        try:
            path = cache_dir() / CACHE_NAME
        except OSError:
            return cls(None)
        for _ in range(2):
            try:
                os.close(os.open(path, os.O_CREAT | os.O_WRONLY | os.O_NOFOLLOW, 0o600))
                connection = sqlite3.connect(path, timeout=1)
                connection.execute(SCHEMA)
                return cls(connection)
            except sqlite3.DatabaseError:  # damaged, or not a database: start a new one
                with contextlib.suppress(OSError):
                    os.unlink(path)
            except (OSError, sqlite3.Error):
                break
        return cls(None)

    def get(self, key: str, info: os.stat_result) -> Known | None:
        row = self._rows.get(key)
        if row is None or row[:2] != (info.st_size, info.st_mtime_ns):
            return None
        kind, body = row[2], row[3]
        try:
            return (
                kind,
                from_json(body) if kind in (REPORT, IMPORTED) else None,
                body if kind == BROKEN else "",
            )
        except (ValueError, KeyError, TypeError):
            return None  # written by another version of pmtui: read the file again

    def put(self, key: str, info: os.stat_result, kind: str, digest: Digest | None, error: str = "") -> None:
        body = to_json(digest) if digest is not None else error
        self._new.append((key, info.st_size, info.st_mtime_ns, kind, body))

    def save(self) -> None:
        """Keep what was read this time; a cache that cannot be written is left as it was."""
        if self._connection is None:
            return
        try:
            if self._new:
                with self._connection:
                    self._connection.executemany(
                        "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?)", self._new
                    )
        except sqlite3.Error:
            pass
        finally:
            self._connection.close()
            self._connection = None


def cache_key(path: Path) -> str:
    return os.path.realpath(path)
