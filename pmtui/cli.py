"""The `pmtui` command. Subcommands stay import-light: the UI loads only to edit."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import NoReturn, Optional, Sequence

from pmtui import __version__

EXIT_OK, EXIT_PROBLEM, EXIT_USAGE = 0, 1, 2
SUBCOMMANDS = ("new", "validate", "export", "fmt", "schema", "import")


class UsageError(Exception):
    """Bad arguments: reported in one line with exit code 2."""


class _Parser(argparse.ArgumentParser):
    """argparse that raises instead of printing usage and exiting, so errors stay one line."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see `{self.prog} --help`)")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="pmtui", description="A terminal editor for incident postmortems.",
                     epilog="`pmtui FILE.toml` opens the report.")
    parser.add_argument("--version", action="version", version=f"pmtui {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    new = commands.add_parser("new", help="start a report from the standard template")
    new.add_argument("file", type=Path, help="the .toml file to create (never overwritten)")
    new.add_argument("--title", default="Untitled incident", help="the report's title")
    new.add_argument("--zone", default="UTC", help="IANA time zone the report is shown in (default UTC)")

    validate = commands.add_parser("validate", help="check a report: exit 1 on errors, warnings printed")
    validate.add_argument("file", type=Path)

    export = commands.add_parser("export", help="write the report as Markdown or JSON")
    export.add_argument("file", type=Path)
    export.add_argument("-o", "--output", type=Path, help="write here instead of standard output")
    export.add_argument("--format", choices=("md", "json"), default="md", help="md (default) or json")

    fmt = commands.add_parser("fmt", help="rewrite a hand-edited report in canonical form")
    fmt.add_argument("file", type=Path)
    fmt.add_argument("--check", action="store_true", help="change nothing; exit 1 if not canonical")

    commands.add_parser("schema", help="print the JSON Schema of the report file")

    imports = commands.add_parser("import", help="turn a Markdown postmortem into a report file")
    imports.add_argument("file", type=Path, help="the Markdown report (never modified)")
    imports.add_argument("-o", "--output", type=Path, help="the .toml to write (default: beside it, same name)")
    imports.add_argument("--force", action="store_true", help="replace the output file if it exists")
    imports.add_argument("--quiet", "-q", action="store_true", help="print nothing but errors")
    return parser


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    from pmtui.store import StoreError

    try:
        if args and not args[0].startswith("-") and args[0] not in SUBCOMMANDS:
            return _open(args)
        options = build_parser().parse_args(args)
        if options.command is None:
            return _open([])
        return COMMANDS[options.command](options)
    except UsageError as error:
        print(f"pmtui: {error}", file=sys.stderr)
        return EXIT_USAGE
    except StoreError as error:
        print(f"pmtui: {error}", file=sys.stderr)
        return EXIT_PROBLEM
    except BrokenPipeError:
        sys.stderr.close()  # `pmtui export x | head`: the reader left; nothing to report
        return EXIT_OK
    except KeyboardInterrupt:
        return 130


def _open(args: list[str]) -> int:
    """`pmtui [FILE]`: the editor. Loads Textual only here, after the arguments are checked."""
    parser = _Parser(prog="pmtui", description="Open a report in the editor.")
    parser.add_argument("file", type=Path, nargs="?", help="report to open (.toml); created on request")
    options = parser.parse_args(args)
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise UsageError("the editor needs a terminal (use `ssh -t`, or `pmtui export` in scripts)")
    if options.file is not None and options.file.is_dir():
        from pmtui.store import StoreError

        raise StoreError(str(options.file), "is a directory, not a report file")
    from pmtui.app import create_app

    app = create_app(options.file)
    app.run()
    return app.return_code or EXIT_OK


def _new(options: argparse.Namespace) -> int:
    from pydantic import ValidationError

    from pmtui.model import refusal
    from pmtui.store import StoreError, save
    from pmtui.template import new_report

    if options.file.exists():
        raise StoreError(str(options.file), "already exists; not overwritten")
    try:
        report = new_report(title=options.title, zone=options.zone)
    except ValidationError as error:
        raise UsageError(refusal(error)) from None
    save(report, options.file)
    print(f"{options.file}: created")
    return EXIT_OK


def _validate(options: argparse.Namespace) -> int:
    from pmtui.store import load

    report = load(options.file)
    problems = report.problems()
    for problem in problems:
        print(f"{options.file}: warning: {problem}", file=sys.stderr)
    noun = "warning" if len(problems) == 1 else "warnings"
    print(f"{options.file}: valid" + (f" ({len(problems)} {noun})" if problems else ""))
    return EXIT_OK


def _export(options: argparse.Namespace) -> int:
    from pmtui.store import load, write_text

    report = load(options.file)
    if options.format == "json":
        from pmtui.render.json import render_json as renderer
    else:
        from pmtui.render.markdown import render as renderer
    text = renderer(report)
    if options.output is None:
        _write_stdout(text)
    else:
        write_text(options.output, text)
    return EXIT_OK


def _fmt(options: argparse.Namespace) -> int:
    from pmtui.store import dumps, load, save

    report = load(options.file)
    canonical = dumps(report)
    current = options.file.read_text(encoding="utf-8")
    if current == canonical:
        print(f"{options.file}: already canonical")
        return EXIT_OK
    if options.check:
        print(f"{options.file}: not in canonical form (run `pmtui fmt {options.file}`)", file=sys.stderr)
        return EXIT_PROBLEM
    save(report, options.file)
    print(f"{options.file}: reformatted")
    return EXIT_OK


def _schema(options: argparse.Namespace) -> int:
    from pmtui.schema import file_schema

    _write_stdout(json.dumps(file_schema(), indent=2) + "\n")
    return EXIT_OK


def _write_stdout(text: str) -> None:
    sys.stdout.write(text)
    sys.stdout.flush()


def _import(options: argparse.Namespace) -> int:
    from pmtui.importers.markdown import read_markdown_file
    from pmtui.store import StoreError, save

    target = options.output or options.file.with_suffix(".toml")
    if target.resolve() == options.file.resolve():
        raise UsageError(f"{target}: would overwrite the Markdown it imports; name another output with -o")
    if target.exists() and not options.force:
        raise StoreError(str(target), "already exists; not overwritten (use --force to replace it)")
    result = read_markdown_file(options.file)
    save(result.report, target)
    if not options.quiet:
        print(f"{options.file} -> {target}")
        for line in result.account:
            print(f"  {line}")
        for line in result.guesses:
            print(f"  guessed: {line}")
        for line in result.warnings:
            print(f"  warning: {line}")
    return EXIT_OK


COMMANDS = {"new": _new, "validate": _validate, "export": _export, "fmt": _fmt, "schema": _schema,
            "import": _import}

if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
