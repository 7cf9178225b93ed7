"""The timeline as a Mermaid `timeline` diagram, which GitHub and GitLab draw (`export --mermaid`).

`timeline` rather than `gantt`: a gantt needs dates and durations, while
events are instants and a report may have no date at all. A dated report gets a
`section` per day; a date-less one is a list of times.

Mermaid reads its own syntax in the text: `:` starts another event (and may not
appear in a period at all), `#` and `%%` start comments, `;` ends a statement
in older grammars, and a run of backticks would close the Markdown fence. So
those characters are replaced by ones that look alike (a ratio sign for the
colon), `<` and `>` by angle quotes (labels are drawn as HTML), and each event
is cut to one line of at most `MAX_EVENT_CHARS`.
"""

from __future__ import annotations

import re
from datetime import datetime, time

from pmtui.labels import EVENT_KIND_LABELS
from pmtui.model import Postmortem

MAX_EVENT_CHARS = 80
"""Longer event text is cut with an ellipsis: a diagram box is not the place for a paragraph."""
DAY_ONLY = "that day"
"""The period of a date-only event, under its day's section; an approximate one's is its time as written."""

_LOOKALIKES = str.maketrans(
    {
        ":": "\u2236",  # RATIO
        ";": ",",
        "#": "\uff03",  # FULLWIDTH NUMBER SIGN
        "`": "'",
        "<": "\u2039",  # SINGLE LEFT-POINTING ANGLE QUOTATION MARK
        ">": "\u203a",  # SINGLE RIGHT-POINTING ANGLE QUOTATION MARK
        "{": "(",
        "}": ")",
    }
)
_PERCENT_RUN = re.compile(r"%(?=%)")


def mermaid_text(text: str, limit: int = MAX_EVENT_CHARS) -> str:
    """`text` as one line Mermaid shows as written (see the module docstring)."""
    line = " ".join(text.split()).translate(_LOOKALIKES)
    line = _PERCENT_RUN.sub("% ", line)
    if len(line) > limit:
        line = line[: limit - 1].rstrip() + "\u2026"
    return line


def render_mermaid(report: Postmortem) -> str:
    """A fenced `mermaid` block of the events, or "" when there are none."""
    if not report.timeline:
        return ""
    lines = ["```mermaid", "timeline"]
    indent = " " * (8 if report.is_dated else 4)  # under a day's section, or not
    day, period = "", ""
    for event in report.timeline:
        at = event.at
        if isinstance(at, time):
            clock = at.strftime("%H:%M")
        else:
            local = at.astimezone(report.zone) if isinstance(at, datetime) else None
            on = local.date() if local is not None else at  # a date-only event's own day
            if on.isoformat() != day:
                day, period = on.isoformat(), ""
                lines.append(f"    section {day}")
            clock = local.strftime("%H:%M") if local is not None else DAY_ONLY
        if event.approximate is not None:
            clock = event.approximate
        label = EVENT_KIND_LABELS.get(event.kind)
        text = mermaid_text(f"{label} \u2014 {event.text}" if label else event.text) or "\u2026"
        if clock == period:
            lines.append(f"{indent}: {text}")
        else:
            period = clock
            lines.append(f"{indent}{mermaid_text(clock)} : {text}")
    lines.append("```")
    return "\n".join(lines)
