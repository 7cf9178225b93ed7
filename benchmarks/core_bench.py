"""Core speed on a large report: 10,000 timeline events and 1,000 tasks.

Prints the median of several runs for load (read + parse + validate), validate
(model validation and problem checks on parsed data), save (serialise, verify,
atomic write) and export (Markdown). Target on a 2-core machine: each < 0.5 s.
This prints figures; it never fails on timing.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pmtui.model import Event, EventKind, Postmortem, Summary, Task, TaskKind, TaskStatus
from pmtui.render.markdown import _event_line, render
from pmtui.store import load, save

RUNS = 5
TARGET = 0.5


def large_report(events: int = 10_000, tasks: int = 1_000) -> Postmortem:
    start = datetime(2024, 5, 10, 14, 0, tzinfo=timezone.utc)
    kinds = list(EventKind)
    return Postmortem(
        title="Synthetic incident",
        timezone="Africa/Nairobi",
        summary=Summary(start=start, end=start + timedelta(seconds=events * 30), impact="Everything.\n" * 5),
        timeline=[
            Event(
                at=start + timedelta(seconds=30 * i),
                kind=kinds[i % len(kinds)] if i % 50 == 0 else EventKind.NOTE,
                text=f"Event {i}: engineers looked at dashboard {i % 17} and\nwrote a note about it.",
            )
            for i in range(events)
        ],
        tasks=[
            Task(
                title=f"Task {i}: make the thing more reliable",
                owner=f"team-{i % 9}",
                status=TaskStatus.DONE if i % 3 == 0 else TaskStatus.OPEN,
                kind=TaskKind.IMPROVEMENT if i % 2 else TaskKind.TASK,
            )
            for i in range(tasks)
        ],
    )


def export_cold(report: Postmortem) -> str:
    """The export as `pmtui export` writes it, once: without the event lines the editor's
    preview keeps from one export to the next (render.markdown's line cache)."""
    _event_line.cache_clear()
    return render(report)


def median_seconds(action) -> float:
    timings = []
    for _ in range(RUNS):
        began = time.perf_counter()
        action()
        timings.append(time.perf_counter() - began)
    return statistics.median(timings)


def main() -> None:
    report = large_report()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "large.toml"
        save(report, path)
        data = report.model_dump()  # the model's values, as a loaded file gives them
        figures = {
            "load": median_seconds(lambda: load(path)),
            "validate": median_seconds(lambda: Postmortem.model_validate(data).problems()),
            "save": median_seconds(lambda: save(report, path)),
            "export": median_seconds(lambda: export_cold(report)),
        }
        size = path.stat().st_size
    print(
        f"core benchmark: {len(report.timeline):,} events, {len(report.tasks):,} tasks, "
        f"{size / 1024:.0f} KiB of TOML; median of {RUNS} runs, Python {sys.version.split()[0]}"
    )
    for name, seconds in figures.items():
        verdict = "ok" if seconds < TARGET else f"OVER the {TARGET} s target"
        print(f"  {name:<9} {seconds * 1000:8.1f} ms   {verdict}")


if __name__ == "__main__":
    main()
