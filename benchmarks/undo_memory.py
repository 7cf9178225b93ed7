"""Memory that undo keeps: RSS before and after 5,000 scripted edits, per report size.

Usage:  python benchmarks/undo_memory.py [--edits N]

Each size runs in a fresh process: the first sample report (9 events), and generated
reports of 1,000 and 10,000 events. The edits go through the editor's own path for a
change (`History.apply`, then `drop_if_unchanged`, as `PostmortemApp.edit` does), with
the same mix a session has: typing in the impact (a word at a time, a pause between
words, so typing coalesces as it does at the keyboard), events added, retimed and
deleted, tasks toggled, and undo and redo. Printed: RSS at the start and after the
edits, the growth against the target (5 MB on the sample, 50 MB at 10,000 events), and
what the history estimates it holds. The anchor, in the same run: the same edits with
what undo kept before issue #12, a copy of the report per step (`Postmortem.snapshot`,
up to 500 steps), run for the sample and 1,000 events only: at 10,000 events it takes
about 3.4 GB. The UI's own memory is not in these figures: this
is the report and its history, which is where undo copies of the report used to pile up
(469 MB after 1,000 edits at 1,000 events). Prints figures; never fails on them.
"""

from __future__ import annotations

import argparse
import gc
import subprocess
import sys
from collections import deque
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SAMPLE = ROOT / "samples" / "2024-05-10-web-app-memory-leak.toml"
SIZES = {"sample": None, "1,000 events": 1_000, "10,000 events": 10_000}
TARGETS_MB = {"sample": 5, "10,000 events": 50}


def rss_mb() -> float:
    with open("/proc/self/statm", encoding="ascii") as statm:
        pages = int(statm.read().split()[1])
    return pages * 4096 / 1024 / 1024


#: One scripted edit: (label, change, areas, group) as `PostmortemApp.edit` takes it, or "undo" / "redo".
ScriptedEdit = tuple[str, Callable[[Any], object], set[str], str | None] | str | None

_START = datetime(2024, 5, 10, 14, 0, tzinfo=timezone.utc)


def scripted_edit(report: Any, number: int) -> ScriptedEdit:
    """Edit `number` of a session's mix: half of them typing in the impact (a letter at a
    time), then an event added, one retimed, one deleted, a task toggled, and undo or redo.
    Shared with editor_memory.py, which runs the same mix through the editor."""
    from pmtui import edits
    from pmtui.model import Event

    kind = number % 10
    if kind < 5:
        letter = "word "[number % 5]
        change = lambda r, typed=letter: setattr(r.summary, "impact", r.summary.impact[-2000:] + typed)  # noqa: E731
        return "edit impact", change, edits.areas_for("summary.impact"), "summary.impact"
    if kind == 5:
        event = Event(at=_START + timedelta(minutes=number % 600), text=f"added {number}")
        return "add event", lambda r, e=event: edits.insert_event(r, e), {"timeline"}, None
    if kind == 6 and report.timeline:
        key = report.timeline[number % len(report.timeline)].key
        moved = Event(at=_START + timedelta(minutes=(number * 7) % 600), text=f"retimed {number}")
        return "edit event", lambda r, k=key, e=moved: edits.replace_event(r, k, e), {"timeline"}, None
    if kind == 7 and report.timeline:
        key = report.timeline[(number * 3) % len(report.timeline)].key
        return "delete event", lambda r, k=key: edits.delete_event(r, k), {"timeline"}, None
    if kind == 8:
        key = report.tasks[number % len(report.tasks)].key
        return "toggle task", lambda r, k=key: edits.toggle_task(r, k), {"tasks"}, None
    if kind == 9:
        return "undo" if number % 20 == 9 else "redo"
    return None


def run_one(events: int | None, count: int, snapshots: bool) -> None:
    """In this process: build or load the report, edit it `count` times, print one line."""
    from benchmarks.core_bench import large_report
    from pmtui.history import History
    from pmtui.model import Task
    from pmtui.store import load

    report = load(SAMPLE) if events is None else large_report(events, tasks=100)
    if not report.tasks:
        report.tasks.append(Task(title="a task to toggle"))
    clock = [0.0]
    history = History(clock=lambda: clock[0])
    copies: deque[object] = deque(maxlen=500)  # the anchor: a copy of the report per step
    gc.collect()
    before = rss_mb()
    steps = 0
    for number in range(count):
        clock[0] += 0.2 if number % 6 else 2.0  # a pause after every few letters: a new step
        edit = scripted_edit(report, number)
        if edit == "undo":
            history.undo(report)
        elif edit == "redo":
            history.redo(report)
        elif edit is not None:
            label, change, _, group = edit
            history.apply(report, label, change, group)
        history.drop_if_unchanged()
        if snapshots and len(history._undo) != steps:
            copies.append(report.snapshot())
        steps = len(history._undo)
    gc.collect()
    after = rss_mb()
    print(f"{before:.1f} {after:.1f} {history.size / 1024 / 1024:.1f} {len(report.timeline)}")


def memory_options(description: str) -> argparse.Namespace:
    """The memory benchmarks' options: how many edits, and `--one` for a fresh process's own run."""
    parser = argparse.ArgumentParser(description=description.splitlines()[0])
    parser.add_argument("--edits", type=int, default=5_000)
    parser.add_argument("--one", help=argparse.SUPPRESS)
    return parser.parse_args()


def main() -> None:
    options = memory_options(__doc__)
    if options.one is not None:
        events, _, mode = options.one.partition(":")
        run_one(None if events == "sample" else int(events), options.edits, mode == "snapshots")
        return
    print(f"undo memory: RSS growth over {options.edits:,} scripted edits (a fresh process per size and way)")
    print(f"  {'report':<14} {'at start':>9} {'undo as changes':>16} {'copies (anchor)':>16}")
    for name, events in SIZES.items():
        figures = [
            in_fresh_process(__file__, options.edits, f"{events or 'sample'}:{mode}", name)
            for mode in (("changes", "snapshots") if events != 10_000 else ("changes",))
        ]
        before, after, held, _ = figures[0]
        growth = after - before
        anchor = f"{figures[1][1] - before:+13.1f} MB" if len(figures) > 1 else f"{'(~3.4 GB)':>16}"
        print(
            f"  {name:<14} {before:7.1f} MB {growth:+13.1f} MB {anchor}"
            f"   history ~{held:.1f} MB  {verdict(name, growth)}".rstrip()
        )


def in_fresh_process(script: str, edits: int, one: str, name: str) -> list[float]:
    """Run `script --one ONE` in a new interpreter (so nothing of another size is in its RSS);
    the numbers it printed."""
    done = subprocess.run(
        [sys.executable, script, "--edits", str(edits), "--one", one],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    if done.returncode != 0:
        raise SystemExit(f"{Path(script).stem}: {name} failed: {done.stderr.strip().splitlines()[-3:]}")
    return [float(value) for value in done.stdout.split()]


def verdict(name: str, growth: float) -> str:
    target = TARGETS_MB.get(name)
    return "" if target is None else "ok" if growth < target else f"OVER the {target} MB target"


if __name__ == "__main__":
    main()
