"""Table rows as timeline entries: which cell holds the time, which the date, which the text.

`| Sun | Oct 31 | 21:33 | text |` under `| Day | Date (2021) | Time (PT) | Event |`
is the entry "Oct 31 2021 21:33 PT - text": the weekday is dropped, the header's
year and zone complete the cells, and the other cells are the text. A row whose
time cell says something besides a time (`2024-03-13 HH:mm`, a template left in)
is not an entry.
"""

from __future__ import annotations

import re

from pmtui.dates import WEEKDAYS
from pmtui.importers.clock import find_zone, leading_date, leading_stamp
from pmtui.timeparse import clean

_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
#: "1738" in a column headed Time is 17:38.
_HHMM = re.compile(r"(?:[01]\d|2[0-3])[0-5]\d")
_TIME_COLUMN = re.compile(r"\btime\b|\bwhen\b|\bhour|\b(?:UTC|GMT)\b", re.I)
_NUMERIC_DAY = re.compile(r"\d{1,2}([-/.])\d{1,2}")


def row_entry(cells: list[str], header: list[str] | None) -> str | None:
    """The row as "stamp - text", or None when no cell is only its time or date."""
    cells = [
        f"{cell[:2]}:{cell[2:]}"
        if _HHMM.fullmatch(cell) and _TIME_COLUMN.search(_header(header, i))
        else cell
        for i, cell in enumerate(cells)
    ]
    kinds = [_kind(cell) for cell in cells]
    timed = next((i for i, kind in enumerate(kinds) if kind == "time"), None)
    dated = next((i for i, kind in enumerate(kinds) if kind == "date"), None)
    if timed is None and dated is None:
        written = next((i for i, cell in enumerate(cells) if leading_stamp(cell)), None)
        if written is None:
            return None
        others = [cell for i, cell in enumerate(cells) if i != written and cell]
        return f"{cells[written]} - " + " - ".join(others)
    stamp = []
    if dated is not None:
        stamp.append(_with_year(cells[dated], _header(header, dated)))
    if timed is not None:
        stamp.append(_with_zone(cells[timed], _header(header, timed)))
    text = " - ".join(cell for cell, kind in zip(cells, kinds, strict=True) if kind == "text" and cell)
    return f"{' '.join(stamp)} - {text}"


def is_entry(cells: list[str]) -> bool:
    """A header row that is really the first entry (a table typed without a header)."""
    return any(_kind(cell) == "time" for cell in cells)


def _kind(cell: str) -> str:
    cleaned = clean(cell)
    if not cleaned:
        return "text"
    if re.fullmatch(rf"{WEEKDAYS}\.?", cleaned, re.I):
        return "weekday"
    stamp = leading_stamp(cell)
    if stamp is not None and not stamp.rest and (stamp.clock or stamp.approximate):
        return "time"
    found = leading_date(cell)
    if found is not None and not found.rest:
        return "date"
    return "text"


def _header(header: list[str] | None, index: int) -> str:
    return header[index] if header is not None and index < len(header) else ""


def _with_year(cell: str, heading: str) -> str:
    """`Oct 31` under `Date (2021)` is Oct 31 2021."""
    year = _YEAR.search(heading)
    if year is None or _YEAR.search(cell):
        return cell
    numeric = _NUMERIC_DAY.fullmatch(clean(cell))
    if numeric:
        return f"{clean(cell)}{numeric.group(1)}{year.group()}"
    return f"{clean(cell)} {year.group()}"


def _with_zone(cell: str, heading: str) -> str:
    """`21:33` under `Time (PT)` is 21:33 PT."""
    zone = find_zone(heading)
    stamp = leading_stamp(cell)
    if zone is None or stamp is None or stamp.zone_text:
        return cell
    return f"{cell} {zone}"
