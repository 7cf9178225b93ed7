"""Log lines pasted into the timeline: each line with a readable time becomes an event.

Chat logs ("[10:02] alice: restarted the db"), logs and shell history with
timestamps ("2024-05-10T14:05Z deploy rolled back", "  1042  2024-05-10 14:07
kubectl rollout undo", bash's "#1715350000" lines) are read by the Markdown
importer's own line reader and the core time parser, so a pasted time means
what it would in an imported report or in the event dialog.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timezone

from pmtui.importers.blocks import Line
from pmtui.importers.clock import find_clocks, find_dates, leading_stamp
from pmtui.importers.context import Context
from pmtui.importers.timeline import read_events
from pmtui.model import Event, Postmortem

#: A shell history line number before the command's time: "  1042  2024-05-10 14:07:12 ...".
_HISTORY_NUMBER = re.compile(r"^\s*\d{1,7}\s+(?=\S)")
#: Bash's HISTTIMEFORMAT record: the next command ran at this Unix time.
_EPOCH_LINE = re.compile(r"^#(\d{9,11})\s*$")
#: Brackets and separators left around a time taken out of the middle of a line.
_OPENERS = "[(<{ \t@"
_CLOSERS = "])>} \t"


@dataclass
class PastedLines:
    """What a paste adds: the events in the order pasted, and the lines that had no time."""

    events: list[Event] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def read_pasted(text: str, report: Postmortem) -> PastedLines:
    """The events in pasted text, read in the report's zone and on its day."""
    context = Context(
        zone=report.timezone,
        zone_known=True,
        day=report.incident_date,
        infer_kinds=True,
    )
    lines: list[Line] = []
    epoch: datetime | None = None
    for number, raw in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n")):
        if not raw.strip():
            continue
        epoch_match = _EPOCH_LINE.match(raw.strip())
        if epoch_match:
            epoch = datetime.fromtimestamp(int(epoch_match.group(1)), timezone.utc)
            continue
        if epoch is not None:
            raw = f"{epoch:%Y-%m-%d %H:%M:%S} UTC {raw.strip()}"
            epoch = None
        lines.append(Line("text", time_first(raw), number))
    events, unplaced = read_events(lines, context, None)
    originals = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return PastedLines(
        events=events,
        left_out=[originals[line.number].strip() for line in unplaced],
        warnings=context.warnings,
    )


def time_first(line: str) -> str:
    """The line with its time (and date) at the front, where the line reader looks for it.

    A history number before the time is dropped; a time in the middle of the line
    ("alice [10:02 AM]: restarted") is moved to the front with its brackets removed.
    """
    line = line.strip()
    if leading_stamp(line) is not None:
        return line
    numbered = _HISTORY_NUMBER.sub("", line, count=1)
    if numbered != line and leading_stamp(numbered) is not None:
        return numbered
    clocks = find_clocks(line)
    if not clocks:
        return line
    start, clock = clocks[0]
    end = start + len(clock)
    dates = [(at, written) for at, written in find_dates(line) if at + len(written) <= start]
    if dates and not line[dates[-1][0] + len(dates[-1][1]) : start].strip(" ,T@"):
        start = dates[-1][0]  # the date written just before the time goes with it
    stamp = line[start:end]
    before = line[:start].rstrip(_OPENERS)
    after = line[end:].lstrip(_CLOSERS)
    rest = f"{before} {after}" if before and after else before or after
    return f"{stamp} {_SPACE_BEFORE_PUNCTUATION.sub(_keep_punctuation, rest)}"


_SPACE_BEFORE_PUNCTUATION = re.compile(r" +([:,;])")


def _keep_punctuation(match: re.Match[str]) -> str:
    return match.group(1)
