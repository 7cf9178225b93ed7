"""Timeline entries, read out of a section's lines: one event per entry, the rest kept as notes.

An entry is a line that starts with its time (`14:00 UTC: text`, `[03-26 17:40] text`,
`~13:30: text`, `14:??: text`), a label and its time (`Outage began: March 3, 7:00 AM`),
a date alone with text after it (a date-only event), a table row, or a line that names its
time inside a sentence. A date on a line of its own sets the day for the times below it.
Lines under an entry (its continuation, or the description under a time heading) are
its text. A line that cannot be read costs that line only: it is kept in the notes.

Shared with pasted log lines (pasted.py). Tasks are read in tasks.py; the
summary's window in summary.py; which lines form the timeline in sections.py.
"""

from __future__ import annotations

import re
from datetime import date, time, timedelta

from pydantic import ValidationError

from pmtui.importers.blocks import Line, clean_line
from pmtui.importers.clock import Stamp, leading_stamp, wall_time
from pmtui.importers.context import Context, moment
from pmtui.importers.entries import (
    day_named,
    entry_stamp,
    in_window,
    prose_sentences,
    prose_stamp,
    split_merged,
)
from pmtui.importers.links import plain_links
from pmtui.importers.rows import is_entry, row_entry
from pmtui.labels import EVENT_KIND_LABELS
from pmtui.model import Event, EventKind, Moment, refusal

#: The milestone label pmtui's export writes after an event's time: "_(detected)_".
_KIND_MARK = re.compile(r"^_\((" + "|".join(re.escape(v) for v in EVENT_KIND_LABELS.values()) + r")\)_\s?")
_EVIDENCE = re.compile(r"\s?\(\[evidence\]\((\S+)\)\)$")
_KIND_BY_LABEL = {label: kind for kind, label in EVENT_KIND_LABELS.items()}
#: Wording that names a milestone; only used for documents pmtui did not write.
_KIND_WORDS = (
    (
        EventKind.RESOLVED,
        r"\b(resolved|fully (restored|functional|operational)|back to normal|restored"
        r"|incident (closed|over))\b",
    ),
    (
        EventKind.MITIGATED,
        r"\b(roll(ed)? ?back|rolled back|reverted|mitigat\w*|workaround|hotfix|patch(ed)? deployed)\b",
    ),
    (EventKind.CAUSE_IDENTIFIED, r"\b(root cause|identified|discovered|found (the|that)|traced)\b"),
    (EventKind.ESCALATED, r"\bescalat\w*"),
    (EventKind.DETECTED, r"\b(detected|alert(ed|s)?|noticed|reported|paged|flagged|triggered)\b"),
)
_KIND_PATTERNS = tuple((kind, re.compile(pattern)) for kind, pattern in _KIND_WORDS)
#: Any of them: most entries name no milestone, and one search says so for all five.
_ANY_KIND_WORD = re.compile("|".join(f"(?:{pattern})" for _, pattern in _KIND_WORDS))
_BULLET = re.compile(r"^[-*+•]\s+")
#: A label that is only a few words ("Incident declared"), whose detail follows it.
_SHORT_LABEL = re.compile(r"[^.!?]{1,40}(?<![.!?])")


def read_events(
    lines: list[Line], context: Context, heading_zone: str | None
) -> tuple[list[Event], list[Line]]:
    """Events from a timeline section, and the lines that were not events (kept as notes)."""
    context.learn_order([line.text for line in lines if line.kind != "code"])
    reader = _Reader(context, heading_zone)
    index = 0
    while index < len(lines):
        end = index + 1
        while (
            end < len(lines)
            and lines[end].kind == "text"
            and lines[end].paragraph == lines[index].paragraph >= 0
        ):
            end += 1
        if not reader.read_prose(lines[index:end]):
            for line in lines[index:end]:
                reader.read(line)
        index = end
    return reader.finish()


#: What pmtui's export writes into an empty section; not content.
PLACEHOLDERS = ("_No events yet._", "_No tasks yet._", "_Not written yet._")


class _Reader:
    """Reads a section's lines in order, keeping the running day and the event being described."""

    def __init__(self, context: Context, heading_zone: str | None) -> None:
        self.context = context
        self.heading_zone = heading_zone
        self.day: date | None = context.day
        """The day a time without a date is on: the incident's, then the last date written."""
        self.previous: time | None = None
        """The last time read on `day`: a smaller one after it is on the next day."""
        self.events: list[Event] = []
        self.sources: list[list[Line]] = []
        """The lines each event was read from, for its links."""
        self.unplaced: list[Line] = []
        self.open: Event | None = None
        """An event still waiting for its description: a time heading, a bare label."""
        self.depth = 0
        self.paragraph = -1
        """The paragraph the last event (or its last detail) came from: its wrapped lines follow."""
        self.quoted_timeline = False
        self.header: list[str] | None = None
        self.last: Line | None = None
        self.group: tuple[time, time] | None = None
        """The window of a heading over a group of entries ("### 7:00 - 9:00 PM"), which says
        whether a 12-hour time under it without am/pm is in the morning or the evening."""
        self.heading_range: tuple[Stamp, Line] | None = None
        """A heading giving a time range, until the next line says whether it is an event or a group."""

    def read(self, line: Line) -> None:
        text = clean_line(line.text)
        if line.kind != "row":
            self.header = None  # the table, if any, has ended
        elif line.header and not is_entry(line.cells):
            self.header = line.cells
            return
        if self.heading_range is not None:
            self._settle_range(line)
        if line.kind == "row":
            entry = row_entry(line.cells, self.header)
            if entry is None:
                self.unplaced.append(line)
                return
            text = entry
        if text and text not in PLACEHOLDERS:
            self._read_entry(line, text)
        self.last = line

    def _read_entry(self, line: Line, text: str) -> None:
        starts = not line.quoted or self.quoted_timeline or not self.events
        continued = line.kind == "more" or (line.kind == "text" and line.paragraph == self.paragraph >= 0)
        stamp = entry_stamp(text, dates=not continued) if starts else None
        if line.kind == "heading":
            self.group = None
            if stamp is not None and stamp.until is not None:
                self.heading_range = (stamp, line)
                return
        if stamp is None:
            self._untimed(line, text)
            return
        parts = split_merged(text) if line.kind in ("item", "text", "more") else [text]
        if len(parts) == 1:
            self._timed(stamp, line)
            return
        for part in parts:
            self._timed(entry_stamp(part) or stamp, line)

    def _settle_range(self, line: Line) -> None:
        """A heading with a time range is an event, unless timed entries follow it: then it names
        their group ("### 2:00 - 4:00 PM" over "- 2:05 alert fired") and stays in the notes."""
        assert self.heading_range is not None
        stamp, heading = self.heading_range
        self.heading_range = None
        text = row_entry(line.cells, self.header) if line.kind == "row" else clean_line(line.text)
        start, end = wall_time(stamp.clock or ""), wall_time(stamp.until or "")
        if line.kind != "heading" and text and start and end and entry_stamp(text) is not None:
            self.group = (start, end)
            self.unplaced.append(heading)
        else:
            self._timed(stamp, heading)

    def _timed(self, stamp: Stamp, line: Line) -> None:
        at = self._when(stamp, line)
        if at is None:
            self.unplaced.append(line)
            return
        text = stamp.text.lstrip(",;. ")
        sources = [line]
        label = self._label_above(line, text)
        if label is not None:
            text, sources = clean_line(label.text).rstrip(":").strip(), [label, line]
            self.unplaced.pop()
        event = self._event(at, text, stamp.approximate)
        if event is None:
            self.unplaced.extend(sources)
            return
        if not self.events:
            self.quoted_timeline = line.quoted
        self.events.append(event)
        self.sources.append(sources)
        self.open = event if not event.text or event.text.endswith(":") or line.kind == "heading" else None
        self.depth, self.paragraph = line.depth, line.paragraph

    def _when(self, stamp: Stamp, line: Line) -> Moment | date | None:
        """The entry's moment, moving the running day along; None (and a warning) when unreadable."""
        context = self.context
        if stamp.clock is None and stamp.date_text:
            day = context.date_near(stamp.date_text, self.day)
            if day is None:
                context.warnings.append(f"line {line.number + 1}: cannot read the date {stamp.date_text!r}")
                return None
            self.day, self.previous = day, None
            return day
        if stamp.clock is None:  # "??:??": the time is not known, the day may be
            return self.day or (self.events[-1].at if self.events else None)
        clock = in_window(stamp.clock, self.group)
        clock_time = wall_time(clock)
        previous, day = self.previous, self.day
        if stamp.date_text is None and clock_time and previous and day and clock_time < previous:
            self.day = day + timedelta(days=1)  # the clock went past midnight
        at, used_day = moment(clock, stamp.date_text, stamp.zone_text or self.heading_zone, self.day, context)
        if at is None:
            context.warnings.append(f"line {line.number + 1}: cannot read the time {stamp.clock!r}")
            return None
        if stamp.date_text and used_day is not None:
            self.day = used_day
        self.previous = clock_time
        return at

    def _label_above(self, line: Line, text: str) -> Line | None:
        """ "* when was the issue detected:" above a bare "2:17 PM (GMT)": the label is the event's text."""
        label = self.last
        if (
            text
            or line.kind == "heading"
            or label is None
            or not self.unplaced
            or self.unplaced[-1] is not label
            or label.kind not in ("item", "text")
        ):
            return None
        if line.kind == "more" or clean_line(label.text).endswith(":"):
            return label
        # a status page: "**Resolved** - This incident has been resolved." over "Jun 1, 15:05 UTC"
        return label if label.paragraph == line.paragraph >= 0 else None

    def _untimed(self, line: Line, text: str) -> None:
        if self._day_line(text):
            return
        if self._continues(line):
            self._attach(line, text)
            return
        if not self._prose_event(line, text):
            self.unplaced.append(line)

    def _day_line(self, text: str) -> bool:
        """A date on its own: the day of the times below it."""
        named = day_named(text)
        day = self.context.date_near(named, self.day) if named else None
        if day is None:
            return False
        self.day, self.previous, self.open = day, None, None
        return True

    def _continues(self, line: Line) -> bool:
        """Whether an untimed line says more about the last event."""
        if not self.events:
            return False
        if self.open is not None or line.kind == "more" or line.depth > self.depth:
            return True
        return line.kind in ("text", "code") and line.paragraph >= 0 and line.paragraph == self.paragraph

    def _attach(self, line: Line, text: str) -> None:
        """An untimed line under an entry: its description (after a label) or more of its text."""
        event = self.events[-1]
        detail = _BULLET.sub("", text).strip()
        was_open = self.open is event
        if not event.text:
            event.text = detail
        elif was_open:
            event.text = f"{event.text.rstrip(':')} - {detail}"
        else:
            event.text = f"{event.text}\n{detail}"
        self.sources[-1].append(line)
        self.paragraph = line.paragraph
        # "Incident declared" under a time heading is a label: the quote below it is the detail
        self.open = event if was_open and event.text == detail and _SHORT_LABEL.fullmatch(detail) else None

    def read_prose(self, paragraph: list[Line]) -> bool:
        """A paragraph of prose that names its times inside its sentences: an event for each
        sentence with a time, the sentences after it added to its text. Said before the first
        time, the paragraph is also kept in the notes. False when the paragraph is not prose:
        one time at most, or lines that each start with their own time."""
        first = paragraph[0]
        if first.kind != "text" or first.quoted or first.number != first.paragraph or self._continues(first):
            return False
        texts = [clean_line(line.text) for line in paragraph]
        if any(entry_stamp(text) is not None for text in texts[1:]):
            return False
        sentences = prose_sentences(" ".join(texts))
        timed = [stamp for stamp, _ in sentences if stamp is not None]
        if len(timed) < 2 - (entry_stamp(texts[0]) is None):
            return False
        count = len(self.events)
        for stamp, sentence in sentences:
            if stamp is not None:
                self._timed(leading_stamp(sentence) or stamp, first)
            elif len(self.events) > count:
                self.events[-1].text = f"{self.events[-1].text} {sentence}"
        if sentences[0][0] is None or len(self.events) == count:
            self.unplaced.extend(paragraph)
        self.last, self.paragraph = paragraph[-1], first.paragraph
        return True

    def _prose_event(self, line: Line, text: str) -> bool:
        """A list entry that names its time inside its sentence: the whole entry is the text."""
        if line.kind != "item" or line.quoted:
            return False
        stamp = prose_stamp(text)
        if stamp is not None:
            self._timed(stamp, line)
        return stamp is not None

    def _event(self, at: Moment | date, text: str, approximate: str | None) -> Event | None:
        kind = EventKind.NOTE
        marked = _KIND_MARK.match(text)
        if marked:
            kind = _KIND_BY_LABEL[marked.group(1)]
            text = text[marked.end() :]
        if not marked and self.context.infer_kinds:
            kind = infer_kind(text)
        try:
            return Event(at=at, approximate=approximate, kind=kind, text=text)
        except ValidationError as error:
            self.context.warnings.append(f"event at {approximate or at}: {refusal(error)}")
            return None

    def finish(self) -> tuple[list[Event], list[Line]]:
        if self.heading_range is not None:
            self._timed(*self.heading_range)
        for event, sources in zip(self.events, self.sources, strict=True):
            # the evidence link ends the entry, after any continuation lines
            evidence = _EVIDENCE.search(event.text)
            if evidence and event.link is None:
                event.text, event.link = event.text[: evidence.start()], evidence.group(1)
            if self.context.infer_kinds:  # pmtui's own export keeps its Markdown as it was typed
                self._plain(event, sources)
        return self.events, self.unplaced

    def _plain(self, event: Event, sources: list[Line]) -> None:
        """Links read as their text; the first address is the event's link, any other is kept in the notes."""
        plain = plain_links(event.text, [address for line in sources for address in line.links])
        if plain.text == event.text:
            return
        event.text = plain.text
        if event.link is None and plain.addresses:
            event.link = plain.addresses[0]
        if any(address != event.link for address in plain.inline):
            self.unplaced.extend(sources)


def infer_kind(text: str) -> EventKind:
    lowered = text.casefold()
    if not _ANY_KIND_WORD.search(lowered):
        return EventKind.NOTE
    for kind, pattern in _KIND_PATTERNS:
        if pattern.search(lowered):
            return kind
    return EventKind.NOTE
