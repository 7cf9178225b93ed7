"""What an edit costs the editor's UI thread, by report size: a keystroke in a field and an event edit.

Usage:  python benchmarks/edit_cost.py [--sizes 1000,10000,50000] [--edits N]

For each size, a generated report (benchmarks/core_bench.py's, with 100 tasks) is saved
to a temporary folder and opened in the editor under Textual's Pilot, in this process,
at 80x24. Then:
- a keystroke: N letters typed into the title, each pressed by Pilot;
- an event edit: N events given new text through the editor's own edit path (the one
  the event dialog and the in-place row use), each followed by a wait for the screen.
Printed, median and p95 of N: the time in pmtui's handler for the change (`app.edit`,
the views refreshed included). Textual's own work for the key and the repaint is not in
it: timed from outside, through Pilot, it is a constant ~130 ms of Pilot's waiting at
every size, which says nothing. Target at 10,000 events: median under 16 ms, p95 under
33 ms. Prints figures; never fails on them.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def figures(values: list[float]) -> str:
    return f"{statistics.median(values) * 1000:7.1f} / {p95(values) * 1000:7.1f} ms"


async def measure(path: Path, edits: int) -> dict[str, list[float]]:
    from textual.widgets import Input

    from pmtui import edits as edit_functions
    from pmtui.model import Event
    from pmtui.opening import create_app

    app = create_app(path)
    handled: list[float] = []
    original: Callable[..., Any] = app.edit

    def timed_edit(*args: Any, **kwargs: Any) -> Any:
        began = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            handled.append(time.perf_counter() - began)

    app.edit = timed_edit  # type: ignore[method-assign]
    results: dict[str, list[float]] = {}
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(0.5)
        app.screen.query_one("#summary-title", Input).focus()
        await pilot.pause(0.2)
        for number in range(edits):
            await pilot.press("abcdefghij"[number % 10])
            await pilot.pause(0.02)  # keys apart, as typed
        results["keystroke"] = handled[:]
        handled.clear()
        timeline = app.document.timeline
        for number in range(edits):
            event = timeline[(number * 37) % len(timeline)]
            replacement = Event(at=event.at, kind=event.kind, text=f"{event.text} (checked {number})")
            app.edit(
                "edit event",
                lambda report, key=event.key, new=replacement: edit_functions.replace_event(report, key, new),
                {"timeline"},
            )
            await pilot.pause()
        results["event edit"] = handled[:]
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,50000")
    parser.add_argument("--edits", type=int, default=30)
    options = parser.parse_args()
    from benchmarks.core_bench import large_report
    from pmtui.store import save

    print(f"edit cost: UI-thread time per edit, median / p95 of {options.edits}, Pilot at 80x24")
    with tempfile.TemporaryDirectory() as folder:
        for size in (int(part) for part in options.sizes.split(",")):
            path = Path(folder) / f"report-{size}.toml"
            save(large_report(size, tasks=100), path)
            results = asyncio.run(measure(path, options.edits))
            for name, values in results.items():
                print(f"  {size:>6,} events  {name:<20} {figures(values)}")


if __name__ == "__main__":
    main()
