"""Which files of a folder may be reports: the walk the listing makes, and the quick look that
tells `pmtui` (no argument) whether this folder holds reports. Light: no cache, no pool."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from pmtui.importers.sniff import MARKDOWN_SUFFIXES
from pmtui.store import StoreError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

#: Top-level keys of a report file; a TOML file with none of them is not a report.
REPORT_KEYS = frozenset({"title", "summary", "timeline", "tasks", "schema_version", "analysis"})


def report_files(paths: Sequence[Path]) -> Iterator[tuple[Path, str]]:
    """The files under `paths` that may be reports, each once, in a stable order, with their
    real paths (the cache's keys). A path that does not exist raises StoreError (one line)."""
    seen: set[str] = set()
    for path in paths:
        if path.is_dir():
            found = _walk(path)
        elif path.exists():
            found = iter([path])
        else:
            raise StoreError(str(path), "no such file or folder")
        for file in found:
            real = os.path.realpath(file)
            if real not in seen:
                seen.add(real)
                yield file, real


def _walk(folder: Path) -> Iterator[Path]:
    for root, folders, files in os.walk(folder):
        folders[:] = sorted(name for name in folders if not name.startswith("."))
        for name in sorted(files):
            if may_be_report(name):
                yield Path(root) / name


def may_be_report(name: str) -> bool:
    if name.startswith("."):  # hidden files, and a save's `.#name` lock
        return False
    suffix = os.path.splitext(name)[1].lower()
    return suffix == ".toml" or suffix in MARKDOWN_SUFFIXES


def looks_like_report(path: Path) -> bool:
    """A file that failed to load: a report with a mistake in it, or some other TOML file?
    Anything that does not parse is counted as a report, so its error is shown."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError):
        return True
    return bool(REPORT_KEYS & data.keys())


def holds_reports(folder: Path) -> bool:
    """Whether `folder` itself (not its subfolders: `pmtui` in a home folder must not walk it)
    holds a report, for `pmtui` without a file to open the browser there."""
    try:
        names = sorted(os.listdir(folder))
    except OSError:
        return False
    for name in names:
        path = folder / name
        if name.endswith(".toml") and may_be_report(name) and path.is_file() and looks_like_report(path):
            return True
    return False
