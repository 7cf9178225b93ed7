"""Finding the times, dates and zones written inside report text.

The core time parser reads a time once it is cut out; this module finds where
one is: at the start of a timeline entry ("**14:00 UTC:** text",
"February 24th, 15, 9:21 PM (WAT): text", "At 3:15 PM Eastern time, ...",
"[03-26 17:40] text", "~13:30-13:45: text", "14:??: text"), after a label
("Outage began: March 3, 2022, 7:00 AM EAT", "**Detection (March 3, 9:00 PM)**: text"),
or anywhere in a summary line ("from 8:00 PM to 10:00 PM EAT").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import time
from functools import lru_cache

from pmtui.dates import MONTHS, WEEKDAYS, DateReading, read_date
from pmtui.timeparse import TimeParseError, blank_decoration, parse_moment
from pmtui.zones import ABBREVIATIONS, GENERIC_ZONES

DATE = (
    rf"(?:{WEEKDAYS},?\s+)?(?:"
    rf"\d{{4}}-\d{{2}}-\d{{2}}"
    rf"|\d{{4}}/\d{{1,2}}/\d{{1,2}}"
    rf"|{MONTHS}\.?\s*\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s*\d{{4}}\b|,\s*\d{{2}}\b)?"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTHS}\.?,?(?:\s+\d{{4}})?"
    rf"|\d{{1,2}}/{MONTHS}/\d{{4}}"
    rf"|\d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{4}}"
    rf")"
)
_MERIDIEM = r"(?:\s*(?:[ap]\.?\s?m\.?|[ap]m)(?![a-z]))"
CLOCK = (
    rf"(?:\d{{1,2}}[:.]\d{{2}}(?::\d{{2}})?{_MERIDIEM}?|\d{{1,2}}{_MERIDIEM}|[012]\d[0-5]\d\s*(?:hrs?|h)\b)"
)
_ZONE_WORDS = "|".join(sorted((re.escape(k) for k in ABBREVIATIONS if len(k) > 1), key=len, reverse=True))
_GENERIC = "|".join(sorted((re.escape(k) for k in GENERIC_ZONES), key=len, reverse=True))
ZONE = (
    rf"(?:(?:UTC|GMT)\s*[+-]\s*\d{{1,2}}(?::?\d{{2}})?|(?:{_GENERIC})|(?:{_ZONE_WORDS})(?![a-z])"
    rf"|[A-Z][a-z]+/[A-Za-z_]+(?:/[A-Za-z_]+)?)"
)
#: Only at the start of an entry: "11:21a", "14h30", "1738:" before a separator or zone, and times
#: partly or wholly unknown ("14:??", "22:XX", "??:??", "[???]", "--:--").
_UNKNOWN = r"(?:\d{1,2}:(?:\?\?|[xX]{2}|--)|\?\?:\?\?|[xX]{2}:[xX]{2}|--:--|\?{3})"
_ENTRY_CLOCK = (
    rf"(?:{_UNKNOWN}|\d{{1,2}}[:.]\d{{2}}(?::\d{{2}})?(?:{_MERIDIEM}|[ap](?![a-z]))?|\d{{1,2}}{_MERIDIEM}"
    rf"|\d{{1,2}}h\d{{2}}\b|[012]\d[0-5]\d\s*(?:hrs?|h)\b"
    rf"|(?:[01]\d|2[0-3])[0-5]\d(?=\s*(?:[:|]\s*[^\d\s]|[-–—]\s|Z\b)|\s+(?:{ZONE})(?![\w:])))"
)
#: The end of a range: "13:30-13:45", "8:20 - 8:24", "10 to 11 am" is not read (no minutes).
_UNTIL = (
    rf"(?:\s*[-–—]\s*|\s+(?:to|until|till)\s+)"
    rf"(?P<end>\d{{1,2}}[:.]\d{{2}}(?:{_MERIDIEM}|[ap](?![a-z]))?|\d{{1,2}}{_MERIDIEM}|\d{{1,2}}:(?:\?\?|[xX]{{2}}))"
)
_APPROXIMATE_RE = re.compile(r"~|≈|\bca\.|\bcirca\b|\baround\b|\babout\b|\bapprox(?:imately|\.)?", re.I)
_UNKNOWN_PART = re.compile(r"\?|[xX]{2}|--")
_UNKNOWN_MINUTES = re.compile(r":(?:\?\?|[xX]{2}|--)$")
_PLAIN_CLOCK = re.compile(r"\d{1,2}:\d{2}(?::\d{2})?")
_FRENCH_CLOCK = re.compile(r"^(\d{1,2})h(\d{2})$")
_ONE_LETTER_MERIDIEM = re.compile(r"(?<=\d)([ap])$", re.I)
_MERIDIEM_WRITTEN = re.compile(r"\d\s*([ap])(?:\.?\s?m\.?)?\s*$", re.I)
_YEAR_LIKE = re.compile(r"(?:19|20)\d\d")
_GLUED = re.compile(r"[A-Za-z]+\d")
_DATE_JOINER = re.compile(r"[,\s]*(?:at|@)$", re.I)
_CLOCK_RE = re.compile(CLOCK, re.I)
_DATE_RE = re.compile(DATE, re.I)
_ZONE_RE = re.compile(rf"\(?\s*(?:in\s+|all\s+times\s+(?:in\s+)?)?({ZONE})\s*\)?", re.I)
_LEAD = re.compile(
    rf"^(?P<lead>[\W_]*?(?:(?:at|on|by|around|about|approx(?:imately|\.)?|ca\.|circa)\s+){{0,2}})"
    rf"(?P<date>(?:{DATE}|\d{{1,2}}[-/]\d{{1,2}}(?=\s+[~\d]))(?:[,\s]*(?:(?:at|@|-|–)\s*)?|\s*/\s*))?"
    rf"(?P<mark>(?:~|≈|(?:around|about|approx(?:imately|\.)?|ca\.|circa)\s+)\s*)?"
    rf"(?P<clock>{_ENTRY_CLOCK})"
    rf"(?P<until>{_UNTIL})?"
    rf"(?P<zone>\s*\(?\s*(?:{ZONE}|(?<=\d)Z\b)\s*\)?)?"
    rf"(?P<after>\s*\(\s*(?:on\s+)?(?P<after_date>{DATE})\s*\))?",
    re.I,
)
_LEAD_DATE = re.compile(rf"^(?P<lead>[\W_]*?(?:on\s+)?)(?P<date>{DATE})(?![\w/.-]|:\d)", re.I)
#: "Outage began: <time>", "Detection (<time>): text", "**Update 09:00**: text".
_LABEL = r"(?P<label>[A-Za-z][\w'\u2019&/-]*(?:[ \t]+[\w'\u2019&/,-]+){0,5}?)"
_LABEL_THEN_TIME = re.compile(rf"^[\W_]*?{_LABEL}[ \t]*(?:\*\*|__)?[ \t]*[:：][ \t]*(?P<value>.+)$")
_LABEL_TIME_IN_PARENS = re.compile(rf"^[\W_]*?{_LABEL}[ \t]*\((?P<value>[^()]+)\)(?P<rest>.*)$")
_LABEL_AND_TIME_IN_BOLD = re.compile(
    r"^[\W_]*?(?P<mark>\*\*|__)(?P<label>[A-Za-z][\w'\u2019-]*(?:[ \t]+[A-Za-z][\w'\u2019-]*)?)[ \t]+(?P<value>.+)$"
)
#: "Duration: 14:00 to 16:30" states a window, not an event.
_WINDOW_LABEL = re.compile(r"(?:total\s+)?(?:duration|time\s*window|window|period|time\s*frame)", re.I)
_WINDOW_END = re.compile(r"(?:to|until|till|through)\b", re.I)
#: Labels that only say "this is an update", dropped from the event's text.
_EMPTY_LABEL = re.compile(rf"(?:status\s+)?updated?|{WEEKDAYS}", re.I)


#: A machine's timestamp (ISO 8601, logs): "2024-05-10T14:05:33.120Z", "14:05:12,123".
_MACHINE_STAMP = re.compile(
    r"(?P<date>\d{4}-\d{2}-\d{2})?(?P<sep>[T /])?(?P<clock>\d{2}:\d{2}(?::\d{2})?)[.,]?(?P<fraction>(?<=[.,])\d{1,9})?"
    r"(?P<offset>Z|[+-]\d{2}:?\d{2})?(?![\w:])"
)
#: What any machine stamp `_readable_stamp` rewrites holds: a date before the time, a fraction or an
#: offset after it. Far cheaper to look for than the stamp itself, and most lines have none.
_MAYBE_MACHINE_STAMP = re.compile(r"\d:\d\d(?:[.,]\d|[.,]?(?:Z|[+-]\d))|\d-\d\d[T /]\d")
_EMPHASIS = re.compile(r"\*\*|__|`|\*|_")
#: Inline HTML around a time: `<span style="...">07:15 AM:</span>`, `<code>2100hrs</code>`.
_INLINE_TAG = re.compile(r"</?[a-z][\w-]*(?:\s[^<>]*)?/?>", re.I)


def _readable_stamp(match: re.Match[str]) -> str:
    """A machine stamp the way a person writes it: "2024-05-10 14:05:33 UTC+02:00"."""
    date_text, clock, offset = match.group("date"), match.group("clock"), match.group("offset")
    if date_text and match.group("sep") is None:
        return match.group()
    if not (date_text or match.group("fraction") or offset):
        return match.group()
    if offset and offset[0] == "-" and match.group("sep") != "T" and clock.count(":") == 1:
        return match.group()  # "13:30-13:45" is a range, not 13:30 at UTC-13:45
    zone = "" if offset is None else " UTC" if offset == "Z" else f" UTC{offset}"
    return f"{date_text + ' ' if date_text else ''}{clock}{zone}"


@dataclass
class Stamp:
    """A time (or only a date) found at the start of a line, and the text after it."""

    clock: str | None
    """The time of day to read ("14:00" for "14:??", the start of a range); None when unknown."""
    date_text: str | None
    zone_text: str | None
    rest: str
    approximate: str | None = None
    """The time as written when it is approximate, a range or partly unknown ("~13:30", "14:??")."""
    label: str | None = None
    """A label written before the time ("Outage began"): the event's text, or its start."""
    until: str | None = None
    """The end of a range ("13:45" of "13:30-13:45"), read like `clock`."""

    @property
    def text(self) -> str:
        """The event's text: the label, then what follows the time."""
        if self.label and self.rest:
            return f"{self.label} - {self.rest}"
        return self.label or self.rest


#: The commonest entry of all, "14:05: text" or "**14:05** - text": a plain clock, then a separator
#: and a letter, so no date, zone, range or approximation can be part of the time.
_PLAIN_ENTRY = re.compile(
    r"(?:\*\*)?(\d{1,2}:\d{2}(?::\d{2})?)(?:\*\*)?(?::[ \t]+|[ \t]+[-–][ \t]+)(?=[A-Za-z])"
)


def leading_stamp(raw: str) -> Stamp | None:
    """The time a timeline entry starts with, if any, and the entry's text after it."""
    return plain_stamp(raw) or any_stamp(raw)


def plain_stamp(raw: str) -> Stamp | None:
    """`any_stamp` for the commonest entry, read without its big pattern (a test holds the two
    equal); None for any other entry. A fifth of reading a long timeline."""
    match = _PLAIN_ENTRY.match(raw)
    if match is None or _MAYBE_MACHINE_STAMP.search(raw):
        return None
    return Stamp(match.group(1), None, None, _after(raw, match.start(1), match.end(1)))


def any_stamp(raw: str) -> Stamp | None:
    """The time a timeline entry starts with, however it is written."""
    if _MAYBE_MACHINE_STAMP.search(raw):
        raw = _MACHINE_STAMP.sub(_readable_stamp, raw, count=1)
    masked = blank_decoration(raw)
    if "<" in masked:
        masked = _INLINE_TAG.sub(lambda tag: " " * len(tag.group()), masked)
    match = _LEAD.match(masked)
    if match is None or len("".join(match.group("lead").split())) > 16:
        return None
    written = match.group("clock").strip()
    if match.group("date") and _YEAR_LIKE.fullmatch(written):
        return None  # "May 5, 2023 - day three": the date's year, not 20:23
    zone = (match.group("zone") or "").strip(" ()") or None
    date_text = (match.group("date") or "").strip(" ,-–@/") or None
    if date_text:
        date_text = _DATE_JOINER.sub("", date_text).strip(" ,")
    until = match.group("until")
    marker = _APPROXIMATE_RE.search(match.group("lead") + (match.group("mark") or ""))
    approximate = None
    if marker or until or _UNKNOWN_PART.search(written):
        prefix = marker.group() if marker else ""
        prefix += " " if prefix[-1:].isalpha() or prefix.endswith(".") else ""
        approximate = " ".join(f"{prefix}{written}{until or ''}".split())
    end = match.group("end")
    return Stamp(
        _readable_clock(written, until),
        date_text or match.group("after_date"),
        zone,
        _after(raw, match.start("clock"), match.end()),
        approximate,
        until=_readable_clock(end.strip(), None) if end else None,
    )


def _readable_clock(written: str, until: str | None) -> str | None:
    """What the core parser reads for a clock as written: "14:??" -> "14:00", "14h30" -> "14:30"."""
    if _PLAIN_CLOCK.fullmatch(written) and not until:
        return written
    if written[0] in "?-xX[":
        return None  # "??:??", "--:--", "XX:XX", "???": no time of day at all
    clock = _UNKNOWN_MINUTES.sub(":00", written)
    clock = _FRENCH_CLOCK.sub(r"\1:\2", clock)
    clock = _ONE_LETTER_MERIDIEM.sub(r" \1m", clock)
    if until and not _MERIDIEM_WRITTEN.search(clock):
        meridiem = _MERIDIEM_WRITTEN.search(until)
        if meridiem:
            clock = f"{clock} {meridiem.group(1).lower()}m"
    return clock


def _after(raw: str, clock_start: int, end: int) -> str:
    """The entry's text after its time: separators, closing brackets and emphasis taken off."""
    opened = _EMPHASIS.findall(raw, 0, clock_start)
    rest = raw[end:]
    while rest:
        stripped = _INLINE_TAG.sub("", rest, count=1) if _INLINE_TAG.match(rest.lstrip()) else rest
        stripped = stripped.lstrip(" \t:;-–—)>]|→=•")
        for token in sorted(set(opened), key=len, reverse=True):
            if stripped.startswith(token):
                stripped = stripped[len(token) :]
                opened.remove(token)
                break
        else:
            if stripped == rest:
                break
        rest = stripped
    rest = rest.strip()
    for token in sorted(opened, key=len, reverse=True):  # "**14:00 UTC: all of it in bold**"
        if rest.endswith(token) and rest.count(token) % 2:
            rest = rest[: -len(token)].rstrip()
    return rest


def leading_date(raw: str) -> Stamp | None:
    """A date an entry starts with, and no time ("2021-12-10 The vulnerability was published")."""
    masked = _INLINE_TAG.sub(lambda tag: " " * len(tag.group()), blank_decoration(raw))
    match = _LEAD_DATE.match(masked)
    if (
        match is None
        or len("".join(match.group("lead").split())) > 12
        or _GLUED.match(match.group("date"))  # "DEC1" is a word, not the 1st of December
        or report_date(match.group("date"), 2000) is None
    ):
        return None
    return Stamp(None, match.group("date").strip(), None, _after(raw, match.start("date"), match.end()))


def labelled_stamp(raw: str) -> Stamp | None:
    """A time written after a short label: "Outage began: March 3, 2022, 7:00 AM EAT",
    "**Detection (March 3, 2022, 9:00 PM)**: text", "**Update 09:00**: text"."""
    found = _LABEL_THEN_TIME.match(raw)
    if found and not _WINDOW_LABEL.fullmatch(found.group("label")):
        stamp = leading_stamp(found.group("value"))
        if stamp is not None and stamp.clock is not None and not _WINDOW_END.match(stamp.rest):
            return _labelled(stamp, found.group("label"))
    found = _LABEL_TIME_IN_PARENS.match(raw)
    if found:
        stamp = leading_stamp(found.group("value"))
        if stamp is not None and not stamp.rest:
            stamp.rest = re.sub(r"^[\s*_:;\-–—]+", "", found.group("rest")).strip()
            return _labelled(stamp, found.group("label"))
    found = _LABEL_AND_TIME_IN_BOLD.match(raw)
    if found and "**" not in found.group("label"):
        stamp = leading_stamp(found.group("mark") + found.group("value"))
        if stamp is not None:
            return _labelled(stamp, found.group("label"))
    return None


def _labelled(stamp: Stamp, label: str) -> Stamp:
    label = label.strip()
    stamp.label = None if _EMPTY_LABEL.fullmatch(label) else label
    return stamp


def find_clocks(text: str) -> list[tuple[int, str]]:
    """Every time written in a line, with its position: `from 8:00 PM to 10:00 PM`."""
    found = []
    for match in _CLOCK_RE.finditer(blank_decoration(text)):
        value = match.group()
        if re.search(r"[:.]|[ap]\.?\s?m|hrs?|h\b", value, re.I) and not _inside_date(text, match.start()):
            found.append((match.start(), value.strip()))
    return found


def _inside_date(text: str, position: int) -> bool:
    """ "2024-08-10" and "06.05.2024" hold digits that look like times."""
    return any(
        m.start() <= position < m.end()
        for m in re.finditer(r"\d{4}-\d{2}-\d{2}|\d{1,2}\.\d{1,2}\.\d{4}", text)
    )


def find_dates(text: str) -> list[tuple[int, str]]:
    """Every whole date (year included) written in a line, with its position."""
    found = []
    for match in _DATE_RE.finditer(blank_decoration(text)):
        value = match.group().strip()
        if re.search(r"\d", value) and report_date(value, None) is not None:
            found.append((match.start(), value))
    return found


def find_zone(text: str) -> str | None:
    """The first zone named in the text: `(EAT)`, `UTC+0`, `GMT+2`, `West African Time`..."""
    for match in _ZONE_RE.finditer(text):
        token = match.group(1)
        if token.upper() in ("AM", "PM", "AT", "ON", "IT", "ET") and token != "ET":
            continue
        if token.isupper() or "/" in token or token[0] in "UG" or " " in token:
            return token
    return None


def report_date(text: str, year: int | None) -> DateReading | None:
    """A date found in a report, read by the shared reader with the importer's guesses allowed.

    `year` is the incident's, for a date written without one; None when the text
    is not a date the reader can settle.
    """
    try:
        return read_date(text, default_year=year, guess=True)
    except TimeParseError:
        return None


@lru_cache(maxsize=8192)
def wall_time(clock: str) -> time | None:
    """The time of day a found clock says, read by the core parser; None when it is not one."""
    try:
        value = parse_moment(clock, "UTC")
    except TimeParseError:
        return None
    return value if isinstance(value, time) else None
