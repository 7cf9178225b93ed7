"""Three versions of a report merged by meaning: git's merge driver (`pmtui merge BASE OURS THEIRS`).

Two people edit the same postmortem on two machines: one adds an event and rewords the
impact, the other marks a task done. A line merge of the TOML conflicts as soon as the two
edits are near each other; here each field, event and task is merged on its own.

- A field changed on one side only takes that change; changed the same way on both, too.
- Events and tasks are matched across the versions by content, as `pmtui diff` does (the
  file gives them no ids): equal entries, then an event at the same time or with the same
  text, a task with the same title. An entry added on either side is kept (once, if both
  added it); one removed on a side and left alone on the other is removed; one changed on
  one side takes the change; changed on both, it is merged field by field.
- Both sides changed the same thing differently: a text field gets git's conflict markers
  inside its text (on one line, for a one-line field); any other field keeps our value and
  the conflict is written into the report's notes, with markers. The result is still a
  valid report; `pmtui validate` fails and the editor warns until every marker is gone.

Nothing here imports Textual.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from pmtui.edits import insert_event
from pmtui.matching import SCALAR_PARTS, Keys, T, event_keys, match, task_keys
from pmtui.model import Event, Postmortem, Task

OURS_MARK, BASE_MARK, SPLIT_MARK, THEIRS_MARK = "<<<<<<< ours", "||||||| base", "=======", ">>>>>>> theirs"
CONFLICT_HEADING = "Merge conflicts to resolve (pmtui merge kept our value for each):"


@dataclass
class Merged:
    report: Postmortem
    conflicts: list[str] = field(default_factory=list)
    """Where both sides changed the same thing differently, one line each."""


def merge_reports(base: Postmortem, ours: Postmortem, theirs: Postmortem) -> Merged:
    merged = ours.model_copy(deep=True)
    conflicts: list[str] = []
    kept: list[str] = []  # conflicts on fields that cannot hold markers: said in the notes
    for part in SCALAR_PARTS:
        target = getattr(merged, part)
        if isinstance(target, BaseModel):
            for name in type(target).model_fields:
                was, mine, other = (getattr(getattr(r, part), name) for r in (base, ours, theirs))
                setattr(target, name, _merge_value(f"{part}.{name}", was, mine, other, conflicts, kept))
        else:
            was, mine, other = (getattr(r, part) for r in (base, ours, theirs))
            setattr(merged, part, _merge_value(part, was, mine, other, conflicts, kept))
    merged.timeline = []
    for event in _merge_entries(
        base.timeline, ours.timeline, theirs.timeline, event_keys, "timeline", conflicts, kept
    ):
        insert_event(merged, event)
    merged.tasks = list(
        _merge_entries(base.tasks, ours.tasks, theirs.tasks, task_keys, "tasks", conflicts, kept)
    )
    notes = _merge_value("notes", base.notes, ours.notes, theirs.notes, conflicts, kept)
    if kept:
        block = "\n".join([OURS_MARK, CONFLICT_HEADING, *kept, SPLIT_MARK, THEIRS_MARK])
        notes = f"{notes}\n\n{block}" if notes else block
    merged.notes = notes
    return Merged(merged, conflicts)


def _merge_value(path: str, base: Any, ours: Any, theirs: Any, conflicts: list[str], kept: list[str]) -> Any:
    if ours == theirs or theirs == base:
        return ours
    if ours == base:
        return theirs
    conflicts.append(f"{path}: changed on both sides")
    if type(ours) is str and type(theirs) is str:  # text; a choice (a str enum) cannot hold markers
        return _marked(ours, theirs)
    kept.append(f"- {path}: ours {_shown(ours)}, theirs {_shown(theirs)}")
    return ours


def _marked(ours: str, theirs: str) -> str:
    """Both texts between git's markers: on lines of their own for a multi-line text, in one
    line otherwise (a one-line field cannot hold a line break)."""
    if "\n" in ours or "\n" in theirs:
        return "\n".join([OURS_MARK, ours, SPLIT_MARK, theirs, THEIRS_MARK])
    return f"{OURS_MARK} {ours} {SPLIT_MARK} {theirs} {THEIRS_MARK}"


def _shown(value: Any) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(str(item) for item in value) + "]"
    return str(getattr(value, "value", value)) if value is not None else "(none)"


# ---------------------------------------------------------------- events and tasks


def _merge_entries(
    base: Sequence[T],
    ours: Sequence[T],
    theirs: Sequence[T],
    keys: Keys[T],
    area: str,
    conflicts: list[str],
    kept: list[str],
) -> list[T]:
    """The entries both sides keep, in our order, with their changes; then theirs' additions."""
    in_ours, in_theirs = match(base, ours, keys), match(base, theirs, keys)
    ours_base = {spot: index for index, spot in in_ours.items()}
    theirs_base = {spot: index for index, spot in in_theirs.items()}
    result: list[T] = []
    for spot, entry in enumerate(ours):
        origin = ours_base.get(spot)
        if origin is None:
            result.append(entry.model_copy())  # added on our side
            continue
        other = in_theirs.get(origin)
        if other is None:  # removed on their side
            if entry == base[origin]:
                continue
            conflicts.append(f"{area}: {_label(entry)}: changed on our side, removed on theirs")
            kept.append(f"- {area}: {_label(entry)}: changed on our side, removed on theirs (kept)")
            result.append(entry.model_copy())
            continue
        result.append(_merge_entry(base[origin], entry, theirs[other], area, conflicts, kept))
    ours_added = [entry for spot, entry in enumerate(ours) if spot not in ours_base]
    for spot, entry in enumerate(theirs):
        origin = theirs_base.get(spot)
        if origin is None:
            if entry not in ours_added:  # both added the same entry: kept once
                result.append(entry.model_copy())
        elif origin not in in_ours and entry != base[origin]:
            conflicts.append(f"{area}: {_label(entry)}: changed on their side, removed on ours")
            kept.append(f"- {area}: {_label(entry)}: changed on their side, removed on ours (kept)")
            result.append(entry.model_copy())
    return result


def _merge_entry(base: T, ours: T, theirs: T, area: str, conflicts: list[str], kept: list[str]) -> T:
    merged = ours.model_copy()
    for name in type(ours).model_fields:
        value = _merge_value(
            f"{area}: {_label(ours)}: {name}",
            getattr(base, name),
            getattr(ours, name),
            getattr(theirs, name),
            conflicts,
            kept,
        )
        setattr(merged, name, value)
    return merged


def _label(entry: Event | Task) -> str:
    text = entry.text if isinstance(entry, Event) else entry.title
    flat = " ".join(text.split())
    return repr(flat if len(flat) <= 40 else flat[:39] + "…")
