"""The summary of a postmortem: its window (start and end), impact and one-line root cause.

Reports write these as labelled lines ("**Duration:** ...", "Impact: ..."),
as bullets under labels, or as prose ("From 9:30 AM to 10:37 AM WAT, ...").
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, TypedDict

from pmtui.importers.blocks import Line, clean_line
from pmtui.importers.clock import CLOCK, find_clocks, find_dates, find_zone
from pmtui.importers.context import Context, moment
from pmtui.importers.sections import LABELLED
from pmtui.model import Moment, Status, Summary

if TYPE_CHECKING:
    from pmtui.importers.sections import Section

FACTS_LINE = re.compile(r"^\*\*Status:\*\* ")
#: A window told in prose, in one sentence: "from 9:30 AM to 10:37 AM WAT", "between 23:04 and
#: 08:12", "By 8:00PM GMT+1 ... I was able to re-instate it by 8:40PM", "commencing at 9:21 PM
#: ... and concluding at 10:51 PM".
_PROSE_WINDOWS = (
    re.compile(
        rf"\bfrom\s+(?:[^.]{{0,40}}?){CLOCK}[^.]{{0,40}}?\s(?:to|at|until|till|through|-|–)\s+[^.]{{0,30}}?{CLOCK}",
        re.I,
    ),
    re.compile(rf"\bbetween\s+[^.]{{0,40}}?{CLOCK}[^.]{{0,40}}?\sand\s+[^.]{{0,30}}?{CLOCK}", re.I),
    re.compile(
        rf"{CLOCK}[^.]{{0,200}}?\b(?:restored|resolved|re-?instated?|recovered|fixed|back (?:up|online)"
        rf"|ended|ending|concluding|concluded)\b[^.]{{0,40}}?{CLOCK}",
        re.I,
    ),
)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")


def prose_window(text: str) -> str | None:
    """The sentence of `text` that tells the window in prose, or None."""
    for pattern in _PROSE_WINDOWS:
        match = pattern.search(text)
        if match is None or _SENTENCE_END.search(match.group()):
            continue  # "from around 6pm. Peaks at about 6am": two sentences, no window
        starts = [m.end() for m in _SENTENCE_END.finditer(text, 0, match.start())]
        after = _SENTENCE_END.search(text, match.end())
        return text[starts[-1] if starts else 0 : after.start() if after else len(text)]
    return None


class Facts(TypedDict, total=False):
    """What a document says about itself: who wrote it, how final it is, how bad it was."""

    authors: list[str]
    status: Status
    severity: str


class SummaryReader:
    """Reads the summary sections: the window, impact, root cause, and the facts (authors, status,
    severity). A line it has no place for goes to `keep_line`, the importer's notes."""

    def __init__(self, ours: bool, keep_line: Callable[[Line], None]) -> None:
        self.ours = ours
        """pmtui wrote the document: its own layout is read exactly, nothing is guessed."""
        self.keep_line = keep_line
        self.facts: Facts = {}
        self.guesses: list[str] = []
        self.window_from_impact = False
        """The window was read out of a sentence in the Impact section (when users were hurt,
        which may be part of the incident): an entry marked "(outage ends)" beats it."""

    def read(self, sections: list[Section], context: Context) -> Summary:
        summary = Summary()
        impact: list[str] = []
        root_cause: list[str] = []
        target: list[str] | None = None
        window_text: list[str] = []
        loose: list[Line] = []
        for section in sections:
            if section.name not in ("preamble", "summary", "impact", "duration"):
                continue
            if section.name == "impact":
                target = impact
            elif section.name == "duration":
                target = window_text
            for line in section.lines:
                if line.kind == "consumed":
                    continue
                text = clean_line(line.text)
                if self.ours and FACTS_LINE.match(line.text):
                    self._set_facts(line.text)
                    continue
                label = LABELLED.match(line.text) if line.kind in ("text", "item", "heading") else None
                name = label.group(1).casefold().strip() if label else ""
                value = clean_line(label.group(2)) if label else ""
                if label and re.search(
                    r"duration|^start|^end|incident time|^time$|^date|incident date|when", name
                ):
                    window_text.append(f"{name}: {value}")
                    target = window_text if not value else None
                    continue
                if label and re.search(r"impact|affected", name) and len(name) < 30:
                    target = impact
                    if value:
                        impact.append(value)
                    continue
                if label and re.search(r"root cause|^cause", name):
                    target = root_cause
                    if value:
                        root_cause.append(value)
                    continue
                if label and re.search(r"^time to (detect|mitigate|resolve)", name):
                    continue  # pmtui's own computed figures
                if label and re.search(r"^(author|authors|written by|prepared by|status|severity)", name):
                    self._set_fact(name, value)
                    continue
                told = prose_window(line.text) if not window_text and line.kind != "heading" else None
                if told:
                    window_text.append(told)  # "From 9:30 AM to 10:37 AM WAT, requests ..."
                    self.window_from_impact = section.name == "impact"
                if (
                    target is not None
                    and line.kind in ("more", "item", "text")
                    and (line.depth > 0 or target is impact)
                ):
                    target.append(text)
                    continue
                if re.match(r"\s*(<img|!\[)", line.text):
                    self.keep_line(line)  # an image: kept as it is
                elif section.name == "impact":
                    impact.append(text)
                elif section.name == "summary" and line.kind != "heading":
                    loose.append(line)
                elif line.kind != "heading" or not self.ours:
                    self.keep_line(line)  # a sub-heading too ("### 3 June - Disk full"): it names something
        if not impact and loose and any(s.name == "summary" for s in sections):
            impact = [clean_line(line.text) for line in loose]  # an unlabelled summary says what happened
            self.guesses.append("the summary's unlabelled text was taken as the impact")
        else:
            for line in loose:
                self.keep_line(line)
        start, end = self._window(window_text, context)
        summary.start, summary.end = start, end
        summary.impact = "\n".join(part for part in impact if part)
        summary.root_cause = "\n".join(part for part in root_cause if part)
        return summary

    def _window(self, texts: list[str], context: Context) -> tuple[Moment | None, Moment | None]:
        """Start and end from "Duration: May 10, 2024, 14:00 UTC to May 11, 04:00" and friends."""
        moments: list[tuple[str, Moment | None]] = []
        for text in texts:
            role = "end" if re.match(r"\s*end", text) else "start" if re.match(r"\s*start", text) else "both"
            if re.match(r"\s*duration:\s*\?\s+to\s", text):
                role = "end"  # pmtui writes "? to 16:00 UTC" when only the end is known
            dates = find_dates(text)
            line_zone = find_zone(text) or (context.zone if context.zone_known else None)
            clocks = find_clocks(text)
            for index, (position, clock) in enumerate(clocks):
                following = clocks[index + 1][0] if index + 1 < len(clocks) else len(text)
                # "20:53 EDT to 01:00 EST": each time in the zone written after it, else the line's
                zone_token = find_zone(text[position + len(clock) : following]) or line_zone
                before = [d for p, d in dates if p < position]
                after = [d for p, d in dates if p > position]
                written = before[-1] if before else after[0] if after else None
                day = (
                    context.date_of(written, context.day.year if context.day else None)
                    if written
                    else context.day
                )
                value, _ = moment(clock, None, zone_token, day, context)
                moments.append((role, value))
        starts = [v for r, v in moments if r in ("start", "both")]
        ends = [v for r, v in moments if r == "end"] or [v for r, v in moments if r == "both"][1:2]
        start = starts[0] if starts else None
        end = ends[0] if ends else None
        if (
            isinstance(start, datetime)
            and isinstance(end, datetime)
            and end < start
            and end.date() == start.date()
        ):
            end = end + timedelta(days=1)  # "from 11:00 PM to 1:00 AM"
        return start, end

    def _set_facts(self, text: str) -> None:
        for key, value in pmtui_facts(text).items():
            self._set_fact(key, value)

    def _set_fact(self, name: str, value: str) -> None:
        if re.match(r"author|written by|prepared by", name):
            self.facts["authors"] = [part.strip() for part in re.split(r",|\band\b", value) if part.strip()]
        elif name == "status":
            with contextlib.suppress(ValueError):
                self.facts["status"] = Status(value.strip().casefold())
        elif name == "severity" and value:
            self.facts["severity"] = value


def pmtui_facts(text: str) -> dict[str, str]:
    """pmtui's own header line: "**Status:** final · **Severity:** SEV2 · **Time zone:** UTC"."""
    facts = {}
    for part in text.split(" · "):
        match = re.match(r"\*\*([^*]+):\*\* (.*)", part.strip())
        if match:
            facts[match.group(1).casefold()] = match.group(2)
    return facts
