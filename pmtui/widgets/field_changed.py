"""The message a form posts when one of its fields holds a new, good value; and what counts as new."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from textual.message import Message


@dataclass
class FieldChanged(Message):
    field: str
    """Model path of the field: "title", "summary.start", "analysis.resolution"..."""
    value: Any
    """The value, already read (a datetime for a time, a list for authors)."""


def same_value(old: Any, new: Any) -> bool:
    """`new` would change nothing a reader of the report sees.

    Two datetimes in the same zone compare equal by wall time, whatever their
    fold: 01:30 EDT and 01:30 EST on the night clocks go back are `==`. Here they
    differ, since the offset written in the file does.
    """
    if isinstance(old, datetime) and isinstance(new, datetime):
        return old == new and old.utcoffset() == new.utcoffset()
    return bool(old == new)
