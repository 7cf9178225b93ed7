"""A Markdown document as a flat list of lines that know what they are.

markdown-it-py finds the structure (headings, list items and their depth,
paragraphs, tables, code); each `Line` keeps the raw Markdown of its text so
nothing a writer typed is lost. Before parsing, a few breakages common in
hand-written reports are mended so the parser sees what the writer meant:
`##Heading` without a space, raw HTML (`<h2>`, `<li>`, `<p>`, `<br>`), a
report pasted inside an unclosed code fence, bullets typed as `•` or an
emoji shortcode, and `-10:15` without the space after the dash. Terminal
control characters are removed, and text markdown-it drops (a list nested past
its limit) is read again, flattened, so nothing typed is lost.
"""

from __future__ import annotations

import html
import re
import textwrap
from dataclasses import dataclass, field
from typing import NamedTuple

from markdown_it import MarkdownIt
from markdown_it.token import Token

from pmtui.importers.controls import strip_controls
from pmtui.render.nesting import dropped_spans


@dataclass
class Line:
    kind: str
    """"heading", "item" (first line of a list item), "more" (rest of an item), "text", "row", "code"."""
    text: str
    """Raw Markdown of the line, markers removed."""
    number: int
    """0-based line in the mended source."""
    level: int = 0
    """Heading level (1-6)."""
    depth: int = 0
    """List nesting: 0 outside lists, 1 for a top-level item."""
    checked: bool | None = None
    """`- [x]` True, `- [ ]` False, else None."""
    cells: list[str] = field(default_factory=list)
    header: bool = False
    """A table's header row."""
    paragraph_lines: int = 1
    """How many lines the paragraph this line belongs to has."""


_HTML_BLOCK_TAG = re.compile(
    r"</?(?:ul|ol|div|section|article|table|tbody|thead|details|summary|center)\b[^>]*>", re.I
)
_SHORTCODE_BULLET = re.compile(r"^(\s*)(?:&emsp;|&nbsp;|\s)*:[a-z0-9_+-]+:\s*", re.I)
_BARE_HEADING = re.compile(r"^[^\s\-*+#>|\d][^:]{2,60}:\s*$")
_CHECKBOX = re.compile(r"^\[([ xX])\]\s+")


def mend(text: str) -> str:
    """Fix what hand-written reports commonly break, before parsing."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    text = _unwrap_fence(text)
    text = re.sub(r"<!--.*?-->", "", text, flags=re.S)
    if re.search(r"<(?:h[1-6]|li|p|br|strong|b|em|ul|ol)\b", text, re.I):
        text = _html_to_markdown(text)
    lines = []
    for line in text.split("\n"):
        line = re.sub(r"^(#{1,6})(?=[^#\s])", r"\1 ", line)  # "##Timeline"
        line = re.sub(r"^(\s*)[•◦▪●]\s*", r"\1- ", line)
        line = re.sub(r"^(\s*)-(?=\d{1,2}(?::|\s*[ap]\.?m))", r"\1- ", line, flags=re.I)  # "-10:15 AM"
        if _SHORTCODE_BULLET.match(line) and "&" in line:
            line = _SHORTCODE_BULLET.sub(r"\1- ", line)
        if "&" in line:  # a character reference may name a control: parse() strips it after
            line = html.unescape(line).replace("\u2003", " ").replace("\xa0", " ")
        lines.append(line)
    # "Timeline:" on the line after a list item would be swallowed into the item: give it room.
    for index in range(len(lines) - 1, 0, -1):
        if _BARE_HEADING.match(lines[index]) and lines[index - 1].strip():
            lines.insert(index, "")
    # A rule of dashes right under text would make that text a heading (setext); keep it a rule.
    for index in range(1, len(lines)):
        if re.fullmatch(r"\s*[-=]{3,}\s*", lines[index]) and lines[index - 1].strip():
            lines[index] = "\n" + lines[index]
    return "\n".join(lines)


def _unwrap_fence(text: str) -> str:
    """A report pasted inside a ```markdown fence (often never closed) is the report, not code."""
    match = re.search(r"^```\s*(?:markdown|md)?\s*$", text, re.M)
    if not match:
        return text
    after = text[match.end() :]
    closing = re.search(r"^```\s*$", after, re.M)
    inside = after[: closing.start()] if closing else after
    if re.search(r"^#{1,6}\s|^\s*[-*]\s", inside, re.M) and len(re.findall(r"^#{1,6}\s", inside, re.M)) >= 2:
        rest = after[closing.end() :] if closing else ""
        return text[: match.start()] + inside + rest
    return text


def _html_to_markdown(text: str) -> str:
    def heading(match: re.Match[str]) -> str:
        return "\n\n" + "#" * int(match.group(1)) + " " + match.group(2).strip() + "\n\n"

    text = re.sub(r"<h([1-6])[^>]*>(.*?)</h\1\s*>", heading, text, flags=re.I | re.S)
    text = re.sub(r"<li[^>]*>", "\n- ", text, flags=re.I)
    text = re.sub(r"</li\s*>", "\n", text, flags=re.I)
    text = re.sub(r"<p[^>]*>|</p\s*>", "\n\n", text, flags=re.I)
    text = re.sub(r"<br\s*/?>\s*$", "", text, flags=re.I | re.M)  # "text<br>" at a line end: only spacing
    text = re.sub(r"<br\s*/?>", "\n", text, flags=re.I)
    text = re.sub(r"</?(?:strong|b)>", "**", text, flags=re.I)
    text = re.sub(r"</?(?:em|i)>", "*", text, flags=re.I)
    text = _HTML_BLOCK_TAG.sub("\n", text)
    return re.sub(r"^[ \t]*(- |#)", r"\1", text, flags=re.M)


_PARSER = MarkdownIt("commonmark").enable("table")


class Parsed(NamedTuple):
    lines: list[Line]
    source: list[str]
    """The mended source, one string per line, that `Line.number` points into."""
    removed_controls: int
    """Control characters and escape sequences taken out of the text."""


def parse(text: str) -> Parsed:
    """The document's lines, the mended source they point into, and what was cleaned out."""
    cleaned, before = strip_controls(text)
    source, after = strip_controls(mend(cleaned))  # mend decodes &#27; and the like
    return Parsed(_read(source, flatten=True), source.split("\n"), before + after)


def _read(text: str, flatten: bool) -> list[Line]:
    """Parse and walk `text`, then read again what markdown-it dropped past its nesting limit:
    flattened (each line unindented) the first time, as "text" lines if that still nests too deep."""
    tokens = _PARSER.parse(text)
    lines = _walk(tokens)
    source = text.split("\n")
    for start, end in reversed(dropped_spans(tokens, _PARSER.options["maxNesting"])):
        region = source[start:end]
        lost = _flattened(region, start) if flatten else _as_text(region, start)
        at = next((index for index, line in enumerate(lines) if line.number >= start), len(lines))
        lines[at:at] = lost
    return lines


def _flattened(region: list[str], first_line: int) -> list[Line]:
    lines = _read("\n".join(line.lstrip() for line in region), flatten=False)
    for line in lines:
        line.number += first_line
    return lines


def _as_text(region: list[str], first_line: int) -> list[Line]:
    return [
        Line("text", line.strip(), first_line + offset) for offset, line in enumerate(region) if line.strip()
    ]


def _reparse(text: str, first_line: int, depth: int) -> list[Line]:
    """Markdown hidden in an HTML block or an accidentally indented block, parsed as Markdown."""
    inner = _read(text, flatten=True)
    for line in inner:
        line.number += first_line
        line.depth += depth if line.depth else 0
    return inner


def _walk(tokens: list[Token]) -> list[Line]:
    lines: list[Line] = []
    depth = 0
    item_start: int | None = None
    in_item_paragraph = 0
    row: list[str] = []
    in_header = False
    for index, token in enumerate(tokens):
        kind = token.type
        if kind in ("bullet_list_open", "ordered_list_open"):
            depth += 1
        elif kind in ("bullet_list_close", "ordered_list_close"):
            depth -= 1
        elif kind == "list_item_open":
            item_start = token.map[0] if token.map else None
            in_item_paragraph = 0
        elif kind == "heading_open":
            content = tokens[index + 1].content
            lines.append(
                Line("heading", content.strip(), token.map[0] if token.map else 0, level=int(token.tag[1]))
            )
        elif kind == "paragraph_open":
            inline = tokens[index + 1]
            start = token.map[0] if token.map else 0
            parts = inline.content.split("\n")
            first_of_item = depth > 0 and item_start is not None and in_item_paragraph == 0
            for offset, part in enumerate(parts):
                if first_of_item and offset == 0:
                    checked = None
                    box = _CHECKBOX.match(part)
                    if box:
                        checked = box.group(1) != " "
                        part = part[box.end() :]
                    lines.append(
                        Line(
                            "item",
                            part.strip(),
                            start,
                            depth=depth,
                            checked=checked,
                            paragraph_lines=len(parts),
                        )
                    )
                else:
                    lines.append(
                        Line(
                            "more" if depth else "text",
                            part.strip(),
                            start + offset,
                            depth=depth,
                            paragraph_lines=len(parts),
                        )
                    )
            if depth:
                in_item_paragraph += 1
        elif kind == "fence":
            start = token.map[0] if token.map else 0
            for offset, part in enumerate(token.content.split("\n")):
                if part.strip():
                    lines.append(Line("code", part.strip(), start + offset + 1, depth=depth))
        elif kind == "code_block":  # indented by accident far more often than meant as code
            lines.extend(_reparse(textwrap.dedent(token.content), token.map[0] if token.map else 0, depth))
        elif kind == "html_block":
            inner = re.sub(r"<[^>]+>", "\n", token.content)
            start = token.map[0] if token.map else 0
            if inner.strip():
                lines.extend(_reparse(inner, start, depth))
            else:  # an image or other markup with no text: kept as it is, for the notes
                lines.append(Line("text", token.content.strip(), start, depth=depth))
        elif kind == "thead_open":
            in_header = True
        elif kind == "thead_close":
            in_header = False
        elif kind == "tr_open":
            row = []
        elif kind == "inline" and tokens[index - 1].type in ("th_open", "td_open"):
            row.append(token.content.strip())
        elif kind == "tr_close":
            lines.append(
                Line("row", " | ".join(row), token.map[0] if token.map else 0, cells=row, header=in_header)
            )
    return lines


def clean_line(text: str) -> str:
    """A line's text without the hard break it ends with (`<br>`, a backslash)."""
    return re.sub(r"(?:<br\s*/?>|\\)\s*$", "", text.strip(), flags=re.I).strip()
