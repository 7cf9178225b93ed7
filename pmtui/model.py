"""The postmortem as data: one Pydantic model, no UI and no file format.

Validation refuses only what can never be right (a naive datetime, a control
character, an unknown zone, a year outside 1900-2200) and settles what has one
right form (a legacy zone name saved by its canonical name, an offset with
seconds as the same instant in UTC).
Everything a user fixes while writing (end before start, an event outside the
window, a task without an owner) is a `Problem` from `Postmortem.problems()`,
so a half-written report still loads and saves.
"""

from __future__ import annotations

import itertools
import operator
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Protocol
from zoneinfo import ZoneInfo

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    Strict,
    ValidationError,
)

from pmtui.text import MultiLine, SingleLine
from pmtui.tzdb import canonical_name
from pmtui.zones import zone_refusal

if TYPE_CHECKING:
    from typing_extensions import Self

#: The newest `schema_version` this pmtui reads. A file says the oldest version that can hold
#: it (`Postmortem.schema_version`), so an older pmtui still opens every report it can read, and
#: refuses the others by their version, not by a key it does not know.
SCHEMA_VERSION = 2
#: The version that brought date-only and approximate events; version 1 holds neither.
UNSURE_TIMES_VERSION = 2


#: The years pmtui reads. Wide enough for any incident, and far enough from
#: datetime's limits (years 1 and 9999) that shifting a moment to another zone,
#: anchoring it or rolling it over a day can never overflow.
EARLIEST_YEAR, LATEST_YEAR = 1900, 2200


def check_year(value: date) -> date:
    """Refuse a date outside EARLIEST_YEAR..LATEST_YEAR (a typo such as 0024, or 9999 as "never")."""
    if not EARLIEST_YEAR <= value.year <= LATEST_YEAR:
        raise ValueError(
            f"year {value.year:04d} is outside the range pmtui reads ({EARLIEST_YEAR}-{LATEST_YEAR})"
        )
    return value


def check_datetime(value: datetime) -> datetime:
    """Refuse an aware datetime pmtui could not store or compute with; give one TOML can hold.

    The instant's year (in UTC) must be in range. The year as written may be one
    beyond it, so 1900-01-01 00:30 UTC shown in New York (1899-12-31 19:30 EST)
    reads back, and is checked first, since converting year 1 or 9999 to UTC can
    itself overflow. Offsets are whole minutes in the file, because TOML cannot
    hold seconds: a time under a local mean time (Africa/Nairobi's +02:27:16 until
    1908) is kept as the same instant, in UTC. Rounding the offset would move it.
    """
    offset = value.utcoffset() or timedelta(0)
    if EARLIEST_YEAR < value.year < LATEST_YEAR:  # an offset (under a day) cannot move it out of range
        return value.astimezone(timezone.utc) if offset % _MINUTE else value
    if not EARLIEST_YEAR - 1 <= value.year <= LATEST_YEAR + 1:
        check_year(value)
    in_utc = value.astimezone(timezone.utc)
    if not EARLIEST_YEAR <= in_utc.year <= LATEST_YEAR:
        if not offset:
            check_year(in_utc)
        raise ValueError(
            f"year {in_utc.year:04d} (in UTC) is outside the range pmtui reads "
            f"({EARLIEST_YEAR}-{LATEST_YEAR})"
        )
    return in_utc if offset % _MINUTE else value


_MINUTE = timedelta(minutes=1)


def _check_wall_time(value: time) -> time:
    if value.tzinfo is not None:
        raise ValueError("a time without a date cannot carry an offset; the report's zone applies")
    return value


#: When something happened: an aware datetime, or a wall-clock time in the
#: report's zone when the report never states a date (kept date-less, never guessed).
#: The time parser returns one, the model stores one, the renderer shows one.
Moment = datetime | time

#: A `Moment` as a model field: the datetime checked by `check_datetime`, the time
#: refused if it carries an offset. Strict: a string in the file is a mistake to
#: report, not something to guess at.
MomentField = (
    Annotated[AwareDatetime, Strict(), AfterValidator(check_datetime)]
    | Annotated[time, Strict(), AfterValidator(_check_wall_time)]
)
Day = Annotated[date, Strict(), AfterValidator(check_year)]

#: When an event happened: a `Moment`, or a date alone when only the day is known. A date-only
#: event sorts before that day's timed events (as the day's midnight in the report's zone), and
#: is never a milestone's time: metrics skip it. `datetime` is a `date` too: test for it first.
EventMoment = Moment | date
EventMomentField = MomentField | Day


def _check_approximate(value: str) -> str:
    value = value.strip()
    if not value:
        raise ValueError("the time as written cannot be blank; leave `approximate` out for an exact time")
    return value


#: A time as written when it is approximate or unknown: "~13:30", "13:30-13:45", "14:??".
Approximate = Annotated[SingleLine, AfterValidator(_check_approximate)]


def _known_zone(name: str) -> str:
    """A zone zoneinfo knows, saved by its canonical name (`US/Eastern` as America/New_York)."""
    try:
        ZoneInfo(name)
    except (ValueError, KeyError, OSError):
        raise ValueError(zone_refusal(name)) from None
    return canonical_name(name)


ZoneName = Annotated[str, AfterValidator(_known_zone)]


class Status(str, Enum):
    DRAFT = "draft"
    REVIEW = "review"
    FINAL = "final"


class EventKind(str, Enum):
    """The milestones incident tools agree on, in the order they should happen."""

    STARTED = "started"
    DETECTED = "detected"
    ACKNOWLEDGED = "acknowledged"
    ESCALATED = "escalated"
    CAUSE_IDENTIFIED = "cause_identified"
    MITIGATED = "mitigated"
    RESOLVED = "resolved"
    NOTE = "note"


class TaskStatus(str, Enum):
    OPEN = "open"
    DONE = "done"
    NOT_DOING = "not_doing"


def is_overdue(status: TaskStatus, due: date | None, today: date) -> bool:
    """Still open past its due date: what a lead asks first about corrective work."""
    return status is TaskStatus.OPEN and due is not None and due < today


class TaskKind(str, Enum):
    IMPROVEMENT = "improvement"
    TASK = "task"


class ChangeLog(Protocol):
    """Told of every field set on a report's models while an edit runs (see `changes_logged`)."""

    def assigned(self, owner: BaseModel, name: str, old: object, new: object) -> None: ...


_change_log: ChangeLog | None = None


@contextmanager
def changes_logged(log: ChangeLog) -> Iterator[None]:
    """Every field set on any model in the block is told to `log`, with its old and new value:
    what undo keeps of an edit, instead of a copy of the report. Edits run on one thread."""
    global _change_log
    previous, _change_log = _change_log, log
    try:
        yield
    finally:
        _change_log = previous


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True, use_enum_values=False)

    def __setattr__(self, name: str, value: object) -> None:
        log = _change_log
        if log is None or name not in type(self).model_fields:
            super().__setattr__(name, value)
            return
        old = self.__dict__.get(name)
        super().__setattr__(name, value)  # validated: a refused value raises before anything changes
        log.assigned(self, name, old, self.__dict__[name])


_next_key = itertools.count(1).__next__


class _Keyed(_Strict):
    """An entry with a stable key for the session, so the UI tracks rows by identity, not position.

    The key is not saved and not compared: two entries with the same fields are equal.
    """

    _key: int = PrivateAttr(default_factory=_next_key)

    @property
    def key(self) -> int:
        # pydantic keeps private attributes in `__pydantic_private__`; reading `self._key` goes
        # through its `__getattr__`, 30 times slower, and tables read every row's key per edit
        key: int = self.__pydantic_private__["_key"]  # type: ignore[index]
        return key

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and self.__dict__ == other.__dict__

    # Entries compare by value and can change, so they are unhashable. `__hash__ = None` is
    # Python's documented way to say so; typeshed types `object.__hash__` as a method only.
    __hash__ = None  # type: ignore[assignment]

    def keep_key(self, key: int) -> None:
        """Take `key`: this entry replaces the one that had it (an edit), so it is the same row."""
        self._key = key

    def duplicate(self) -> Self:
        """A copy with a key of its own."""
        copy = self.model_copy(deep=True)
        copy._key = _next_key()
        return copy


class Summary(_Strict):
    start: MomentField | None = None
    end: MomentField | None = None
    impact: MultiLine = ""
    root_cause: MultiLine = ""


class Event(_Keyed):
    at: EventMomentField
    approximate: Approximate | None = None
    """The time as written when it is approximate or unknown ("~13:30", "13:30-13:45", "14:??"),
    shown instead of `at`, which holds the reading used for ordering and metrics (13:30 for the
    first two, 14:00 for the third). In the report's zone, as the zone shown beside it says."""
    kind: EventKind = EventKind.NOTE
    text: MultiLine = ""
    link: SingleLine | None = None

    @property
    def date_only(self) -> bool:
        """Only the day is known: `at` is a date (see `EventMoment`)."""
        return not isinstance(self.at, (datetime, time))

    @property
    def needs_version(self) -> int:
        """The oldest `schema_version` whose files can hold this event."""
        return UNSURE_TIMES_VERSION if self.date_only or self.approximate is not None else 1


class Analysis(_Strict):
    root_cause: MultiLine = ""
    resolution: MultiLine = ""
    contributing_factors: list[MultiLine] = Field(default_factory=list)


class Lessons(_Strict):
    went_well: list[MultiLine] = Field(default_factory=list)
    went_wrong: list[MultiLine] = Field(default_factory=list)
    lucky: list[MultiLine] = Field(default_factory=list)

    def is_empty(self) -> bool:
        return not (self.went_well or self.went_wrong or self.lucky)


class Task(_Keyed):
    title: SingleLine
    status: TaskStatus = TaskStatus.OPEN
    kind: TaskKind = TaskKind.TASK
    owner: SingleLine | None = None
    due: Day | None = None
    priority: SingleLine | None = None
    ticket: SingleLine | None = None


def refusal(error: ValidationError, with_field: bool = False) -> str:
    """Why the model refused a value, in one line (pydantic's first error, without its prefix)."""
    first = error.errors(include_url=False)[0]
    message = first["msg"].removeprefix("Value error, ")
    return f"{first['loc'][0]}: {message}" if with_field and first["loc"] else message


@dataclass(frozen=True)
class Problem:
    """Something the user should fix; never a reason to refuse the report."""

    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"


@dataclass(frozen=True)
class Metric:
    """A duration between two milestones, naming both so the figure can be checked."""

    name: str
    duration: timedelta
    from_label: str
    to_label: str


class Postmortem(_Strict):
    title: SingleLine = "Untitled incident"
    status: Status = Status.DRAFT
    severity: SingleLine | None = None
    authors: list[SingleLine] = Field(default_factory=list)
    timezone: ZoneName = "UTC"
    summary: Summary = Field(default_factory=Summary)
    timeline: list[Event] = Field(default_factory=list)
    analysis: Analysis = Field(default_factory=Analysis)
    lessons: Lessons = Field(default_factory=Lessons)
    tasks: list[Task] = Field(default_factory=list)
    #: Markdown the importer could not place (a conclusion, an image); exported verbatim.
    notes: MultiLine = ""

    def snapshot(self) -> Postmortem:
        """An independent copy for undo, about ten times cheaper than a deep copy.

        Events and tasks hold only immutable values (str, datetime, enums), so a
        shallow copy of each is independent; the small nested parts are copied deeply.
        """
        copy = self.model_copy()
        copy.__dict__.update(
            authors=list(self.authors),
            summary=self.summary.model_copy(),
            analysis=self.analysis.model_copy(deep=True),
            lessons=self.lessons.model_copy(deep=True),
            timeline=[event.model_copy() for event in self.timeline],
            tasks=[task.model_copy() for task in self.tasks],
        )
        return copy

    @property
    def schema_version(self) -> int:
        """The version its file says: the oldest whose files can hold it (see SCHEMA_VERSION).

        Worked out, not kept: the version a file was read with says nothing about the report
        once it is edited, and a Markdown source, which states none, reads back the same.
        """
        return max((event.needs_version for event in self.timeline), default=1)

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def incident_date(self) -> date | None:
        """The date date-less times anchor to: the start's date in the report's zone."""
        start = self.summary.start
        if isinstance(start, datetime):
            return start.astimezone(self.zone).date()
        for event in self.timeline:
            if isinstance(event.at, datetime):
                return event.at.astimezone(self.zone).date()
            if not isinstance(event.at, time):
                return event.at  # a date-only event: its day
        return None

    @property
    def is_dated(self) -> bool:
        return self.incident_date is not None

    def spans_days(self) -> bool:
        """Whether the events fall on more than one day in the report's zone, so times are shown
        with their dates; never for an undated report, whose days mean nothing."""
        if not self.is_dated:
            return False
        times = self.anchored_times()
        if not times:
            return False
        zone = self.zone
        return min(times).astimezone(zone).date() != max(times).astimezone(zone).date()

    def anchored_times(self) -> list[datetime]:
        """Every event as an aware datetime, date-less ones anchored with rollover.

        Without a known date, times anchor to an arbitrary day so durations still
        work; `is_dated` says whether the dates mean anything. A date-only event is
        its day's midnight in the report's zone, and the day the wall times after it are on.
        """
        moments = [e.at for e in self.timeline]
        day, zone_name = self.incident_date, self.timezone
        last = _last_anchored
        if (
            last is not None
            and last[1] == day
            and last[2] == zone_name
            and len(last[0]) == len(moments)
            and all(map(operator.is_, last[0], moments))
        ):
            return list(last[3])  # the same moments: a big timeline is anchored once an edit, not once a view
        anchored = _anchor(moments, day, self.zone)
        _remember_anchored((moments, day, zone_name, anchored))
        return list(anchored)

    def anchored_window(self) -> tuple[datetime | None, datetime | None]:
        start, end = self.summary.start, self.summary.end
        moments = [m for m in (start, end) if m is not None]
        anchored = iter(_anchor(moments, self.incident_date, self.zone))
        return (next(anchored) if start is not None else None, next(anchored) if end is not None else None)

    @property
    def duration(self) -> timedelta | None:
        start, end = self.anchored_window()
        if start is None or end is None:
            return None
        return end - start

    def metrics(self) -> list[Metric]:
        """Time to detect, mitigate and resolve, from the first timed event of each kind.

        A date-only event is never one: its midnight is a sort key, not a time it happened at.
        """
        firsts = self._first_milestones()
        origin = firsts.get(EventKind.STARTED)
        start, _ = self.anchored_window()
        if origin is None and start is not None:
            origin = ("summary start", start)
        if origin is None:
            return []
        found = []
        for name, kind in (
            ("time to detect", EventKind.DETECTED),
            ("time to mitigate", EventKind.MITIGATED),
            ("time to resolve", EventKind.RESOLVED),
        ):
            if kind in firsts:
                label, when = firsts[kind]
                found.append(Metric(name, when - origin[1], origin[0], label))
        return found

    def _first_milestones(self) -> dict[EventKind, tuple[str, datetime]]:
        firsts: dict[EventKind, tuple[str, datetime]] = {}
        for index, (event, when) in enumerate(zip(self.timeline, self.anchored_times(), strict=False)):
            if event.kind is not EventKind.NOTE and event.kind not in firsts and not event.date_only:
                firsts[event.kind] = (f"first '{event.kind.value}' event (#{index + 1})", when)
        return firsts

    def shallow_snapshot(self) -> Postmortem:
        """The report as it is now, for a reader on another thread, in microseconds: edits change
        the timeline and task lists in place, so only those are copied (a field set meanwhile on
        an event is one atomic change; `snapshot` is the independent copy, far dearer at 10,000 events)."""
        return self.model_copy(update={"timeline": list(self.timeline), "tasks": list(self.tasks)})

    def problems(self) -> list[Problem]:
        """What a reviewer would flag; the editor shows these on the field or row."""
        from pmtui.checks import find_problems

        return find_problems(self)


#: The last timeline anchored: its moments (compared by identity, so an equal new value is
#: anchored again), day, zone name and result. Several views ask for it after every edit.
_last_anchored: tuple[list[EventMoment], date | None, str, list[datetime]] | None = None


def _remember_anchored(entry: tuple[list[EventMoment], date | None, str, list[datetime]]) -> None:
    global _last_anchored
    _last_anchored = entry  # one assignment: a thread reading it sees the old entry or the new


def _anchor(moments: Sequence[EventMoment], day: date | None, zone: ZoneInfo) -> list[datetime]:
    """Turn a mix of datetimes, wall times and dates into datetimes, rolling past midnight.

    A date starts its day: it is that day's midnight, and the wall times after it are on it.
    """
    current = day or date(2000, 1, 1)
    previous: time | None = None
    result: list[datetime] = []
    last_stamp: datetime | None = None
    """The last datetime, whose local day and clock a wall time after it goes on from: worked out
    only when one follows (most timelines are all datetimes: 10,000 conversions an edit saved)."""
    for moment in moments:
        if isinstance(moment, datetime):
            last_stamp = moment
            result.append(moment)
            continue
        if last_stamp is not None:
            local = last_stamp.astimezone(zone)
            current, previous = local.date(), local.time().replace(tzinfo=None)
            last_stamp = None
        if not isinstance(moment, time):
            current, previous = moment, None
            result.append(datetime.combine(moment, time(0), tzinfo=zone))
            continue
        if previous is not None and moment < previous:
            current += timedelta(days=1)
        previous = moment
        result.append(datetime.combine(current, moment, tzinfo=zone))
    return result
