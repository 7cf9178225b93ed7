"""The editor's own memory over a session: RSS at open and after 5,000 scripted edits.

Usage:  python benchmarks/editor_memory.py [--edits N]

Each report runs in a fresh process: the first sample (9 events), and generated
reports of 1,000 and 10,000 events. The editor opens it under Textual's Pilot at 80x24,
with the timeline tab shown, and RSS is read once the first frame and the hidden tabs
are up. Then the edits go through the editor's own path (`PostmortemApp.edit`, and its
undo and redo actions), with undo_memory.py's mix: typing in the impact, events added,
retimed and deleted, tasks toggled, undo and redo. The screen is brought up to date
after every 25 edits (the table, the status lines, the warnings, the journal's timer),
as it would be between a user's keys. RSS is read again at the end, with nothing
collected by hand: what the process holds. Targets: growth under 5 MB on the sample
and under 50 MB at 10,000 events. Prints figures; never fails on them.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.undo_memory import SIZES, in_fresh_process, memory_options, rss_mb, scripted_edit, verdict

ROOT = Path(__file__).resolve().parent.parent

SAMPLE = ROOT / "samples" / "2024-05-10-web-app-memory-leak.toml"
SETTLE_EVERY = 25


async def edit_in_editor(path: Path, count: int) -> tuple[float, float, int]:
    from pmtui.opening import create_app

    app = create_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(0.5)
        await pilot.press("2")  # the timeline tab: its table draws what the edits change
        await pilot.pause(0.5)
        before = rss_mb()
        for number in range(count):
            edit = scripted_edit(app.document, number)
            if edit == "undo":
                app.action_undo()
            elif edit == "redo":
                app.action_redo()
            elif edit is not None:
                label, change, areas, group = edit
                app.edit(label, change, areas, group)
            if number % SETTLE_EVERY == SETTLE_EVERY - 1:
                await pilot.pause()
        await pilot.pause(0.5)
        after = rss_mb()
        events = len(app.document.timeline)
        app.safekeeping.edits_given_up = True  # quit without journaling the scripted edits
    return before, after, events


def run_one(events: int | None, count: int) -> None:
    from benchmarks.core_bench import large_report
    from pmtui.store import save

    os.environ["XDG_STATE_HOME"] = tempfile.mkdtemp(prefix="pmtui-bench-")  # no journals left behind
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "report.toml"
        if events is None:
            shutil.copyfile(SAMPLE, path)
        else:
            save(large_report(events, tasks=100), path)
        before, after, left = asyncio.run(edit_in_editor(path, count))
    print(f"{before:.1f} {after:.1f} {left}")


def main() -> None:
    options = memory_options(__doc__)
    if options.one is not None:
        run_one(None if options.one == "sample" else int(options.one), options.edits)
        return
    print(
        f"editor memory: the editor's RSS at open and after {options.edits:,} scripted edits (Pilot, 80x24)"
    )
    print(f"  {'report':<14} {'at open':>9} {'after':>9} {'growth':>9}")
    for name, events in SIZES.items():
        before, after, _ = in_fresh_process(__file__, options.edits, str(events or "sample"), name)
        growth = after - before
        print(
            f"  {name:<14} {before:6.1f} MB {after:6.1f} MB {growth:+7.1f} MB  {verdict(name, growth)}".rstrip()
        )


if __name__ == "__main__":
    main()
