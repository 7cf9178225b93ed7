"""A fast path through markdown-it for the commonest long block: a plain, tight bullet list.

A long timeline is mostly one `- ` list of one-line items. markdown-it reads each item
by running its whole block parser again inside it (every rule tried on every line,
a nested tokenize per item): over half of a 1 MB import. `plain_list` is a block rule
tried first at the top level. It takes a list only when every line of it is plainly
text; anything else in or right after the list (a nested block, a table pipe, a tab,
a lazy or loose line) and it declines, leaving the list to markdown-it.

A list it takes becomes one `PLAIN_LIST` token holding its items, each with the text
markdown-it's paragraph would hold, rather than seven tokens an item: `blocks` reads it
into the very lines it reads from markdown-it's own tokens (a test compares the two on
generated documents). So it can only ever be faster, never read a list differently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markdown_it.common.utils import mdTrim
from markdown_it.rules_block import StateBlock
from markdown_it.token import Token

#: The token type of a list `plain_list` took.
PLAIN_LIST = "plain_bullet_list"

#: What a line's text may not start with: anything that could begin a block of its own
#: inside an item (heading, quote, fence, HTML, table, rule, setext underline, nested list).
_BLOCK_START = re.compile(r"[#>`~<|=+\-_\s]|\*(?:[ \t]|$)|\d{1,9}[.)](?:[ \t]|$)|[*\s]+$")
#: A continuation line's indent: markdown-it strips two columns (the item's content
#: column) and keeps the rest.
_CONTENT_INDENT = 2


@dataclass(slots=True)
class PlainItem:
    line: int
    """The item's first line."""
    stop: int
    """The line after its last."""
    content: str
    """Its text, as markdown-it's paragraph token would hold it."""
    children: list[Token] | None = None
    """Its inline tokens: filled by the parser's inline step, as an inline token's are."""


def plain_list(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """A tight `- ` list of plain text items at the top level, or False to leave it to markdown-it."""
    # `state.level` and not `parentType`: markdown-it leaves parentType at "paragraph" after
    # its setext-heading rule declines, so only the token level says "not inside a block".
    if silent or state.level != 0 or state.blkIndent != 0 or state.sCount[start] != 0:
        return False
    src, begins, ends, shifts = state.src, state.bMarks, state.eMarks, state.tShift
    items: list[int] = []
    line = start
    while line < end:
        first, last = begins[line], ends[line]
        shift = shifts[line]
        if first + shift >= last:  # a blank line ends the run
            break
        text = src[first + shift : last]
        if shift == 0 and text.startswith("- "):
            body = text[2:]
        elif shift >= _CONTENT_INDENT and items and "\t" not in src[first : first + shift]:
            body = text
        else:
            return False  # a lazy line, another block, a tab: markdown-it decides
        if not body or "|" in body or _BLOCK_START.match(body):
            return False
        if shift == 0:
            items.append(line)
        line += 1
    if not items or items[0] != start:
        return False
    run_end = line
    after = state.skipEmptyLines(run_end)
    if after < end and (shifts[after] > 0 or src[begins[after]] == "-"):
        return False  # the list goes on past a blank line (loose), or might: markdown-it decides
    if _has_reference_definition(state, items, run_end):
        return False
    _push_list(state, items, run_end, after)
    return True


def _has_reference_definition(state: StateBlock, items: list[int], run_end: int) -> bool:
    """An item that starts with "[" and holds "]:" may define a link reference, which
    markdown-it reads as no paragraph at all."""
    for index, item in enumerate(items):
        if state.src[state.bMarks[item] + 2] == "[":
            stop = items[index + 1] if index + 1 < len(items) else run_end
            if "]:" in state.src[state.bMarks[item] : state.eMarks[stop - 1]]:
                return True
    return False


def _push_list(state: StateBlock, items: list[int], run_end: int, after: int) -> None:
    src, begins, ends = state.src, state.bMarks, state.eMarks
    plain_items = []
    for index, item in enumerate(items):
        stop = items[index + 1] if index + 1 < len(items) else run_end
        lines = [src[begins[item] + 2 : ends[item]]]
        lines.extend(src[begins[line] + _CONTENT_INDENT : ends[line]] for line in range(item + 1, stop))
        plain_items.append(PlainItem(item, stop, mdTrim("\n".join(lines))))
    token = state.push(PLAIN_LIST, "ul", 0)
    token.markup = "-"
    token.map = [items[0], after]
    token.meta = {"items": plain_items}
    state.line = after
