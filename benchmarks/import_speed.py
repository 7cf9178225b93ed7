"""Whole-process speed of `pmtui import`: what a user waits for, start-up included.

Usage:  python benchmarks/import_speed.py [--runs N] [--profile]

Three documents, written to a temporary folder: a typical postmortem (the first
seed in tests/fixtures/seeds, about 5 KB), and generated ones of 1 MB and 3 MB
(a summary, a timeline of many entries: bullets with a time, some bold, some
wrapped, a date line each simulated day, a fenced log excerpt now and then, and
action items). Each is imported by the installed `pmtui` (the one beside this
Python) as a subprocess, `--force` into the same folder; the median of the runs
is printed against the targets: one document <= 0.2 s, 1 MB <= 1 s (3 MB is
reported, no target). `--profile` adds the top of a cProfile of the 1 MB import,
in process. Prints figures and exits 0 even when a target is missed.

pmtui's bytecode is compiled first, as any install does (pip compiles at install time;
an editable install writes it on first run): with PYTHONDONTWRITEBYTECODE set, as on
some CI machines, every run would otherwise compile pmtui's source again, about 40 ms
that no user waits for.
"""

from __future__ import annotations

import argparse
import compileall
import cProfile
import io
import pstats
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "tests" / "fixtures" / "seeds" / "000_fc72846740e9e5df.txt"
PMTUI = Path(sys.executable).with_name("pmtui")
TARGETS = {"one document": 0.2, "1 MB": 1.0, "3 MB": None}


def postmortem(size: int) -> str:
    """A postmortem of about `size` bytes, most of it timeline entries, as people write them."""
    head = [
        "# Payment API outage",
        "",
        "## Summary",
        "",
        "**Duration:** May 10, 2024, 14:00 UTC to May 14, 2024, 09:30 UTC",
        "**Impact:** checkout failed for 30% of requests.",
        "",
        "## Timeline",
        "",
        "All times in UTC.",
        "",
    ]
    tail = [
        "",
        "## Root cause",
        "",
        "A connection pool too small for the new traffic.",
        "",
        "## Action items",
        "",
        "- [ ] Alert on pool saturation",
        "  - Owner: sre",
        "- [x] Double the pool size",
        "",
    ]
    lines = list(head)
    written = sum(len(line) + 1 for line in head + tail)
    moment = datetime(2024, 5, 10, 14, 0)
    entry = 0
    while written < size:
        if moment.hour == 0 and moment.minute == 0:
            block = ["", f"{moment:%Y-%m-%d}", ""]
        elif entry % 500 == 250:
            block = ["", "```", f"{moment:%H:%M:%S} ERROR pool exhausted (waited 30s)", "```", ""]
        elif entry % 10 == 0:
            block = [f"- **{moment:%H:%M}**: on-call paged; the dashboard shows errors on shard {entry % 97}"]
        elif entry % 7 == 0:
            block = [
                f"- {moment:%H:%M} - restarted worker {entry % 13} and watched",
                "  the error rate for a while",
            ]
        else:
            block = [f"- {moment:%H:%M}: engineer {entry % 5} checked the logs of service {entry % 31}"]
        lines.extend(block)
        written += sum(len(line) + 1 for line in block)
        moment += timedelta(minutes=1)
        entry += 1
    return "\n".join(lines + tail)


def median_seconds(source: Path, runs: int) -> tuple[float, float]:
    """Median wall-clock and CPU (user + system) seconds of the whole `pmtui import` process.
    The CPU figure is the one the machine's other load cannot inflate."""
    walls, cpus = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        began = time.perf_counter()
        done = subprocess.run(
            [str(PMTUI), "import", str(source), "--force", "-q"], capture_output=True, text=True, check=False
        )
        walls.append(time.perf_counter() - began)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        if done.returncode != 0:
            raise SystemExit(f"import_speed: pmtui import {source.name} failed: {done.stderr.strip()}")
    return statistics.median(walls), statistics.median(cpus)


def profile(source: Path) -> str:
    """The top of a cProfile of one import, in process (start-up excluded), by own time."""
    sys.path.insert(0, str(ROOT))
    from pmtui.cli import main

    profiler = cProfile.Profile()
    profiler.runcall(main, ["import", str(source), "--force", "-q"])
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(15)
    return out.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--profile", action="store_true", help="also profile the 1 MB import")
    options = parser.parse_args()
    if not PMTUI.exists():
        raise SystemExit(f"import_speed: no pmtui beside {sys.executable}; install it (`make test`)")
    import pmtui

    compileall.compile_dir(Path(pmtui.__file__).parent, quiet=1)
    with tempfile.TemporaryDirectory() as folder:
        documents = {
            "one document": Path(folder) / "typical.md",
            "1 MB": Path(folder) / "one-megabyte.md",
            "3 MB": Path(folder) / "three-megabytes.md",
        }
        shutil.copyfile(SEED, documents["one document"])
        documents["1 MB"].write_text(postmortem(1_000_000), encoding="utf-8")
        documents["3 MB"].write_text(postmortem(3_000_000), encoding="utf-8")
        print(f"import speed: whole `pmtui import` process, median of {options.runs} runs (wall / CPU)")
        for name, source in documents.items():
            wall, cpu = median_seconds(source, options.runs if name != "3 MB" else max(1, options.runs // 2))
            entries = len(re.findall(r"^\s*(?:[-*+]|\d+\.)\s", source.read_text(encoding="utf-8"), re.M))
            target = TARGETS[name]
            verdict = "" if target is None else "ok" if wall <= target else f"OVER the {target} s target"
            size = source.stat().st_size
            print(
                f"  {name:<13} {size / 1024:6.0f} KiB {entries:7,} list items"
                f" {wall * 1000:7.0f} ms / {cpu * 1000:6.0f} ms CPU   {verdict}"
            )
        if options.profile:
            print(profile(documents["1 MB"]))


if __name__ == "__main__":
    main()
