"""The sections postmortems have, under the many names people give them, and where each begins.

A section begins at a heading that names one ("## Timeline", "🕵️ The Timeline:
A Journey"), or at a bare line used as one ("Timeline:", "**Root Cause**").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pmtui.importers.blocks import Line
from pmtui.importers.clock import find_clocks, leading_stamp

# Checked in order: the first pattern that matches a heading names its section.
SECTION_PATTERNS = (
    ("notes", r"^notes?$"),
    ("timeline", r"time ?line|chronolog|sequence of events|timeline of events|^events$|what happened when"),
    ("analysis", r"root cause.*(resolution|fix)|cause and (resolution|fix)|(resolution|fix).*root cause"),
    ("lessons", r"lessons?( learn(ed|t))?|what went (well|wrong)|takeaways"),
    ("contributing", r"contributing factors?"),
    (
        "corrective",
        r"corrective|prevent|action items?|^tasks?\b|tasks? to|list of tasks|to-?dos?\b|to do\b"
        r"|improvements?|next steps|follow-?up (items|actions)|recommendations|remediation",
    ),
    ("root_cause", r"root ?causes?|^causes?$|apparent reason|why it happened|^cause of"),
    (
        "resolution",
        r"^resolution|resolution and recovery|^recovery|how (it was|we) (fixed|resolved)|^fix(es)?$"
        r"|^mitigation$|^the fix",
    ),
    ("impact", r"^impact|customer impact|business impact"),
    ("summary", r"summary|overview|^incident|description|^background|^issue\b|^introduction|^details"),
    ("duration", r"^duration"),
    (
        "other",
        r"conclusion|closing|appendix|references|visual aid|follow-?up|escalation|misleading|debugging",
    ),
)

#: Sections whose name may carry a subtitle: "Timeline: A Journey Through the Chaos".
SUBTITLED_SECTIONS = ("timeline", "corrective", "analysis", "lessons", "summary")
#: "**Impact:** 30% of users", "Duration - 2h": a label and its value on one line.
LABELLED = re.compile(
    r"^[\W_]*?(?:\*\*|__)?\s*([A-Za-z][\w /&()'-]{0,40}?)\s*(?:\*\*|__)?\s*[:：]\s*(?:\*\*|__)?\s*(.*)$"
)

_FOLLOW_UP = re.compile(r"follow-?up", re.I)

#: Labels of sub-lists inside the corrective section, and the task kind they give.
IMPROVEMENT_LABEL = re.compile(r"improve|fix|prevent|measure|recommend|lessons", re.I)
TASK_LABEL = re.compile(r"task|action|to-?do|to do|next step|follow", re.I)

#: How a long line that opens a section introduces it: "To prevent this, we will take the following steps:".
_INTRODUCES = re.compile(
    r"\b(prevent|avoid|following|measures|steps|actions?|we will|we'll|plan|recommend\w*|timeline|summary)\b",
    re.I,
)
_TIME = re.compile(r"\d[:.]\d\d")
_DECORATION = re.compile(r"[*_`#>~]|<[^>]+>|:[a-z0-9_+-]+:")
_EMOJI_OR_SYMBOL = re.compile(r"[^\w\s&/()',.:+-]", re.UNICODE)


def undecorated(text: str) -> str:
    """Heading text without Markdown, emoji, numbering or the trailing colon."""
    text = _DECORATION.sub("", text)
    text = _EMOJI_OR_SYMBOL.sub("", text)
    text = re.sub(r"^\s*(?:\d+[.)]|[ivx]+\.)\s+", "", text, flags=re.I)
    return re.sub(r"\s+", " ", text).strip(" :-–—.").strip()


def section_of(heading: str) -> str | None:
    """The section a heading names, or None for a heading that names none of them."""
    text = undecorated(heading).casefold()
    if not text or len(text) > 80:
        return None
    for name, pattern in SECTION_PATTERNS:
        if re.search(pattern, text):
            return name
    return None


@dataclass
class Section:
    name: str
    heading: Line | None
    lines: list[Line] = field(default_factory=list)
    start: int = 0
    end: int = 0


def find_sections(
    lines: list[Line], line_count: int, ours: bool, source: list[str] | None = None
) -> tuple[list[Section], list[tuple[int, str]]]:
    """The document cut into sections by meaning, and the prose lines that opened one (for the notes).

    `ours`: pmtui wrote the document, so only its headings open sections. Everything
    under an appendix heading (sub-headings, "Timeline:" lines in a pasted chat) stays in
    the appendix, until a heading as high as the appendix's own. `source` (the lines `Line.number`
    points into) tells a quote: a "Timeline:" line in a quoted chat opens nothing either.
    """
    prose: list[tuple[int, str]] = []
    found = [Section("preamble", None, start=0)]
    level = 99
    previous: Line | None = None
    for line in lines:
        name = None
        if line.kind == "consumed":
            continue
        after, previous = previous, line
        if found[-1].name == "notes":
            found[-1].lines.append(line)  # everything after "Notes" is notes
            continue
        if line.kind == "heading":
            name = section_of(line.text)
            deeper = line.level > level and found[-1].name != "preamble"
            inside = (
                name is None
                or name == found[-1].name
                or (is_appendix(found[-1]) and name != "timeline")  # "### Detailed timeline" is one
                or (found[-1].name == "corrective" and name == "lessons")
                # "### Follow-up" under "## Action items" groups more of them
                or (
                    found[-1].name == "corrective"
                    and name == "other"
                    and _FOLLOW_UP.search(line.text) is not None
                )
                or (found[-1].name == "analysis" and name in ("root_cause", "resolution", "contributing"))
            )
            if deeper and inside:
                found[-1].lines.append(line)  # a sub-heading inside a known section
                continue
            name = name or "other"
            level = line.level
        elif (
            not ours
            and line.kind in ("text", "item")
            and line.depth <= 1
            and not is_appendix(found[-1])
            and not _continues(line, after)
            and not (source is not None and source[line.number].lstrip().startswith(">"))
            and _pseudo_heading(line, found[-1])
        ):
            name = section_of(line.text)
            level = 7
        if name is None:
            found[-1].lines.append(line)
            continue
        found[-1].end = line.number
        found.append(Section(name, line, start=line.number))
        if line.kind != "heading" and len(undecorated(line.text)) > 40:
            prose.append((line.number, line.text.strip()))  # "To prevent recurrence, we propose:" too
    found[-1].end = line_count
    return found, prose


#: An "other" section whose heading says it holds material, not the report: pasted chat, logs.
_APPENDIX = re.compile(
    r"ap+end[ie]x|annex|attachments?|chat ?logs?|transcripts?|raw logs?|log excerpts?", re.I
)


def is_appendix(section: Section) -> bool:
    """An appendix, opened by a real heading: what it holds is kept as written, never read as events."""
    return (
        section.name == "other"
        and section.heading is not None
        and section.heading.kind == "heading"
        and bool(_APPENDIX.search(section.heading.text))
    )


def _continues(line: Line, previous: Line | None) -> bool:
    """A line that cannot open a section: a hard-wrapped paragraph's later line ("the fix."), or
    the label under an event's own heading ("### 5:00 PM" then "Incident declared")."""
    if previous is None:
        return False
    if (
        line.kind == "text"
        and previous.kind in ("text", "more")
        and previous.number == line.number - 1
        and line.text[:1].islower()
    ):
        return True  # a sentence wrapped onto this line
    return (
        previous.kind == "heading"
        and bool(find_clocks(previous.text))
        and leading_stamp(previous.text) is not None
    )


def _pseudo_heading(line: Line, current: Section) -> bool:
    """A bare line like "Timeline:" or "**Root Cause**" used as a heading."""
    text = line.text.strip()
    if len(text) > 200 or _TIME.search(text):
        return False  # an entry with its time, or a paragraph: told before the patterns are tried
    name = section_of(text)
    cleaned = undecorated(text)
    if name is None or (
        name == "other" and not text.rstrip("*_ ").endswith(":") and len(cleaned.split()) > 3
    ):
        return False
    if len(cleaned) > 80 or text.rstrip("*_ ").endswith("."):
        return False  # a time or a full stop: an entry or a sentence, not a heading
    labelled = LABELLED.match(text)
    named = undecorated(labelled.group(1)) if labelled else cleaned
    if len(named.split()) > 6 and not _INTRODUCES.search(named):
        return False  # "Currently the only safe way to do this would be:" introduces no section
    value = undecorated(labelled.group(2)) if labelled else ""
    if labelled and value:
        labelled_section = section_of(labelled.group(1))
        if (
            labelled_section is None
            or labelled_section not in SUBTITLED_SECTIONS
            or len(value) > 50
            or ". " in value
            or line.kind == "item"
        ):
            return False  # "Impact: 30% of users" is a summary line; "Timeline: A Journey" is a heading
    if line.kind == "item" and not text.rstrip("*_ ").endswith(":"):
        return False
    # A label inside the corrective section groups its tasks ("**Incident response and monitoring:**").
    if current.name == "corrective" and name in ("summary", "impact"):
        return False
    return not (current.name == "corrective" and name in ("corrective", "lessons") and line.kind == "item")
