"""Python's cycle collector, paused while pmtui builds many short-lived objects at once.

An import or a save builds tens of thousands of small objects (tokens, lines, events)
that reference counting frees on its own; the cycle collector would walk them again
and again as they pile up, up to a fifth of a big import. It is paused for such a
stretch, never for the editor's life, and a command that handles many files freezes what is
loaded (`freeze_what_is_loaded`) and collects between files, so memory stays bounded.
The `pmtui` command skips the collector's last pass at exit (`skip_the_last_collection`).
The editor's start is one such stretch (`pause_for_start`, then `started`).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def cycle_collection_paused() -> Iterator[None]:
    """The collector off for the block, then back as it was (nesting is harmless)."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def freeze_what_is_loaded() -> None:
    """Move every object alive now (modules, classes, caches) out of the collector's sight, so
    a `gc.collect()` between files looks only at what the files made."""
    gc.collect()
    gc.freeze()


def skip_the_last_collection() -> None:
    """The process is about to exit: Python would walk every object still tracked (all of
    pydantic's, markdown-it's and Textual's) for cycles the system frees anyway, about 25 ms
    of a quick command. Frozen objects are not walked. Only for a process that is ending."""
    gc.freeze()


_paused_for_start = False


def pause_for_start() -> None:
    """The editor is about to load: modules, the report and the first screen's widgets, all
    living as long as it does. The collector would walk them again and again as they pile
    up (about 70 ms of a seed's launch); `started` freezes them and resumes it."""
    global _paused_for_start
    if gc.isenabled():
        gc.disable()
        _paused_for_start = True


def started() -> None:
    """The first frame is up. What exists now lives as long as the editor, so it is frozen out
    of the collector's sight (later collections, during edits, never walk it) and the
    collector resumes. Nothing happens unless `pause_for_start` paused it."""
    global _paused_for_start
    if _paused_for_start:
        _paused_for_start = False
        gc.freeze()
        gc.enable()
