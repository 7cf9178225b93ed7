"""Undo and redo for a whole editing session, each step the change an edit made.

A step holds what the edit changed and nothing else: each field it set, with the old
and new values (the model logs every assignment while an edit runs, see
`model.changes_logged`), and each stretch of a list it replaced, with the entries
that were there before and after (found by comparing the list before and after the
edit). Typing a letter in the title of a 10,000-event report keeps two strings, not a
copy of the report. Undo puts every change back in the same objects; so an event keeps
its key, and the table keeps its place.

Keystrokes in one field within a short pause coalesce into one step, so undo takes
back a word or a sentence, not a letter. The history is bounded by steps and by an
estimate of the memory its steps hold, oldest first.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from pmtui.model import Event, Postmortem, Task, changes_logged

#: Edits of the same field closer together than this are one undo step.
COALESCE_SECONDS = 1.5
MAX_STEPS = 500
#: Roughly what the steps may hold, removed entries and old texts included.
MAX_BYTES = 32 * 1024 * 1024
#: What an event or task costs to keep, besides its texts: the model object and its values.
_ENTRY_BYTES = 1200


@dataclass
class Assignment:
    owner: BaseModel
    name: str
    old: Any
    new: Any


@dataclass
class Splice:
    """`items[start:start + len(new)]` was `old` before the edit."""

    items: list[Any]
    start: int
    old: list[Any]
    new: list[Any]


@dataclass
class Step:
    label: str
    changes: list[Assignment | Splice] = field(default_factory=list)
    document: tuple[Postmortem, Postmortem] | None = None
    """For a step that replaced the whole report (a reload): the report before and after."""
    size: int = 0

    def undo(self) -> None:
        for change in reversed(self.changes):
            if isinstance(change, Assignment):
                change.owner.__dict__[change.name] = change.old  # a value the model held: valid
            else:
                change.items[change.start : change.start + len(change.new)] = change.old

    def redo(self) -> None:
        for change in self.changes:
            if isinstance(change, Assignment):
                change.owner.__dict__[change.name] = change.new
            else:
                change.items[change.start : change.start + len(change.old)] = change.new

    def changed_nothing(self) -> bool:
        """Every field ends as it began, and every list holds what it held (entries compared by
        value: an event replaced by an equal one is no change)."""
        if self.document is not None:
            return False
        first: dict[tuple[int, str], Any] = {}
        splices: dict[int, list[Splice]] = {}
        for change in self.changes:
            if isinstance(change, Assignment):
                first.setdefault((id(change.owner), change.name), change.old)
            else:
                splices.setdefault(id(change.items), []).append(change)
        for changes in splices.values():
            if len(changes) == 1:  # the usual case: only the stretch it replaced need be compared
                if changes[0].old != changes[0].new:
                    return False
                continue
            items = changes[0].items
            before = list(items)
            for change in reversed(changes):  # the list as it was before the step
                before[change.start : change.start + len(change.new)] = change.old
            if before != items:
                return False
        return all(
            change.owner.__dict__[change.name] == first[(id(change.owner), change.name)]
            for change in self.changes
            if isinstance(change, Assignment)
        )


class _Recorder:
    """Collects one edit's changes: assignments as the model logs them, list changes after."""

    def __init__(self, report: Postmortem) -> None:
        self.changes: list[Assignment | Splice] = []
        self.lists = [(items, list(items)) for items in _lists_of(report)]

    def assigned(self, owner: BaseModel, name: str, old: object, new: object) -> None:
        self.changes.append(Assignment(owner, name, old, new))

    def finish(self) -> list[Assignment | Splice]:
        for items, before in self.lists:
            self.changes.extend(_splices(items, before))
        self.lists = []  # finished: a second call adds nothing
        return self.changes


def _lists_of(report: Postmortem) -> list[list[Any]]:
    """Every list in the report an edit may change in place."""
    return [
        report.timeline,
        report.tasks,
        report.authors,
        report.analysis.contributing_factors,
        report.lessons.went_well,
        report.lessons.went_wrong,
        report.lessons.lucky,
    ]


def _splices(items: list[Any], before: list[Any]) -> list[Splice]:
    """How `items` differs from `before`, entries compared by identity: the one stretch that
    differs, or, for an entry moved along the list (an event retimed), a removal and an
    insertion, so the history holds two entries and not the whole stretch between."""
    start, shortest = 0, min(len(items), len(before))
    while start < shortest and items[start] is before[start]:
        start += 1
    if start == len(items) == len(before):
        return []
    end_now, end_before = len(items), len(before)
    while end_now > start and end_before > start and items[end_now - 1] is before[end_before - 1]:
        end_now, end_before = end_now - 1, end_before - 1
    old, new = before[start:end_before], items[start:end_now]
    if len(old) == len(new) > 2:
        if _same(old[1:], new[:-1]):  # old[0] went, new[-1] came, further on
            return [Splice(items, start, old[:1], []), Splice(items, start + len(old) - 1, [], new[-1:])]
        if _same(old[:-1], new[1:]):  # new[0] came, old[-1] went, further on
            return [Splice(items, start, [], new[:1]), Splice(items, start + len(old), old[-1:], [])]
    return [Splice(items, start, old, new)]


def _same(these: list[Any], those: list[Any]) -> bool:
    return len(these) == len(those) and all(a is b for a, b in zip(these, those, strict=True))


def _size(change: Assignment | Splice, previous: Assignment | Splice | None) -> int:
    """About what keeping `change` costs; typing's old value is the last keystroke's new one."""
    if isinstance(change, Assignment):
        shared = isinstance(previous, Assignment) and previous.new is change.old
        return 64 + _value_size(change.new) + (0 if shared else _value_size(change.old))
    kept = {id(entry) for entry in change.new}  # entries still in the report cost the history nothing
    removed = sum(_value_size(entry) for entry in change.old if id(entry) not in kept)
    return 64 + 8 * (len(change.old) + len(change.new)) + removed


def _value_size(value: object) -> int:
    if isinstance(value, str):
        return sys.getsizeof(value)
    if isinstance(value, (Event, Task)):
        return _ENTRY_BYTES + sum(sys.getsizeof(v) for v in value.__dict__.values() if isinstance(v, str))
    if isinstance(value, list):
        return sys.getsizeof(value) + sum(_value_size(item) for item in value)
    return 64


class History:
    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._undo: list[Step] = []
        self._redo: list[Step] = []
        self._bytes = 0
        self._last_group: str | None = None
        self._last_time = 0.0
        self._clock = clock

    def apply(
        self, report: Postmortem, label: str, change: Callable[[Postmortem], object], group: str | None = None
    ) -> None:
        """Run `change` on `report` and remember what it did; `group` names a field for coalescing.

        When `change` raises (the model refused a value), whatever it had changed is put
        back, nothing is remembered, redo is as it was, and the error goes on.
        """
        recorder = _Recorder(report)
        try:
            with changes_logged(recorder):
                change(report)
        except BaseException:
            Step(label, recorder.finish()).undo()
            raise
        changes = recorder.finish()
        if not changes:
            return
        now = self._clock()
        joins = group is not None and group == self._last_group and now - self._last_time < COALESCE_SECONDS
        self._last_group, self._last_time = group, now
        self._forget_redo()
        if joins and self._undo:
            step = self._undo[-1]
        else:
            step = Step(label)
            self._undo.append(step)
        added = 0
        for made in changes:
            added += _size(made, step.changes[-1] if step.changes else None)
            step.changes.append(made)
        step.size += added
        self._bytes += added
        self._trim()

    def replaced(self, before: Postmortem, after: Postmortem, label: str) -> None:
        """Remember that the whole report was replaced (a reload from disk, restored edits)."""
        step = Step(label, document=(before, after), size=_report_size(before))
        self._undo.append(step)
        self._forget_redo()
        self._bytes += step.size
        self._last_group = None
        self._trim()

    def drop_if_unchanged(self) -> bool:
        """Forget the last step when it left the report as it found it: an edit that changed
        nothing (typing a letter and deleting it within one coalesced step, too)."""
        if not self._undo or not self._undo[-1].changed_nothing():
            return False
        self._bytes -= self._undo.pop().size
        self._last_group = None
        return True

    def undo(self, current: Postmortem) -> tuple[Postmortem, Step] | None:
        """Take back the last step; returns the report to show (the same one, unless the step
        replaced it) and the step, or None when there is nothing to undo."""
        if not self._undo:
            return None
        step = self._undo.pop()
        self._redo.append(step)
        self._last_group = None
        if step.document is not None:
            return step.document[0], step
        step.undo()
        return current, step

    def redo(self, current: Postmortem) -> tuple[Postmortem, Step] | None:
        if not self._redo:
            return None
        step = self._redo.pop()
        self._undo.append(step)
        self._last_group = None
        if step.document is not None:
            return step.document[1], step
        step.redo()
        return current, step

    def _forget_redo(self) -> None:
        self._bytes -= sum(step.size for step in self._redo)
        self._redo = []

    def _trim(self) -> None:
        while len(self._undo) > 1 and (len(self._undo) > MAX_STEPS or self._bytes > MAX_BYTES):
            self._bytes -= self._undo.pop(0).size

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    @property
    def size(self) -> int:
        """The estimated bytes the undo and redo steps hold."""
        return self._bytes


def _report_size(report: Postmortem) -> int:
    return (_ENTRY_BYTES + 200) * (len(report.timeline) + len(report.tasks)) + 4096
