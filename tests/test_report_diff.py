"""`pmtui diff OLD NEW`: what changed between two versions of a report, by meaning (issue #13)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from pmtui.cli import main
from pmtui.model import Event, EventKind, TaskStatus
from pmtui.report_diff import report_diff
from pmtui.store import load, save

from .ui_helpers import SAMPLES

SEED = SAMPLES / "2024-05-10-web-app-memory-leak.toml"


def test_the_same_report_has_no_differences() -> None:
    assert report_diff(load(SEED), load(SEED)) == []


def test_each_kind_of_change_is_one_line_in_meaning() -> None:
    old, new = load(SEED), load(SEED)
    new.title = "Memory leak in the web app"
    new.summary.impact = new.summary.impact + "\nAbout 2,000 checkouts failed."
    first = new.timeline[0]
    added = Event(
        at=first.at + timedelta(minutes=5), kind=EventKind.ACKNOWLEDGED, text="On-call acked the page"
    )
    new.timeline.insert(1, added)
    new.timeline[3].text = "Initial assumption: the database"  # was about database performance
    new.timeline[-1].at = new.timeline[-1].at + timedelta(minutes=30)  # the same text, a new time
    new.tasks[0].status = TaskStatus.DONE
    removed = new.tasks.pop()
    new.tasks[1].owner = "ana"
    diff = report_diff(old, new)
    assert (
        diff[0]
        == "title: 'Web application intermittent downtime from a memory leak' → 'Memory leak in the web app'"
    )
    assert diff[1:3] == ["summary.impact: changed", "    +About 2,000 checkouts failed."]
    timeline = diff[diff.index("timeline:") + 1 : diff.index("tasks:")]
    assert timeline[0] == "  + 2024-05-10 14:05 UTC (acknowledged): On-call acked the page"
    assert timeline[1].startswith("  ~ 2024-05-10 15:30 UTC: Initial assumption: the database")
    assert timeline[2].startswith("      text: 'Initial assumption focused on database")
    assert timeline[3].startswith("  ~ 2024-05-11 04:30 UTC (resolved): Application performance")
    assert timeline[4] == "      at: 2024-05-11 04:00 UTC → 2024-05-11 04:30 UTC"
    assert len(timeline) == 5
    tasks = diff[diff.index("tasks:") + 1 :]
    assert tasks[0].startswith("  ~ [x] Implement automated memory usage monitoring")
    assert tasks[1] == "      status: open → done"
    assert tasks[3] == "      owner: (none) → 'ana'"
    assert tasks[-1] == f"  - [ ] {removed.title}"


def test_the_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old, new = tmp_path / "old.toml", tmp_path / "new.toml"
    save(load(SEED), old)
    report = load(SEED)
    report.severity = "SEV1"
    save(report, new)
    assert main(["diff", str(old), str(new)]) == 0
    out = capsys.readouterr().out
    assert out == f"--- {old}\n+++ {new}\nseverity: (none) → 'SEV1'\n"
    assert main(["diff", str(old), str(old)]) == 0
    assert capsys.readouterr().out == ""
    assert main(["diff", str(old), str(tmp_path / "missing.toml")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("pmtui: ") and "missing.toml" in err and err.count("\n") == 1
