"""The words shared by the export, the importer and the editor."""

from __future__ import annotations

from pmtui.labels import EVENT_KIND_LABELS, TASK_KIND_HEADINGS, TASK_STATUS_LABELS
from pmtui.model import EventKind, TaskKind, TaskStatus


def test_every_milestone_has_a_label_of_its_own_and_a_note_has_none() -> None:
    """The importer reads a label back to its kind, so no two kinds may share one."""
    milestones = [kind for kind in EventKind if kind is not EventKind.NOTE]
    assert list(EVENT_KIND_LABELS) == milestones
    assert len(set(EVENT_KIND_LABELS.values())) == len(milestones)


def test_every_task_kind_and_status_has_its_own_words() -> None:
    assert set(TASK_KIND_HEADINGS) == set(TaskKind)
    assert len(set(TASK_KIND_HEADINGS.values())) == len(TaskKind)
    assert set(TASK_STATUS_LABELS) == set(TaskStatus)
    assert len(set(TASK_STATUS_LABELS.values())) == len(TaskStatus)
