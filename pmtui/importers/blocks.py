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
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import NamedTuple

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from pmtui.cycles import cycle_collection_paused
from pmtui.importers.controls import strip_controls
from pmtui.importers.plain_lists import PLAIN_LIST, PlainItem, plain_list
from pmtui.render.nesting import dropped_spans


@dataclass(slots=True)
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
    paragraph: int = -1
    """The line the paragraph this line belongs to starts on (-1 for headings, rows, code)."""
    quoted: bool = False
    """Inside a blockquote: pasted chat, alerts, or a quote under an event."""
    links: list[str] = field(default_factory=list)
    """Where the line's links go, in order, references resolved (autolinks, which show their
    address, are not counted)."""


_HTML_BLOCK_TAG = re.compile(
    r"</?(?:ul|ol|div|section|article|table|tbody|thead|details|summary|center)\b[^>]*>", re.I
)
#: Inline tags that only style text: `<span style="color: ...">07:15 AM:</span>` is "07:15 AM:".
_PRESENTATIONAL_TAG = re.compile(r"</?(?:span|font|mark|u|small|big|abbr|time)\b[^<>]*>", re.I)
#: A fenced code block, fences included (one never closed runs to the end, as in CommonMark).
_FENCED = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})[^\n]*\n.*?(?:^[ \t]{0,3}\1[`~]*[ \t]*$|\Z)", re.M | re.S)
_HTML_CODE = re.compile(r"<code>([^`<>\n]*)</code>", re.I)
_HTML_TABLE = re.compile(r"<table\b[^>]*>(.*?)</table\s*>", re.I | re.S)
_HTML_ROW = re.compile(r"<tr\b[^>]*>(.*?)(?=<tr\b|</tbody|</thead|</tfoot|$)", re.I | re.S)
_HTML_CELL = re.compile(r"<t([hd])\b[^>]*>(.*?)(?=<t[hd]\b|</tr|$)", re.I | re.S)
_SHORTCODE_BULLET = re.compile(r"^(\s*)(?:&emsp;|&nbsp;|\s)*:[a-z0-9_+-]+:\s*", re.I)
_BARE_HEADING = re.compile(r"^[^\s\-*+#>|\d][^:]{2,60}:\s*$")
_CHECKBOX = re.compile(r"^\[([ xX])\]\s+")
_HARD_BREAK_AT_END = re.compile(r"(?:<br\s*/?>|\\)\s*$", re.I)
_UNSPACED_HEADING = re.compile(r"^(#{1,6})(?=[^#\s])")
_SYMBOL_BULLETS = "•◦▪●"
_SYMBOL_BULLET = re.compile(rf"^(\s*)[{_SYMBOL_BULLETS}]\s*")
_BULLET_GLUED_TO_TIME = re.compile(r"^(\s*)-(?=\d{1,2}(?::|\s*[ap]\.?m))", re.I)
_RULE = re.compile(r"\s*[-=]{3,}\s*")


def mend(text: str) -> str:
    """Fix what hand-written reports commonly break, before parsing."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    text = _unwrap_fence(text)
    text = re.sub(r"<!--.*?-->", "", text, flags=re.S)
    if "<" in text:
        text = _outside_fences(text, _inline_html_to_markdown)
    if re.search(r"<(?:h[1-6]|li|p|br|strong|b|em|ul|ol)\b", text, re.I):
        text = _html_to_markdown(text)
    lines = []
    for line in text.split("\n"):
        first = line.lstrip()[:1]  # each mend below starts at the line's first mark: look first
        if first == "#":
            line = _UNSPACED_HEADING.sub(r"\1 ", line)  # "##Timeline"
        elif first and first in _SYMBOL_BULLETS:
            line = _SYMBOL_BULLET.sub(r"\1- ", line)
        elif first == "-":
            line = _BULLET_GLUED_TO_TIME.sub(r"\1- ", line)  # "-10:15 AM"
        if "&" in line:
            if _SHORTCODE_BULLET.match(line):
                line = _SHORTCODE_BULLET.sub(r"\1- ", line)
            # a character reference may name a control: parse() strips it after
            line = html.unescape(line).replace("\u2003", " ").replace("\xa0", " ")
        lines.append(line)
    # "Timeline:" on the line after a list item would be swallowed into the item: give it room.
    for index in range(len(lines) - 1, 0, -1):
        if (
            lines[index].rstrip().endswith(":")
            and _BARE_HEADING.match(lines[index])
            and lines[index - 1].strip()
        ):
            lines.insert(index, "")
    # A rule of dashes right under text would make that text a heading (setext); keep it a rule.
    for index in range(1, len(lines)):
        if (
            lines[index].lstrip()[:1] in ("-", "=")
            and _RULE.fullmatch(lines[index])
            and lines[index - 1].strip()
        ):
            lines[index] = "\n" + lines[index]
    return "\n".join(lines)


def _outside_fences(text: str, change: Callable[[str], str]) -> str:
    """`change` applied to the text outside fenced code blocks: code shows its markup as written."""
    parts: list[str] = []
    position = 0
    for fence in _FENCED.finditer(text):
        parts += [change(text[position : fence.start()]), fence.group()]
        position = fence.end()
    return "".join([*parts, change(text[position:])])


def _inline_html_to_markdown(text: str) -> str:
    """Styling tags dropped (`<span style="...">07:15 AM:</span>` is "07:15 AM:"), `<code>` as
    backticks, and raw-HTML tables as Markdown ones."""
    text = _PRESENTATIONAL_TAG.sub("", text)
    text = _HTML_CODE.sub(r"`\1`", text)
    if "<t" in text or "<T" in text:
        text = _HTML_TABLE.sub(_table_to_markdown, text)
    return text


def _table_to_markdown(match: re.Match[str]) -> str:
    """A raw-HTML table as a Markdown one, a row a line, so its rows are read like any table's."""
    rows: list[list[str]] = []
    header: list[str] | None = None
    for row in _HTML_ROW.finditer(match.group(1)):
        cells = list(_HTML_CELL.finditer(row.group(1)))
        if not cells:
            continue
        texts = [_cell_text(cell.group(2)) for cell in cells]
        if not rows and header is None and all(cell.group(1).lower() == "h" for cell in cells):
            header = texts
        else:
            rows.append(texts)
    if not rows and header is None:
        return match.group()
    width = max(len(cells) for cells in [header or [], *rows])
    lines = ["| " + " | ".join(cells) + " |" for cells in [header or [""] * width, ["---"] * width, *rows]]
    return "\n\n" + "\n".join(lines) + "\n\n"


def _cell_text(html_text: str) -> str:
    text = re.sub(r"</t[hd]\s*>", "", html_text, flags=re.I)
    text = re.sub(r"<br\s*/?>|</?p\b[^>]*>", " ", text, flags=re.I)
    text = re.sub(r"</?(?:strong|b)>", "**", text, flags=re.I)
    text = re.sub(r"</?(?:em|i)>", "*", text, flags=re.I)
    text = re.sub(r"</?code>", "`", text, flags=re.I)
    text = re.sub(r"<[^<>]+>", "", text)
    return " ".join(text.split()).replace("|", "\\|")


def _unwrap_fence(text: str) -> str:
    """A report pasted inside a ```markdown fence (often never closed) is the report, not code.

    Fences are walked in order, so the closing fence of an earlier ```python block
    is never taken for one that opens a report.
    """
    fences = list(re.finditer(r"^ {0,3}(```+|~~~+)(.*)$", text, re.M))
    opening = next(
        (
            number
            for number, fence in enumerate(fences)
            if number % 2 == 0 and re.fullmatch(r"\s*(?:markdown|md)?\s*", fence.group(2))
        ),
        None,
    )
    if opening is None:
        return text
    match = fences[opening]
    closing = fences[opening + 1] if opening + 1 < len(fences) else None
    inside = text[match.end() : closing.start()] if closing else text[match.end() :]
    if re.search(r"^#{1,6}\s|^\s*[-*]\s", inside, re.M) and len(re.findall(r"^#{1,6}\s", inside, re.M)) >= 2:
        rest = text[closing.end() :] if closing else ""
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


def _inline_links_only(state: StateCore) -> None:
    """markdown-it's inline step, run only where a link can be: the importer reads inline
    tokens' children for nothing but their links, and every link starts at "[" (autolinks,
    which start at "<", are not counted). Half of the parse on a long plain list."""
    for token in state.tokens:
        if token.type == "inline":
            if token.children is None:
                token.children = []
            if "[" in token.content:
                state.md.inline.parse(token.content, state.md, state.env, token.children)
        elif token.type == PLAIN_LIST:
            item: PlainItem
            for item in token.meta["items"]:
                item.children = []
                if "[" in item.content:
                    state.md.inline.parse(item.content, state.md, state.env, item.children)


def make_parser(plain_lists: bool = True) -> MarkdownIt:
    """The importer's parser; `plain_lists=False` leaves every list to markdown-it (for tests)."""
    parser = MarkdownIt("commonmark").enable("table")
    if plain_lists:
        parser.block.ruler.before("table", "plain_list", plain_list)
    parser.core.ruler.at("inline", _inline_links_only)
    return parser


_PARSER = make_parser()


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
    with cycle_collection_paused():
        lines = _read(source, flatten=True)
    return Parsed(lines, source.split("\n"), before + after)


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
        line.paragraph += first_line if line.paragraph >= 0 else 0
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
        line.paragraph += first_line if line.paragraph >= 0 else 0
        line.depth += depth if line.depth else 0
    return inner


def _walk(tokens: list[Token]) -> list[Line]:
    lines: list[Line] = []
    depth = 0
    quoted = 0
    item_start: int | None = None
    in_item_paragraph = 0
    row: list[str] = []
    row_links: list[str] = []
    in_header = False
    for index, token in enumerate(tokens):
        kind = token.type
        if kind in ("bullet_list_open", "ordered_list_open"):
            depth += 1
        elif kind in ("bullet_list_close", "ordered_list_close"):
            depth -= 1
        elif kind == "blockquote_open":
            quoted += 1
        elif kind == "blockquote_close":
            quoted -= 1
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
            first_of_item = depth > 0 and item_start is not None and in_item_paragraph == 0
            start = token.map[0] if token.map else 0
            lines.extend(_paragraph(start, inline.content, inline.children, depth, quoted > 0, first_of_item))
            if depth:
                in_item_paragraph += 1
        elif kind == PLAIN_LIST:  # what the list's own tokens would give: one paragraph an item
            for item in token.meta["items"]:
                lines.extend(_paragraph(item.line, item.content, item.children, depth + 1, False, True))
                item_start, in_item_paragraph = item.line, 1
        elif kind == "fence":
            start = token.map[0] if token.map else 0
            for offset, part in enumerate(token.content.split("\n")):
                if part.strip():
                    lines.append(
                        Line("code", part.strip(), start + offset + 1, depth=depth, quoted=quoted > 0)
                    )
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
            row, row_links = [], []
        elif kind == "inline" and tokens[index - 1].type in ("th_open", "td_open"):
            row.append(token.content.strip())
            row_links.extend(_links_by_line(token.children, 1)[0])
        elif kind == "tr_close":
            lines.append(
                Line(
                    "row",
                    " | ".join(row),
                    token.map[0] if token.map else 0,
                    cells=row,
                    header=in_header,
                    links=row_links,
                )
            )
    return lines


def _paragraph(
    start: int, content: str, children: list[Token] | None, depth: int, quoted: bool, first_of_item: bool
) -> list[Line]:
    """A paragraph's lines; `first_of_item`: its first line starts a list item."""
    parts = content.split("\n")
    links = _links_by_line(children, len(parts))
    lines = []
    for offset, part in enumerate(parts):
        line = Line(
            "more" if depth else "text",
            part.strip(),
            start + offset,
            depth=depth,
            paragraph_lines=len(parts),
            paragraph=start,
            quoted=quoted,
            links=links[offset],
        )
        if first_of_item and offset == 0:
            line.kind = "item"
            box = _CHECKBOX.match(part)
            if box:
                line.checked = box.group(1) != " "
                line.text = part[box.end() :].strip()
        lines.append(line)
    return lines


def _links_by_line(children: list[Token] | None, count: int) -> list[list[str]]:
    """The addresses of the links on each of an inline run's `count` lines."""
    found: list[list[str]] = [[] for _ in range(count)]
    line = 0
    for child in children or []:
        if child.type in ("softbreak", "hardbreak"):
            line = min(line + 1, count - 1)
        elif child.type == "link_open" and child.markup != "autolink":
            found[line].append(str(child.attrs.get("href", "")))
    return found


def clean_line(text: str) -> str:
    """A line's text without the hard break it ends with (`<br>`, a backslash)."""
    text = text.strip()
    if not text.endswith((">", "\\")):  # no break to take off: most lines, so skip the pattern
        return text
    return _HARD_BREAK_AT_END.sub("", text).strip()
