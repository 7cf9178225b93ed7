"""Undo and redo for a whole editing session, as snapshots of the report.

Snapshots are simple and always right (an undo can never half-apply), and a
deep copy of a seed-sized report costs well under a millisecond. Keystrokes in
one field within a short pause coalesce into one step, so undo takes back a
word or a sentence, not a letter.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from pmtui.model import Postmortem

#: Edits of the same field closer together than this are one undo step.
COALESCE_SECONDS = 1.5
MAX_STEPS = 500


class History:
    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._undo: list[tuple[Postmortem, str]] = []
        self._redo: list[tuple[Postmortem, str]] = []
        self._last_group: str | None = None
        self._last_time = 0.0
        self._clock = clock
        self._dropped_redo: list[tuple[Postmortem, str]] = []
        """The redo steps the edit being recorded cleared, given back if that edit does not happen."""

    def record(self, before: Postmortem, label: str, group: str | None = None) -> bool:
        """Remember the report as it is before an edit; `group` names a field for coalescing.

        Returns whether a new step was added (False when the edit joins the last one).
        """
        now = self._clock()
        joins_last = (
            group is not None and group == self._last_group and now - self._last_time < COALESCE_SECONDS
        )
        self._last_group, self._last_time = group, now
        self._dropped_redo, self._redo = self._redo, []
        if joins_last and self._undo:
            return False
        self._undo.append((before.snapshot(), label))
        del self._undo[:-MAX_STEPS]
        return True

    def discard_last(self) -> None:
        """Forget the step just recorded, for an edit the model refused: redo is as it was."""
        if self._undo:
            self._undo.pop()
        self._redo, self._dropped_redo = self._dropped_redo, []
        self._last_group = None

    def drop_if_unchanged(self, current: Postmortem) -> bool:
        """Forget the last step when the report is as it was before it: an edit that changed nothing.

        Returns whether a step was dropped. Typing a letter and deleting it within
        one coalesced step drops that step too, since together they changed nothing.
        """
        if not self._undo or self._undo[-1][0] != current:
            return False
        self.discard_last()
        return True

    def undo(self, current: Postmortem) -> tuple[Postmortem, str] | None:
        if not self._undo:
            return None
        previous, label = self._undo.pop()
        self._redo.append((current.snapshot(), label))
        self._last_group = None
        return previous, label

    def redo(self, current: Postmortem) -> tuple[Postmortem, str] | None:
        if not self._redo:
            return None
        following, label = self._redo.pop()
        self._undo.append((current.snapshot(), label))
        self._last_group = None
        return following, label

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)
