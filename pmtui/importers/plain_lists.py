"""A fast path through markdown-it for the commonest long block: a plain, tight bullet list.

A long timeline is mostly one `- ` list of one-line items. markdown-it reads each item
by running its whole block parser again inside it (every rule tried on every line,
a nested tokenize per item): over half of a 1 MB import. `plain_list` is a block rule
tried first at the top level. It takes a list only when every line of it is plainly
text, and then pushes exactly the tokens markdown-it's own list rule would (a test
compares the two token for token on generated documents); anything else in or right
after the list (a nested block, a table pipe, a tab, a lazy or loose line) and it
declines, leaving the list to markdown-it. So it can only ever be faster, never
read a list differently.
"""

from __future__ import annotations

import re

from markdown_it.common.utils import mdTrim
from markdown_it.rules_block import StateBlock

#: What a line's text may not start with: anything that could begin a block of its own
#: inside an item (heading, quote, fence, HTML, table, rule, setext underline, nested list).
_BLOCK_START = re.compile(r"[#>`~<|=+\-_\s]|\*(?:[ \t]|$)|\d{1,9}[.)](?:[ \t]|$)|[*\s]+$")
#: A continuation line's indent: markdown-it strips two columns (the item's content
#: column) and keeps the rest.
_CONTENT_INDENT = 2


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
    token = state.push("bullet_list_open", "ul", 1)
    token.markup = "-"
    token.map = [items[0], after]
    for index, item in enumerate(items):
        stop = items[index + 1] if index + 1 < len(items) else run_end
        token = state.push("list_item_open", "li", 1)
        token.markup = "-"
        token.map = [item, items[index + 1] if index + 1 < len(items) else after]
        token = state.push("paragraph_open", "p", 1)
        token.map = [item, stop]
        token.hidden = True  # a tight list's paragraphs are not shown as <p>
        lines = [src[begins[item] + 2 : ends[item]]]
        lines.extend(src[begins[line] + _CONTENT_INDENT : ends[line]] for line in range(item + 1, stop))
        token = state.push("inline", "", 0)
        token.content = mdTrim("\n".join(lines))
        token.map = [item, stop]
        token.children = []
        token = state.push("paragraph_close", "p", -1)
        token.hidden = True
        token = state.push("list_item_close", "li", -1)
        token.markup = "-"
    token = state.push("bullet_list_close", "ul", -1)
    token.markup = "-"
    state.line = after
