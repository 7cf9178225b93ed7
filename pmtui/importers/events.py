"""Timeline entries and corrective tasks, read out of a section's lines."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, time, timedelta

from pydantic import ValidationError

from pmtui.dates import DateReading, read_date
from pmtui.importers.blocks import Line, clean_line
from pmtui.importers.clock import leading_stamp, report_date, wall_time
from pmtui.importers.sections import IMPROVEMENT_LABEL, TASK_LABEL, section_of, undecorated
from pmtui.labels import EVENT_KIND_LABELS, TASK_STATUS_LABELS
from pmtui.model import Event, EventKind, Moment, Task, TaskKind, TaskStatus, refusal
from pmtui.timeparse import TimeParseError, parse_moment

#: The milestone label pmtui's export writes after an event's time: "_(detected)_".
_KIND_MARK = re.compile(r"^_\((" + "|".join(re.escape(v) for v in EVENT_KIND_LABELS.values()) + r")\)_\s?")
_EVIDENCE = re.compile(r"\s?\(\[evidence\]\((\S+)\)\)$")
_KIND_BY_LABEL = {label: kind for kind, label in EVENT_KIND_LABELS.items()}
#: A task pmtui's export struck out: "~~title~~ (not doing)".
_NOT_DOING = re.compile(rf"~~(.+)~~ \({re.escape(TASK_STATUS_LABELS[TaskStatus.NOT_DOING])}\)")
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


@dataclass
class Context:
    """What the rest of the document says about times: the report's zone and the incident date."""

    zone: str
    zone_known: bool
    day: date | None
    infer_kinds: bool
    warnings: list[str] = field(default_factory=list)
    guesses: list[str] = field(default_factory=list)

    def date_of(self, text: str, year: int | None) -> date | None:
        """A date written in the report (`year` for one written without), or None."""
        reading = report_date(text, year)
        return None if reading is None else self.noted(reading)

    def noted(self, reading: DateReading) -> date:
        """The date read; what was guessed to read it goes into the import's account."""
        if reading.guessed and reading.guessed not in self.guesses:
            self.guesses.append(reading.guessed)
        return reading.value


def moment(
    clock: str, date_text: str | None, zone_text: str | None, day: date | None, context: Context
) -> tuple[Moment | None, date | None]:
    """An entry's time: aware when both a date and a zone are known, else the wall time as written.

    The found pieces are read by the core parser, as a time typed in the editor
    is, so an imported time is refused (a skipped wall time, an unknown zone) for
    the same reason; the refusal becomes a warning and the wall time is kept.
    """
    if date_text:
        known = day or context.day  # the running day: "May 11" after "2024-05-10" is 2024's
        day = context.date_of(date_text, known.year if known else None) or day
    wall = wall_time(clock)
    if wall is None or day is None or (zone_text is None and not context.zone_known):
        return wall, day
    zone_text = re.sub(r"\s*([+-])\s*", r"\1", zone_text or "")  # "GMT + 1" is read as "GMT+1"
    written = f"{day.isoformat()} {wall.isoformat()} {zone_text}"  # no zone: the report's
    try:
        return parse_moment(written, context.zone), day
    except TimeParseError as error:
        context.warnings.append(f"time {clock!r}: {error}; kept as written, without a date")
        return wall, day


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


# ------------------------------------------------------------------ tasks

_LEADING_BOLD_LABEL = re.compile(r"^(?:\*\*|__)([^*_]{1,60}?)(?::(?:\*\*|__)|(?:\*\*|__):)")
_DETAILS = re.compile(r"\s\(((?:owner|due|priority|ticket): [^)]*)\)$")
_FIELD_LINE = re.compile(
    r"^\W*(owner|assignee|assigned to|responsible|due|deadline|eta|due date|priority|ticket)"
    r"\s*[:\-]\s*(.+)$",
    re.I,
)


def read_tasks(lines: list[Line], default_kind: TaskKind, context: Context) -> tuple[list[Task], list[Line]]:
    tasks: list[Task] = []
    unplaced: list[Line] = []
    has_items = any(line.kind in ("item", "row") for line in lines)
    kind = default_kind
    label: str | None = None
    label_depth = 0
    header: list[str] = []
    for line in lines:
        text = clean_line(line.text)
        if not text or text in PLACEHOLDERS:
            continue
        if line.kind == "row":
            if line.header:
                header = [undecorated(cell).casefold() for cell in line.cells]
            else:
                _table_task(tasks, line.cells, header, kind, context)
            continue
        if line.kind == "heading" or _is_label(text):
            name = undecorated(text)
            if IMPROVEMENT_LABEL.search(name) and not TASK_LABEL.search(name):
                kind, label = TaskKind.IMPROVEMENT, None
            elif TASK_LABEL.search(name) or section_of(text) in ("corrective",):
                kind, label = TaskKind.TASK, None
            elif line.kind == "heading":
                kind, label = default_kind, None
            else:
                label, label_depth = name, line.depth
            continue
        field_line = _FIELD_LINE.match(undecorated(text) if "**" in text else text)
        if tasks and field_line and line.depth > 0 and (line.kind == "more" or line.depth > 1):
            _set_field(tasks[-1], field_line.group(1), field_line.group(2), context)
            continue
        if label is not None and (line.depth > label_depth or line.kind == "more"):
            text = f"{label}: {text.lstrip('-*+ ')}"
            label = None
        elif label is not None:
            label = None
        if line.kind == "more" and tasks and line.depth == 0:
            unplaced.append(line)
            continue
        if line.kind in ("text", "code") and not _is_task_like(line, text, has_items):
            unplaced.append(line)
            continue
        text = _LEADING_BOLD_LABEL.sub(r"\1:", text)  # "**Label:** text" -> "Label: text"
        item_kind = kind
        labelled = re.match(r"^([^:()]{2,40}):\s", text) if context.infer_kinds else None
        if (
            labelled
            and IMPROVEMENT_LABEL.search(labelled.group(1))
            and not TASK_LABEL.search(labelled.group(1))
        ):
            item_kind = TaskKind.IMPROVEMENT  # "Improvements/Fixes: we will audit ..." in a task list
        task = _task(text, item_kind, line.checked, context)
        if task is not None:
            tasks.append(task)
    return tasks, unplaced


def _is_label(text: str) -> bool:
    """ "**Improvements/Fixes:**", "Tasks to address the issue:" - a name for the items below it."""
    cleaned = undecorated(text)
    whole_bold = bool(re.fullmatch(r"\*\*[^*]+\*\*:?", text.strip()))
    return (text.rstrip("*_ ").endswith(":") or whole_bold) and 0 < len(cleaned) <= 60 and ". " not in cleaned


_PROSE_OPENER = re.compile(
    r"^(to (prevent|mitigate|avoid|ensure|address)|in (conclusion|summary|short)|overall|by (addressing|implementing)"
    r"|this (postmortem|incident|report|document)|we (believe|are confident|hope|will continue)|these (measures|steps)"
    r"|with these|moving forward|going forward|finally|thank)",
    re.I,
)


#: "✔️ Add tests", "➡️ Train engineers": an emoji standing in for a bullet.
_SYMBOL_BULLET = re.compile(r"^[^\w\s*_`\[(<#>\"'-]")


def _is_task_like(line: Line, text: str, beside_items: bool) -> bool:
    """A line outside any list (text or code) is a task when it reads like an item, not an
    intro, an outro or prose.

    Beside a real list, such lines are usually its introduction or a closing
    remark; only "Label: what to do" lines count there.
    """
    if text.rstrip("*_ ").endswith(":"):
        return False
    labelled = re.match(r"^\W*([^:.]{2,45}):\s", undecorated(text) + " ")
    if labelled and re.search(r"\bnote\b|disclaimer|p\.?s\b", labelled.group(1), re.I):
        return False
    if _PROSE_OPENER.match(undecorated(text)):
        return False
    if beside_items:
        return bool(labelled) or bool(_SYMBOL_BULLET.match(text))
    return line.paragraph_lines > 1 or bool(labelled) or len(text) <= 160


def _task(text: str, kind: TaskKind, checked: bool | None, context: Context) -> Task | None:
    status = TaskStatus.DONE if checked else TaskStatus.OPEN
    fields: dict[str, str] = {}
    details = _DETAILS.search(text)
    if details:
        for pair in details.group(1).split("; "):
            key, _, value = pair.partition(": ")
            fields[key] = value
        text = text[: details.start()]
    skipped = _NOT_DOING.fullmatch(text)
    if skipped:
        text, status = skipped.group(1), TaskStatus.NOT_DOING
    title = " ".join(text.split("\n")).strip()
    if not title:
        return None
    try:
        task = Task(title=title, kind=kind, status=status)
        for key, value in fields.items():
            _set_field(task, key, value, context)
        return task
    except ValidationError as error:
        context.warnings.append(f"task {title[:40]!r}: {refusal(error)}")
        return None


def _set_field(task: Task, key: str, value: str, context: Context) -> None:
    key = key.casefold()
    value = value.strip()
    try:
        if key in ("due", "deadline", "eta", "due date"):
            try:  # a due date without a year is the next one after the incident
                task.due = context.noted(read_date(value, not_before=context.day, guess=True))
            except TimeParseError:
                task.title = f"{task.title} ({key}: {value})"
        elif key in ("owner", "assignee", "assigned to", "responsible"):
            task.owner = value
        elif key == "priority":
            task.priority = value
        elif key == "ticket":
            task.ticket = value
    except ValidationError as error:
        context.warnings.append(f"task {task.title[:40]!r}: {key}: {refusal(error)}")


def _table_task(
    tasks: list[Task], cells: list[str], header: list[str], kind: TaskKind, context: Context
) -> None:
    named = dict(zip(header, cells, strict=False))
    title_key = next((h for h in header if re.search(r"task|action|item|description|what", h)), None)
    title = named.get(title_key, cells[0] if cells else "") if title_key else (cells[0] if cells else "")
    task = _task(title, kind, None, context)
    if task is None:
        return
    for column, value in named.items():
        if not value or column == title_key:
            continue
        if re.search(r"owner|assignee|who|responsible", column):
            _set_field(task, "owner", value, context)
        elif re.search(r"due|deadline|eta|date", column):
            _set_field(task, "due", value, context)
        elif re.search(r"priority", column):
            _set_field(task, "priority", value, context)
        elif re.search(r"ticket|issue|link", column):
            _set_field(task, "ticket", value, context)
        elif re.search(r"status|done", column) and re.search(r"done|complete|closed|yes", value, re.I):
            task.status = TaskStatus.DONE
    tasks.append(task)
