"""Listing a team's folder: `pmtui tasks DIR --format json > /dev/null`, whole process, and the
browser (`pmtui DIR`) in a pseudo-terminal.

Usage:  python benchmarks/folder_speed.py [--sizes 100,1000,10000] [--runs N]

For folders of 100, 1,000 and 10,000 seed-sized reports (copies of the first sample, each
with its own title), generated in a temporary folder: the installed `pmtui` (the one beside
this Python) lists every open action item as JSON. Cold is with an empty cache folder
(`XDG_CACHE_HOME` pointing at a new one), run once; warm is the median of N runs after it.
Targets on the 2-core machine: 1,000 reports under 2 s cold and 0.5 s warm; 10,000 under
2 s warm. The browser, at 80x24 with the cache warm: from spawn to its first frame, and to the
list of every report on screen (its count in the status line); target for 1,000 reports, the
first frame under 1.5 s. Prints figures; never fails on them.
"""

from __future__ import annotations

import argparse
import compileall
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
SAMPLE = ROOT / "samples" / "2024-05-10-web-app-memory-leak.toml"
PMTUI = Path(sys.executable).with_name("pmtui")
TARGETS = {1_000: (2.0, 0.5), 10_000: (None, 2.0)}


def listing_seconds(folder: Path, cache: Path) -> float:
    began = time.perf_counter()
    subprocess.run(
        [str(PMTUI), "tasks", str(folder), "--format", "json"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "XDG_CACHE_HOME": str(cache)},
        check=False,
    )
    return time.perf_counter() - began


def browser_seconds(folder: Path, cache: Path, size: int) -> tuple[float, float]:
    """Spawn to the browser's first frame, and to every report listed; cache warm."""
    from pty_screen import PtyScreen

    os.environ["XDG_CACHE_HOME"] = str(cache)
    terminal = PtyScreen([str(PMTUI), str(folder)], folder.parent)
    first = terminal.wait_for_text("Date") - terminal.started
    listed = terminal.wait_for_text(f"{size} reports") - terminal.started
    terminal.close()
    return first, listed


def verdict(seconds: float, target: float | None) -> str:
    if target is None:
        return ""
    return f"(target {target:g} s: {'ok' if seconds < target else 'OVER'})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000,10000")
    parser.add_argument("--runs", type=int, default=5)
    options = parser.parse_args()
    compileall.compile_dir(ROOT / "pmtui", quiet=1)  # as an install does (see import_speed.py)
    text = SAMPLE.read_text(encoding="utf-8")
    title = next(line for line in text.splitlines() if line.startswith("title = "))
    print(f"folder listing: `pmtui tasks DIR --format json`, whole process, warm: median of {options.runs}")
    with tempfile.TemporaryDirectory() as temp:
        for size in (int(part) for part in options.sizes.split(",")):
            folder = Path(temp) / f"reports-{size}"
            folder.mkdir()
            for number in range(size):
                body = text.replace(title, f'title = "Incident {number}"', 1)
                (folder / f"{number // 100:03d}-{number:05d}.toml").write_text(body, encoding="utf-8")
            cache = Path(temp) / f"cache-{size}"
            cold = listing_seconds(folder, cache)
            warm = statistics.median(listing_seconds(folder, cache) for _ in range(options.runs))
            cold_target, warm_target = TARGETS.get(size, (None, None))
            print(
                f"  {size:>6,} reports  cold {cold:6.2f} s {verdict(cold, cold_target):<20}"
                f"  warm {warm:6.2f} s {verdict(warm, warm_target)}".rstrip()
            )
            first, listed = browser_seconds(folder, cache, size)
            target = verdict(first, 1.5 if size == 1_000 else None)
            print(
                f"  {'':>6}          browser: first frame {first:5.2f} s {target}, every report listed {listed:5.2f} s"
            )


if __name__ == "__main__":
    main()
