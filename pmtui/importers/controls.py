"""Terminal controls never reach an imported report.

Text pasted from a terminal carries escape sequences (colours, window titles),
and a document can hide bidirectional overrides that make text read otherwise
than it is stored ("Trojan Source"). The model refuses both, so the importer
removes them, whole escape sequences at a time, keeps everything else
(tabs and line breaks included) and says how many went.
"""

from __future__ import annotations

import re

_ESCAPE_SEQUENCE = (
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI: colours, cursor movement
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC: window title, hyperlinks
    r"|\x1b[@-Z\\-_]"  # other two-character escapes
)
_CONTROL = r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]"
_UNWANTED = re.compile(f"{_ESCAPE_SEQUENCE}|{_CONTROL}")


def strip_controls(text: str) -> tuple[str, int]:
    """`text` without control characters and the escape sequences they start, and how many went."""
    return _UNWANTED.subn("", text)


def removed_note(count: int) -> str:
    """The warning an import gives when it removed something."""
    noun = "control character or escape sequence" if count == 1 else "control characters or escape sequences"
    return f"removed {count} {noun} (terminal escapes, bidirectional overrides) from the text"
