"""The one renderer: a report as Markdown, for `pmtui export` and the live preview.

The shape follows the reports teams already write (Issue Summary, Timeline,
Root Cause and Resolution, Corrective and Preventative Measures), so an
exported report reads like theirs. Output is deterministic: the same report
always renders the same text. Field text is made inert on the way out
(`render.safety`): raw HTML escaped, script links broken.

A report whose source is Markdown (the team keeps `x.md`, not a `.toml`) is
written with `SOURCE_MARKER` on its first line: an HTML comment, invisible on
GitHub, that tells the next `pmtui x.md` to open the file itself.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime
from functools import lru_cache

from pmtui.labels import EVENT_KIND_LABELS, TASK_KIND_HEADINGS, TASK_STATUS_LABELS
from pmtui.model import Event, EventKind, EventMoment, Postmortem, Task, TaskStatus
from pmtui.render.mermaid import render_mermaid
from pmtui.render.safety import is_dangerous, neutralise, neutralise_line, safe_url
from pmtui.timeshow import format_approximate, format_duration, format_moment
from pmtui.zones import is_fixed_offset, zone_label

SOURCE_MARKER = "<!-- pmtui: markdown is the source; edit with pmtui or by hand -->"
"""The first line of a Markdown file that is a report's source (see the module docstring)."""

_MARKER_LINE = re.compile(r"\s*<!--\s*pmtui:\s*markdown is the source\b[^\n]*?-->\s*", re.IGNORECASE)


#: The export's `## ` headings by section (the importer reads them back; the side preview follows them).
SECTION_HEADINGS = {
    "summary": "Issue Summary",
    "timeline": "Timeline",
    "analysis": "Root Cause and Resolution",
    "tasks": "Corrective and Preventative Measures",
}


def is_source_marker(line: str) -> bool:
    """True for the marker line, however its spacing or case was retouched by hand."""
    return _MARKER_LINE.fullmatch(line.lstrip("\ufeff")) is not None


def render(report: Postmortem, mermaid: bool = False, source: bool = False) -> str:
    """The whole report; sections are built separately so the preview can reuse them.

    `mermaid` adds a diagram of the timeline after it (`export --mermaid`);
    `source` puts `SOURCE_MARKER` first, for a file that is the report's source.
    """
    parts = [
        SOURCE_MARKER if source else "",
        render_header(report),
        render_summary(report),
        render_timeline(report),
        render_mermaid(report) if mermaid else "",
        render_analysis(report),
        render_tasks(report),
        render_lessons(report),
        render_notes(report),
    ]
    return "\n\n".join(part for part in parts if part) + "\n"


def render_header(report: Postmortem) -> str:
    facts = [f"**Status:** {report.status.value}"]
    if report.severity:
        facts.append(f"**Severity:** {neutralise_line(report.severity)}")
    if report.authors:
        facts.append(f"**Authors:** {', '.join(neutralise_line(author) for author in report.authors)}")
    facts.append(f"**Time zone:** {report.timezone}")
    return f"# {neutralise_line(report.title)}\n\n" + " · ".join(facts)


def render_summary(report: Postmortem) -> str:
    lines = [f"## {SECTION_HEADINGS['summary']}", ""]
    lines.append(_item("Duration", _duration_text(report)))
    lines.append(_item("Impact", report.summary.impact))
    lines.append(_item("Root Cause", report.summary.root_cause))
    for metric in report.metrics():
        lines.append(
            _item(
                metric.name.capitalize(),
                f"{format_duration(metric.duration)} (from the {metric.from_label} to the {metric.to_label})",
            )
        )
    return "\n".join(lines)


def _duration_text(report: Postmortem) -> str:
    start, end = report.summary.start, report.summary.end
    if start is None and end is None:
        return ""
    multi_day = report.spans_days()
    shown = [
        format_moment(m, report.timezone, with_date=multi_day or isinstance(m, datetime)) if m else "?"
        for m in (start, end)
    ]
    text = f"{shown[0]} to {shown[1]}"
    if report.duration is not None:
        text += f" ({format_duration(report.duration)})"
    return text


def _events_need_dates(report: Postmortem) -> bool:
    """A one-day incident states its date once, in the summary; otherwise each event carries its own."""
    if not report.is_dated:
        return False
    start = report.summary.start
    if not isinstance(start, datetime):
        return True
    start_day = start.astimezone(report.zone).date()
    return any(moment.astimezone(report.zone).date() != start_day for moment in report.anchored_times())


def render_timeline(report: Postmortem) -> str:
    zone_name = report.timezone
    shown_zone = zone_label(report.zone) if is_fixed_offset(zone_name) else zone_name
    lines = [f"## {SECTION_HEADINGS['timeline']} ({shown_zone})", ""]
    with_date = _events_need_dates(report)
    lines.extend(render_event(event, zone_name, with_date) for event in report.timeline)
    if not report.timeline:
        lines.append("_No events yet._")
    return "\n".join(lines)


def render_event(event: Event, zone_name: str, with_date: bool) -> str:
    """`- **14:00 UTC:** text`; a date-only event `- **2021-12-10:** text`, an approximate one
    its time as written, `- **~13:30 UTC:** text` (`timeshow.format_event_time`)."""
    return _event_line(event.at, event.approximate, event.kind, event.text, event.link, zone_name, with_date)


@lru_cache(maxsize=32_768)
def _event_line(
    at: EventMoment,
    approximate: str | None,
    kind: EventKind,
    text: str,
    link: str | None,
    zone_name: str,
    with_date: bool,
) -> str:
    """An event's line, kept by what it shows: the live preview writes the whole export after
    every edit, and formatting 10,000 times took 60 of its 70 ms. Keyed by values, not by
    the event, since undo sets an event's fields back in place."""
    when = neutralise_line(format_approximate(at, approximate, zone_name, with_date=with_date))
    label = EVENT_KIND_LABELS.get(kind)
    shown_kind = f" _({label})_" if label else ""
    return f"- **{when}:**{shown_kind} {_indent(neutralise(text))}{_evidence(link)}".rstrip()


def _evidence(link: str | None) -> str:
    """A live link, unless its scheme would run code: then the address is shown, not linked."""
    if not link:
        return ""
    if is_dangerous(link):
        return f" (evidence: {neutralise_line(link)})"
    return f" ([evidence]({safe_url(link)}))"


def render_analysis(report: Postmortem) -> str:
    analysis = report.analysis
    lines = [
        f"## {SECTION_HEADINGS['analysis']}",
        "",
        "### Root Cause",
        "",
        _block(analysis.root_cause),
        "",
        "### Resolution",
        "",
        _block(analysis.resolution),
    ]
    if analysis.contributing_factors:
        lines += ["", "### Contributing Factors", ""]
        lines += _bullets(analysis.contributing_factors)
    return "\n".join(lines)


def _block(text: str) -> str:
    return neutralise(text, block=True) if text else "_Not written yet._"


def render_tasks(report: Postmortem) -> str:
    lines = [f"## {SECTION_HEADINGS['tasks']}"]
    for kind, heading in TASK_KIND_HEADINGS.items():
        tasks = [task for task in report.tasks if task.kind is kind]
        if tasks:
            lines += ["", f"### {heading}", ""]
            lines += [render_task(task) for task in tasks]
    if not report.tasks:
        lines += ["", "_No tasks yet._"]
    return "\n".join(lines)


def render_task(task: Task) -> str:
    box = "[x]" if task.status is TaskStatus.DONE else "[ ]"
    title = neutralise_line(task.title)
    if task.status is TaskStatus.NOT_DOING:
        title = f"~~{title}~~ ({TASK_STATUS_LABELS[TaskStatus.NOT_DOING]})"
    details = [
        f"owner: {task.owner}" if task.owner else "",
        f"due: {task.due.isoformat()}" if task.due else "",
        f"priority: {task.priority}" if task.priority else "",
        f"ticket: {task.ticket}" if task.ticket else "",
    ]
    details = [neutralise_line(detail) for detail in details]
    detail = "; ".join(d for d in details if d)
    return f"- {box} {title}" + (f" ({detail})" if detail else "")


def render_lessons(report: Postmortem) -> str:
    lessons = report.lessons
    if lessons.is_empty():
        return ""
    lines = ["## Lessons Learned"]
    for heading, items in (
        ("What went well", lessons.went_well),
        ("What went wrong", lessons.went_wrong),
        ("Where we got lucky", lessons.lucky),
    ):
        if items:
            lines += ["", f"### {heading}", "", *_bullets(items)]
    return "\n".join(lines)


def render_notes(report: Postmortem) -> str:
    if not report.notes.strip():
        return ""
    return "## Notes\n\n" + neutralise(report.notes.strip("\n"), block=True)


def _bullets(items: Iterable[str]) -> list[str]:
    return [f"- {_indent(neutralise(item))}" for item in items]


def _item(label: str, text: str) -> str:
    return f"- **{label}:** {_indent(neutralise(text))}".rstrip()


def _indent(text: str) -> str:
    """Continuation lines of a list item are indented so Markdown keeps them in the item."""
    return text.strip("\n").replace("\n", "\n  ")
