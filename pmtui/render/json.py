"""A report as JSON for scripts: the file's data plus what pmtui computes from it."""

from __future__ import annotations

import json
from datetime import date, time

from pmtui.model import Postmortem
from pmtui.toml_text import to_document


def render_json(report: Postmortem) -> str:
    document = to_document(report)
    document["computed"] = {
        "duration_seconds": report.duration.total_seconds() if report.duration is not None else None,
        "metrics": [
            {"name": m.name, "seconds": m.duration.total_seconds(), "from": m.from_label, "to": m.to_label}
            for m in report.metrics()
        ],
        "problems": [{"field": p.field, "message": p.message} for p in report.problems()],
    }
    return json.dumps(document, indent=2, ensure_ascii=False, default=_iso) + "\n"


def _iso(value: object) -> str:
    if isinstance(value, (date, time)):  # a datetime is a date
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")
