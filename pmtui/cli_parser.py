"""The `pmtui` command's arguments: argparse, with every mistake said in one line."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import NoReturn

from pmtui import __version__
from pmtui.cli_output import UsageError

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


class CliParser(argparse.ArgumentParser):
    """argparse that raises instead of printing usage and exiting, so errors stay one line."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see `{self.prog} --help`)")


def build_parser() -> argparse.ArgumentParser:
    parser = CliParser(
        prog="pmtui",
        description="A terminal editor for incident postmortems.",
        epilog="`pmtui FILE.toml` opens the report.",
    )
    parser.add_argument("--version", action="version", version=f"pmtui {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=CliParser)

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
