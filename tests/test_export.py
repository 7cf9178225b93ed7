"""The Markdown export: the seeds' four-part shape, every item kept, stable output."""

from __future__ import annotations

import os
import re
from datetime import datetime, time, timezone
from pathlib import Path

import pytest

from pmtui.model import Event, EventKind, Lessons, Postmortem, Summary, Task, TaskKind, TaskStatus
from pmtui.render.markdown import render
from pmtui.store import load

from .conftest import SAMPLES

GOLDEN = Path(__file__).parent / "golden"
SEEDS = Path(__file__).parent / "fixtures" / "seeds"
SEED_OF = {
    "2024-05-10-web-app-memory-leak": "000_fc72846740e9e5df.txt",
    "undated-server-outage-eat": "001_29b82cc6a98ade01.txt",
    "2024-08-20-third-party-library-memory-leak": "002_3db713248ff48688.txt",
    "2024-08-10-session-handling-memory-leak": "003_1178abceec13123b.txt",
    "2023-10-11-new-feature-memory-leak": "004_d8eb6d2db807b141.txt",
}
_TIME_PREFIX = re.compile(r"^\s*[-*]\s*(\*\*[^*]+\*\*|`[^`]+`)\s*[-:]?\s*")
_ITEM = re.compile(r"^\s*(?:[-*]|\d+\.)\s+(?:\*\*[^*]+\*\*:?\s*)?")


def _plain(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<br\s*/?>|\*\*|`", "", text)).strip()


def seed_items(seed: str) -> tuple[list[str], list[str]]:
    """Event and task texts of a seed, read from the Markdown the way a person would."""
    events, tasks, section = [], [], ""
    for line in seed.splitlines():
        if line.lstrip().startswith("#"):
            section = line.lower()
            continue
        if "timeline" in section and _TIME_PREFIX.match(line):
            events.append(_plain(_TIME_PREFIX.sub("", line)))
        elif "measures" in section or "tasks" in section:
            item = _ITEM.sub("", line) if _ITEM.match(line) else ""
            if item.strip() and not item.rstrip().endswith(":**") and len(item) > 20:
                tasks.append(_plain(item))
    return events, tasks


@pytest.mark.parametrize("sample", SAMPLES, ids=[p.stem for p in SAMPLES])
def test_export_keeps_every_event_and_task_of_the_seed(sample: Path) -> None:
    seed = (SEEDS / SEED_OF[sample.stem]).read_text(encoding="utf-8")
    exported = _plain(render(load(sample)))
    events, tasks = seed_items(seed)
    assert len(events) >= 7 and len(tasks) >= 4
    for text in events + tasks:
        assert text in exported, text


@pytest.mark.parametrize("sample", SAMPLES, ids=[p.stem for p in SAMPLES])
def test_export_matches_its_golden_file(sample: Path) -> None:
    golden = GOLDEN / f"{sample.stem}.md"
    rendered = render(load(sample))
    if os.environ.get("PMTUI_UPDATE_GOLDEN"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(rendered, encoding="utf-8")
    assert rendered == golden.read_text(encoding="utf-8")


def test_export_has_the_four_part_shape_and_checklists() -> None:
    report = Postmortem(
        title="Checkout down",
        severity="SEV2",
        authors=["Ada", "Lin"],
        summary=Summary(start=datetime(2024, 5, 10, 14, tzinfo=timezone.utc),
                        end=datetime(2024, 5, 10, 16, 30, tzinfo=timezone.utc), impact="30% of users"),
        timeline=[Event(at=datetime(2024, 5, 10, 14, tzinfo=timezone.utc), kind=EventKind.DETECTED,
                        text="alert fired", link="https://grafana.example/d/1")],
        lessons=Lessons(lucky=["it was a quiet day"]),
        tasks=[Task(title="add alert", status=TaskStatus.DONE, owner="sre", kind=TaskKind.IMPROVEMENT),
               Task(title="write runbook"), Task(title="rewrite it in Rust", status=TaskStatus.NOT_DOING)],
        notes="## Conclusion\n\nWe learned.",
    )
    text = render(report)
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    assert headings == ["## Issue Summary", "## Timeline (UTC)", "## Root Cause and Resolution",
                        "## Corrective and Preventative Measures", "## Lessons Learned", "## Notes", "## Conclusion"]
    assert "2024-05-10 14:00 UTC to 2024-05-10 16:30 UTC (2h 30m)" in text
    assert "- [x] add alert (owner: sre)" in text
    assert "- [ ] write runbook" in text
    assert "~~rewrite it in Rust~~ (not doing)" in text
    assert "([evidence](https://grafana.example/d/1))" in text
    assert "**Severity:** SEV2" in text and "**Authors:** Ada, Lin" in text
    assert "it was a quiet day" in text
    assert render(report) == text


def test_dateless_reports_show_times_without_inventing_dates() -> None:
    report = Postmortem(timezone="Africa/Nairobi", summary=Summary(start=time(20), end=time(22)),
                        timeline=[Event(at=time(20, 15), text="alert")])
    text = render(report)
    assert "20:00 EAT to 22:00 EAT (2h)" in text
    assert "- **20:15 EAT:** alert" in text
    assert not re.search(r"\d{4}-\d{2}-\d{2}", text)


def test_multiline_text_stays_inside_its_list_item() -> None:
    text = render(Postmortem(summary=Summary(impact="first\nsecond")))
    assert "- **Impact:** first\n  second" in text
