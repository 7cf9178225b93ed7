"""What differs between two versions of a report, in a few short lines a person can judge.

The recovery prompt uses it to say what restoring would bring back ("timeline:
1 added, 1 changed"), instead of a wall of TOML.
"""

from __future__ import annotations

from collections.abc import Sequence
from difflib import SequenceMatcher
from typing import Any

from pmtui.model import Postmortem

#: The single fields a person recognises by name, in the order the editor shows them.
FIELDS = (
    ("title", "title"),
    ("status", "status"),
    ("severity", "severity"),
    ("authors", "authors"),
    ("timezone", "time zone"),
    ("summary.start", "start"),
    ("summary.end", "end"),
    ("summary.impact", "impact"),
    ("summary.root_cause", "summary root cause"),
    ("analysis.root_cause", "root cause"),
    ("analysis.resolution", "resolution"),
    ("analysis.contributing_factors", "contributing factors"),
    ("lessons", "lessons"),
    ("notes", "notes"),
)


def _value(report: Postmortem, dotted: str) -> Any:
    target: Any = report
    for name in dotted.split("."):
        target = getattr(target, name)
    return target


def describe_changes(before: Postmortem | None, after: Postmortem) -> list[str]:
    """One line per kind of change from `before` to `after`; empty when they are the same."""
    if before is None:
        return [
            f"the whole report ({len(after.timeline)} events, {len(after.tasks)} tasks); "
            "the file does not exist or cannot be read"
        ]
    lines = []
    fields = [label for dotted, label in FIELDS if _value(before, dotted) != _value(after, dotted)]
    if fields:
        lines.append("changed: " + ", ".join(fields))
    for name, old, new in (
        ("timeline", before.timeline, after.timeline),
        ("tasks", before.tasks, after.tasks),
    ):
        counted = _list_changes(old, new)
        if counted:
            lines.append(f"{name}: {counted}")
    return lines


def _list_changes(old: Sequence[Any], new: Sequence[Any]) -> str:
    added = removed = changed = 0
    # Entries compare by content (their session keys differ); the JSON text is hashable.
    before, after = [e.model_dump_json() for e in old], [e.model_dump_json() for e in new]
    for tag, i1, i2, j1, j2 in SequenceMatcher(a=before, b=after, autojunk=False).get_opcodes():
        if tag == "insert":
            added += j2 - j1
        elif tag == "delete":
            removed += i2 - i1
        elif tag == "replace":
            common = min(i2 - i1, j2 - j1)
            changed += common
            added += (j2 - j1) - common
            removed += (i2 - i1) - common
    parts = [
        f"{count} {word}"
        for count, word in ((added, "added"), (changed, "changed"), (removed, "removed"))
        if count
    ]
    return ", ".join(parts)
