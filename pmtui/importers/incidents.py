"""The timelines of a document, read in order into one: one per incident, a follow-up, a repeat.

Each timeline section is read by the entry reader (`timeline.read_events`) on its
own day: the date of the heading above it ("### October 24, 2025 - Rate limiting",
"### 2020-02-20"), else the incident's. What is pasted into a timeline as
material rather than written as entries (a quoted chat, a fenced log) stays in
the notes when the timeline has entries of its own, even when it carries
times. A line stating the timeline's day ("Unless otherwise noted all events
happened on 2019-10-21") makes a date written on one entry that entry's only.
A document with no timeline heading whose opening lines are entries (a status
page's updates) has its timeline there (`untitled_timeline`). What the window
needs from the timelines (follow-ups, the writer's bold milestones, how many
incidents) is kept for `window.py`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date

from pmtui.importers.blocks import Line, clean_line
from pmtui.importers.clock import (
    DATE,
    find_clocks,
    find_zone,
    labelled_stamp,
    leading_date,
    leading_stamp,
    report_date,
)
from pmtui.importers.context import Context
from pmtui.importers.sections import LABELLED, Section, undecorated
from pmtui.importers.timeline import read_events
from pmtui.importers.window import Entry
from pmtui.model import Event

_DATE_RE = re.compile(DATE, re.I)
#: A heading over a timeline of what came after the incident, not part of its window.
_FOLLOW_UP = re.compile(r"follow[- ]?up|aftermath|post[- ]incident|afterwards|after the incident", re.I)
#: "Unless otherwise noted all events happened on 2019-10-21", "All times are on May 3".
_DAY_STATED = re.compile(
    r"\bunless otherwise (noted|stated)\b|\ball (events|times|entries)\b.{0,40}\bon\b", re.I
)
#: The whole entry in bold: the writer's milestones ("- **02:06: docs.rs back online**").
_BOLD_ENTRY = re.compile(r"(\*\*|__)[^*_]+\1")
#: What an incident says about itself beside its timeline ("**Duration:** 21:45 to 23:28 UTC"): no entry.
_ABOUT_INCIDENT = re.compile(r"duration|impact|severity|affected|total (time|duration)|time to \w+", re.I)
#: A bare "Timeline" heading says nothing the report's own heading does not.
_PLAIN_NAME = re.compile(r"(the )?(incident )?time ?line( of events)?", re.I)


@dataclass
class Timelines:
    """Reads each timeline section in turn, keeping the day a dated heading gives for what follows."""

    source: list[str]
    """The mended document, one string per line: a quote is told by its `>`."""
    context: Context
    day: date | None = None
    """The running day: the last dated heading's, from the first timeline on; else the incident's."""
    incidents: set[int] = field(default_factory=set)
    """The lines of the dated, named headings that give a timeline its day, one per incident
    ("### 5 June 2031 - Consumer crash loop"): with two or more the document covers several, and
    its window spans them all. One after the last timeline (an appendix's) is none."""
    latest: Line | None = None
    """The last dated, named heading outside a timeline, waiting for the timeline it opens."""
    several: bool = False
    """The document has more than one timeline: their headings tell them apart, in the notes."""
    started: bool = False
    entries: list[Entry] = field(default_factory=list)
    chunks_read: list[tuple[list[Line], list[Event]]] = field(default_factory=list)
    """Each chunk of the main timelines (not follow-ups) with its events, for `last_milestone`."""

    def __post_init__(self) -> None:
        self.day = self.context.day

    def heading(self, line: Line) -> None:
        """A heading outside a timeline, once one has begun: its date is the next timeline's day."""
        day = self.day_of(line.text)
        if day is not None and not _looks_like_date(line.text):
            self.latest = line
        if self.started:
            self.day = day or self.day

    def read(self, section: Section) -> tuple[list[Event], list[Line]]:
        """One timeline section: its events, and the lines that stay notes (its heading too, when
        it names more than "Timeline" in a document with several)."""
        self.started = True
        if self.latest is not None:
            self.incidents.add(self.latest.number)
            self.latest = None
        if section.heading is not None and section.heading.kind == "heading":
            self.day = self.day_of(section.heading.text) or self.day
        heading_zone = find_zone(section.heading.text) if section.heading else None
        follow_up = bool(section.heading and _FOLLOW_UP.search(section.heading.text))
        lines, notes = self._without_excerpts(section.lines)
        about = [line for line in lines if _is_about_incident(line)]
        if about:
            lines = [line for line in lines if not _is_about_incident(line)]
            notes.extend(about)
        events: list[Event] = []
        for day, chunk in self._chunks(lines, notes):
            found, unplaced = read_events(chunk, replace(self.context, day=day), heading_zone)
            events.extend(found)
            notes.extend(unplaced)
            self.entries.extend(Entry(event, follow_up=follow_up) for event in found)
            if not follow_up and found:
                self.chunks_read.append((chunk, found))
        if self.several and section.heading is not None and not _plain_name(section.heading.text):
            notes.append(section.heading)  # "Follow-up timeline": which timeline this was
        return events, notes

    def last_milestone(self) -> Event | None:
        """The last entry written wholly in bold, when at least two are and some are not (the
        writer's milestones: "- **02:06: docs.rs back online**"). Only the lines after it are
        read again, to tell which event it gave."""
        bold = [
            [index for index in range(len(lines)) if _is_bold_entry(lines, index)]
            for lines, _ in self.chunks_read
        ]
        count = sum(len(found) for found in bold)
        if count < 2 or count >= sum(len(events) for _, events in self.chunks_read):
            return None
        for (lines, events), found in zip(reversed(self.chunks_read), reversed(bold), strict=True):
            if not found:
                continue
            after = lines[found[-1] + 1 :]
            later = sum(
                1 for line in after if line.kind in ("item", "text") and leading_stamp(clean_line(line.text))
            )
            return events[-1 - later] if later < len(events) else None
        return None

    def day_of(self, text: str) -> date | None:
        """The date a heading gives ("October 29-30, 2025 - Latency" is 29 October), not an entry's."""
        if find_clocks(text):
            return None
        for match in _DATE_RE.finditer(undecorated(text)):
            reading = report_date(match.group().strip(), self.day.year if self.day else None)
            if reading is not None:
                return self.context.noted(reading)
        return None

    def _chunks(self, lines: list[Line], notes: list[Line]) -> list[tuple[date | None, list[Line]]]:
        """The section cut where a dated sub-heading starts a day (the heading goes to `notes`);
        with a stated day, an entry that writes its own date is read alone (with the lines that
        continue it)."""
        chunks: list[tuple[date | None, list[Line]]] = [(self.day, [])]
        stated: date | None = None
        alone: Line | None = None
        for line in lines:
            if alone is not None and (line.kind == "more" or line.depth > alone.depth):
                chunks[-1][1].append(line)
                continue
            if alone is not None:
                alone = None
                chunks.append((stated, []))
            if line.kind == "heading":
                heading_day = self.day_of(line.text)
                if heading_day is not None and not _looks_like_date(line.text):
                    self.incidents.add(line.number)
                if heading_day is not None:
                    self.day, stated = heading_day, None
                    chunks.append((heading_day, []))
                    if not _looks_like_date(line.text):
                        notes.append(line)  # "October 24, 2025 - Rate limiting": its name is kept
                    continue
            elif stated is None and line.kind == "text" and _DAY_STATED.search(line.text):
                stated = self.day_of(line.text)
                if stated is not None:
                    self.day = stated
                    chunks.append((stated, []))
            elif stated is not None and line.kind in ("item", "text", "row"):
                stamp = leading_stamp(clean_line(line.text))
                if stamp is not None and stamp.date_text:
                    alone = line
                    chunks.append((stated, []))
            chunks[-1][1].append(line)
        return [chunk for chunk in chunks if chunk[1]]

    def _without_excerpts(self, lines: list[Line]) -> tuple[list[Line], list[Line]]:
        """Quoted and fenced lines set apart, when the rest of the timeline has entries."""
        excerpt = self._excerpt_lines(lines)
        if not excerpt:
            return lines, []
        if not any(
            line.kind == "row" or leading_stamp(clean_line(line.text)) is not None
            for line in lines
            if id(line) not in excerpt and line.kind != "heading"
        ):
            return lines, []  # the whole timeline is fenced or quoted: it is the timeline
        return [line for line in lines if id(line) not in excerpt], [
            line for line in lines if id(line) in excerpt
        ]

    def _excerpt_lines(self, lines: list[Line]) -> set[int]:
        """Fenced code, and quotes with their lazy continuation lines."""
        found: set[int] = set()
        quoted_until = -1
        for line in lines:
            raw = self.source[line.number] if 0 <= line.number < len(self.source) else ""
            if line.kind == "code":
                found.add(id(line))
            elif line.kind in ("text", "more", "item") and (
                raw.lstrip().startswith(">") or (line.kind == "text" and line.number == quoted_until + 1)
            ):
                found.add(id(line))
                quoted_until = line.number
        return found


#: Lines of a preamble the summary reads: its window, impact and facts.
_SUMMARY_LABEL = re.compile(
    r"duration|start|end|date|time|when|impact|affected|root cause|cause|severity|status|author|written by",
    re.I,
)


def untitled_timeline(sections: list[Section]) -> None:
    """A document with no timeline section whose opening lines are dated entries (a status page's
    "**Update 09:00**: ..." paragraphs) has its timeline there: those lines become one."""
    if not sections or sections[0].name != "preamble" or any(s.name == "timeline" for s in sections):
        return
    preamble = sections[0]
    entries = [
        line
        for line in preamble.lines
        if line.kind != "heading"
        and not ((label := LABELLED.match(line.text)) and _SUMMARY_LABEL.match(label.group(1).strip()))
    ]
    if not _at_least_three_entries(entries):
        return
    taken = {id(line) for line in entries}
    kept = [line for line in preamble.lines if id(line) not in taken]
    sections.insert(1, Section("timeline", None, entries, start=preamble.start, end=preamble.end))
    preamble.lines = kept


def _plain_name(heading: str) -> bool:
    """ "Timeline", "Timeline of events (all times UTC)": nothing the report's own heading lacks."""
    return bool(_PLAIN_NAME.fullmatch(undecorated(re.sub(r"\([^)]*\)", "", heading))))


def _at_least_three_entries(lines: list[Line]) -> bool:
    """Three lines that open with a time or a date, as the entry reader finds them (stops there)."""
    found = 0
    for line in lines:
        text = clean_line(line.text)
        if leading_stamp(text) or labelled_stamp(text) or leading_date(text):
            found += 1
            if found == 3:
                return True
    return False


def _is_about_incident(line: Line) -> bool:
    label = LABELLED.match(line.text) if line.kind in ("text", "more") else None
    return label is not None and bool(_ABOUT_INCIDENT.fullmatch(label.group(1).strip()))


def _looks_like_date(text: str) -> bool:
    """A heading that is a date and nothing more ("2020-02-20", "Monday, May 10"): the events say it."""
    return not re.search(r"[A-Za-z]{3,}", _DATE_RE.sub("", undecorated(text)))


def _is_bold_entry(lines: list[Line], at: int) -> bool:
    """An entry set wholly in bold, its wrapped lines included, that starts with a time."""
    line = lines[at]
    if line.kind not in ("item", "text") or not line.text.startswith(("**", "__")):
        return False
    rest = lines[at + 1 : at + line.paragraph_lines]
    whole = " ".join([line.text] + [more.text for more in rest if more.kind in ("more", "text")])
    return bool(_BOLD_ENTRY.fullmatch(clean_line(whole))) and leading_stamp(clean_line(line.text)) is not None
