"""The `pmtui` command. Subcommands stay import-light: the UI loads only to edit.

Whatever happens, the user gets one line on stderr and an exit code that says
what kind of trouble it was: 2 for bad arguments, 1 for a file or stream that
cannot be used, 70 for a bug (whose traceback goes to a private crash log).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from pmtui import folder_commands
from pmtui.cli_output import (
    EXIT_BUG,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_PROBLEM,
    EXIT_USAGE,
    StdoutError,
    UsageError,
    complain,
    flush_stdout,
    os_error_line,
    say,
    stdout_failed,
    to_stderr,
    tolerate_unencodable_text,
    write_stdout,
)
from pmtui.cli_parser import SUBCOMMANDS, CliParser, build_parser
from pmtui.cli_reading import is_markdown_name, load_report, markdown_source_report, refuse_markdown
from pmtui.cycles import skip_the_last_collection
from pmtui.import_command import exists as _exists
from pmtui.import_command import real_path as _real

#: How many line numbers a "would drop comments" message lists before "and N more".
LISTED_LINES = 10


def run() -> NoReturn:
    """The `pmtui` command: `main`, then an exit without the cycle collector's last pass (see
    pmtui.cycles). `main` itself leaves the collector alone: tests and other callers go on."""
    code = main()
    skip_the_last_collection()
    sys.exit(code)


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    tolerate_unencodable_text()
    from pmtui.store import StoreError

    try:
        code = _dispatch(args)
        flush_stdout()
        return code
    except UsageError as error:
        return complain(str(error), EXIT_USAGE)
    except StoreError as error:
        return complain(str(error), EXIT_PROBLEM)
    except StdoutError as error:
        return stdout_failed(error.error)
    except OSError as error:  # a file operation the store did not wrap: still the user's file, not a bug
        return complain(os_error_line(error), EXIT_PROBLEM)
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


def _internal_error(error: Exception) -> int:
    """A bug: the traceback goes to a private crash log, the user gets one line and exit 70.
    The CLI holds no unsaved edits, so there is nothing to journal."""
    return complain(bug_line(error), EXIT_BUG)


def bug_line(error: Exception) -> str:
    """What a bug is said as: its traceback goes to a private crash log, named here."""
    from pmtui.state import write_crash_log

    log = write_crash_log(type(error), error, error.__traceback__)
    where = f"details in {log}" if log is not None else "no crash log could be written"
    what = f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
    if len(what) > 200:
        what = what[:197] + "..."
    return f"internal error (this is a bug): {what} — {where}"


# ---------------------------------------------------------------- subcommands


def _open(args: list[str]) -> int:
    """`pmtui [FILE]`: the editor. Loads Textual only here, after the arguments are checked."""
    parser = CliParser(
        prog="pmtui", description="Open a report in the editor, or a folder of them in the browser."
    )
    parser.add_argument(
        "file", type=Path, nargs="?", help="report to open (.toml; created on request), or a folder to browse"
    )
    options = parser.parse_args(args)
    if options.file is not None and not options.file.is_dir():
        refuse_markdown(options.file)
    if not (sys.stdin is not None and sys.stdin.isatty() and sys.stdout is not None and sys.stdout.isatty()):
        raise UsageError("the editor needs a terminal (use `ssh -t`, or `pmtui export` in scripts)")
    if options.file is not None and options.file.is_dir():
        return _browse(options.file)
    if options.file is None:
        from pmtui.folder_files import holds_reports

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
    say(f"{options.file}: created")
    return EXIT_OK


def _validate(options: argparse.Namespace) -> int:
    from pmtui.checks import UNRESOLVED_CONFLICT

    report = load_report(options.file)
    problems = report.problems()
    conflicts = [problem for problem in problems if problem.message == UNRESOLVED_CONFLICT]
    if conflicts:
        for problem in conflicts:
            to_stderr(f"pmtui: {options.file}: {problem}")
        return EXIT_PROBLEM
    for problem in problems:
        to_stderr(f"{options.file}: warning: {problem}")
    noun = "warning" if len(problems) == 1 else "warnings"
    say(f"{options.file}: valid" + (f" ({len(problems)} {noun})" if problems else ""))
    return EXIT_OK


def _export(options: argparse.Namespace) -> int:
    from pmtui.store import write_text

    if options.mermaid and options.format != "md":
        raise UsageError("--mermaid adds a diagram to the Markdown export; drop it or use --format md")
    report = load_report(options.file)
    if options.format == "json":
        from pmtui.render.json import render_json

        text = render_json(report)
    else:
        from pmtui.render.markdown import render

        text = render(report, mermaid=options.mermaid)
    if options.output is None:
        write_stdout(text)
    else:
        write_text(options.output, text)
    return EXIT_OK


def _fmt(options: argparse.Namespace) -> int:
    """Compare bytes, not universal-newline text, so CRLF line endings count as not canonical;
    refuse to lose comments unless told to, since tomllib cannot carry them through."""
    from pmtui.store import MAX_FILE_BYTES, dropped_comments, dumps_keeping_header, read_limited, save

    if is_markdown_name(options.file):
        return _fmt_markdown(options)
    if options.adopt:
        raise UsageError(f"--adopt makes a Markdown file a report's source; {options.file} is not .md")

    report = load_report(options.file)
    current = read_limited(options.file, MAX_FILE_BYTES, "a report file")
    text = current.decode("utf-8")
    dropped = dropped_comments(text)
    if not dropped and current == dumps_keeping_header(report, text).encode("utf-8"):
        say(f"{options.file}: already canonical")
        return EXIT_OK
    if options.check:
        why = f"; {_comments_phrase(dropped)} would be dropped" if dropped else ""
        return complain(
            f"{options.file}: not in canonical form{why} (run `pmtui fmt {options.file}`)", EXIT_PROBLEM
        )
    if dropped and not options.drop_comments:
        return complain(
            f"{options.file}: saving would drop {_comments_phrase(dropped)}; "
            "keep them elsewhere or pass --drop-comments",
            EXIT_PROBLEM,
        )
    save(report, options.file)
    say(f"{options.file}: reformatted" + (f" ({_comments_phrase(dropped)} dropped)" if dropped else ""))
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
    result = markdown_source_report(path, adopt=options.adopt)
    for warning in result.warnings:
        to_stderr(f"{path}: warning: {warning}")
    text = source_text(result.report, str(path))
    current = read_limited(path, MAX_IMPORT_BYTES, "a Markdown postmortem")
    if current == text.encode("utf-8"):
        say(f"{path}: already canonical")
        return EXIT_OK
    adopting = not has_marker(path)
    dropped = [] if adopting else dropped_html_comments(current.decode("utf-8", errors="replace"))
    if options.check:
        why = f"; {_comments_phrase(dropped)} would be dropped" if dropped else ""
        return complain(f"{path}: not in canonical form{why} (run `pmtui fmt {path}`)", EXIT_PROBLEM)
    if dropped and not options.drop_comments:
        return complain(
            f"{path}: saving would drop {_comments_phrase(dropped)}; keep them elsewhere or pass --drop-comments",
            EXIT_PROBLEM,
        )
    kept = keep_original(path)
    write_text(path, text)
    say(f"{path}: reformatted" + (f" ({_comments_phrase(dropped)} dropped)" if dropped else ""))
    if kept is not None:
        say(layout_note(path, kept, result.report))
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

    write_stdout(json.dumps(file_schema(), indent=2) + "\n")
    return EXIT_OK


def _import(options: argparse.Namespace) -> int:
    from pmtui.import_command import import_many, import_one

    if len(options.file) > 1:
        if options.output is not None:
            raise UsageError(
                "-o names the output of one file; with several, each is written beside its source"
            )
        return import_many(options.file, options.force, options.quiet, say, _complain_only, bug_line)
    source = options.file[0]
    target = options.output or _beside(source)
    if _real(target) == _real(source):
        raise UsageError(f"{target}: would overwrite the Markdown it imports; name another output with -o")
    result = import_one(source, target, options.force)
    if not options.quiet:
        say(f"{source} -> {target}")
        for line in result.account:
            say(f"  {line}")
        for line in result.guesses:
            say(f"  guessed: {line}")
        for line in result.warnings:
            say(f"  warning: {line}")
    return EXIT_OK


def _complain_only(line: str) -> None:
    """One file of several failed: its line, and the run goes on."""
    complain(line, EXIT_PROBLEM)


def _beside(source: Path) -> Path:
    """The default output: the source's name with .toml (a bare `/` or `.` has no name to reuse)."""
    try:
        return source.with_suffix(".toml")
    except ValueError:
        raise UsageError(f"{source}: not a file name; name the output with -o") from None


COMMANDS = {
    "new": _new,
    "validate": _validate,
    "export": _export,
    "fmt": _fmt,
    "schema": _schema,
    "import": _import,
    "tasks": folder_commands.tasks,
    "stats": folder_commands.stats,
    "diff": folder_commands.diff,
    "merge": folder_commands.merge,
    "git-setup": folder_commands.git_setup,
}

if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
