"""What the `pmtui` commands read a report from: TOML, or Markdown pmtui keeps; a Markdown
postmortem where a report belongs is told to import, in one line."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from pmtui.cli_output import UsageError

if TYPE_CHECKING:
    from pmtui.importers.markdown import ImportResult
    from pmtui.model import Postmortem


def load_report(path: Path) -> Postmortem:
    """The report in `path`; a Markdown postmortem there is told to import, not a TOML error."""
    from pmtui.store import StoreError, load

    if is_markdown_name(path):
        return markdown_source_report(path).report
    try:
        return load(path)
    except StoreError as error:
        if error.line is not None:  # a syntax error: was it TOML at all?
            refuse_markdown(path)
        raise


def is_markdown_name(path: Path) -> bool:
    from pmtui.importers.sniff import MARKDOWN_SUFFIXES

    return path.suffix.lower() in MARKDOWN_SUFFIXES


def markdown_source_report(path: Path, adopt: bool = False) -> ImportResult:
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


def refuse_markdown(path: Path) -> None:
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
