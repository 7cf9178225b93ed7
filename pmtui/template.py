"""The standard template a new report starts from."""

from __future__ import annotations

from pmtui.model import Postmortem


def new_report(title: str = "Untitled incident", zone: str = "UTC") -> Postmortem:
    """An empty report: every section present, nothing invented (no times, no tasks)."""
    return Postmortem(title=title, timezone=zone)
