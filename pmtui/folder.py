"""The team's folder: every report under some paths, read for a listing.

A team keeps its postmortems in a repository: `*.toml` reports, and Markdown ones
(a report kept as Markdown, or one written elsewhere, read by importing it). A file
that looks like a report but cannot be read is listed with its one-line error and
never stops the others; a TOML file that is plainly something else (a
`pyproject.toml`) is left out, as are hidden folders and pmtui's own companions
(recovery journals, kept originals, interrupted saves).
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from pmtui.digest import Digest, digest_of
from pmtui.folder_cache import BROKEN, IMPORTED, NOT_A_REPORT, REPORT, FolderCache, Known
from pmtui.folder_files import looks_like_report, report_files
from pmtui.importers.sniff import MARKDOWN_SUFFIXES
from pmtui.store import StoreError, load

if TYPE_CHECKING:
    from multiprocessing.context import BaseContext


@dataclass(frozen=True)
class Listed:
    """One file of the folder: what a listing needs of its report, or the one line that says
    why it has none."""

    path: Path
    digest: Digest | None
    error: str = ""
    imported: bool = False
    """A Markdown postmortem read by importing it (not a report pmtui keeps as Markdown)."""


def read_listed(path: Path) -> Listed | None:
    """The file's report, its error, or None for a TOML file that is not a report at all."""
    if path.suffix.lower() in MARKDOWN_SUFFIXES:
        return _read_markdown(path)
    try:
        return Listed(path, digest_of(load(path)))
    except StoreError as error:
        if not looks_like_report(path):
            return None
        return Listed(path, None, str(error))


def _read_markdown(path: Path) -> Listed:
    from pmtui.importers.markdown import read_markdown_file
    from pmtui.markdown_source import has_marker

    try:
        report = read_markdown_file(path).report
    except StoreError as error:
        return Listed(path, None, str(error))
    return Listed(path, digest_of(report), imported=not has_marker(path))


def read_folder(
    paths: Sequence[Path],
    use_cache: bool = True,
    progress: Callable[[int, int], None] | None = None,
    parallel: bool = True,
) -> list[Listed]:
    """Every report under `paths`, in a stable order (see `report_files`); what was read of a
    file is kept in the cache (folder_cache.py) until the file changes. `progress(done, total)`
    is told after each file, once the files are known. `parallel`: many files are read across
    processes (`read_files`)."""
    files = list(report_files(paths))
    told = progress or (lambda done, total: None)
    cache = FolderCache.open() if use_cache else FolderCache(None)
    found: list[Listed | None] = [None] * len(files)
    unread: list[tuple[int, os.stat_result]] = []
    try:
        for index, (path, key) in enumerate(files):
            try:
                info = os.stat(path)
            except OSError as failure:
                found[index] = Listed(path, None, f"{path}: {failure.strerror or failure}")
            else:
                known = cache.get(key, info)
                if known is None:
                    unread.append((index, info))
                    continue
                found[index] = _from_cache(path, known)
            told(index + 1 - len(unread), len(files))
        done = len(files) - len(unread)
        for (index, info), entry in zip(
            unread, read_files([files[index][0] for index, _ in unread], parallel), strict=True
        ):
            found[index] = entry
            _keep(cache, *files[index], info, entry)
            done += 1
            told(done, len(files))
    finally:
        cache.save()
    return [entry for entry in found if entry is not None]


def _from_cache(path: Path, known: Known) -> Listed | None:
    kind, digest, said = known
    if kind == NOT_A_REPORT:
        return None
    return Listed(path, digest, str(path) + said if kind == BROKEN else "", imported=kind == IMPORTED)


def _keep(cache: FolderCache, path: Path, key: str, info: os.stat_result, entry: Listed | None) -> None:
    shown = str(path)
    if entry is None:
        cache.put(key, info, NOT_A_REPORT, None)
    elif entry.digest is None:
        cache.put(key, info, BROKEN, None, entry.error.removeprefix(shown))  # the path as named next time
    else:
        cache.put(key, info, IMPORTED if entry.imported else REPORT, entry.digest)


#: Files to read before a pool of processes pays for starting (each imports pydantic and the
#: model, about 0.2 s, while a seed-sized report reads in about 0.6 ms).
PARALLEL_FROM = 500


def read_files(files: list[Path], parallel: bool = True) -> Iterator[Listed | None]:
    """`read_listed` for each file, in order: across the machine's cores for many files (the
    reading is CPU-bound: TOML and pydantic), in this process for a few or where no pool starts."""
    workers = min(os.cpu_count() or 1, 8)
    given = 0
    if parallel and len(files) >= PARALLEL_FROM and workers > 1:
        from concurrent.futures import ProcessPoolExecutor  # only for a big folder, never at start-up
        from concurrent.futures.process import BrokenProcessPool

        pool = None
        try:
            pool = ProcessPoolExecutor(workers, mp_context=_start_method())
            for entry in pool.map(read_listed, files, chunksize=64):
                yield entry
                given += 1
            return
        except (OSError, ValueError, BrokenProcessPool):  # no processes here (a sandbox): read them here
            pass
        finally:  # also when the caller stops early (the browser quit while reading): drop what waits
            if pool is not None:
                pool.shutdown(wait=True, cancel_futures=True)
    yield from read_here(files[given:])


def read_here(files: list[Path]) -> Iterator[Listed | None]:
    """`read_listed` for each file, in this process."""
    return map(read_listed, files)


def _start_method() -> BaseContext:
    """Fork where it is safe (one thread, as in `pmtui tasks`: the workers start at once with
    everything imported); spawn where threads run."""
    import multiprocessing

    if sys.platform == "linux" and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")
