"""Front matter: the YAML (`---`) or TOML (`+++`) block static-site and status-page sources put first.

What the report has a place for is read (title, date, authors, severity, status,
and an end such as `resolvedWhen`); every other line is kept, as written, for
the notes. Only flat `key: value` YAML is read (nested keys and lists are kept
with their key), so no YAML library is needed and nothing in the block can run
or expand.
"""

from __future__ import annotations

import contextlib
import re
import sys
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from pmtui.importers.summary import Facts
from pmtui.model import Status
from pmtui.timeparse import TimeParseError, parse_moment

_BLOCK = re.compile(r"\A(?P<fence>---|\+\+\+)[ \t]*\n(?P<body>.*?)\n(?P=fence)[ \t]*(?:\n|\Z)", re.S)
_YAML_KEY = re.compile(r"^(?P<key>[A-Za-z_][\w-]*)\s*:(?:\s+(?P<value>.*?))?\s*$")
_TITLE_KEYS = ("title",)
_START_KEYS = ("date", "start", "started", "started_at", "startedat", "start_time")
_END_KEYS = ("end", "ended", "ended_at", "end_time", "resolved_at", "resolvedwhen", "resolved_when")
_AUTHOR_KEYS = ("author", "authors")
#: A written time with its zone: "2021-02-22T01:00:00+00:00", "...Z", "2024-05-10 14:00 UTC".
_ZONED = re.compile(r"(?:Z|[+-]\d{2}:?\d{2}|\b[A-Z]{2,5})$")


@dataclass
class FrontMatter:
    """What the block says, and the lines of it the report has no place for."""

    title: str | None = None
    start: datetime | None = None
    end: datetime | None = None
    day: date | None = None
    """The date of `date:` when it has no time (a publication date, at best the incident's)."""
    facts: Facts = field(default_factory=lambda: Facts())
    """authors, severity, status: as the summary reader keeps them."""
    kept: str = ""
    """The unread lines, fenced for the notes; empty when everything was read."""


def split_front_matter(text: str) -> tuple[FrontMatter | None, str]:
    """The front matter at the very top of `text` (None when there is none) and the rest."""
    match = _BLOCK.match(text)
    if match is None:
        return None, text
    body = match.group("body")
    toml = match.group("fence") == "+++"
    values = _toml_values(body) if toml else _yaml_values(body)
    if values is None or set(values) <= {"#"}:
        return None, text  # a rule at the top of the page, not a block of keys
    front, read = _read(values)
    if toml:
        unread = _toml_unread(body, read)
    else:
        unread = [raw for key, (_, raw) in values.items() if key not in read]
    if any(line.strip() for line in unread):
        language = "toml" if toml else "yaml"
        front.kept = "Front matter:\n\n```" + language + "\n" + "\n".join(unread).strip("\n") + "\n```"
    return front, text[match.end() :]


def _read(values: dict[str, tuple[Any, str]]) -> tuple[FrontMatter, set[str]]:
    """What the report has a place for, and the keys it came from."""
    front = FrontMatter()
    read: set[str] = set()
    ends_last = sorted(values.items(), key=lambda item: item[0].casefold() in _END_KEYS)
    for key, (value, _) in ends_last:
        name = key.casefold()
        if name in _TITLE_KEYS and isinstance(value, str) and value.strip():
            front.title = value.strip()
        elif name in _START_KEYS and front.start is None and front.day is None:
            front.start, front.day = _moment(value)
            if front.start is None and front.day is None:
                continue
        elif name in _END_KEYS and front.end is None:
            end, _ = _moment(value)
            if end is None or (front.start is not None and end <= front.start):
                continue  # no end, or none worth the name: cState writes resolvedWhen = date
            front.end = end
        elif name in _AUTHOR_KEYS:
            authors = value if isinstance(value, list) else re.split(r",|\band\b", str(value))
            front.facts["authors"] = [str(a).strip() for a in authors if str(a).strip()]
        elif name == "severity" and isinstance(value, (str, int)) and str(value).strip():
            front.facts["severity"] = str(value).strip()
        elif name == "status" and isinstance(value, str):
            with contextlib.suppress(ValueError):
                front.facts["status"] = Status(value.strip().casefold())
            if "status" not in front.facts:
                continue
        else:
            continue
        read.add(key)
    return front, read


def _moment(value: Any) -> tuple[datetime | None, date | None]:
    """A zoned date and time, or a bare date; anything else (a time without zone) is neither."""
    if isinstance(value, datetime):
        return (value, None) if value.tzinfo is not None else (None, value.date())
    if isinstance(value, date):
        return None, value
    text = str(value).strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        with contextlib.suppress(ValueError):
            return None, date.fromisoformat(text)
        return None, None
    if not _ZONED.search(text):
        return None, None
    try:
        moment = parse_moment(text, "UTC")
    except TimeParseError:
        return None, None
    return (moment, None) if isinstance(moment, datetime) else (None, None)


def _yaml_values(body: str) -> dict[str, tuple[Any, str]] | None:
    """Top-level keys: a scalar (quotes removed), or the list under it; each with its raw lines."""
    values: dict[str, tuple[Any, str]] = {}
    current: str | None = None
    items: list[str] = []
    raw: list[str] = []

    def close() -> None:
        if current is not None:
            scalar = values[current][0]
            values[current] = (items[:] if scalar == "" and items else scalar, "\n".join(raw))

    for line in body.split("\n"):
        key = _YAML_KEY.match(line) if line[:1] not in (" ", "\t", "-", "#") else None
        if key is None:
            if current is None:
                if line.strip() and not line.lstrip().startswith("#"):
                    return None
                values.setdefault("#", ("", ""))
                values["#"] = ("", (values["#"][1] + "\n" + line).strip("\n"))
                continue
            item = re.match(r"^\s*-\s+(.*)$", line)
            if item:
                items.append(_unquote(item.group(1)))
            raw.append(line)
            continue
        close()
        current, items, raw = key.group("key"), [], [line]
        value = _unquote(key.group("value") or "")
        if value.startswith("[") and value.endswith("]"):
            values[current] = ([_unquote(v) for v in value[1:-1].split(",") if v.strip()], line)
        else:
            values[current] = (value, line)
    close()
    return values or None


def _unquote(text: str) -> str:
    text = text.strip()
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "\"'":
        return text[1:-1]
    return text


def _toml_values(body: str) -> dict[str, tuple[Any, str]] | None:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on 3.10 only
        import tomli as tomllib
    try:
        data = tomllib.loads(body)
    except tomllib.TOMLDecodeError:
        return None
    return {key: (value, key) for key, value in data.items() if not isinstance(value, dict)} or None


def _toml_unread(body: str, read: set[str]) -> list[str]:
    """The block's lines without the top-level `key = value` lines that were read (arrays too)."""
    kept: list[str] = []
    in_table = skipping = False
    for line in body.split("\n"):
        if skipping:
            skipping = "]" not in line
            continue
        in_table = in_table or bool(re.match(r"^\s*\[", line))
        key = re.match(r"^\s*([A-Za-z0-9_-]+)\s*=\s*(.*)$", line)
        if not in_table and key and key.group(1) in read:
            skipping = key.group(2).startswith("[") and "]" not in key.group(2)
            continue
        kept.append(line)
    return kept
