"""Markdown as a report's source: `x.md` itself is the file pmtui reads and rewrites.

A team that keeps postmortems as Markdown in a docs repo opts in once (in the
editor, or `pmtui fmt --adopt`); from then on every save writes pmtui's export
over the file, with `SOURCE_MARKER` on its first line so the next `pmtui x.md`
opens it directly. The first rewrite keeps the hand-written original beside it
(`x.md.orig`). Before any write the text is imported back and must give the
same report, allowing only what Markdown cannot carry (README, "Round trip"):
a save that would change a field is refused, saying which, like a TOML save.
No widgets here: the editor and the CLI share it.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path
from typing import Any

from pmtui.importers.sniff import MARKDOWN_SUFFIXES, MAX_IMPORT_BYTES
from pmtui.labels import TASK_KIND_HEADINGS
from pmtui.model import Postmortem
from pmtui.render.markdown import is_source_marker, render
from pmtui.store import StoreError, load, read_limited, replace_atomically

#: The marker is one short line; reading this much of a file is enough to find it.
MARKER_BYTES = 512


def is_markdown(path: Path) -> bool:
    return path.suffix.lower() in MARKDOWN_SUFFIXES


def has_marker(path: Path) -> bool:
    """True when `path` is a regular file whose first line is the marker. Never raises, never
    opens a FIFO (which would hang): anything unreadable is left for the import to report."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return False
        with open(path, "rb") as handle:
            head = handle.read(MARKER_BYTES)
    except OSError:
        return False
    first = head.split(b"\n", 1)[0].decode("utf-8", errors="replace")
    return is_source_marker(first)


def read_report(path: Path) -> Postmortem:
    """Whatever the file holds, as pmtui keeps it: Markdown imported, TOML loaded."""
    from pmtui.importers.markdown import read_markdown_file  # the importer loads only for Markdown

    return read_markdown_file(path).report if is_markdown(path) else load(path)


def source_text(report: Postmortem, shown: str) -> str:
    """The file's text for `report`, checked to read back as the same report (see the module
    docstring); StoreError("not saved: ...") naming the first field that would not."""
    from pmtui.importers.markdown import import_markdown  # the importer loads only for Markdown

    text = render(report, source=True)
    try:
        back = import_markdown(text, shown).report
    except StoreError as error:
        raise StoreError(shown, f"not saved: {error.message}") from None
    where = _first_difference(_as_markdown_keeps(report), _as_markdown_keeps(back))
    if where is not None:
        field, value = where
        became = f" (it would read back as {value!r})" if isinstance(value, str) and len(value) <= 40 else ""
        raise StoreError(
            shown,
            f"not saved: {field} would not read back the same from Markdown{became}; "
            "change it, or keep the report as .toml",
        )
    return text


def is_canonical(path: Path, report: Postmortem) -> bool:
    """True when the file's bytes are exactly what a save would write (CRLF counts as a change)."""
    try:
        current = read_limited(path, MAX_IMPORT_BYTES, "a Markdown postmortem")
    except StoreError:
        return False
    return current == render(report, source=True).encode("utf-8")


def dropped_html_comments(text: str) -> list[int]:
    """Line numbers (from 1) of the HTML comments a rewrite would drop (the importer skips
    them all, so they cannot be carried through); the marker itself is not one."""
    first, _, _ = text.partition("\n")
    skip = len(first) if is_source_marker(first) else 0
    return [text.count("\n", 0, match.start()) + 1 for match in _HTML_COMMENT.finditer(text, skip)]


_HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


def original_copy_name(path: Path) -> Path:
    """Where the hand-written original goes: `x.md.orig`, or `x.md.orig.1`... if that is taken,
    since an earlier original must never be overwritten."""
    candidate = path.with_name(path.name + ".orig")
    number = 0
    while os.path.lexists(candidate):
        number += 1
        candidate = path.with_name(f"{path.name}.orig.{number}")
    return candidate


def keep_original(path: Path) -> Path | None:
    """Before the first rewrite of a file without the marker: copy it beside it, byte for byte,
    with its mode (never more readable than the report). None when there is nothing to keep."""
    if not os.path.lexists(path) or has_marker(path):
        return None
    shown = str(path)
    payload = read_limited(path, MAX_IMPORT_BYTES, "a Markdown postmortem")
    try:
        mode = stat.S_IMODE(os.stat(path).st_mode)
    except OSError as error:
        raise StoreError(shown, f"not saved: {error.strerror or error}") from None
    copy = original_copy_name(path)
    replace_atomically(copy, payload, mode, str(copy))
    return copy


def layout_note(path: Path, kept: Path, report: Postmortem) -> str:
    """The one line said after the first rewrite: what changed in layout, and where the original is."""
    notes = ", and text with no place in the report is under Notes" if report.notes else ""
    return (
        f"{path.name} is now written in pmtui's layout: headings are pmtui's, the timeline and tasks are "
        f"lists{notes}; the original is kept as {kept.name}."
    )


# ---------------------------------------------------------------- what Markdown keeps


def _as_markdown_keeps(report: Postmortem) -> dict[str, Any]:
    """The report with what Markdown cannot carry evened out: tasks grouped by kind in the
    export's order, and spaces at the ends of lines and runs of blank lines."""
    order = list(TASK_KIND_HEADINGS)
    tasks = sorted(report.tasks, key=lambda task: order.index(task.kind))
    data = report.model_dump(mode="python")
    data["tasks"] = [task.model_dump(mode="python") for task in tasks]
    loose = _loose(data)
    assert isinstance(loose, dict)
    return loose


def _loose(value: Any) -> Any:
    if isinstance(value, str):
        lines = "\n".join(line.strip() for line in value.strip().split("\n"))
        return re.sub(r"\n{3,}", "\n\n", lines)
    if isinstance(value, dict):
        return {key: _loose(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_loose(item) for item in value]
    return value


def _first_difference(ours: Any, back: Any, where: str = "") -> tuple[str, Any] | None:
    """The first field (`timeline[2].text`) where `back` differs from `ours`, and what it became."""
    if isinstance(ours, dict) and isinstance(back, dict):
        for key in ours:
            found = _first_difference(ours[key], back.get(key), f"{where}.{key}" if where else key)
            if found is not None:
                return found
        return None
    if isinstance(ours, list) and isinstance(back, list):
        for index, item in enumerate(ours):
            if index >= len(back):
                return f"{where}[{index}]", None
            found = _first_difference(item, back[index], f"{where}[{index}]")
            if found is not None:
                return found
        return (f"{where}[{len(ours)}]", back[len(ours)]) if len(back) > len(ours) else None
    return None if ours == back else (where or "the report", back)
