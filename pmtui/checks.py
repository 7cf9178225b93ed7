"""Warnings about a report that loads fine but that a reviewer would send back."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from datetime import datetime, time, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from pmtui.model import EventKind, EventMoment, Problem
from pmtui.timeshow import format_moment
from pmtui.tzdb import nearest_usage, place_name
from pmtui.zones import format_offset, signed_offset

if TYPE_CHECKING:
    from pmtui.model import Postmortem

#: The order milestones must happen in; escalation may come at any point.
MILESTONE_ORDER = (
    EventKind.STARTED,
    EventKind.DETECTED,
    EventKind.ACKNOWLEDGED,
    EventKind.CAUSE_IDENTIFIED,
    EventKind.MITIGATED,
    EventKind.RESOLVED,
)


#: POSIX-style names, whose sign is the opposite of what they look like.
_POSIX_GMT = re.compile(r"^(?:Etc/)?GMT[+-]\d+$")


#: The editor's areas (see `edits.areas_for`) whose edits can change a warning: the zone, the
#: window, the timeline and the tasks. An edit anywhere else (the title, the impact, the
#: analysis, the notes) cannot, so the editor keeps the warnings it has (a test holds this).
AREAS_WITH_PROBLEMS = frozenset({"zone", "window", "timeline", "tasks"})


#: Above this many events and tasks, the editor checks a report off its UI thread after an
#: edit (30 ms at 10,000 events), showing the last warnings until the new ones are ready.
CHECK_ASIDE_FROM = 2_000


class KnownProblems:
    """A report's warnings, worked out again only after an edit that can change them: typing
    in the title of a 10,000-event report checks nothing."""

    def __init__(self) -> None:
        self._problems: list[Problem] | None = None
        self.latest: list[Problem] = []
        """The last warnings found, for the report as it is or (while it is checked) as it was."""

    def edited(self, areas: frozenset[str], reload: bool = False) -> None:
        """An edit touched `areas` (`reload`: the whole report may have changed)."""
        if reload or areas & AREAS_WITH_PROBLEMS:
            self._problems = None

    @property
    def stale(self) -> bool:
        """An edit may have changed the warnings since they were found."""
        return self._problems is None

    def of(self, report: Postmortem) -> list[Problem]:
        if self._problems is None:
            self.found(report.problems())
        assert self._problems is not None
        return self._problems

    def found(self, problems: list[Problem]) -> None:
        """The warnings of the report as it is now (worked out elsewhere, say off the UI thread)."""
        self._problems = self.latest = problems


def worth_checking_aside(report: Postmortem) -> bool:
    """Checking this report takes long enough to keep it off the UI thread."""
    return len(report.timeline) + len(report.tasks) >= CHECK_ASIDE_FROM


#: What a merge conflict left in a text (`pmtui merge`, or git's own): `pmtui validate` fails on it.
UNRESOLVED_CONFLICT = "unresolved merge conflict: keep one side and delete the <<<<<<< ======= >>>>>>> lines"


def has_conflict_markers(text: str) -> bool:
    """Text that still holds a merge's conflict markers (`<<<<<<<` ... `>>>>>>>`)."""
    return "<<<<<<<" in text and ">>>>>>>" in text


def find_problems(report: Postmortem) -> list[Problem]:
    return [
        *_conflict_problems(report),
        *_zone_problems(report),
        *_window_problems(report),
        *_timeline_problems(report),
        *_offset_problems(report),
        *_milestone_problems(report),
        *_task_problems(report),
    ]


def _conflict_problems(report: Postmortem) -> list[Problem]:
    return [
        Problem(field, UNRESOLVED_CONFLICT) for field, text in _texts(report) if has_conflict_markers(text)
    ]


def _texts(report: Postmortem) -> Iterator[tuple[str, str]]:
    """Every text of the report, by field path."""
    yield "title", report.title
    yield "severity", report.severity or ""
    for index, author in enumerate(report.authors):
        yield f"authors[{index}]", author
    for part in (report.summary, report.analysis, report.lessons):
        name = type(part).__name__.lower()
        for field in type(part).model_fields:
            value = getattr(part, field)
            if isinstance(value, str):
                yield f"{name}.{field}", value
            elif isinstance(value, list):
                yield from (
                    (f"{name}.{field}[{i}]", item) for i, item in enumerate(value) if isinstance(item, str)
                )
    yield "notes", report.notes
    for index, event in enumerate(report.timeline):
        yield f"timeline[{index}].text", event.text
    for index, task in enumerate(report.tasks):
        yield f"tasks[{index}].title", task.title
        yield f"tasks[{index}].owner", task.owner or ""


def _zone_problems(report: Postmortem) -> list[Problem]:
    """`Etc/GMT+3` is UTC-3: almost everyone who writes it means the opposite."""
    if not _POSIX_GMT.match(report.timezone):
        return []
    offset = datetime(2024, 1, 15, tzinfo=report.zone).utcoffset() or timedelta(0)
    if not offset:
        return []
    return [
        Problem(
            "timezone",
            f"{report.timezone} means UTC{signed_offset(offset)} "
            "(POSIX names invert the sign); check that is what you meant",
        )
    ]


def _offset_problems(report: Postmortem) -> list[Problem]:
    """Stamps whose offset is not the report zone's at that moment: a season mix-up, a typo, a wrong zone."""
    stamped: list[tuple[str, EventMoment | None]] = [
        ("summary.start", report.summary.start),
        ("summary.end", report.summary.end),
    ]
    stamped += [(f"timeline[{index}].at", event.at) for index, event in enumerate(report.timeline)]
    found = []
    for field, moment in stamped:
        message = _foreign_offset(moment, report.timezone) if isinstance(moment, datetime) else None
        if message:
            found.append(Problem(field, message))
    return found


def _foreign_offset(moment: datetime, zone_name: str) -> str | None:
    """Why a stamp's offset is not the report zone's at that instant; None when it is, or is UTC.

    An offset the zone keeps in another season (14:00 PST in a July Los Angeles
    report) was most likely written with the other season's abbreviation: the note
    says how it was read and how it is shown, since the time is kept as written.
    Any other offset is a typo or a wrong zone. UTC is left alone: writing times in
    UTC is common and intended, and is where a local mean time is kept.
    """
    written = moment.utcoffset() or timedelta(0)
    local = moment.astimezone(ZoneInfo(zone_name))
    expected = local.utcoffset() or timedelta(0)
    if not written or written == expected:
        return None
    season = nearest_usage(zone_name, local.replace(tzinfo=None), offset=written)
    if season is None:
        return (
            f"offset {signed_offset(written)} is not {zone_name}'s on {local.date().isoformat()} "
            f"(it is {signed_offset(expected)}); check the time"
        )
    taken = format_offset(written) + (f" ({season.name})" if season.name[:1].isalpha() else "")
    name = local.tzname() or ""
    was_on = f"{name} ({format_offset(expected)})" if name[:1].isalpha() else format_offset(expected)
    return (
        f"written as {taken} but {place_name(zone_name)} was on {was_on} then: "
        f"shown as {format_moment(moment, zone_name)}"
    )


def _window_problems(report: Postmortem) -> list[Problem]:
    start, end = report.summary.start, report.summary.end
    found = []
    if start is None:
        found.append(Problem("summary.start", "no start time"))
    if end is None:
        found.append(Problem("summary.end", "no end time"))
    if isinstance(start, datetime) and isinstance(end, datetime) and end < start:
        found.append(Problem("summary.end", "ends before it starts"))
    if isinstance(start, time) and isinstance(end, time) and end < start:
        # Date-less times roll over, so 23:00 to 01:00 is two hours: say so, it may be a typo.
        found.append(Problem("summary.end", "earlier than the start, so read as the next day"))
    wall_times = [m for m in (start, end) if isinstance(m, time)] + [
        e.at for e in report.timeline if isinstance(e.at, time)
    ]
    if wall_times and not report.is_dated:
        found.append(Problem("summary.start", "no date is given; times stay date-less until one is set"))
    return found


def _timeline_problems(report: Postmortem) -> list[Problem]:
    """Events out of order or outside the window. A date-only event is the whole of its day:
    it is out of order or outside only when its day is (its midnight is a sort key, no more)."""
    found = []
    times = report.anchored_times()
    start, end = report.anchored_window()
    zone = report.zone
    previous = None
    for index, (event, when) in enumerate(zip(report.timeline, times, strict=False)):
        field = f"timeline[{index}].at"
        by_day = event.date_only
        if previous is not None and _is_before(when, previous, by_day, zone):
            found.append(Problem(field, "earlier than the event before it"))
        previous = max(previous, when) if by_day and previous is not None else when
        if event.kind is EventKind.STARTED:
            continue  # impact often begins before the window anyone wrote down
        if start is not None and _is_before(when, start, by_day, zone):
            found.append(Problem(field, "before the incident started"))
        elif end is not None and start is not None and end >= start and _is_before(end, when, by_day, zone):
            found.append(Problem(field, "after the incident ended"))
    return found


def _is_before(first: datetime, second: datetime, by_day: bool, zone: ZoneInfo) -> bool:
    """`first` comes before `second`; `by_day`: on an earlier day in the report's zone."""
    if by_day:
        return first.astimezone(zone).date() < second.astimezone(zone).date()
    return first < second


def _milestone_problems(report: Postmortem) -> list[Problem]:
    """Missing milestones and milestones out of order, among timed events (as `metrics()` counts them)."""
    if not report.timeline:
        return [Problem("timeline", "no events yet")]
    found = []
    timed = {event.kind for event in report.timeline if not event.date_only}
    dated = {event.kind for event in report.timeline if event.date_only}
    for needed in (EventKind.DETECTED, EventKind.RESOLVED):
        if needed in timed:
            continue
        if needed in dated:
            found.append(
                Problem(
                    "timeline", f"the '{needed.value}' event has no time, so its metric cannot be computed"
                )
            )
        else:
            found.append(Problem("timeline", f"no '{needed.value}' event, so its metric cannot be computed"))
    firsts: dict[EventKind, tuple[int, datetime]] = {}
    for index, (event, when) in enumerate(zip(report.timeline, report.anchored_times(), strict=False)):
        if not event.date_only:
            firsts.setdefault(event.kind, (index, when))
    seen = [(kind, *firsts[kind]) for kind in MILESTONE_ORDER if kind in firsts]
    for (kind_a, _, when_a), (kind_b, index_b, when_b) in itertools.pairwise(seen):
        if when_b < when_a:
            found.append(
                Problem(f"timeline[{index_b}].kind", f"'{kind_b.value}' comes before '{kind_a.value}'")
            )
    return found


def _task_problems(report: Postmortem) -> list[Problem]:
    found = []
    for index, task in enumerate(report.tasks):
        if not task.owner:
            found.append(Problem(f"tasks[{index}].owner", "no owner"))
    return found
