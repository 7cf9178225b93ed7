"""What one timeline line says about when: the stamp an entry starts with, several entries
pasted onto one line, a time named inside a sentence, a line that only names a day, and a
12-hour time read against the window of the heading over it.

The reader that turns lines into events, keeping the running day, is timeline.py.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

from pmtui.dates import WEEKDAYS
from pmtui.importers.clock import (
    Stamp,
    find_clocks,
    find_dates,
    find_zone,
    labelled_stamp,
    leading_date,
    leading_stamp,
    wall_time,
)
from pmtui.importers.sections import undecorated

#: Several entries pasted onto one line: "... troubleshooting. - 11:00 AM: Traffic ...",
#: "2100hrs WAT: site down. 2130hrs WAT: restarted". A split is made only before a time
#: followed by a separator.
_MERGED = re.compile(
    r"(?:\s+[-–]\s+|(?<=[.;!?])\s+)(?=[*_\[(]*(?:\d{1,2}[:.]\d{2}(?:\s*[AaPp]\.?[Mm]\.?)?|[012]\d[0-5]\d\s*hrs?)"
    r"[*_\])]*(?:\s+\(?[A-Z][A-Za-z]{1,4}(?:[+-]\d{1,2})?\)?)?[*_\])]*\s*[:\-–])"
)
#: What every `_MERGED` cut needs, far cheaper to look for: a time after a space (most entries have none).
_LATER_TIME = re.compile(r"\s[*_\[(]*(?:\d{1,2}[:.]\d{2}|[012]\d[0-5]\d\s*hrs?)")
#: "from 14:00 to 15:30", "between 9 AM and 10 AM": a window stated in a sentence, not an event.
_WINDOW = re.compile(
    r"\b(?:from|between)\s+\S+(?:\s*[ap]\.?m\.?)?\s+(?:\S+\s+)?(?:to|and|until|till)\s+\d", re.I
)
#: What a sentence may open with before its time and still be timed by it: "At 12:50 UTC, ...".
_BEFORE_AN_OPENING_TIME = re.compile(r"\W*(?:(?:at|by)\s+)?", re.I)
#: What a date line may say besides the date and still only name the day.
_NAMES_THE_DAY = re.compile(
    rf"|\(.*\)|{WEEKDAYS}\.?|day\s+\w+|(?:the\s+)?(?:first|second|third|next)\s+day", re.I
)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(*_\[])")
#: "The outage lasted until 15:30", "All times are UTC (the incident began at 14:00)": how long,
#: or how times are written, not when something happened.
_LASTED = re.compile(r"\b(?:lasted|duration|for a total of|all times|times are|time ?zone)\b", re.I)
_DAY_LABEL = re.compile(r"^(?:date|day)\s*[:\-–]\s*", re.I)
_MERIDIEM = re.compile(r"[ap]\.?\s?m", re.I)
_ANY_DAY = date(2000, 1, 2)


def entry_stamp(text: str, dates: bool = True) -> Stamp | None:
    """The time an entry starts with, perhaps after a label; with `dates`, or a date alone
    followed by the entry's text (a date-only event)."""
    stamp = leading_stamp(text) or labelled_stamp(text)
    if stamp is not None or not dates:
        return stamp
    dated = leading_date(text)
    if dated is None or _NAMES_THE_DAY.fullmatch(dated.rest):
        return None  # "May 3 (Tuesday)", "2021-12-10 - Day 2": the day of what follows
    opening = _opening_time(dated.rest)
    if opening is not None:  # "2021-08-27: At 12:50:07 UTC, issue exploited": a timed event
        return Stamp(opening.clock, dated.date_text, opening.zone_text, dated.rest)
    return dated


def _opening_time(sentence: str) -> Stamp | None:
    """The time a sentence opens with ("At 12:50:07 UTC, ..."), read as `prose_stamp` reads it."""
    clocks = find_clocks(sentence)
    if not clocks or not _BEFORE_AN_OPENING_TIME.fullmatch(sentence[: clocks[0][0]]):
        return None
    return prose_stamp(sentence)


def day_named(text: str) -> str | None:
    """The date a line names when it names nothing else ("### 2020-02-20", "**May 3** (day 2)")."""
    cleaned = _DAY_LABEL.sub("", undecorated(text))
    if len(cleaned) > 40 or not re.search(r"\d", cleaned) or re.search(r"\d[:.]\d\d", cleaned):
        return None
    dated = leading_date(cleaned)
    if dated is not None and dated.date_text and _NAMES_THE_DAY.fullmatch(dated.rest):
        return dated.date_text
    return cleaned  # perhaps a form only the date reader knows ("20-May-2024")


def split_merged(text: str) -> list[str]:
    """Several entries pasted onto one line, each starting with its time."""
    if not _LATER_TIME.search(text):
        return [text.strip()]
    cuts = [0]
    for found in _MERGED.finditer(text):
        if found.start() > cuts[-1] and leading_stamp(text[found.end() :]) is not None:
            cuts.append(found.end())
    return [text[start:end].strip() for start, end in zip(cuts, [*cuts[1:], len(text)], strict=True)]


def prose_stamp(text: str) -> Stamp | None:
    """The first time named inside a sentence ("Support forwarded it at 3:17 PM ET."), with the
    date written before it and the zone after it; the whole line is the text. A window the
    sentence states ("from 14:00 to 15:30") is not an event."""
    clocks = find_clocks(text)
    if not clocks or _WINDOW.search(text):
        return None
    position, clock = clocks[0]
    after = text[position + len(clock) : position + len(clock) + 25]
    dates = [written for at, written in find_dates(text) if at < position]
    zone = find_zone(after) if re.match(r"\W{0,3}\(?[A-Za-z]", after) else None
    return Stamp(clock, dates[-1] if dates else None, zone, text)


def prose_sentences(text: str) -> list[tuple[Stamp | None, str]]:
    """A paragraph of prose cut into its sentences, each with the time it names (None if none)."""
    return [(None if _LASTED.search(part) else prose_stamp(part), part) for part in _SENTENCE_END.split(text)]


def in_window(clock: str, window: tuple[time, time] | None) -> str:
    """ "2:05" under "### 2:00 - 4:00 PM" is 14:05: of the two readings of a 12-hour time
    written without am/pm, the one inside the window of the heading above it."""
    if window is None or _MERIDIEM.search(clock):
        return clock
    wall = wall_time(clock)
    if wall is None or not 1 <= wall.hour < 12:
        return clock
    start, end = (datetime.combine(_ANY_DAY, moment) for moment in window)
    morning = datetime.combine(_ANY_DAY, wall)
    evening = morning + timedelta(hours=12)
    slack = timedelta(hours=1)
    if not start - slack <= morning <= end + slack and start - slack <= evening <= end + slack:
        return evening.strftime("%H:%M:%S" if wall.second else "%H:%M")
    return clock
