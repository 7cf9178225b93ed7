"""What a heading means: the sections postmortems have, under the many names people give them."""

from __future__ import annotations

import re

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

#: Labels of sub-lists inside the corrective section, and the task kind they give.
IMPROVEMENT_LABEL = re.compile(r"improve|fix|prevent|measure|recommend|lessons", re.I)
TASK_LABEL = re.compile(r"task|action|to-?do|to do|next step|follow", re.I)

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
