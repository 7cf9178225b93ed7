"""A report's canonical TOML text, and the part of it a save reads back to check it.

Every event and task is its own `[[...]]` block (tomli-w would inline short ones), so
adding an event is a few added lines in a diff. Most blocks hold only plain values: times,
and strings with nothing to escape. Those are written here directly, in exactly the text
tomli-w writes (a property test compares the two), which tomllib reads back as the same
values (the same test). tomli-w writes a string a character at a time in Python, so on a
big report this is most of the save. The save's read-back check then needs to read only
the rest: the report's own tables and every block with something to escape.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import Enum
from typing import Any

import tomli_w

from pmtui.model import Postmortem

#: What a TOML basic string may not hold as it is (tomli-w's own set): quote, backslash, controls but tab.
_NEEDS_ESCAPING = frozenset('"\\\x7f') | frozenset(chr(code) for code in range(32) if code != 9)
_ENTRY_KEYS = frozenset(
    ("at", "approximate", "kind", "text", "link", "title", "status", "owner", "due", "priority", "ticket")
)


def to_document(report: Postmortem) -> dict[str, Any]:
    """The report as the tables and values the file holds (enums as their strings), keys in
    the public format's order, no empty optionals."""
    data = report.model_dump(mode="python", exclude_none=True)
    document: dict[str, Any] = {"schema_version": report.schema_version}
    document.update(_ordered(data, ("title", "status", "severity", "authors", "timezone")))
    document["summary"] = _ordered(data["summary"], ("start", "end", "impact", "root_cause"))
    document["analysis"] = _ordered(data["analysis"], ("root_cause", "resolution", "contributing_factors"))
    if not report.lessons.is_empty():
        document["lessons"] = _ordered(data["lessons"], ("went_well", "went_wrong", "lucky"))
    document["timeline"] = [
        _ordered(e, ("at", "approximate", "kind", "text", "link")) for e in data["timeline"]
    ]
    document["tasks"] = [
        _ordered(t, ("title", "status", "kind", "owner", "due", "priority", "ticket")) for t in data["tasks"]
    ]
    if report.notes:
        document["notes"] = {"markdown": report.notes}
    return document


def tables_in_file(report: Postmortem) -> dict[str, Any]:
    """What tomllib reads from the report's saved text: `to_document` without the empty lists,
    which the file leaves out."""
    document = to_document(report)
    for key in ("timeline", "tasks"):
        if not document[key]:
            del document[key]
    return document


def _ordered(values: dict[str, Any], keys: tuple[str, ...]) -> dict[str, Any]:
    return {key: _enum_to_value(values[key]) for key in keys if key in values}


def _enum_to_value(value: object) -> object:
    return value.value if isinstance(value, Enum) else value


@dataclass
class Canonical:
    text: str
    """The file's text."""
    to_check: str
    """The TOML of every part of `text` not written by `plain_block`."""
    expected: dict[str, Any]
    """What tomllib must read from `to_check` for `text` to read back as the report."""


def canonical(report: Postmortem) -> Canonical:
    document = to_document(report)
    lists = {key: document.pop(key) for key in ("timeline", "tasks")}
    notes = document.pop("notes", None)
    head = _toml(document)
    chunks, checked = [head], [head]
    expected = dict(document)
    for key, entries in lists.items():
        for entry in entries:
            plain = plain_block(entry)
            chunk = f"[[{key}]]\n{plain if plain is not None else _toml(entry)}"
            chunks.append(chunk)
            if plain is None:
                checked.append(chunk)
                expected.setdefault(key, []).append(entry)
    if notes is not None:
        chunks.append(_toml({"notes": notes}))
        checked.append(chunks[-1])
        expected["notes"] = notes
    return Canonical(_joined(chunks), _joined(checked), expected)


def dumps(report: Postmortem) -> str:
    """Canonical TOML text."""
    return canonical(report).text


def _joined(chunks: list[str]) -> str:
    return "\n".join(chunk.rstrip("\n") + "\n" for chunk in chunks)


def _toml(data: dict[str, Any]) -> str:
    return tomli_w.dumps(data, multiline_strings=True)


def plain_block(entry: dict[str, Any]) -> str | None:
    """An event's or task's block the way tomli-w writes it, when every value is a string
    with nothing to escape or a date or time TOML holds as it is; else None (tomli-w writes it)."""
    lines = []
    for key, value in entry.items():
        if key not in _ENTRY_KEYS:
            return None
        if type(value) is str:
            if _NEEDS_ESCAPING.isdisjoint(value):
                lines.append(f'{key} = "{value}"\n')
                continue
            return None
        if type(value) is datetime:
            offset = value.utcoffset()
            if offset is None or offset % timedelta(minutes=1):
                return None
        elif type(value) is time:
            if value.tzinfo is not None:
                return None
        elif type(value) is not date:
            return None
        lines.append(f"{key} = {value}\n")
    return "".join(lines)
