"""Links in an imported timeline entry, reduced to the text they show.

`[We hear reports](https://chat/...)` reads as "We hear reports" in the
timeline; the address becomes the event's link, and an address the event has
no room for is kept with the line in the notes. Reference links
(`[text][label]`, `[label]`) keep their address in the definition, which stays
in the document's notes; a bracketed word is a link only when the Markdown
parser found one there.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

_INLINE = (
    r"(?<![!\\])\[(?P<inline>(?:[^\[\]]|\[[^\[\]]*\])*)\]"
    r"\(\s*<?(?P<url>[^\s()<>]*(?:\([^\s()]*\)[^\s()<>]*)*)>?(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?\s*\)"
)
_FULL = r"(?<![!\\])\[(?P<full>[^\[\]]+)\]\[[^\[\]]*\]"
_SHORTCUT = r"(?<![!\\\]])\[(?P<short>[^\[\]]+)\](?![(\[:])"
_LINK = re.compile(f"{_INLINE}|{_FULL}|{_SHORTCUT}")
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")


class PlainText(NamedTuple):
    text: str
    """The text with each link reduced to the text it shows."""
    addresses: list[str]
    """Where the links went, in order."""
    inline: list[str]
    """The addresses written in the text itself (`[text](address)`), which the reduced text no longer holds."""


def plain_links(text: str, resolved: Sequence[str] = ()) -> PlainText:
    """`text` with its links reduced; `resolved` are the addresses the Markdown parser found, in order."""
    if "[" not in text:
        return PlainText(text, list(resolved), [])
    code = [span.span() for span in _CODE_SPAN.finditer(text)]
    candidates = [
        found
        for found in _LINK.finditer(text)
        if not any(start <= found.start() < end for start, end in code)
    ]
    shortcuts_are_links = len(resolved) >= len(candidates)
    parts: list[str] = []
    inline: list[str] = []
    position = 0
    for found in candidates:
        shown = found.group("short")
        if shown is not None and not shortcuts_are_links:
            continue
        if shown is None:
            shown = found.group("inline") if found.group("url") is not None else found.group("full")
        if found.group("url") is not None:
            inline.append(found.group("url"))
        parts.append(text[position : found.start()])
        parts.append(shown or "")
        position = found.end()
    parts.append(text[position:])
    return PlainText("".join(parts), list(resolved) or inline, inline)
