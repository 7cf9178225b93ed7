"""Markdown postmortems -> a report, losing nothing.

The document is parsed with markdown-it-py (`blocks`), its sections are found
by meaning whatever they are called (`sections`), and each section is read by
what it holds: timeline entries (`timeline`), tasks (`tasks`), the summary's
window, Impact and Root cause lines (`summary`), root cause and resolution. Whatever has no place
in the model (a conclusion, an image, a stray paragraph) is kept verbatim in
the report's notes, and `ImportResult.account` says what went where, what was
guessed and what looked wrong. The marker pmtui writes on the first line of a
Markdown file that is a report's source (`render.markdown.SOURCE_MARKER`) is
not part of the report and is skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

from pmtui.dates import DateReading
from pmtui.importers.blocks import Line, clean_line, parse
from pmtui.importers.clock import find_clocks, find_dates, find_zone, report_date
from pmtui.importers.context import Context
from pmtui.importers.controls import removed_note
from pmtui.importers.front_matter import FrontMatter, split_front_matter
from pmtui.importers.incidents import Timelines, untitled_timeline
from pmtui.importers.sections import LABELLED, Section, find_sections, section_of, undecorated
from pmtui.importers.sniff import MAX_IMPORT_BYTES
from pmtui.importers.summary import FACTS_LINE, Facts, SummaryReader, pmtui_facts
from pmtui.importers.tasks import read_tasks
from pmtui.importers.window import START_UNKNOWN, settle, timeline_window
from pmtui.model import Analysis, Event, Lessons, Postmortem, Status, Summary, Task, TaskKind
from pmtui.store import StoreError, decode_utf8, read_limited
from pmtui.zones import read_offset, read_zone

#: A link or footnote definition, "[1]: https://example.com/pr/12 'title'" or "[^1]: text".
_LINK_DEFINITION = re.compile(r"^ {0,3}\[[^\]]+\]:\s*\S")
_FENCE = re.compile(r"^ {0,3}(```|~~~)")


def read_markdown_file(path: Path) -> ImportResult:
    """Import a Markdown file; problems reading it are `StoreError`s, one line each."""
    shown = str(path)
    return import_markdown(
        markdown_text(read_limited(path, MAX_IMPORT_BYTES, "a Markdown postmortem"), shown), shown
    )


def markdown_text(payload: bytes, shown: str) -> str:
    """A Markdown file's bytes as text (a BOM is dropped); StoreError for a binary or non-UTF-8 file."""
    if b"\x00" in payload:
        raise StoreError(shown, "a binary file, not Markdown")
    return decode_utf8(payload, shown, "utf-8-sig")


@dataclass
class ImportResult:
    report: Postmortem
    account: list[str] = field(default_factory=list)
    guesses: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def import_markdown(text: str, source: str = "<string>") -> ImportResult:
    """Read a Markdown postmortem. Raises StoreError only when there is nothing to import."""
    first, _, rest = text.partition("\n")
    if "<!--" in first:
        from pmtui.render.markdown import is_source_marker  # the renderer is not needed otherwise

        if is_source_marker(first):
            text = rest
    # CRLF (and lone CR) files: line ends as the parser mends them, before the front matter is looked for
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    front, text = split_front_matter(text.lstrip("\ufeff"))
    if not text.strip() and front is None:
        raise StoreError(source, "empty file; nothing to import")
    lines, source_lines, removed = parse(text)
    result = _Importer(lines, source_lines, front or FrontMatter()).run()
    if removed:
        result.warnings.append(removed_note(removed))
    if not result.report.timeline and not result.report.tasks:
        result.warnings.append("no timeline and no tasks found: this may not be a postmortem")
    return result


class _Importer:
    def __init__(self, lines: list[Line], source: list[str], front: FrontMatter) -> None:
        self.lines = lines
        self.source = source
        self.front = front
        """The front matter's title, dates and facts; its other lines open the notes."""
        self.result_notes: list[tuple[int, str]] = [(-1, front.kept)] if front.kept else []
        """(source line, verbatim text): sorted into document order at the end."""
        self.account: list[str] = []
        self.guesses: list[str] = []
        self.verbatim: list[range] = []
        """Source lines already in the notes as they are (sections kept whole)."""
        self.facts: Facts = {}
        """What the document says about itself (authors, status, severity): read with the summary."""
        self.warnings: list[str] = []
        self.ours = any(FACTS_LINE.match(line.text) for line in lines[:3])
        self.rest_is_notes = False

    # ------------------------------------------------------------ reading

    def run(self) -> ImportResult:
        title = self._title()
        sections, prose = find_sections(self.lines, len(self.source), self.ours, self.source)
        if not self.ours:
            untitled_timeline(sections)
        self.result_notes.extend(prose)
        zone_text, zone = self._zone(sections)
        day = self._incident_day(sections)
        context = Context(zone=zone, zone_known=zone_text is not None, day=day, infer_kinds=not self.ours)
        if zone_text is None and any(s.name == "timeline" for s in sections):
            self.guesses.append("no time zone is stated: times are kept as written, without a date")
        elif day is None and any(s.name == "timeline" for s in sections):
            self.guesses.append("no date is stated: times are kept without a date")
        elif zone_text is not None:
            self.guesses.append(f"times are in {zone_text} (report zone {zone})")
        summary_reader = SummaryReader(self.ours, self._keep_line)
        summary = summary_reader.read(sections, context)
        self.facts = self.front.facts.copy()
        self.facts.update(summary_reader.facts)  # the document's own lines over its front matter
        self.guesses.extend(summary_reader.guesses)
        timeline: list[Event] = []
        tasks: list[Task] = []
        lessons = Lessons()
        analysis: dict[str, list[str]] = {"root_cause": [], "resolution": [], "contributing_factors": []}
        has_corrective = any(s.name == "corrective" for s in sections)
        timelines = Timelines(self.source, context, several=sum(s.name == "timeline" for s in sections) > 1)
        for section in sections:
            name = section.name
            if self.rest_is_notes:
                break
            if name != "timeline":
                for line in ([section.heading] if section.heading else []) + section.lines:
                    if line.kind == "heading":
                        timelines.heading(line)
            if name == "timeline":
                events, unplaced = timelines.read(section)
                timeline.extend(events)
                self._keep(section, unplaced, label="timeline")
            elif name == "corrective" or (name == "lessons" and not has_corrective and not self.ours):
                kind = (
                    TaskKind.IMPROVEMENT
                    if re.search(r"improve|fix|lesson", section.heading.text if section.heading else "", re.I)
                    else TaskKind.TASK
                )
                found, unplaced = read_tasks(section.lines, kind, context)
                tasks.extend(found)
                self._keep(section, unplaced, label="measures")
            elif name == "lessons" and self.ours:
                lessons = self._lessons(section)
            elif name in ("root_cause", "resolution", "analysis", "contributing"):
                self._analysis(section, analysis)
            elif name in ("summary", "impact", "duration", "preamble"):
                continue  # read by _summary
            else:
                self._keep(section, section.lines, verbatim=True)
        if not self.ours:  # pmtui's own export says exactly what the window is
            self._window(summary, sections, timelines, summary_reader.window_from_impact)
        if not self.ours:
            self._keep_link_definitions()
        self.warnings.extend(context.warnings)
        self.guesses.extend(guess for guess in context.guesses if guess not in self.guesses)
        report = self._report(title, zone, summary, timeline, analysis, lessons, tasks)
        self.account = [
            f"{len(report.timeline)} timeline events, {len(report.tasks)} tasks",
            f"summary: {'start, ' if report.summary.start else ''}{'end, ' if report.summary.end else ''}"
            f"{'impact, ' if report.summary.impact else ''}{'root cause' if report.summary.root_cause else ''}".rstrip(
                ", "
            ),
            f"analysis: {'root cause' if report.analysis.root_cause else 'no root cause'}, "
            f"{'resolution' if report.analysis.resolution else 'no resolution'}",
        ]
        if report.notes:
            self.account.append(
                f"kept as notes: {len(report.notes.splitlines())} lines the model has no place for"
            )
        return ImportResult(report, self.account, self.guesses, self.warnings)

    def _window(
        self, summary: Summary, sections: list[Section], timelines: Timelines, from_impact: bool
    ) -> None:
        """What the summary left open (or gave without a date), from the timeline, else from the
        front matter; an entry marked "(outage ends)" beats a window told in the Impact's prose."""
        told = " ".join(
            line.text
            for s in sections
            if s.name in ("preamble", "summary", "impact", "duration")
            for line in s.lines
        )
        stated_end = isinstance(summary.end, datetime) and not from_impact
        milestone = None if stated_end else timelines.last_milestone()
        window = timeline_window(timelines.entries, bool(START_UNKNOWN.search(told)), milestone)
        if window.start is None and not window.start_said and self.front.start is not None:
            window.start, window.start_said = self.front.start, "start taken from the front matter's date"
        if window.end is None and not window.end_said and self.front.end is not None:
            window.end, window.end_said = self.front.end, "end taken from the front matter"
        self.guesses.extend(settle(summary, window, from_impact, several=len(timelines.incidents) > 1))

    def _report(
        self,
        title: str,
        zone: str,
        summary: Summary,
        timeline: list[Event],
        analysis: dict[str, list[str]],
        lessons: Lessons,
        tasks: list[Task],
    ) -> Postmortem:
        facts = self.facts
        report = Postmortem(
            title=title,
            timezone=zone,
            status=facts.get("status", Status.DRAFT),
            severity=facts.get("severity"),
            authors=facts.get("authors", []),
            summary=summary,
            timeline=timeline,
            analysis=Analysis(
                root_cause="\n\n".join(analysis["root_cause"]),
                resolution="\n\n".join(analysis["resolution"]),
                contributing_factors=analysis["contributing_factors"],
            ),
            lessons=lessons,
            tasks=tasks,
            notes=_joined_notes(self.result_notes),
        )
        return report

    def _title(self) -> str:
        if self.ours and self.lines and self.lines[0].kind == "heading" and self.lines[0].level == 1:
            self._consume(self.lines[0])
            return self.lines[0].text.strip()  # pmtui wrote "# {title}" itself
        for line in self.lines[:6]:
            if (
                line.kind == "heading"
                and line.level == 1
                and section_of(line.text) in (None, "summary")
                and not re.fullmatch(r"(issue|incident)?\s*summary", undecorated(line.text), re.I)
            ):
                self._consume(line)
                if self.front.title and self.front.title != title_text(line.text):
                    self.result_notes.append((-1, f"Front matter title: {self.front.title}"))
                return title_text(line.text)
        if self.front.title:
            return self.front.title  # a blog or status page: the heading is the site's, the title here
        first = self.lines[0] if self.lines else None
        if (
            first is not None
            and first.kind in ("text", "heading")
            and section_of(first.text) is None
            and not first.text.lstrip().startswith(("<", "!["))
            and not LABELLED.match(first.text)
            and len(undecorated(first.text)) <= 100
            and undecorated(first.text)
        ):
            self._consume(first)
            return title_text(first.text)
        return "Imported postmortem"

    def _consume(self, line: Line) -> None:
        line.kind = "consumed"

    def _zone(self, sections: list[Section]) -> tuple[str | None, str]:
        """The zone the report states: summary first, then the timeline, then anywhere."""
        ordered = (
            [s for s in sections if s.name in ("preamble", "summary", "duration")]
            + [s for s in sections if s.name == "timeline"]
            + sections
        )
        for section in ordered:
            candidates = ([section.heading] if section.heading else []) + section.lines
            for line in candidates:
                if self.ours and line.kind == "text" and FACTS_LINE.match(line.text):
                    facts = pmtui_facts(line.text)
                    if "time zone" in facts:
                        return facts["time zone"], facts["time zone"]
                token = find_zone(line.text)
                if token and (
                    section.name == "timeline"
                    or find_clocks(line.text)
                    or re.search(r"zone|\btimes\b", line.text, re.I)
                    or section.heading is line
                ):
                    iana = iana_zone(token)
                    if iana:
                        return token, iana
        return None, "UTC"

    def _incident_day(self, sections: list[Section]) -> date | None:
        """The incident's date: from the Duration/Start/Date lines, else the summary's prose or the
        timeline's first date, else the front matter's start, the title, the front matter's date."""
        scored: list[tuple[int, DateReading]] = []
        timeline_dated = False  # a later timeline date never wins over the first: it is not read
        for section in sections:
            if section.name not in ("preamble", "summary", "duration", "impact", "timeline"):
                continue
            if section.name == "timeline" and timeline_dated:
                continue
            if self.ours and section.name != "timeline":
                lines = [line for line in section.lines if re.match(r"\W*Duration", line.text)]
                section = Section(section.name, None, lines)
            for line in ([section.heading] if section.heading else []) + section.lines:
                if section.name == "timeline":
                    weight = 2
                else:
                    label = LABELLED.match(line.text)
                    weight = (
                        3
                        if label and re.search(r"date|duration|start|time|when", label.group(1), re.I)
                        else 1
                    )
                reading = _first_date(line.text)
                if reading is not None:
                    scored.append((-weight, reading))
                    if section.name == "timeline":
                        timeline_dated = True
                        break
        if not scored and self.front.start is not None:
            return self.front.start.date()
        if not scored:
            for line in self.lines[:3]:
                reading = _first_date(line.text)
                if reading is not None:
                    scored.append((0, reading))
                    break
        if not scored:
            return self.front.day
        scored.sort(key=lambda item: item[0])
        chosen = scored[0][1]
        if chosen.guessed:
            self.guesses.append(chosen.guessed)
        return chosen.value

    # ------------------------------------------------------------ analysis, lessons, notes

    def _analysis(self, section: Section, analysis: dict[str, list[str]]) -> None:
        name = section.name
        target = {
            "root_cause": "root_cause",
            "resolution": "resolution",
            "contributing": "contributing_factors",
            "analysis": "root_cause",
        }[name]
        paragraphs: list[list[Line]] = []
        #: Label values, and each paragraph once for every line in it (joined once, below).
        found: dict[str, list[str | list[Line]]] = {"root_cause": [], "resolution": []}
        for line in section.lines:
            if line.kind == "heading":
                sub = section_of(line.text)
                target = {
                    "root_cause": "root_cause",
                    "resolution": "resolution",
                    "contributing": "contributing_factors",
                }.get(sub or "", target)
                continue
            label = LABELLED.match(line.text) if line.kind in ("item", "text") else None
            if label and section_of(label.group(1)) in ("root_cause", "resolution"):
                target = "root_cause" if section_of(label.group(1)) == "root_cause" else "resolution"
                value = clean_line(label.group(2))
                if value:
                    found[target].append(value)
                continue
            if target == "contributing_factors":
                analysis[target].append(clean_line(line.text))
                continue
            if line.text.strip() == "_Not written yet._":
                continue
            if paragraphs and (
                line.kind == "more"
                or (
                    line.number == paragraphs[-1][-1].number + 1
                    and line.kind == "text"
                    and paragraphs[-1][-1].kind == "text"
                )
            ):
                paragraphs[-1].append(line)
            else:
                paragraphs.append([line])
            if (
                name == "analysis"
                and len(paragraphs) > 1
                and not self.ours
                and target == "root_cause"
                and not any(section_of(line.text) for line in section.lines if line.kind == "heading")
            ):
                target = "resolution"  # "Root Cause and Resolution" in two paragraphs: cause, then fix
            found[target].append(paragraphs[-1])
        for key, parts in found.items():
            analysis[key] = [text for text in analysis[key] if text] + self._joined(parts)

    def _joined(self, parts: list[str | list[Line]]) -> list[str]:
        """Label values that say something, and each paragraph once, verbatim."""
        texts: list[str] = []
        seen: set[int] = set()
        for part in parts:
            if isinstance(part, str):
                if part:
                    texts.append(part)
            elif id(part) not in seen:
                seen.add(id(part))
                texts.append(self._verbatim(part))
        return texts

    def _lessons(self, section: Section) -> Lessons:
        lists: dict[str, list[str]] = {"went_well": [], "went_wrong": [], "lucky": []}
        target = "went_wrong"
        for line in section.lines:
            if line.kind == "heading":
                lowered = line.text.casefold()
                target = "went_well" if "well" in lowered else "lucky" if "lucky" in lowered else "went_wrong"
            elif line.kind == "item":
                lists[target].append(clean_line(line.text))
            elif line.kind == "more" and lists[target]:
                lists[target][-1] += "\n" + line.text.strip()
        return Lessons(**lists)

    def _keep(self, section: Section, lines: list[Line], label: str = "", verbatim: bool = False) -> None:
        if verbatim:
            if section.name == "notes" and section.heading is not None:
                # pmtui writes notes last, under "## Notes": everything after it is the notes, verbatim
                self.result_notes.append(
                    (section.start, "\n".join(self.source[section.start + 1 :]).strip("\n"))
                )
                self.rest_is_notes = True
                self.verbatim.append(range(section.start, len(self.source)))
                return
            text = "\n".join(self.source[section.start : section.end]).strip("\n")
            if text:
                self.result_notes.append((section.start, text))
                self.verbatim.append(range(section.start, section.end))
            return
        for line in lines:
            if line.kind != "consumed":
                self._keep_line(line)

    def _keep_link_definitions(self) -> None:
        """`[label]: https://…` lines: the parser takes them as link definitions and gives no line for
        them, so outside the sections kept verbatim they would be lost. They go to the notes."""
        fenced = False
        read = {line.number for line in self.lines}  # lines the parser gave: kept (or used) already
        for number, text in enumerate(self.source):
            if _FENCE.match(text):
                fenced = not fenced
            elif (
                not fenced
                and number not in read
                and _LINK_DEFINITION.match(text)
                and not any(number in kept for kept in self.verbatim)
            ):
                self.result_notes.append((number, text.strip()))

    def _keep_line(self, line: Line) -> None:
        if line.text.strip():
            self.result_notes.append((line.number, line.text.strip()))

    def _verbatim(self, lines: list[Line]) -> str:
        if all(line.kind in ("text",) for line in lines):
            return "\n".join(self.source[lines[0].number : lines[-1].number + 1]).strip()
        return "\n".join(
            clean_line(line.text) if line.kind != "more" else line.text.strip() for line in lines
        )


def _joined_notes(notes: list[tuple[int, str]]) -> str:
    """The notes in document order: lines that were one paragraph (a hard-wrapped lead paragraph)
    stay one, the rest are paragraphs of their own."""
    paragraphs: list[str] = []
    last_line: int | None = None
    for number, text in sorted(notes, key=lambda note: note[0]):
        if paragraphs and last_line is not None and number == last_line + 1:
            paragraphs[-1] += "\n" + text
        else:
            paragraphs.append(text)
        last_line = number + text.count("\n") if number >= 0 else None
    return "\n\n".join(paragraphs)


def _first_date(text: str) -> DateReading | None:
    """The first whole date written in `text` that the reader settles."""
    for _, written in find_dates(text):
        reading = report_date(written, None)
        if reading is not None:
            return reading
    return None


def title_text(text: str) -> str:
    """A heading or first line as the report's title: without `#` or bold around it all (emoji kept)."""
    title = re.sub(r"^[#\s]+", "", text).strip()
    title = re.sub(r"^(\*\*|__)(.*)\1$", r"\2", title).strip()
    return title or "Imported postmortem"


def iana_zone(token: str) -> str | None:
    """The IANA zone a report written in `token` is kept in: EAT -> Africa/Nairobi, GMT+2 -> Etc/GMT-2.

    The core reads the zone; a written offset becomes the Etc zone of whole hours
    (none exists for UTC+05:30, so that is None: the report's zone stays unknown).
    """
    cleaned = token.strip("() ")
    offset = read_offset(cleaned)
    if offset is not None:
        hours, rest = divmod(offset, timedelta(hours=1))
        if rest or not -12 <= hours <= 14:
            return None
        return f"Etc/GMT{-hours:+d}" if hours else "UTC"  # POSIX signs are inverted
    try:
        return read_zone(cleaned)
    except ValueError:
        return None
