"""The incident's window when the summary does not state it: read off the timeline.

The start is the first dated event, the end the last, with what writers do to
say otherwise: an entry marked "(outage starts)" / "(outage ends)"; milestones
set wholly in bold among plain entries (the last one ends the incident); a
follow-up timeline (after the incident); closing entries that only tell people
about it ("mailing list is notified", "received the incident report"); a
summary that says the start is not known. Each choice is said in a guessed line.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import deque
from dataclasses import dataclass
from datetime import datetime, timedelta

from pmtui.model import Event, Summary

#: `(?=[oid])`: the first letters of the nouns, which lets the regex engine skip ahead (twice
#: as fast over a long timeline); under re.I it matches every case form the nouns do.
_STARTS = re.compile(
    r"(?=[oid])\b(outage|incident|impact|downtime|disruption) (starts|started|begins|began)\b", re.I
)
_ENDS = re.compile(
    r"(?=[oid])\b(outage|incident|impact|downtime|disruption) (ends|ended|is over|was over)\b", re.I
)
#: An entry that tells people about the incident, after the fact.
_TELLS = re.compile(
    r"\b(notif(y|ies|ied)|informed|mailing list|newsletter|(incident|post-?mortem|rca|final) report"
    r"|post-?mortem|retrospective)\b",
    re.I,
)
#: An entry that says the incident is over.
_OVER = re.compile(
    r"\b(resol(ved|ution)|restored|recover(ed|y)|fixed|back (online|up|to normal)|mitigated|closed"
    r"|complete[d]?|normal|operational)\b",
    re.I,
)
#: "the start time is not fully known", "an outage of unknown length".
START_UNKNOWN = re.compile(
    r"\bstart(ing)?( time)? (is|was|remains) (not (fully |yet )?known|unknown|unclear)"
    r"|\bunknown (start|starting time)\b|\b(began|started) at an unknown time",
    re.I,
)


@dataclass
class Entry:
    """An imported event, with what the document said around it."""

    event: Event
    follow_up: bool = False
    """From a follow-up timeline: after the incident."""


@dataclass
class Window:
    """A start and an end, each with the guessed line that says where it came from ("" for none)."""

    start: datetime | None = None
    end: datetime | None = None
    start_said: str = ""
    end_said: str = ""
    start_marked: bool = False
    end_marked: bool = False
    """An entry says so ("(outage ends)"): as good as the summary saying it."""


def timeline_window(entries: list[Entry], start_unknown: bool, milestone: Event | None = None) -> Window:
    """The window the timeline gives; `start_unknown`: the document says the start is not known;
    `milestone`: the last entry the writer set in bold among plain ones (see incidents.py)."""
    during = [entry for entry in entries if not entry.follow_up]
    dated = [entry for entry in during if isinstance(entry.event.at, datetime)]
    window = Window()
    marked = _first_saying(_STARTS, dated)
    if marked is not None:
        window.start = _datetime(marked.event.at)
        window.start_said = "start taken from the timeline entry that says the outage starts"
        window.start_marked = True
    elif start_unknown:
        window.start_said = "the document says the start is not known: no start is set"
    elif during and _unknown_time(during[0].event):
        window.start_said = "the first timeline event's time is not known: no start is set"
    elif dated:
        window.start = _datetime(dated[0].event.at)
        window.start_said = "start taken from the first timeline event"
    end, window.end_said = _end(dated, len(entries) > len(during), milestone)
    window.end = _datetime(end)
    window.end_marked = window.end_said.endswith("says the outage ends")
    return window


def _end(dated: list[Entry], follow_ups: bool, milestone: Event | None) -> tuple[object, str]:
    marked = _first_saying(_ENDS, dated, last=True)
    if marked is not None:
        return marked.event.at, "end taken from the timeline entry that says the outage ends"
    if milestone is not None and isinstance(milestone.at, datetime):
        return milestone.at, "end taken from the last timeline entry written in bold (a milestone)"
    if len(dated) < 2:
        return None, ""
    telling = 0
    while telling < len(dated) - 1 and _TELLS.search(dated[-1 - telling].event.text):
        telling += 1
    if telling:
        last, told = dated[-1 - telling].event, dated[-telling].event
        said = "end taken from the last timeline event before those that tell people about it"
        if _OVER.search(last.text):
            return last.at, said
        if (
            isinstance(last.at, datetime)
            and isinstance(told.at, datetime)
            and told.at - last.at > timedelta(days=1)
        ):
            return None, "the timeline ends with people being told, days later: no end is set"
        return last.at, said
    after = " before the follow-up timeline" if follow_ups else ""
    return dated[-1].event.at, f"end taken from the last timeline event{after}"


def _first_saying(pattern: re.Pattern[str], entries: list[Entry], last: bool = False) -> Entry | None:
    """The first (or last) entry whose text `pattern` finds, in one search over all their texts
    joined by line breaks (one search per entry was a twentieth of a long import). The patterns
    here match words with spaces between, never a line break, so no match spans two entries."""
    starts, position = [], 0
    for entry in entries:
        starts.append(position)
        position += len(entry.event.text) + 1
    matches = pattern.finditer("\n".join(entry.event.text for entry in entries))
    found = next(matches, None)
    if last and found is not None:
        later = deque(matches, maxlen=1)  # only the last match kept
        found = later.pop() if later else found
    return None if found is None else entries[bisect_right(starts, found.start()) - 1]


def _unknown_time(event: Event) -> bool:
    return event.approximate is not None and "?" in event.approximate


def _datetime(value: object) -> datetime | None:
    return value if isinstance(value, datetime) else None


def settle(summary: Summary, window: Window, from_impact: bool, several: bool) -> list[str]:
    """Fill what the summary left open (or gave without a date) from `window`; the guessed lines.

    An entry marked "(outage ends)" beats a window told in the Impact's prose; a document covering
    `several` incidents spans them all, from the earliest start to the latest end."""
    guesses = []
    for which, found, said, marked in (
        ("start", window.start, window.start_said, window.start_marked),
        ("end", window.end, window.end_said, window.end_marked),
    ):
        stated = getattr(summary, which)
        if several:
            later = which == "end"
            if found is not None and not (
                isinstance(stated, datetime) and (stated >= found if later else stated <= found)
            ):
                setattr(summary, which, found)
                guesses.append(f"{said} (the document covers several incidents)")
        elif stated is None or (
            found is not None and (not isinstance(stated, datetime) or (marked and from_impact))
        ):
            setattr(summary, which, found)
            guesses.append(said)
    return [guess for guess in guesses if guess]
