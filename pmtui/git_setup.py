"""`pmtui git-setup`: git's merge driver and diff for reports, in a repository.

Git merges a report by meaning with `pmtui merge` and shows it in `git diff` and
`git log -p` as its Markdown export. Both need a line in `.gitattributes` (kept in the
repository, so every clone has it) and the local git config (which git never shares, so
each clone runs `pmtui git-setup --apply` once). A TOML file that is not a report (a
`pyproject.toml`) is merged and shown by git's own means: the driver falls back to
`git merge-file`, the diff to the file's text.
"""

from __future__ import annotations

import shlex
import subprocess
from pathlib import Path

from pmtui.store import StoreError, write_text

#: git passes the files' paths after these.
MERGE_DRIVER = "pmtui merge %O %A %B"
TEXTCONV = 'sh -c \'pmtui export "$0" 2>/dev/null || cat "$0"\''
CONFIG = (
    ("merge.pmtui.name", "pmtui: merge postmortems by meaning"),
    ("merge.pmtui.driver", MERGE_DRIVER),
    ("diff.pmtui.textconv", TEXTCONV),
)


class GitSetupError(Exception):
    """Why the set-up could not be applied, in one line."""


def attributes_line(pattern: str) -> str:
    return f"{pattern} merge=pmtui diff=pmtui"


def instructions(pattern: str) -> str:
    """What `--apply` does, as a user would do it by hand."""
    lines = [
        "# in .gitattributes, at the repository's root (commit it):",
        attributes_line(pattern),
        "# in this clone's git config (run in each clone):",
        *(f"git config {name} {shlex.quote(value)}" for name, value in CONFIG),
    ]
    return "\n".join(lines) + "\n"


def apply(pattern: str, folder: Path) -> Path:
    """Write the attributes line (once) and the local config; returns the .gitattributes path."""
    root = Path(_git(folder, "rev-parse", "--show-toplevel").strip())
    attributes = root / ".gitattributes"
    line = attributes_line(pattern)
    try:
        existing = attributes.read_text(encoding="utf-8") if attributes.exists() else ""
        if line not in existing.splitlines():
            separator = "" if not existing or existing.endswith("\n") else "\n"
            write_text(attributes, existing + separator + line + "\n")  # atomic, keeping its mode
    except OSError as error:
        raise GitSetupError(f"{attributes}: {error.strerror or error}") from None
    except StoreError as error:
        raise GitSetupError(str(error)) from None
    for name, value in CONFIG:
        _git(root, "config", "--local", name, value)
    return attributes


def _git(folder: Path, *args: str) -> str:
    try:
        done = subprocess.run(["git", *args], cwd=folder, capture_output=True, text=True, check=False)
    except OSError as error:
        raise GitSetupError(f"git could not be run: {error.strerror or error}") from None
    if done.returncode != 0:
        said = (done.stderr.strip().splitlines() or ["failed"])[-1]
        raise GitSetupError(f"git {args[0]}: {said}")
    return done.stdout


def merge_as_text(base: Path, ours: Path, theirs: Path) -> int:
    """git's own line merge, for a TOML file that is not a report: the result in `ours`,
    exit code 0 when clean, non-zero with conflicts (git's markers in the file)."""
    done = subprocess.run(
        ["git", "merge-file", "-L", "ours", "-L", "base", "-L", "theirs", str(ours), str(base), str(theirs)],
        check=False,
    )
    return 0 if done.returncode == 0 else 1
