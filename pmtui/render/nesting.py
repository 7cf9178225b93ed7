"""Where markdown-it silently loses text: blocks nested past its limit.

markdown-it (used by the importer, and by Rich for the preview) stops reading
a list item or block quote nested deeper than `maxNesting` (20 levels, so a
list ten deep) and drops everything from there to the end of the enclosing
block, usually the end of the document, without a word. Callers that must
lose nothing ask here which source lines were dropped.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # markdown-it costs 50 ms to import; export never needs it
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

#: Containers whose content markdown-it reads as blocks, one nesting level down.
_BLOCK_CONTAINERS = ("list_item_open", "blockquote_open")


def dropped_spans(tokens: list[Token], limit: int) -> list[tuple[int, int]]:
    """Source line ranges `[start, end)` whose text the parser dropped: each outermost
    container opened at the limit, whose content it never read."""
    spans: list[tuple[int, int]] = []
    for token in tokens:
        if token.type not in _BLOCK_CONTAINERS or token.level + 1 < limit or not token.map:
            continue
        start, end = token.map
        if spans and start < spans[-1][1]:
            continue  # inside a span already found
        spans.append((start, end))
    return spans


def loses_text(markdown: str) -> bool:
    """Would a CommonMark markdown-it (Rich's preset) drop part of `markdown`?"""
    parser = _commonmark()
    return bool(dropped_spans(parser.parse(markdown), parser.options["maxNesting"]))


@lru_cache(maxsize=1)
def _commonmark() -> MarkdownIt:
    """One parser, built on first use; parsing keeps its state per call, so threads may share it."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark")
