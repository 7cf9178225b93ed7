"""The `pmtui` command. Subcommands stay import-light: the UI loads only to edit.

Whatever happens, the user gets one line on stderr and an exit code that says
what kind of trouble it was: 2 for bad arguments, 1 for a file or stream that
cannot be used, 70 for a bug (whose traceback goes to a private crash log).
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, TextIO

from pmtui import __version__
from pmtui.cycles import skip_the_last_collection
from pmtui.import_command import exists as _exists
from pmtui.import_command import os_reason as _os_reason
from pmtui.import_command import real_path as _real

if TYPE_CHECKING:
    from pmtui.importers.markdown import ImportResult
    from pmtui.model import Postmortem

EXIT_OK, EXIT_PROBLEM, EXIT_USAGE, EXIT_BUG, EXIT_INTERRUPTED = 0, 1, 2, 70, 130
SUBCOMMANDS = (
    "new",
    "validate",
    "export",
    "fmt",
    "schema",
    "import",
    "tasks",
    "stats",
    "diff",
    "merge",
    "git-setup",
)
#: How many line numbers a "would drop comments" message lists before "and N more".
LISTED_LINES = 10


class UsageError(Exception):
    """Bad arguments: reported in one line with exit code 2."""


class StdoutError(Exception):
    """Standard output could not be written: said once, and never retried at exit."""

    def __init__(self, error: OSError) -> None:
        super().__init__(error.strerror or str(error))
        self.error = error


class _Parser(argparse.ArgumentParser):
    """argparse that raises instead of printing usage and exiting, so errors stay one line."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see `{self.prog} --help`)")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="pmtui",
        description="A terminal editor for incident postmortems.",
        epilog="`pmtui FILE.toml` opens the report.",
    )
    parser.add_argument("--version", action="version", version=f"pmtui {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    new = commands.add_parser("new", help="start a report from the standard template")
    new.add_argument("file", type=Path, help="the .toml file to create (never overwritten)")
    new.add_argument("--title", default="Untitled incident", help="the report's title")
    new.add_argument(
        "--zone",
        default="UTC",
        help="the zone the report is shown in: an IANA name, EAT, US/Eastern... (default UTC)",
    )

    validate = commands.add_parser("validate", help="check a report: exit 1 on errors, warnings printed")
    validate.add_argument("file", type=Path)

    export = commands.add_parser("export", help="write the report as Markdown or JSON")
    export.add_argument("file", type=Path)
    export.add_argument("-o", "--output", type=Path, help="write here instead of standard output")
    export.add_argument("--format", choices=("md", "json"), default="md", help="md (default) or json")
    export.add_argument(
        "--mermaid",
        action="store_true",
        help="add a Mermaid diagram of the timeline after it (GitHub and GitLab draw it); md only",
    )

    fmt = commands.add_parser("fmt", help="rewrite a hand-edited report in canonical form")
    fmt.add_argument("file", type=Path)
    fmt.add_argument("--check", action="store_true", help="change nothing; exit 1 if not canonical")
    fmt.add_argument(
        "--drop-comments",
        action="store_true",
        help="rewrite even though comments below the leading block would be lost",
    )
    fmt.add_argument(
        "--adopt",
        action="store_true",
        help="make a Markdown postmortem the report's source: rewrite it in pmtui's layout "
        "(the original is kept as FILE.orig); later saves and `pmtui FILE` keep it Markdown",
    )

    commands.add_parser("schema", help="print the JSON Schema of the report file")

    imports = commands.add_parser(
        "import",
        help="turn Markdown postmortems into report files",
        description="Each FILE becomes a report beside it (FILE.toml). With several files a file that "
        "fails does not stop the others; the run ends with one line per file and a total, "
        "and exits 1 if any failed.",
    )
    imports.add_argument("file", type=Path, nargs="+", help="the Markdown reports (never modified)")
    imports.add_argument(
        "-o", "--output", type=Path, help="the .toml to write, for one FILE (default: beside it, same name)"
    )
    imports.add_argument("--force", action="store_true", help="replace the output file if it exists")
    imports.add_argument("--quiet", "-q", action="store_true", help="print nothing but errors")

    tasks = commands.add_parser(
        "tasks",
        help="the action items of every report under the paths: open ones, overdue first",
        description="Lists the tasks of every report (.toml, and Markdown postmortems) under each PATH, "
        "overdue first, then by due date. A report that cannot be read is named on stderr and the "
        "run exits 1 after listing the rest.",
    )
    tasks.add_argument("paths", type=Path, nargs="*", metavar="PATH", help="files or folders (default: .)")
    tasks.add_argument("--all", action="store_true", help="done and dropped tasks too")
    tasks.add_argument("--overdue", action="store_true", help="only open tasks past their due date")
    tasks.add_argument("--owner", help="only this owner's tasks (any case)")
    tasks.add_argument("--due-before", metavar="DATE", help="only tasks due before DATE (YYYY-MM-DD)")
    tasks.add_argument(
        "--format",
        choices=("table", "json", "csv", "md"),
        default="table",
        help="table (default), json, csv or md",
    )

    stats = commands.add_parser(
        "stats",
        help="incidents per month and by severity, times to detect/mitigate/resolve, action items",
        description="Figures over every report under each PATH. A report that cannot be read is "
        "named on stderr and counted; the run then exits 1.",
    )
    stats.add_argument("paths", type=Path, nargs="*", metavar="PATH", help="files or folders (default: .)")
    stats.add_argument("--format", choices=("table", "json"), default="table", help="table (default) or json")

    diff = commands.add_parser(
        "diff",
        help="what changed between two versions of a report: fields, events and tasks",
        description="A diff by meaning: fields changed, events and tasks added, removed or changed, "
        "times in the newer report's zone. Nothing is printed when the two say the same.",
    )
    diff.add_argument("old", type=Path)
    diff.add_argument("new", type=Path)

    merge = commands.add_parser(
        "merge",
        help="git's merge driver: merge THEIRS into OURS (in place) by meaning, from BASE",
        description="Merges two versions of a report field by field, event by event and task by task "
        "(git passes %%O %%A %%B). The result is written over OURS, canonical and valid. Where both "
        "sides changed the same thing differently, text gets conflict markers and other fields keep "
        "ours, noted in the report's notes; the run then exits 1.",
    )
    merge.add_argument("base", type=Path)
    merge.add_argument("ours", type=Path)
    merge.add_argument("theirs", type=Path)

    git_setup = commands.add_parser(
        "git-setup",
        help="print (or --apply) the git set-up that merges and diffs reports by meaning",
    )
    git_setup.add_argument(
        "--apply", action="store_true", help="write .gitattributes and this clone's config"
    )
    git_setup.add_argument(
        "--pattern",
        default="*.toml",
        help="the files that are reports (default *.toml; say postmortems/*.toml)",
    )
    return parser


def run() -> NoReturn:
    """The `pmtui` command: `main`, then an exit without the cycle collector's last pass (see
    pmtui.cycles). `main` itself leaves the collector alone: tests and other callers go on."""
    code = main()
    skip_the_last_collection()
    sys.exit(code)


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    _tolerate_unencodable_text()
    from pmtui.store import StoreError

    try:
        code = _dispatch(args)
        _flush_stdout()
        return code
    except UsageError as error:
        return _complain(str(error), EXIT_USAGE)
    except StoreError as error:
        return _complain(str(error), EXIT_PROBLEM)
    except StdoutError as error:
        return _stdout_failed(error.error)
    except OSError as error:  # a file operation the store did not wrap: still the user's file, not a bug
        return _complain(_os_error_line(error), EXIT_PROBLEM)
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except Exception as error:  # noqa: BLE001 - the last resort: a bug, told in one line
        return _internal_error(error)


def _dispatch(args: list[str]) -> int:
    if args and not args[0].startswith("-") and args[0] not in SUBCOMMANDS:
        return _open(args)
    options = build_parser().parse_args(args)
    if options.command is None:
        return _open([])
    from pmtui.cycles import cycle_collection_paused

    with cycle_collection_paused():  # a one-shot command; see pmtui.cycles
        return COMMANDS[options.command](options)


# ---------------------------------------------------------------- reporting trouble


def _complain(line: str, code: int) -> int:
    """One line on stderr; line breaks in a message (say, from an OS error) are flattened."""
    _to_stderr("pmtui: " + " ".join(line.split()))
    return code


def _to_stderr(line: str) -> None:
    """With stderr closed or full the exit code is all that can be said; never stdout, which
    print(file=None) would use, since stdout may be carrying an export."""
    if sys.stderr is not None:
        with contextlib.suppress(OSError):
            print(line, file=sys.stderr)


def _os_error_line(error: OSError) -> str:
    reason = _os_reason(error)
    return f"{error.filename}: {reason}" if error.filename is not None else reason


def _internal_error(error: Exception) -> int:
    """A bug: the traceback goes to a private crash log, the user gets one line and exit 70.
    The CLI holds no unsaved edits, so there is nothing to journal."""
    return _complain(bug_line(error), EXIT_BUG)


def bug_line(error: Exception) -> str:
    """What a bug is said as: its traceback goes to a private crash log, named here."""
    from pmtui.state import write_crash_log

    log = write_crash_log(type(error), error, error.__traceback__)
    where = f"details in {log}" if log is not None else "no crash log could be written"
    what = f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
    if len(what) > 200:
        what = what[:197] + "..."
    return f"internal error (this is a bug): {what} — {where}"


# ---------------------------------------------------------------- standard streams


def _tolerate_unencodable_text() -> None:
    """Messages name files and quote reports; under PYTHONIOENCODING=ascii (or a file name
    that is not UTF-8) they must still print, as escapes, rather than crash."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            # A closed or detached stream: nothing will be printed on it anyway.
            with contextlib.suppress(ValueError, OSError):
                reconfigure(errors="backslashreplace")


def _say(line: str) -> None:
    """A message on stdout; a full disk or a closed pipe there is reported once, by main."""
    try:
        print(line)
    except OSError as error:
        raise StdoutError(error) from None


def _write_stdout(text: str) -> None:
    """An export or schema is a UTF-8 file by definition: write its bytes, whatever the locale says."""
    stream = _stdout()
    try:
        stream.flush()
        binary = getattr(stream, "buffer", None)
        if binary is None:
            stream.write(text)
        else:
            binary.write(text.encode("utf-8"))
        stream.flush()
    except OSError as error:
        raise StdoutError(error) from None


def _stdout() -> TextIO:
    """sys.stdout, which Python sets to None when the command starts with it closed (`>&-`)."""
    if sys.stdout is None:
        raise StdoutError(OSError(errno.EBADF, os.strerror(errno.EBADF)))
    return sys.stdout


def _flush_stdout() -> None:
    if sys.stdout is None:
        return  # nothing was written: print() to a closed stdout does nothing
    try:
        sys.stdout.flush()
    except OSError as error:
        raise StdoutError(error) from None


def _stdout_failed(error: OSError) -> int:
    """A reader that left (`| head`) is not an error; a full disk is. Either way stdout is then
    pointed at /dev/null, so Python's own flush at exit cannot fail and print a traceback."""
    _abandon_stdout()
    if isinstance(error, BrokenPipeError):
        return EXIT_OK
    return _complain(f"standard output: {error.strerror or error}", EXIT_PROBLEM)


def _abandon_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass  # not a real descriptor (tests capture stdout): there is no exit flush to fail


# ---------------------------------------------------------------- paths


# ---------------------------------------------------------------- subcommands


def _open(args: list[str]) -> int:
    """`pmtui [FILE]`: the editor. Loads Textual only here, after the arguments are checked."""
    parser = _Parser(
        prog="pmtui", description="Open a report in the editor, or a folder of them in the browser."
    )
    parser.add_argument(
        "file", type=Path, nargs="?", help="report to open (.toml; created on request), or a folder to browse"
    )
    options = parser.parse_args(args)
    if options.file is not None and not options.file.is_dir():
        _refuse_markdown(options.file)
    if not (sys.stdin is not None and sys.stdin.isatty() and sys.stdout is not None and sys.stdout.isatty()):
        raise UsageError("the editor needs a terminal (use `ssh -t`, or `pmtui export` in scripts)")
    if options.file is not None and options.file.is_dir():
        return _browse(options.file)
    if options.file is None:
        from pmtui.folder import holds_reports

        if holds_reports(Path.cwd()):
            return _browse(Path("."))
    from pmtui.cycles import pause_for_start

    pause_for_start()  # the app resumes the collector once its first frame is up
    from pmtui.opening import create_app

    app = create_app(options.file)
    app.run()
    if app.crash_report:
        print(app.crash_report, file=sys.stderr)
    return app.return_code or EXIT_OK


def _browse(folder: Path) -> int:
    """`pmtui DIR`: the report browser and the editor in turn, until the browser is quit."""
    from pmtui.browser_app import BrowserApp, BrowserState
    from pmtui.opening import create_app

    state = BrowserState()  # the view, filter, order and row, as they were left
    while True:
        browser = BrowserApp(folder, state=state)
        chosen = browser.run()
        if chosen is None:
            return browser.return_code or EXIT_OK
        app = create_app(chosen)
        app.from_list = True
        app.run()
        if app.crash_report:
            print(app.crash_report, file=sys.stderr)
            return app.return_code or EXIT_BUG
        state.selected = chosen


def _load(path: Path) -> Postmortem:
    """The report in `path`; a Markdown postmortem there is told to import, not a TOML error."""
    from pmtui.store import StoreError, load

    if _is_markdown(path):
        return _markdown_source(path).report
    try:
        return load(path)
    except StoreError as error:
        if error.line is not None:  # a syntax error: was it TOML at all?
            _refuse_markdown(path)
        raise


def _is_markdown(path: Path) -> bool:
    from pmtui.importers.sniff import MARKDOWN_SUFFIXES

    return path.suffix.lower() in MARKDOWN_SUFFIXES


def _markdown_source(path: Path, adopt: bool = False) -> ImportResult:
    """A Markdown file that is a report's source (it has pmtui's marker), read; any other
    Markdown is refused in one line saying how to make it one, unless `adopt`."""
    from pmtui.importers.markdown import read_markdown_file
    from pmtui.markdown_source import has_marker

    if not adopt and path.is_file() and not has_marker(path):
        raise UsageError(
            f"{path}: not a report pmtui keeps as Markdown (no pmtui marker on line 1); "
            f"make it one with `pmtui fmt --adopt {path}`, or convert it with `pmtui import {path}`"
        )
    return read_markdown_file(path)  # a missing or unreadable file: its one-line StoreError


def _refuse_markdown(path: Path) -> None:
    """A Markdown postmortem where a report belongs (`pmtui notes.txt`): one line naming the
    command that reads it, exit 2. A .md file is imported by the editor, so it is let through;
    anything unreadable is left for the load to report."""
    from pmtui.importers.sniff import MARKDOWN_SUFFIXES, looks_like_markdown
    from pmtui.store import MAX_FILE_BYTES, StoreError, read_limited

    if path.suffix.lower() in MARKDOWN_SUFFIXES:
        return
    try:
        text = read_limited(path, MAX_FILE_BYTES, "a report file").decode("utf-8")
    except (StoreError, OSError, UnicodeDecodeError):
        return
    if looks_like_markdown(text):
        raise UsageError(f"{path}: this looks like a Markdown postmortem: pmtui import {path}")


def _new(options: argparse.Namespace) -> int:
    from pydantic import ValidationError

    from pmtui.model import refusal
    from pmtui.store import StoreError, save
    from pmtui.template import new_report
    from pmtui.zones import read_zone

    if _exists(options.file):
        raise StoreError(str(options.file), "already exists; not overwritten")
    try:
        report = new_report(title=options.title, zone=read_zone(options.zone))
    except ValueError as error:
        raise UsageError(f"--zone: {error}") from None
    except ValidationError as error:
        raise UsageError(refusal(error)) from None
    save(report, options.file)
    _say(f"{options.file}: created")
    return EXIT_OK


def _validate(options: argparse.Namespace) -> int:
    from pmtui.checks import UNRESOLVED_CONFLICT

    report = _load(options.file)
    problems = report.problems()
    conflicts = [problem for problem in problems if problem.message == UNRESOLVED_CONFLICT]
    if conflicts:
        for problem in conflicts:
            _to_stderr(f"pmtui: {options.file}: {problem}")
        return EXIT_PROBLEM
    for problem in problems:
        _to_stderr(f"{options.file}: warning: {problem}")
    noun = "warning" if len(problems) == 1 else "warnings"
    _say(f"{options.file}: valid" + (f" ({len(problems)} {noun})" if problems else ""))
    return EXIT_OK


def _export(options: argparse.Namespace) -> int:
    from pmtui.store import write_text

    if options.mermaid and options.format != "md":
        raise UsageError("--mermaid adds a diagram to the Markdown export; drop it or use --format md")
    report = _load(options.file)
    if options.format == "json":
        from pmtui.render.json import render_json

        text = render_json(report)
    else:
        from pmtui.render.markdown import render

        text = render(report, mermaid=options.mermaid)
    if options.output is None:
        _write_stdout(text)
    else:
        write_text(options.output, text)
    return EXIT_OK


def _fmt(options: argparse.Namespace) -> int:
    """Compare bytes, not universal-newline text, so CRLF line endings count as not canonical;
    refuse to lose comments unless told to, since tomllib cannot carry them through."""
    from pmtui.store import MAX_FILE_BYTES, dropped_comments, dumps_keeping_header, read_limited, save

    if _is_markdown(options.file):
        return _fmt_markdown(options)
    if options.adopt:
        raise UsageError(f"--adopt makes a Markdown file a report's source; {options.file} is not .md")

    report = _load(options.file)
    current = read_limited(options.file, MAX_FILE_BYTES, "a report file")
    text = current.decode("utf-8")
    dropped = dropped_comments(text)
    if not dropped and current == dumps_keeping_header(report, text).encode("utf-8"):
        _say(f"{options.file}: already canonical")
        return EXIT_OK
    if options.check:
        why = f"; {_comments_phrase(dropped)} would be dropped" if dropped else ""
        return _complain(
            f"{options.file}: not in canonical form{why} (run `pmtui fmt {options.file}`)", EXIT_PROBLEM
        )
    if dropped and not options.drop_comments:
        return _complain(
            f"{options.file}: saving would drop {_comments_phrase(dropped)}; "
            "keep them elsewhere or pass --drop-comments",
            EXIT_PROBLEM,
        )
    save(report, options.file)
    _say(f"{options.file}: reformatted" + (f" ({_comments_phrase(dropped)} dropped)" if dropped else ""))
    return EXIT_OK


def _fmt_markdown(options: argparse.Namespace) -> int:
    """A Markdown source in the layout every save writes. Adopting a hand-written file keeps it
    as FILE.orig first; HTML comments cannot survive the importer, so, as for TOML, they are
    dropped only when asked."""
    from pmtui.importers.sniff import MAX_IMPORT_BYTES
    from pmtui.markdown_source import (
        dropped_html_comments,
        has_marker,
        keep_original,
        layout_note,
        source_text,
    )
    from pmtui.store import read_limited, write_text

    path = options.file
    if options.adopt and options.check:
        raise UsageError("--check changes nothing and --adopt rewrites the file; use one of them")
    result = _markdown_source(path, adopt=options.adopt)
    for warning in result.warnings:
        _to_stderr(f"{path}: warning: {warning}")
    text = source_text(result.report, str(path))
    current = read_limited(path, MAX_IMPORT_BYTES, "a Markdown postmortem")
    if current == text.encode("utf-8"):
        _say(f"{path}: already canonical")
        return EXIT_OK
    adopting = not has_marker(path)
    dropped = [] if adopting else dropped_html_comments(current.decode("utf-8", errors="replace"))
    if options.check:
        why = f"; {_comments_phrase(dropped)} would be dropped" if dropped else ""
        return _complain(f"{path}: not in canonical form{why} (run `pmtui fmt {path}`)", EXIT_PROBLEM)
    if dropped and not options.drop_comments:
        return _complain(
            f"{path}: saving would drop {_comments_phrase(dropped)}; keep them elsewhere or pass --drop-comments",
            EXIT_PROBLEM,
        )
    kept = keep_original(path)
    write_text(path, text)
    _say(f"{path}: reformatted" + (f" ({_comments_phrase(dropped)} dropped)" if dropped else ""))
    if kept is not None:
        _say(layout_note(path, kept, result.report))
    return EXIT_OK


def _comments_phrase(lines: list[int]) -> str:
    """'1 comment (line 4)', '3 comments (lines 4, 9, 12)', long lists cut short."""
    shown = ", ".join(str(number) for number in lines[:LISTED_LINES])
    if len(lines) > LISTED_LINES:
        shown += f" and {len(lines) - LISTED_LINES} more"
    if len(lines) == 1:
        return f"1 comment (line {shown})"
    return f"{len(lines)} comments (lines {shown})"


def _schema(options: argparse.Namespace) -> int:
    from pmtui.schema import file_schema

    _write_stdout(json.dumps(file_schema(), indent=2) + "\n")
    return EXIT_OK


def _import(options: argparse.Namespace) -> int:
    from pmtui.import_command import import_many, import_one

    if len(options.file) > 1:
        if options.output is not None:
            raise UsageError(
                "-o names the output of one file; with several, each is written beside its source"
            )
        return import_many(options.file, options.force, options.quiet, _say, _complain_only, bug_line)
    source = options.file[0]
    target = options.output or _beside(source)
    if _real(target) == _real(source):
        raise UsageError(f"{target}: would overwrite the Markdown it imports; name another output with -o")
    result = import_one(source, target, options.force)
    if not options.quiet:
        _say(f"{source} -> {target}")
        for line in result.account:
            _say(f"  {line}")
        for line in result.guesses:
            _say(f"  guessed: {line}")
        for line in result.warnings:
            _say(f"  warning: {line}")
    return EXIT_OK


def _complain_only(line: str) -> None:
    """One file of several failed: its line, and the run goes on."""
    _complain(line, EXIT_PROBLEM)


def _beside(source: Path) -> Path:
    """The default output: the source's name with .toml (a bare `/` or `.` has no name to reuse)."""
    try:
        return source.with_suffix(".toml")
    except ValueError:
        raise UsageError(f"{source}: not a file name; name the output with -o") from None


def _tasks(options: argparse.Namespace) -> int:
    import shutil
    from datetime import date

    from pmtui.folder import read_folder
    from pmtui.follow_up import Wanted, format_rows, task_rows

    try:
        due_before = date.fromisoformat(options.due_before) if options.due_before else None
    except ValueError:
        raise UsageError(f"--due-before: expected a date as YYYY-MM-DD, got {options.due_before!r}") from None
    wanted = Wanted(options.all, options.overdue, options.owner, due_before)
    listed = read_folder(options.paths or [Path(".")])
    broken = [entry for entry in listed if entry.error]
    for entry in broken:
        _to_stderr(f"pmtui: {entry.error}")
    rows = task_rows(listed, date.today(), wanted)
    width = shutil.get_terminal_size().columns if _stdout().isatty() else None
    text = format_rows(rows, options.format, width)
    if text:
        _write_stdout(text)
    elif options.format == "table":
        read = len(listed) - len(broken)
        what = "action items" if wanted.every_status else "open action items"
        _to_stderr(f"pmtui: no {what} in {read} report{'' if read == 1 else 's'}")
    return EXIT_PROBLEM if broken else EXIT_OK


def _stats(options: argparse.Namespace) -> int:
    from datetime import date

    from pmtui.folder import read_folder
    from pmtui.folder_stats import as_json, as_table, folder_stats

    listed = read_folder(options.paths or [Path(".")])
    for entry in listed:
        if entry.error:
            _to_stderr(f"pmtui: {entry.error}")
    stats = folder_stats(listed, date.today())
    _write_stdout(as_json(stats) if options.format == "json" else as_table(stats))
    return EXIT_PROBLEM if stats.unreadable else EXIT_OK


def _diff(options: argparse.Namespace) -> int:
    from pmtui.report_diff import report_diff

    lines = report_diff(_load(options.old), _load(options.new))
    if lines:
        _write_stdout("\n".join([f"--- {options.old}", f"+++ {options.new}", *lines]) + "\n")
    return EXIT_OK


def _merge(options: argparse.Namespace) -> int:
    from pmtui.git_setup import merge_as_text
    from pmtui.report_merge import merge_reports
    from pmtui.store import StoreError, save

    try:
        base, ours, theirs = (_load(path) for path in (options.base, options.ours, options.theirs))
    except (StoreError, UsageError):  # not a report (a pyproject.toml): git's own line merge
        return merge_as_text(options.base, options.ours, options.theirs)
    merged = merge_reports(base, ours, theirs)
    save(merged.report, options.ours)
    for conflict in merged.conflicts:
        _to_stderr(f"pmtui: {options.ours}: merge conflict: {conflict}")
    return EXIT_PROBLEM if merged.conflicts else EXIT_OK


def _git_setup(options: argparse.Namespace) -> int:
    from pmtui.git_setup import GitSetupError, apply, instructions

    if not options.apply:
        _write_stdout(instructions(options.pattern))
        return EXIT_OK
    try:
        attributes = apply(options.pattern, Path.cwd())
    except GitSetupError as error:
        return _complain(str(error), EXIT_PROBLEM)
    _say(f"{attributes}: reports ({options.pattern}) merge and diff with pmtui; commit it")
    _say("this clone's git config: merge.pmtui and diff.pmtui set")
    return EXIT_OK


COMMANDS = {
    "new": _new,
    "validate": _validate,
    "export": _export,
    "fmt": _fmt,
    "schema": _schema,
    "import": _import,
    "tasks": _tasks,
    "stats": _stats,
    "diff": _diff,
    "merge": _merge,
    "git-setup": _git_setup,
}

if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
