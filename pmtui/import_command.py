"""`pmtui import`: Markdown postmortems into report files, one or a whole folder of them.

One file keeps the full account (what went where, what was guessed). Several
(`pmtui import old/*.md`) are each written beside their source; a file that
fails is said in one line on stderr and the rest go on; the run ends with one
line per file and a total, and exits 1 when any file failed. Progress is shown
on stderr only when it is a terminal. Every report is written atomically and is
never readable by anyone who cannot read its source.
"""

from __future__ import annotations

import os
import stat
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

    from pmtui.importers.markdown import ImportResult


@dataclass
class Outcome:
    """What became of one file: its counts, or the one line that says why it failed."""

    source: Path
    target: Path | None = None
    events: int = 0
    tasks: int = 0
    warnings: int = 0
    failure: str = ""


def import_one(source: Path, target: Path, force: bool, written: set[Path] | None = None) -> ImportResult:
    """Read `source` and write its report to `target`; problems are StoreErrors (one line).

    `written`: the targets this run already wrote, never overwritten by a later file."""
    from pmtui.importers.markdown import read_markdown_file
    from pmtui.store import StoreError, mode_no_wider_than, save

    real_target = real_path(target)
    if real_target == real_path(source):
        raise StoreError(str(target), "would overwrite the Markdown it imports; name another output with -o")
    if written is not None and real_target in written:
        raise StoreError(str(target), "already written by another file of this import; not overwritten")
    if exists(target) and not force:
        raise StoreError(str(target), "already exists; not overwritten (use --force to replace it)")
    result = read_markdown_file(source)
    allowed = mode_no_wider_than(source)
    if allowed is not None:
        _narrow(target, allowed)
    save(result.report, target, new_file_mode=allowed)
    if written is not None:
        written.add(real_target)
    return result


def import_many(
    sources: list[Path],
    force: bool,
    quiet: bool,
    say: Callable[[str], None],
    complain: Callable[[str], None],
    bug_line: Callable[[Exception], str],
) -> int:
    """Each file beside its source, `complain` told of each that fails, and the closing lines
    `say`d: 0 when all were imported, 1 if any failed, 70 if one met a bug (`bug_line` says it)."""
    import gc

    import pmtui.importers.markdown  # noqa: F401 - loaded before the freeze, never scanned again
    from pmtui.cycles import freeze_what_is_loaded
    from pmtui.store import StoreError

    freeze_what_is_loaded()
    outcomes: list[Outcome] = []
    written: set[Path] = set()
    sources = _unique(sources)
    progress = _Progress(len(sources))
    bug = False
    try:
        for number, source in enumerate(sources, start=1):
            progress.show(number, source)
            outcome = Outcome(source)
            try:
                outcome.target = beside(source)
                result = import_one(source, outcome.target, force, written)
            except StoreError as error:
                outcome.failure = str(error)
            except OSError as error:
                outcome.failure = f"{error.filename or source}: {os_reason(error)}"
            except Exception as error:  # noqa: BLE001 - one file's bug must not stop the others
                outcome.failure = f"{source}: {bug_line(error)}"
                bug = True
            else:
                outcome.events, outcome.tasks = len(result.report.timeline), len(result.report.tasks)
                outcome.warnings = len(result.warnings)
            if outcome.failure:
                progress.clear()
                complain(outcome.failure)
            outcomes.append(outcome)
            gc.collect()  # the cycles this file left; the command runs with the collector paused
    finally:
        progress.clear()  # Ctrl-C too: the prompt comes back on a clean line
    if not quiet:
        for line in closing_lines(outcomes):
            say(line)
    if bug:
        return 70
    return 1 if any(outcome.failure for outcome in outcomes) else 0


def closing_lines(outcomes: list[Outcome]) -> list[str]:
    """One line per file, then the total."""
    lines = []
    for outcome in outcomes:
        if outcome.failure:
            lines.append(f"{outcome.source}: FAILED ({_reason(outcome)})")
        else:
            lines.append(
                f"{outcome.source} -> {outcome.target}: {_counted(outcome.events, 'event')}, "
                f"{_counted(outcome.tasks, 'task')}, {_counted(outcome.warnings, 'warning')}"
            )
    done = [outcome for outcome in outcomes if not outcome.failure]
    failed = len(outcomes) - len(done)
    lines.append(
        f"imported {len(done)} of {_counted(len(outcomes), 'file')}: "
        f"{_counted(sum(o.events for o in done), 'event')}, {_counted(sum(o.tasks for o in done), 'task')}, "
        f"{_counted(sum(o.warnings for o in done), 'warning')}" + (f"; {failed} failed" if failed else "")
    )
    return lines


def beside(source: Path) -> Path:
    """The default output: the source's name with .toml (a bare `/` or `.` has no name to reuse)."""
    from pmtui.store import StoreError

    try:
        return source.with_suffix(".toml")
    except ValueError:
        raise StoreError(str(source), "not a file name; name the output with -o") from None


def exists(path: Path) -> bool:
    """Path.exists() says False for a symlink loop or an unreadable folder; here those are errors."""
    from pmtui.store import StoreError

    try:
        path.stat()
    except (FileNotFoundError, NotADirectoryError):
        return False
    except OSError as error:
        raise StoreError(str(path), os_reason(error)) from None
    return True


def real_path(path: Path) -> Path:
    """Path.resolve(), with a symlink loop as a one-line error (RuntimeError before Python 3.13)."""
    from pmtui.store import StoreError

    try:
        return path.resolve()
    except RuntimeError:
        raise StoreError(str(path), "symbolic link loop") from None
    except OSError as error:
        raise StoreError(str(path), os_reason(error)) from None


def os_reason(error: OSError) -> str:
    import errno

    if error.errno == errno.ELOOP:
        return "symbolic link loop"
    return error.strerror or str(error)


def _narrow(target: Path, allowed: int) -> None:
    """An existing report being replaced keeps its mode (store.save): narrow that first, so the
    new text is never readable by anyone who cannot read its source, not even for a moment."""
    try:
        current = stat.S_IMODE(os.stat(target).st_mode)
    except OSError:
        return  # nothing there yet (or the save will say what is wrong)
    if current & ~allowed:
        os.chmod(target, current & allowed)


def _unique(sources: list[Path]) -> list[Path]:
    """The same file named twice (`old/*.md old/a.md`) is imported once."""
    seen: set[str] = set()
    unique = []
    for source in sources:
        key = os.path.abspath(source)
        if key not in seen:
            seen.add(key)
            unique.append(source)
    return unique


def _reason(outcome: Outcome) -> str:
    """The failure without the file name it starts with, which the line already gives."""
    name = f"{outcome.source}: "
    return outcome.failure[len(name) :] if outcome.failure.startswith(name) else outcome.failure


def _counted(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


class _Progress:
    """`[3/40] old/outage.md` on stderr, rewritten in place; nothing unless stderr is a terminal."""

    def __init__(self, total: int) -> None:
        stream = sys.stderr
        self.total = total
        self.on = stream is not None and stream.isatty() and os.environ.get("TERM") != "dumb"
        self.shown = False

    def show(self, number: int, source: Path) -> None:
        if self.on:
            self._write(f"\r\x1b[K[{number}/{self.total}] {source}")
            self.shown = True

    def clear(self) -> None:
        if self.shown:
            self._write("\r\x1b[K")
            self.shown = False

    def _write(self, text: str) -> None:
        try:
            sys.stderr.write(text)
            sys.stderr.flush()
        except (OSError, ValueError):
            self.on = False
