"""The team's-folder commands: `pmtui tasks`, `stats`, `diff`, `merge` and `git-setup`.
None of them loads Textual."""

from __future__ import annotations

import argparse
from pathlib import Path

from pmtui.cli_output import EXIT_OK, EXIT_PROBLEM, UsageError, complain, say, stdout, to_stderr, write_stdout
from pmtui.cli_reading import load_report


def tasks(options: argparse.Namespace) -> int:
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
        to_stderr(f"pmtui: {entry.error}")
    rows = task_rows(listed, date.today(), wanted)
    width = shutil.get_terminal_size().columns if stdout().isatty() else None
    text = format_rows(rows, options.format, width)
    if text:
        write_stdout(text)
    elif options.format == "table":
        read = len(listed) - len(broken)
        what = "action items" if wanted.every_status else "open action items"
        to_stderr(f"pmtui: no {what} in {read} report{'' if read == 1 else 's'}")
    return EXIT_PROBLEM if broken else EXIT_OK


def stats(options: argparse.Namespace) -> int:
    from datetime import date

    from pmtui.folder import read_folder
    from pmtui.folder_stats import as_json, as_table, folder_stats

    listed = read_folder(options.paths or [Path(".")])
    for entry in listed:
        if entry.error:
            to_stderr(f"pmtui: {entry.error}")
    stats = folder_stats(listed, date.today())
    write_stdout(as_json(stats) if options.format == "json" else as_table(stats))
    return EXIT_PROBLEM if stats.unreadable else EXIT_OK


def diff(options: argparse.Namespace) -> int:
    from pmtui.report_diff import report_diff

    lines = report_diff(load_report(options.old), load_report(options.new))
    if lines:
        write_stdout("\n".join([f"--- {options.old}", f"+++ {options.new}", *lines]) + "\n")
    return EXIT_OK


def merge(options: argparse.Namespace) -> int:
    from pmtui.git_setup import merge_as_text
    from pmtui.report_merge import merge_reports
    from pmtui.store import StoreError, save

    try:
        base, ours, theirs = (load_report(path) for path in (options.base, options.ours, options.theirs))
    except (StoreError, UsageError):  # not a report (a pyproject.toml): git's own line merge
        return merge_as_text(options.base, options.ours, options.theirs)
    merged = merge_reports(base, ours, theirs)
    save(merged.report, options.ours)
    for conflict in merged.conflicts:
        to_stderr(f"pmtui: {options.ours}: merge conflict: {conflict}")
    return EXIT_PROBLEM if merged.conflicts else EXIT_OK


def git_setup(options: argparse.Namespace) -> int:
    from pmtui.git_setup import GitSetupError, apply, instructions

    if not options.apply:
        write_stdout(instructions(options.pattern))
        return EXIT_OK
    try:
        attributes = apply(options.pattern, Path.cwd())
    except GitSetupError as error:
        return complain(str(error), EXIT_PROBLEM)
    say(f"{attributes}: reports ({options.pattern}) merge and diff with pmtui; commit it")
    say("this clone's git config: merge.pmtui and diff.pmtui set")
    return EXIT_OK
