"""Which event or task of one version of a report is which in another.

The file gives events and tasks no ids, so they are matched by content: equal entries
first; then an event at the same time, then one with the same text; a task with the same
title. `pmtui diff` and `pmtui merge` both match this way.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import TypeVar

from pmtui.model import Event, Task

T = TypeVar("T", Event, Task)

#: The report's fields outside the timeline, the tasks and the notes, in the order a diff and
#: a merge go through them.
SCALAR_PARTS = ("title", "status", "severity", "authors", "timezone", "summary", "analysis", "lessons")
Keys = Callable[[T], tuple[tuple[object, ...], ...]]


def event_keys(event: Event) -> tuple[tuple[object, ...], ...]:
    return ((event.at, event.approximate), (event.text,))


def task_keys(task: Task) -> tuple[tuple[object, ...], ...]:
    return ((task.title,),)


def match(old: Sequence[T], new: Sequence[T], keys: Keys[T]) -> dict[int, int]:
    """Index in `new` of each entry of `old` that is still there, changed or not: equal entries
    first, then by each of `keys`' levels in turn. Entries are matched at most once."""
    found: dict[int, int] = {}
    taken: set[int] = set()
    levels: list[Callable[[T], object]] = [lambda entry: entry.model_dump()]
    if old:
        levels += [partial(_level, keys, level) for level in range(len(keys(old[0])))]
    for key in levels:
        where: dict[object, list[int]] = {}
        for index, entry in enumerate(new):
            if index not in taken:
                where.setdefault(_hashable(key(entry)), []).append(index)
        for index, entry in enumerate(old):
            if index in found:
                continue
            spots = where.get(_hashable(key(entry)))
            if spots:
                found[index] = spots.pop(0)
                taken.add(found[index])
    return found


def _level(keys: Keys[T], level: int, entry: T) -> object:
    return keys(entry)[level]


def _hashable(value: object) -> object:
    return repr(value) if isinstance(value, dict) else value
