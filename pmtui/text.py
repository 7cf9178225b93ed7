"""Text field types that keep terminal control characters out of reports.

Report text is printed to terminals (the editor, `pmtui export` to stdout), so an
ESC or other control character in a field could move the cursor or retitle the
window of whoever reads it. Bidirectional controls (U+202A-U+202E, U+2066-U+2069)
are refused too: they make text display in a different order than it is stored
("Trojan Source"), so a reviewer could read something other than what was saved.
The model refuses them at its boundary instead.
"""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, BeforeValidator

#: Longest text one field may hold: a paragraph-sized field has never needed
#: more, and a runaway paste should be refused, not saved and slowly rendered.
MAX_FIELD_CHARS = 100_000
MAX_LINE_CHARS = 500

_BIDI = r"\u202a-\u202e\u2066-\u2069"
_CONTROL = re.compile(rf"[\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI}]")
_CONTROL_OR_BREAK = re.compile(rf"[\x00-\x1f\x7f-\x9f{_BIDI}]")
_IS_BIDI = re.compile(rf"[{_BIDI}]")


def _describe(char: str) -> str:
    names = {"\x1b": "ESC", "\x00": "NUL", "\r": "carriage return", "\n": "newline", "\t": "tab"}
    return names.get(char, f"U+{ord(char):04X}")


def _normalise_newlines(value: object) -> object:
    if isinstance(value, str):
        return value.replace("\r\n", "\n")
    return value


def _check(value: str, pattern: re.Pattern[str], limit: int) -> str:
    if len(value) > limit:
        raise ValueError(f"text is too long ({len(value):,} characters; at most {limit:,})")
    bad = pattern.search(value)
    if bad:
        kind = "bidirectional control character" if _IS_BIDI.match(bad.group()) else "control character"
        raise ValueError(f"contains a {kind} ({_describe(bad.group())}) at position {bad.start() + 1}")
    return value


def _check_multiline(value: str) -> str:
    return _check(value, _CONTROL, MAX_FIELD_CHARS)


def _check_line(value: str) -> str:
    return _check(value, _CONTROL_OR_BREAK, MAX_LINE_CHARS)


#: Free text that may span lines (impact, root cause, event text): tabs and newlines allowed.
MultiLine = Annotated[str, BeforeValidator(_normalise_newlines), AfterValidator(_check_multiline)]
#: A one-line value (title, owner, an author's name): no line breaks either.
SingleLine = Annotated[str, AfterValidator(_check_line)]
