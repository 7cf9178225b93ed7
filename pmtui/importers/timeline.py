"""Timeline entries, read out of a section's lines: one event per entry, the rest kept as notes.

Shared with pasted log lines (pasted.py). Tasks are read in tasks.py; the
summary's window in summary.py; which lines form the timeline in sections.py.
"""

from __future__ import annotations

import re
from datetime import time, timedelta

from pydantic import ValidationError

from pmtui.importers.blocks import Line, clean_line
from pmtui.importers.clock import leading_stamp, wall_time
from pmtui.importers.context import Context, moment
from pmtui.importers.sections import undecorated
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


def read_events(
    lines: list[Line], context: Context, heading_zone: str | None
) -> tuple[list[Event], list[Line]]:
    """Events from a timeline section, and the lines that were not events (kept as notes)."""
    events: list[Event] = []
    unplaced: list[Line] = []
    day = context.day
    previous: time | None = None
    pending_label: Event | None = None
    last_depth = 0
    for line in lines:
        text = clean_line(line.text)
        if line.kind == "row":
            if line.header:
                continue
            text = _row_as_entry(line.cells)
        if not text or text in PLACEHOLDERS:
            continue
        stamp = leading_stamp(text)
        if stamp is None:
            only_date = (
                context.date_of(undecorated(text), day.year if day else None)
                if _looks_like_date(text)
                else None
            )
            if only_date is not None:
                day, previous = only_date, None
                continue
            if events and (line.kind == "more" or line.depth > last_depth or pending_label is events[-1]):
                _attach_detail(events, text, pending_label)
                pending_label = None
                continue
            unplaced.append(line)
            continue
        for part in _split_merged(text) if line.kind in ("item", "text", "more") else [text]:
            part_stamp = leading_stamp(part) or stamp
            clock_time = wall_time(part_stamp.clock)
            if (
                part_stamp.date_text is None
                and clock_time is not None
                and previous is not None
                and clock_time < previous
                and day is not None
            ):
                day = day + timedelta(days=1)  # the clock went past midnight
            zone = part_stamp.zone_text or heading_zone
            at, used_day = moment(part_stamp.clock, part_stamp.date_text, zone, day, context)
            if at is None:
                context.warnings.append(f"line {line.number + 1}: cannot read the time {part_stamp.clock!r}")
                unplaced.append(line)
                continue
            if part_stamp.date_text and used_day is not None:
                day = used_day
            previous = clock_time
            event = _event(at, part_stamp.rest.lstrip(",;. "), context)
            if event is None:
                unplaced.append(line)
                continue
            events.append(event)
            pending_label = (
                event if not event.text or event.text.endswith(":") or line.kind == "heading" else None
            )
            last_depth = line.depth
    for event in events:  # the evidence link ends the entry, after any continuation lines
        evidence = _EVIDENCE.search(event.text)
        if evidence and event.link is None:
            event.text, event.link = event.text[: evidence.start()], evidence.group(1)
    return events, unplaced


#: What pmtui's export writes into an empty section; not content.
PLACEHOLDERS = ("_No events yet._", "_No tasks yet._", "_Not written yet._")


def _row_as_entry(cells: list[str]) -> str:
    """A table row as an entry: the cell with the time first, then the others."""
    timed = next((i for i, cell in enumerate(cells) if leading_stamp(cell)), None)
    if timed is None:
        return " ".join(cells)
    others = [cell for i, cell in enumerate(cells) if i != timed and cell]
    return f"{cells[timed]} - " + " - ".join(others)


def _looks_like_date(text: str) -> bool:
    cleaned = undecorated(text)
    return len(cleaned) <= 40 and bool(re.search(r"\d", cleaned)) and not re.search(r"\d[:.]\d\d", cleaned)


def _split_merged(text: str) -> list[str]:
    """ "... troubleshooting. - 11:00 AM: Traffic ..." holds two entries pasted onto one line."""
    parts = re.split(r"\s+[-–]\s+(?=\**\d{1,2}:\d{2}\s*(?:[AaPp]\.?[Mm]\.?)?\**\s*[:\-–])", text)
    return [part for part in parts if part.strip()]


def _attach_detail(events: list[Event], text: str, label: Event | None) -> None:
    """An indented line under an entry: its description (after a label) or more of its text."""
    event = events[-1]
    detail = text.lstrip("-*+ ").strip()
    if not event.text:
        event.text = detail
    elif label is event or event.text.endswith(":"):
        event.text = f"{event.text.rstrip(':')} - {detail}"
    else:
        event.text = f"{event.text}\n{detail}"


def _event(at: Moment, text: str, context: Context) -> Event | None:
    kind = EventKind.NOTE
    marked = _KIND_MARK.match(text)
    if marked:
        kind = _KIND_BY_LABEL[marked.group(1)]
        text = text[marked.end() :]
    if not marked and context.infer_kinds:
        kind = infer_kind(text)
    try:
        return Event(at=at, kind=kind, text=text)
    except ValidationError as error:
        context.warnings.append(f"event at {at}: {refusal(error)}")
        return None


def infer_kind(text: str) -> EventKind:
    lowered = text.casefold()
    for kind, pattern in _KIND_WORDS:
        if re.search(pattern, lowered):
            return kind
    return EventKind.NOTE
