"""Text typed into a field stays text in the export: no live HTML, no script links.

An exported report is pasted into wikis, tickets and static sites that render
raw HTML and follow links, and its text comes from many hands (and from
imported documents nobody read closely). So the renderer escapes raw HTML
(`<tag` becomes `&lt;tag`, which every renderer shows as `<tag`) and breaks
the syntax of any link or link definition whose URL runs code or reads local
files (`](` becomes `]\\(`), leaving the text visible. Ordinary Markdown
(emphasis, lists, http(s) and mailto links, autolinks) is left as it is, and
so is code, which renderers show literally anyway.

Code is recognised only where every CommonMark renderer must agree that it is
code; wherever a renderer could read the text otherwise (a code span across
lines, which a paragraph break would end; a table cell; a fence whose list
item may have ended) the text is treated as prose and escaped. Escaping too
much shows a stray `&lt;`; escaping too little runs a script.
"""

from __future__ import annotations

import html
import re
from typing import NamedTuple

DANGEROUS_SCHEMES = ("javascript:", "vbscript:", "data:", "file:")

_EMAIL = (
    r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*"
)
#: `<` that starts an autolink (kept unless its scheme is dangerous), or anything tag-like.
_ANGLE = re.compile(
    rf"<(?:(?P<url>[A-Za-z][A-Za-z0-9+.\-]{{1,31}}:[^\s<>]*)>|(?P<email>{_EMAIL})>|(?=[A-Za-z/!?]))"
)
#: Where a link destination follows: `[text](url` inline, `[label]: url` as a definition.
_DESTINATION = re.compile(r"\]([(:])")
_DEFINITION = re.compile(r"\](:)")
_BACKSLASH_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f-\x9f]+")
_FENCE_OPEN = re.compile(r"( {0,3})(`{3,}|~{3,})(.*)")
_BACKTICKS = re.compile(r"`+")
#: Characters that could end a link destination early or start other syntax inside it.
_URL_BREAKERS = re.compile(r"[\s<>()\\`]")
#: How much of a destination is read to find its scheme (character references make it longer).
_SCAN_CHARS = 100


class _Fence(NamedTuple):
    marker: str
    indent: int


def neutralise_line(text: str) -> str:
    """A one-line field (title, owner, author). It shares its line with other fields, whose
    backticks could pair with its own, so code spans get no special treatment here."""
    return text if _nothing_to_neutralise(text) else _inert(text)


def neutralise(text: str, block: bool = False) -> str:
    """A multi-line field, code left alone. `block` is for fields that start on a line of
    their own (analysis, notes), where the first line may open a fenced code block."""
    if _nothing_to_neutralise(text):
        return text
    out: list[str] = []
    prose: list[str] = []
    fence: _Fence | None = None
    for index, line in enumerate(text.split("\n")):
        if fence is not None:
            closed = _closes(line, fence)
            if closed or _inside(line, fence):
                out.append(line)
                fence = None if closed else fence
                continue
            fence = None  # the list item around the fence may have ended: read as prose
        opened = _fence_opening(line) if block or index else None
        if opened is None:
            prose.append(line)
            continue
        out.extend(_prose(prose))
        prose, fence = [], opened
        out.append(line)
    out.extend(_prose(prose))
    return "\n".join(out)


def _nothing_to_neutralise(text: str) -> bool:
    """Nearly every field: nothing that could be HTML, an autolink or a link."""
    return "<" not in text and "]" not in text


def _fence_opening(line: str) -> _Fence | None:
    """The fence a line opens, as CommonMark reads it (no backtick in a backtick fence's info)."""
    match = _FENCE_OPEN.fullmatch(line)
    if match is None or (match.group(2)[0] == "`" and "`" in match.group(3)):
        return None
    return _Fence(match.group(2), len(match.group(1)))


def _closes(line: str, fence: _Fence) -> bool:
    """Generous on purpose: ending the code too early only escapes too much."""
    stripped = line.strip()
    return len(stripped) >= len(fence.marker) and not stripped.strip(fence.marker[0])


def _inside(line: str, fence: _Fence) -> bool:
    """Still fence content: blank, or indented (with spaces) at least as far as the fence."""
    indent = line[: len(line) - len(line.lstrip())]
    return not line.strip() or ("\t" not in indent and len(indent) >= fence.indent)


def _prose(lines: list[str]) -> list[str]:
    if not lines:
        return []
    joined = "\n".join(lines)
    defused = _DEFINITION.sub(lambda m: _destination(m, joined), joined)  # definitions come before code spans
    return _code_aware(defused).split("\n")


def _code_aware(text: str) -> str:
    """Escape everything outside code spans, found the way CommonMark finds them, until a span
    that a renderer could read otherwise: from there on, everything is escaped."""
    parts: list[str] = []
    prose_start = position = 0
    while position < len(text):
        char = text[position]
        if char != "`":
            position += 2 if char == "\\" else 1
            continue
        run = _run_length(text, position)
        closing = _closing_run(text, position + run, run)
        if closing is None:
            position += run
            continue
        span = text[position : closing + run]
        if "\n" in span or "|" in span:
            break
        parts += [_inert(text[prose_start:position]), span]
        prose_start = position = closing + run
    parts.append(_inert(text[prose_start:]))
    return "".join(parts)


def _run_length(text: str, start: int) -> int:
    """How many backticks in a row begin at `start`."""
    end = start
    while end < len(text) and text[end] == "`":
        end += 1
    return end - start


def _closing_run(text: str, start: int, length: int) -> int | None:
    """Where a backtick run of exactly `length` closes a code span opened before `start`."""
    for match in _BACKTICKS.finditer(text, start):
        if len(match.group()) == length:
            return match.start()
    return None


def _inert(text: str) -> str:
    escaped = _ANGLE.sub(_angle, text)
    return _DESTINATION.sub(lambda m: _destination(m, escaped), escaped)


def _angle(match: re.Match[str]) -> str:
    url, email = match.group("url"), match.group("email")
    if url is not None:
        return "&lt;" + match.group()[1:] if is_dangerous(url) else match.group()
    return match.group() if email is not None else "&lt;"


def _destination(match: re.Match[str], text: str) -> str:
    following = text[match.end() : match.end() + _SCAN_CHARS]
    return "]\\" + match.group(1) if is_dangerous(following) else match.group()


def is_dangerous(url: str) -> bool:
    """Does `url` (or text starting with one) use a scheme that runs code or reads local files?
    Read as a browser would: escapes and character references decoded, spaces and controls ignored."""
    decoded = html.unescape(_BACKSLASH_ESCAPE.sub(r"\1", url))
    decoded = _INVISIBLE.sub("", decoded).lstrip("<").lower()
    return decoded.startswith(DANGEROUS_SCHEMES)


def safe_url(url: str) -> str:
    """A link's URL as a Markdown destination that cannot end early: breakers percent-encoded."""
    return _URL_BREAKERS.sub(lambda m: "".join(f"%{byte:02X}" for byte in m.group().encode("utf-8")), url)
