"""What one corrective item says besides its title: owner, due date, priority, ticket and status.

People write these in many ways: sub-lines ("Owner: sre", "Tracking: OPS-12. Due:
3 March 2027."), a tail on the item ("- ETA: 2 weeks", "(Done as of 2021-06-30)"),
a prefix ("P1", "HIGH", "#2226:"), a link to the issue, or a table cell. The title
keeps what was written (a ticket link is reduced to its text, its address becomes
the ticket); only a run of fields at the end moves into the fields it names.
"""

from __future__ import annotations

import re

from pydantic import ValidationError

from pmtui.dates import read_date
from pmtui.importers.context import Context
from pmtui.labels import TASK_STATUS_LABELS
from pmtui.model import Task, TaskKind, TaskStatus, refusal
from pmtui.timeparse import TimeParseError

#: A task pmtui's export struck out: "~~title~~ (not doing)".
_NOT_DOING = re.compile(rf"~~(.+)~~ \({re.escape(TASK_STATUS_LABELS[TaskStatus.NOT_DOING])}\)")
#: pmtui's export: "title (owner: sre; due: 2024-05-20)".
_DETAILS = re.compile(r"\s\(((?:owner|due|priority|ticket): [^)]*)\)$")

#: Field names as people write them -> the task field they fill.
FIELD_NAMES = {
    "owner": "owner",
    "owners": "owner",
    "assignee": "owner",
    "assigned to": "owner",
    "responsible": "owner",
    "dri": "owner",
    "due": "due",
    "due date": "due",
    "due by": "due",
    "deadline": "due",
    "eta": "due",
    "target date": "due",
    "priority": "priority",
    "prio": "priority",
    "ticket": "ticket",
    "tracking": "ticket",
    "tracked in": "ticket",
    "tracker": "ticket",
    "jira": "ticket",
    "issue": "ticket",
    "bug": "ticket",
    "pr": "ticket",
    "pull request": "ticket",
    "link": "ticket",
    "status": "status",
    "state": "status",
}
_NAME = "|".join(sorted((re.escape(name) for name in FIELD_NAMES), key=len, reverse=True))
#: "Owner:", "**Due**:", "ETA -" at the start of a line; later in a line only with a colon.
_FIELD_AT_START = re.compile(
    rf"^[^\w(\[]*(?:\*\*|__)?({_NAME})(?:\*\*|__)?\s*(?:[:：=]|\s[-–—](?=\s))\s*", re.I
)
_FIELD_LATER = re.compile(rf"(?:\*\*|__)?\b({_NAME})(?:\*\*|__)?\s*[:：]\s*(?:\*\*|__)?", re.I)
#: What may stand before a field written after the title: "title. Owner:", "title (owner:", "title - ETA:".
_BEFORE_FIELD = re.compile(r"(?:[.;,|(\[]|\s[-–—])\s*$")
#: Field names whose value must look like a reference, since "Issue: the alert never fired" is prose.
_LOOSE_NAMES = ("issue", "bug", "pr", "link", "status", "state")

_URL = re.compile(r"https?://\S+|<https?://[^>]+>")
_INLINE_LINK = re.compile(r"(?<!!)\[([^\]\n]+)\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_REFERENCE_LINK = re.compile(r"(?<!!)\[([^\]\n]+)\]\[([^\]\n]*)\]")
_TICKET_CODE = r"#\d+|[A-Z][A-Z0-9_]+-\d+"
#: "[#2226]: Add ..." - brackets around an issue number (a shortcut reference link).
_BRACKETED_TICKET = re.compile(rf"(?<![!\]\w])\[({_TICKET_CODE})\](?![(\[])")
_TICKET_WORDS = re.compile(rf"^(?:{_TICKET_CODE})$|\b(?:issues?|pr|pull request|ticket|bug|jira)\b", re.I)
_TICKET_URL = re.compile(
    r"/(?:issues?|pulls?|merge_requests|tickets?|browse|bugs?)/[\w-]*\d|/-/issues/|jira|linear\.app|/show_bug",
    re.I,
)
#: "#2226: Add ...", "(OPS-12)": an issue number written by hand ("#1", "#2" number a list).
_WRITTEN_TICKET = r"#\d{2,}|[A-Z][A-Z0-9_]+-\d+"
_LEADING_TICKET = re.compile(rf"^\W*({_WRITTEN_TICKET})\s*[:\-–]")
_TRAILING_TICKET = re.compile(rf"[(\[]\s*({_WRITTEN_TICKET})\s*[)\]]\W*$")

_PRIORITY_WORD = r"P[0-4]|HIGH|MEDIUM|MED|LOW|CRITICAL|URGENT"
_LEADING_PRIORITY = re.compile(
    rf"^\W*(?:\[\s*((?i:{_PRIORITY_WORD}))\s*\]|\(\s*((?i:{_PRIORITY_WORD}))\s*\)|({_PRIORITY_WORD}))(?=[\s:\-–—*_]|$)"
)
_TRAILING_PRIORITY = re.compile(rf"[(\[]\s*((?i:{_PRIORITY_WORD}|priority:?\s*\w+))\s*[)\]]\W*$")

_DONE_WORDS = r"done|completed?|finished|accomplished|fixed|resolved|implemented|shipped|merged"
_SKIPPED_WORDS = r"won'?t (?:do|fix)|wontfix|not doing|cancel+ed|dropped|rejected|declined|obsolete|abandoned"
_DONE_MARK = re.compile(
    rf"[(\[]\s*(?:\*\*|__|[*_])?\s*(?:{_DONE_WORDS})\b[^)\]]*[)\]]|^\W*[✅☑]|[✅☑]\W*$"
    rf"|(?:^|\s)[*_]+(?:{_DONE_WORDS})\b[^*_]*[*_]+\W*$",
    re.I,
)
_SKIPPED_MARK = re.compile(rf"[(\[]\s*(?:\*\*|__|[*_])?\s*(?:{_SKIPPED_WORDS})\b[^)\]]*[)\]]", re.I)
_DONE_STATUS = re.compile(rf"^\W*(?:{_DONE_WORDS}|closed|yes|x|\[x\]|[✅☑✔]\W*)\b", re.I)
_SKIPPED_STATUS = re.compile(rf"^\W*(?:{_SKIPPED_WORDS}|n/a|no longer)", re.I)
_OPEN_STATUS = re.compile(
    r"^\W*(?:open|todo|to do|to-do|not started|new|planned|pending|backlog|\[ \]|no)?\W*$", re.I
)
#: "This has been done.", "Already in place" - a note under an item saying it is done.
DONE_NOTE = re.compile(
    rf"^\W*(?:(?:this|it)\s+(?:has been|was|is)\s+(?:now\s+)?(?:{_DONE_WORDS})|(?:{_DONE_WORDS})\b|already\s+(?:done|in place))",
    re.I,
)


def reduce_links(title: str) -> tuple[str, str | None]:
    """The title with links to an issue reduced to their text, and the first such link's address."""
    ticket: str | None = None

    def inline(match: re.Match[str]) -> str:
        nonlocal ticket
        text, address = match.group(1), match.group(2)
        if ticket is None and (_TICKET_URL.search(address) or _TICKET_WORDS.search(text)):
            ticket = address
            return text
        return match.group(0)

    def reference(match: re.Match[str]) -> str:
        nonlocal ticket
        text = match.group(1)
        if re.fullmatch(_TICKET_CODE, text.strip()):
            ticket = ticket or text.strip()
            return text
        return match.group(0)

    title = _INLINE_LINK.sub(inline, title)
    title = _REFERENCE_LINK.sub(reference, title)
    title = _BRACKETED_TICKET.sub(reference, title)
    return title, ticket


def fields_only(text: str) -> list[tuple[str, str]] | None:
    """The fields a line holds when it holds nothing else ("Tracking: OPS-12. Due: 3 March 2027."), else None."""
    first = _FIELD_AT_START.match(text)
    if first is None:
        return None
    found = [(first.group(1), first.end(), first.start(1))]
    for match in _FIELD_LATER.finditer(text, first.end()):
        if _BEFORE_FIELD.search(text[: match.start()]):
            found.append((match.group(1), match.end(), match.start()))
    fields: list[tuple[str, str]] = []
    for index, (name, value_start, _) in enumerate(found):
        value_end = found[index + 1][2] if index + 1 < len(found) else len(text)
        value = _field_value(text[value_start:value_end])
        if not _acceptable(name.casefold(), value):
            return None
        fields.append((name.casefold(), value))
    return fields


def trailing_fields(text: str) -> tuple[str, list[tuple[str, str]]]:
    """Fields written after the title ("Add an alert. Owner: sre. Due: 3 March 2027."), split off."""
    for match in _FIELD_LATER.finditer(text):
        before = text[: match.start()]
        if len(before.strip(" *_")) < 3 or not _BEFORE_FIELD.search(before):
            continue
        rest = text[match.start() :].rstrip()
        if before.rstrip().endswith(("(", "[")):
            rest = re.sub(r"[)\]]\W*$", "", rest)
        fields = fields_only(rest)
        if fields:
            return re.sub(r"\s*(?:[-–—|;,(\[]|\*\*|__)\s*$", "", before.rstrip()), fields
        break
    return text, []


def _field_value(raw: str) -> str:
    value = raw.strip()
    value = re.sub(r"^(?:\*\*|__)\s*|\s*(?:\*\*|__)$", "", value)
    return re.sub(r"\s*[.;,|]$", "", value).strip(" *_")


def _acceptable(name: str, value: str) -> bool:
    if not value or len(value) > 80:
        return False
    if FIELD_NAMES[name] == "status":
        return bool(_DONE_STATUS.match(value) or _SKIPPED_STATUS.match(value) or len(value.split()) <= 3)
    if name in _LOOSE_NAMES:
        return bool(_URL.search(value) or _INLINE_LINK.search(value) or re.search(_TICKET_CODE, value))
    if FIELD_NAMES[name] in ("owner", "priority"):
        return len(value.split()) <= 6 and ". " not in value
    return True


def status_of(value: str) -> TaskStatus | None:
    """A status cell or "Status:" value as a TaskStatus; None when it says something else ("blocked")."""
    if _DONE_STATUS.match(value):
        return TaskStatus.DONE
    if _SKIPPED_STATUS.match(value):
        return TaskStatus.NOT_DOING
    if _OPEN_STATUS.match(value):
        return TaskStatus.OPEN
    return None


def set_field(task: Task, name: str, value: str, context: Context) -> None:
    """Fill the field `name` ("Owner", "ETA", "Tracking" ...) names; what cannot be read stays in the title."""
    key = FIELD_NAMES.get(name.casefold(), name.casefold())
    value = value.strip()
    try:
        if key == "due":
            try:  # a due date without a year is the next one after the incident
                task.due = context.noted(read_date(value, not_before=context.day, guess=True))
            except TimeParseError:
                task.title = f"{task.title} ({name}: {value})"
        elif key == "owner":
            task.owner = value
        elif key == "priority":
            task.priority = value
        elif key == "ticket":
            link = _INLINE_LINK.fullmatch(value)
            task.ticket = link.group(2) if link else value.strip("<>")
        elif key == "status":
            status = status_of(value)
            if status is None:
                task.title = f"{task.title} ({name}: {value})"
            else:
                task.status = status
    except ValidationError as error:
        context.warnings.append(f"task {task.title[:40]!r}: {name}: {refusal(error)}")


def read_details(task: Task, context: Context) -> None:
    """What a title written by a person says about its status, priority and ticket."""
    title, fields = trailing_fields(task.title)
    title, ticket = reduce_links(title)
    try:
        task.title = title
    except ValidationError:
        return
    for name, value in fields:
        set_field(task, name, value, context)
    if task.status is TaskStatus.OPEN:
        if _SKIPPED_MARK.search(title):
            task.status = TaskStatus.NOT_DOING
        elif _DONE_MARK.search(title):
            task.status = TaskStatus.DONE
    if task.ticket is None:
        written = _LEADING_TICKET.match(title) or _TRAILING_TICKET.search(title)
        ticket = ticket or (written.group(1) if written else None)
        if ticket:
            set_field(task, "ticket", ticket, context)
    if task.priority is None:
        leading = _LEADING_PRIORITY.match(title)
        trailing = _TRAILING_PRIORITY.search(title)
        if leading:
            set_field(task, "priority", next(group for group in leading.groups() if group), context)
        elif trailing:
            set_field(task, "priority", re.sub(r"(?i)^priority:?\s*", "", trailing.group(1)), context)


def make_task(text: str, kind: TaskKind, checked: bool | None, context: Context) -> Task | None:
    """A task from its line: pmtui's own "(owner: ...; due: ...)" and "~~title~~ (not doing)" read
    back exactly; what a person wrote read for the details it gives (`read_details`)."""
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
            set_field(task, key, value, context)
        if context.infer_kinds:
            read_details(task, context)
        return task
    except ValidationError as error:
        context.warnings.append(f"task {title[:40]!r}: {refusal(error)}")
        return None
