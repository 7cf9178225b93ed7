"""The incident's course on one line: start, detected, mitigated, resolved, to scale, with TTD/TTM/TTR.

    14:00 ●──D──────M───────────R 17:40 UTC  TTD 5m · TTM 1h 2m · TTR 3h 40m

The moments are the ones `Postmortem.metrics()` measures: from the first
`started` event, else the summary start, to the first event of each kind. So
the line, the preview and the export give the same figures. There is no
fallback to the summary end for "resolved": TTR would then be on the Summary
tab but not in the exported report, and "impact ended" is often the mitigation.

A line is always exactly the width asked for. When it is narrow the times go
first, then the bar; the figures stay. An event before the origin gets a
warning instead of a bar drawn backwards.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta

from pmtui.labels import EVENT_KIND_LABELS
from pmtui.model import EventKind, Postmortem
from pmtui.timeshow import format_duration, format_moment
from pmtui.zones import home_zone

ORIGIN_MARK, LINE, WARNING, CUT = "●", "─", "!", "…"
MIN_BAR = 10
"""Narrower than this, a bar says nothing about scale: the figures are shown alone."""
GAP = "  "

#: The milestones on the bar, in the order their figures are listed: kind, mark, figure.
MILESTONES = (
    (EventKind.DETECTED, "D", "TTD"),
    (EventKind.MITIGATED, "M", "TTM"),
    (EventKind.RESOLVED, "R", "TTR"),
)


@dataclass(frozen=True)
class Mark:
    """A milestone reached: when, and how long after the origin (negative if before it, zero if
    there is no origin to measure from: the line then asks for one)."""

    kind: EventKind
    at: datetime
    since_origin: timedelta

    @property
    def letter(self) -> str:
        return next(letter for kind, letter, _ in MILESTONES if kind is self.kind)

    @property
    def figure(self) -> str:
        name = next(name for kind, _, name in MILESTONES if kind is self.kind)
        return f"{name} {format_duration(self.since_origin)}"


@dataclass(frozen=True)
class Course:
    """What the line shows, worked out once per edit; drawn for any width by `course_line`."""

    origin: datetime | None
    marks: tuple[Mark, ...]
    zone: str = "UTC"
    dated: bool = True
    """False: times are wall times, shown as written (their anchoring day is made up)."""


def course_of(report: Postmortem) -> Course:
    """The course of `report`, from the same origin and events as `report.metrics()`."""
    firsts = report._first_milestones()
    started = firsts.get(EventKind.STARTED)
    origin = started[1] if started is not None else report.anchored_window()[0]
    marks = tuple(
        Mark(kind, firsts[kind][1], firsts[kind][1] - origin if origin is not None else timedelta(0))
        for kind, _, _ in MILESTONES
        if kind in firsts
    )
    return Course(origin, marks, report.timezone, report.is_dated)


def course_line(course: Course, width: int) -> str:
    """The course in exactly `width` characters: the richest version that fits, else one cut short."""
    if width <= 0:
        return ""
    plainest = ""
    for plainest in _versions(course, width):
        if len(plainest) <= width:
            return plainest.ljust(width)
    return (plainest[: width - 1].rstrip() + CUT).ljust(width)


def _versions(course: Course, width: int) -> Iterator[str]:
    """What the line could say, from the richest to the plainest."""
    origin, marks = course.origin, course.marks
    if origin is None:
        if marks:
            yield "Set a start or add a started event to measure TTD, TTM and TTR"
            yield "Set a start to see the course"
            yield "No start yet"
        else:
            yield "Add a started, detected, mitigated and resolved event to see the incident's course"
            yield "Add started, detected, mitigated and resolved events"
            yield "No milestones yet"
        return
    if not marks:
        yield f"{_clock(course, origin)} {ORIGIN_MARK} add a detected, mitigated or resolved event"
        yield "Add a detected, mitigated or resolved event"
        yield "No milestones yet"
        return
    figures = " · ".join(mark.figure for mark in marks)
    early = [mark for mark in marks if mark.since_origin < timedelta(0)]
    if early:
        words = " and ".join(EVENT_KIND_LABELS[mark.kind] for mark in early)
        warning = f"{WARNING} {words} before the start"
        yield f"{_clock(course, origin)} {warning}{GAP}{figures}"
        yield f"{warning}{GAP}{figures}"
        yield f"{WARNING} {figures}"
    else:
        start, end = _ends(course, origin, max(marks, key=lambda mark: mark.since_origin).at)
        for left, right in ((start + " ", " " + end), ("", "")):
            room = width - len(left) - len(right) - len(GAP + figures)
            if room >= MIN_BAR:
                yield left + _bar(marks, room) + right + GAP + figures
    yield figures
    yield "·".join(mark.figure for mark in marks)


def _bar(marks: tuple[Mark, ...], room: int) -> str:
    """The origin and the marks placed by time in at most `room` cells.

    Marks that would share a cell move apart so each still shows. Everything
    at one instant is drawn without a line (`●DMR`): there is no span to scale.
    """
    ordered = sorted(marks, key=lambda mark: mark.since_origin)
    span = ordered[-1].since_origin
    if not span:
        return ORIGIN_MARK + "".join(mark.letter for mark in ordered)
    cells, last = room - 1, len(ordered) - 1
    places, previous = [], 0
    for mark in ordered:
        previous = max(round(mark.since_origin / span * cells), previous + 1)
        places.append(previous)
    places = [min(place, cells - (last - index)) for index, place in enumerate(places)]
    bar = [ORIGIN_MARK] + [LINE] * cells
    for mark, place in zip(ordered, places, strict=True):
        bar[place] = mark.letter
    return "".join(bar)


def _ends(course: Course, origin: datetime, last: datetime) -> tuple[str, str]:
    """The times at both ends of the bar; the zone once if both ends share it, `+1d` for a later day."""
    start, end = _clock(course, origin), _clock(course, last)
    start_clock, _, start_zone = start.partition(" ")
    end_clock, _, end_zone = end.partition(" ")
    if start_zone == end_zone:
        start = start_clock
    days = (_local(course, last).date() - _local(course, origin).date()).days
    if days > 0:
        end = f"{end_clock}+{days}d {end_zone}"
    return start, end


def _clock(course: Course, moment: datetime) -> str:
    """A moment as the Summary tab shows times; a date-less report's as the wall time it was written as."""
    if course.dated:
        return format_moment(moment, course.zone)
    return format_moment(_local(course, moment).time(), course.zone)


def _local(course: Course, moment: datetime) -> datetime:
    return moment.astimezone(home_zone(course.zone))
