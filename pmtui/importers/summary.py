"""The summary of a postmortem: its window (start and end), impact and one-line root cause.

Reports write these as labelled lines ("**Duration:** ...", "Impact: ..."),
as bullets under labels, or as prose ("From 9:30 AM to 10:37 AM WAT, ...").
"""

from __future__ import annotations

import contextlib
import re
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, TypedDict

from pmtui.importers.blocks import Line, clean_line
from pmtui.importers.clock import CLOCK, find_clocks, find_dates, find_zone
from pmtui.importers.events import Context, moment
from pmtui.model import Moment, Status, Summary

if TYPE_CHECKING:
    from pmtui.importers.markdown import Section

LABELLED = re.compile(
    r"^[\W_]*?(?:\*\*|__)?\s*([A-Za-z][\w /&()'-]{0,40}?)\s*(?:\*\*|__)?\s*[:：]\s*(?:\*\*|__)?\s*(.*)$"
)
FACTS_LINE = re.compile(r"^\*\*Status:\*\* ")
_FROM_TO = re.compile(
    rf"\bfrom\s+(?:[^.]{{0,40}}?){CLOCK}[^.]{{0,40}}?\s(?:to|at|until|till|through|-|–)\s+[^.]{{0,30}}?{CLOCK}",
    re.I,
)


class Facts(TypedDict, total=False):
    """What a document says about itself: who wrote it, how final it is, how bad it was."""

    authors: list[str]
    status: Status
    severity: str


class SummaryReading:
    """Mixed into the importer: reads the summary sections, using its notes and guesses."""

    ours: bool
    facts: Facts
    guesses: list[str]

    def _keep_line(self, line: Line) -> None:  # provided by the importer
        raise NotImplementedError

    def _summary(self, sections: list[Section], context: Context) -> Summary:
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
                if not window_text and _FROM_TO.search(line.text):
                    window_text.append(line.text)  # "From 9:30 AM to 10:37 AM WAT, requests ..."
                if (
                    target is not None
                    and line.kind in ("more", "item", "text")
                    and (line.depth > 0 or target is impact)
                ):
                    target.append(text)
                    continue
                if re.match(r"\s*(<img|!\[)", line.text):
                    self._keep_line(line)  # an image: kept as it is
                elif section.name == "impact":
                    impact.append(text)
                elif section.name == "summary" and line.kind != "heading":
                    loose.append(line)
                elif line.kind != "heading":
                    self._keep_line(line)
        if not impact and loose and any(s.name == "summary" for s in sections):
            impact = [clean_line(line.text) for line in loose]  # an unlabelled summary says what happened
            self.guesses.append("the summary's unlabelled text was taken as the impact")
        else:
            for line in loose:
                self._keep_line(line)
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
            zone_token = find_zone(text) or (context.zone if context.zone_known else None)
            for position, clock in find_clocks(text):
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
