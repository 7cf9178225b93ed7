"""The message a form posts when one of its fields holds a new, good value."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textual.message import Message


@dataclass
class FieldChanged(Message):
    field: str
    """Model path of the field: "title", "summary.start", "analysis.resolution"..."""
    value: Any
    """The value, already read (a datetime for a time, a list for authors)."""
