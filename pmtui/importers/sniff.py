"""Telling a Markdown postmortem from a report file that does not parse.

`pmtui notes.txt` on a Markdown postmortem would otherwise fail with a TOML
syntax error on line 1, which says nothing about `pmtui import`. A broken
report must still get its TOML error with line and column, so text counts as
Markdown only when it does not parse as TOML and its Markdown lines (headings,
list items, table rows, fences) outnumber the lines shaped like TOML (`key =`,
`[table]`). A TOML comment looks like a heading, which is why the TOML lines
must be fewer, not absent; and Markdown inside a report's multi-line strings
(a list in a root cause) is not counted.
"""

from __future__ import annotations

import re
import sys

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

MARKDOWN_SUFFIXES = (".md", ".markdown")
"""Files opened by importing them, never read as TOML."""

MAX_IMPORT_BYTES = 4 * 1024 * 1024
"""The largest Markdown file pmtui reads (here, so reading one's bytes never loads the importer)."""

_MARKDOWN_LINE = re.compile(
    r"""^\s{0,3}(
        \#{1,6}\s+\S          # a heading
      | [-*+]\s+\S            # a list item
      | \d{1,3}[.)]\s+\S      # a numbered item
      | \|.*\|                # a table row
      | ```                   # a code fence
      | (=+|-+)\s*$           # a setext underline
    )""",
    re.VERBOSE,
)
_MULTILINE_STRING = re.compile(r"(\"\"\"|''').*?(\1|\Z)", re.DOTALL)
_TOML_LINE = re.compile(r"""^\s*(\[\[?[^\]]+\]\]?\s*$|[A-Za-z0-9_."'-]+\s*=)""")


def looks_like_markdown(text: str) -> bool:
    """True for text that is not TOML and reads as Markdown (see the module docstring)."""
    lines = _MULTILINE_STRING.sub("", text).splitlines()
    markdown = sum(1 for line in lines if _MARKDOWN_LINE.match(line))
    toml = sum(1 for line in lines if _TOML_LINE.match(line))
    if markdown < 2 or toml >= markdown:
        return False
    try:
        tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return True
    except RecursionError:
        return False
    return False
