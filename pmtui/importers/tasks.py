"""Corrective tasks, read out of a section's lines: items, table rows, labelled groups and prose.

A task is what the writer set apart as one measure: a list item (with the lines it
was hard-wrapped onto), a table row, a line of its own, or one sentence of a prose
paragraph that says what will be done (`task_pieces`). What sits under an item
belongs to it: "Owner: sre" and "Tracking: OPS-12. Due: 3 March 2027." fill its
fields, "Task: ..." completes it, a detail paragraph or a link to its PR is kept
in the notes. Owner, due date, priority, ticket and status written on the item
itself are read by `task_text`, a table's columns by `task_table`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pydantic import ValidationError

from pmtui.importers.blocks import Line
from pmtui.importers.context import Context
from pmtui.importers.sections import IMPROVEMENT_LABEL, TASK_LABEL, section_of, undecorated
from pmtui.importers.task_pieces import (
    SENTENCE_ENDED,
    Piece,
    is_label,
    is_task_like,
    pieces,
    reads_as_prose,
    split_sentences,
    states_a_measure,
)
from pmtui.importers.task_table import table_task
from pmtui.importers.task_text import DONE_NOTE, fields_only, make_task, set_field, trailing_fields
from pmtui.model import Task, TaskKind, TaskStatus, refusal

_LEADING_BOLD_LABEL = re.compile(r"^(?:\*\*|__)([^*_]{1,60}?)(?::(?:\*\*|__)|(?:\*\*|__):)")
#: "Action point: ...", "TODO: ..." - a line the writer marked as an action among other prose.
_ACTION_MARK = re.compile(
    r"^\W*(?:action\s*(?:points?|items?)|todo|to-?do)\s*(?:\*\*|__)?\s*[:：]\s*\S", re.I
)
#: "Task: add the alert" under an item: the item's own action, not a second task.
_ACTION_LINE = re.compile(
    r"^\W*(?:tasks?|actions?|fix|todo|to-?do|action\s*items?|next\s+steps?|follow[- ]?ups?)"
    r"\s*(?:\*\*|__)?\s*[:：]\s*(?:\*\*|__)?\s*",
    re.I,
)
#: "Immediate actions (Completed)", "Done:" - a group of items already done.
_DONE_GROUP = re.compile(r"\((?:completed?|done|finished)\)|^(?:completed?|done|finished)$", re.I)
_CONCLUSION = re.compile(
    r"^(?:in (?:conclusion|summary|short)|to (?:sum up|summari[sz]e|conclude)|all in all)\b", re.I
)
#: A sub-item that only points somewhere: "PR: https://...", "See #42".
_POINTER = re.compile(r"^\W*(?:see|pr|issue|ticket|link|ref|related|tracked|tracking|docs?)\b", re.I)


@dataclass
class _Reading:
    """Where the walk through a section is."""

    kind: TaskKind
    group_status: TaskStatus | None = None
    """Set by a group named as done ("Immediate actions (Completed)") for the items in it."""
    prefix: tuple[str, int] | None = None
    """A label ("**Monitoring:**") that its one line below completes: (label, depth)."""
    item: tuple[Task, int, int] | None = None
    """The task the current list item made, its depth and last line: the lines under it belong to it."""
    last: Task | None = None
    """The task that field lines ("Owner: sre") below it fill."""
    last_end: int = -1
    """The last line of the piece that made `last`."""


def read_tasks(lines: list[Line], default_kind: TaskKind, context: Context) -> tuple[list[Task], list[Line]]:
    """The section's tasks, and the lines that are none (kept in the notes, whole paragraphs together)."""
    tasks: list[Task] = []
    unplaced: list[Line] = []
    found_pieces = pieces(lines)
    has_items = any(line.kind in ("item", "row") for line in lines)
    # Prose that marks its actions ("Action point: ...", twice or more): only the marked lines are tasks.
    marked = sum(1 for piece in found_pieces if piece.line.kind == "text" and _ACTION_MARK.match(piece.text))
    marked_only = context.infer_kinds and marked >= 2
    state = _Reading(default_kind)
    header: list[str] = []
    for index, piece in enumerate(found_pieces):
        line = piece.line
        if line.kind == "row":
            row_task = None if line.header else table_task(line.cells, header, state.kind, context)
            if line.header:
                header = [undecorated(cell).casefold() for cell in line.cells]
            elif row_task is None:
                unplaced.append(line)
            else:
                tasks.append(row_task)
            continue
        if line.kind == "code":  # a script or a command under the measures is not a measure
            unplaced.append(line)
            continue
        if line.kind == "heading" or is_label(piece.text):
            placed = _group(piece, found_pieces, index, state, default_kind)
            if placed is None:
                unplaced.append(piece.note())  # a group's name the model has no place for
            if placed is not False:
                continue
        if not has_items and not marked_only and reads_as_prose(piece):
            found = _prose_tasks(piece, state, context, unplaced)
        else:
            task = _read_piece(piece, state, has_items, marked_only, context)
            if task is None:
                unplaced.append(piece.note())
            found = [] if task is None or task is _MERGED else [task]
        tasks.extend(found)
        if found:
            state.last, state.last_end = found[-1], piece.lines[-1].number
    return tasks, unplaced


#: Returned by `_read_piece` for a line that went into the task above it.
_MERGED = Task(title="merged")


def _read_piece(
    piece: Piece, state: _Reading, has_items: bool, marked_only: bool, context: Context
) -> Task | None:
    """The task one piece makes, `_MERGED` when it completed the task above it, or None (for the notes)."""
    line, text = piece.line, piece.text
    infer = context.infer_kinds
    fields = fields_only(re.sub(r"\*\*|__", "", text))
    prefix, state.prefix = state.prefix, None
    if prefix is not None and fields:  # "**Add an alert**" over "Owner: sre": the label is the task
        task = _new_task(piece, prefix[0], state, context)
        for name, value in fields:
            if task is not None:
                set_field(task, name, value, context)
        return task
    if prefix is not None and (line.depth > prefix[1] or line.kind in ("more", "text")):
        return _new_task(piece, f"{prefix[0]}: {_ACTION_LINE.sub('', text)}", state, context)
    if fields and state.last is not None and (infer or line.kind == "more" or line.depth > 1):
        for name, value in fields:
            set_field(state.last, name, value, context)
        return _MERGED
    if infer and state.last is not None and _ACTION_LINE.match(text) and _below_last(line, state):
        _complete(state.last, text, context)  # "Task: add the alert" under a finding: that finding's action
        return _MERGED
    owner = state.item
    if infer and owner is not None and _under(line, owner):
        if line.kind == "more" and line.number != owner[2] + 1:
            if DONE_NOTE.match(undecorated(text)):
                owner[0].status = TaskStatus.DONE
            return None  # a paragraph of detail under the item: kept as written, in the notes
        if line.kind == "item" and _only_a_reference(text):
            return None
    if marked_only and not _ACTION_MARK.match(text):
        if state.last is not None and DONE_NOTE.match(undecorated(text)):
            state.last.status = TaskStatus.DONE
        return None
    if line.kind == "item" and infer and _CONCLUSION.match(undecorated(text)):
        return None
    if line.kind == "text" and not is_task_like(line, text, has_items):
        return None
    return _new_task(piece, text, state, context)


def _below_last(line: Line, state: _Reading) -> bool:
    """Right under the last task: in its item, or the next line or paragraph after it."""
    owner = state.item
    if owner is not None and owner[0] is state.last:
        return _under(line, owner)
    return line.kind == "text" and line.number <= state.last_end + 2


def _complete(task: Task, text: str, context: Context) -> None:
    """Add an action line to the task it belongs to; fields at its end fill the task's fields."""
    title, fields = trailing_fields(text)
    try:
        task.title = (
            f"{task.title} {title}" if SENTENCE_ENDED.search(task.title) else f"{task.title}; {title}"
        )
    except ValidationError as error:
        context.warnings.append(f"task {task.title[:40]!r}: {refusal(error)}")
    for name, value in fields:
        set_field(task, name, value, context)


def _under(line: Line, owner: tuple[Task, int, int]) -> bool:
    """A sub-item of the item that made `owner`, or a line of that item below its first paragraph."""
    return (line.kind == "item" and line.depth > owner[1]) or (line.kind == "more" and line.depth >= owner[1])


def _new_task(piece: Piece, text: str, state: _Reading, context: Context) -> Task | None:
    text = _LEADING_BOLD_LABEL.sub(r"\1:", text)  # "**Label:** text" -> "Label: text"
    item_kind = state.kind
    labelled = re.match(r"^([^:()]{2,40}):\s", text) if context.infer_kinds else None
    if labelled and IMPROVEMENT_LABEL.search(labelled.group(1)) and not TASK_LABEL.search(labelled.group(1)):
        item_kind = TaskKind.IMPROVEMENT  # "Improvements/Fixes: we will audit ..." in a task list
    task = make_task(text, item_kind, piece.line.checked, context)
    if task is None:
        return None
    if state.group_status is not None and task.status is TaskStatus.OPEN:
        task.status = state.group_status
    in_list = piece.line.kind in ("item", "more")
    state.item = (task, piece.line.depth, piece.lines[-1].number) if in_list else None
    return task


def _group(
    piece: Piece, found: list[Piece], index: int, state: _Reading, default_kind: TaskKind
) -> bool | None:
    """Read a heading or label naming the items below it: True when what it says is kept (the kind,
    or a label completing its one item), None when it goes to the notes, False when it is an item."""
    line, text = piece.line, piece.text
    name = undecorated(text)
    state.item = state.prefix = state.last = None
    following = found[index + 1].line if index + 1 < len(found) else None
    if (
        line.kind == "item"
        and following is not None
        and following.kind == "more"
        and following.number == line.number + 1
    ):
        state.prefix = (name, line.depth)  # "- **Improve alerting**" over its own detail: one labelled item
        return True
    if IMPROVEMENT_LABEL.search(name) and not TASK_LABEL.search(name):
        state.kind = TaskKind.IMPROVEMENT
    elif TASK_LABEL.search(name) or section_of(text) == "corrective":
        state.kind = TaskKind.TASK
    elif line.kind == "heading":
        state.kind = default_kind
        state.group_status = TaskStatus.DONE if _DONE_GROUP.search(name) else None
        return None
    else:
        children = _children(found, index)
        if children == 0:  # "**Add an alert**" alone is an item written in bold
            return None if text.rstrip("*_ ").endswith(":") else False
        if children == 1:
            state.prefix = (name, line.depth)
            return True
        state.group_status = TaskStatus.DONE if _DONE_GROUP.search(name) else None
        return None
    state.group_status = TaskStatus.DONE if _DONE_GROUP.search(name) else None
    # The kind holds a plain "Tasks:"; a name saying more ("Short-term (Q3, #40885)") goes to the notes.
    return None if re.search(r"[(\[\d]|https?:", text) else True


def _children(found: list[Piece], index: int) -> int:
    """How many items (up to two) the label at `index` stands over."""
    label = found[index].line
    count = 0
    child_depth: int | None = None
    for piece in found[index + 1 :]:
        line = piece.line
        if line.kind in ("heading", "row", "code") or is_label(piece.text):
            break
        if line.kind == "item" and line.depth > label.depth:
            child_depth = child_depth or line.depth
            count += line.depth == child_depth
        elif line.kind == "more" and line.depth > label.depth:
            continue
        elif line.kind == "more" and label.kind != "text" and line.depth == label.depth:
            count += 1
        elif line.kind == "text" and label.kind == "text" and count == 0:
            return 1 if line.number == found[index].lines[-1].number + 1 else 0
        else:
            break
        if count >= 2:
            break
    return count


def _only_a_reference(text: str) -> bool:
    """A sub-item that only points somewhere: "PR: https://...", "[#123](...)", "See #42"."""
    stripped = re.sub(r"\[([^\]]*)\]\([^)]*\)|<?https?://\S+>?|#\d+|[*_`]", " ", text)
    words = re.findall(r"\w+", stripped)
    return stripped != text and (len(words) <= 2 or (_POINTER.match(text) is not None and len(words) <= 5))


def _prose_tasks(piece: Piece, state: _Reading, context: Context, unplaced: list[Line]) -> list[Task]:
    """One task per sentence of a prose paragraph that states a measure; the paragraph goes to the notes
    as well when some of it is not a measure, so nothing the writer said is lost."""
    tasks: list[Task] = []
    whole = True
    for sentence in split_sentences(piece.text):
        task = make_task(sentence, state.kind, None, context) if states_a_measure(sentence) else None
        if task is None:
            whole = False
        else:
            tasks.append(task)
    if not whole:
        unplaced.append(piece.note())
    return tasks
