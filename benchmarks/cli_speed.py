"""`pmtui validate` and `pmtui export`, whole process, beside python + tomllib reading the same file.

Usage:  python benchmarks/cli_speed.py [--runs N]

For the first sample (9 events) and a generated 10,000-event report: the installed
`pmtui` (the one beside this Python) is run as a subprocess, and so is this Python
reading the file with tomllib and nothing else: the least any tool can do with it.
Each is run interleaved, median of N. Printed: each command's time and its ratio to
tomllib's. Targets: 3x on the sample, 1.5x at 10,000 events. Bytecode is compiled
first, as any install does (see import_speed.py). Prints figures; never fails on them.
"""

from __future__ import annotations

import argparse
import compileall
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.core_bench import large_report
from pmtui.store import save

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "2024-05-10-web-app-memory-leak.toml"
PMTUI = Path(sys.executable).with_name("pmtui")
TARGETS = {"sample (9 events)": 3.0, "10,000 events": 1.5}
READ_WITH_TOMLLIB = "import sys, tomllib\nwith open(sys.argv[1], 'rb') as f: tomllib.load(f)"


def seconds(command: list[str]) -> float:
    began = time.perf_counter()
    subprocess.run(command, capture_output=True, check=False)
    return time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    options = parser.parse_args()
    compileall.compile_dir(ROOT / "pmtui", quiet=1)
    print(f"command line: whole process, median of {options.runs}, beside python + tomllib on the same file")
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        large = folder / "large.toml"
        save(large_report(10_000, tasks=100), large)
        for name, report in (("sample (9 events)", SAMPLE), ("10,000 events", large)):
            output = folder / "export.md"
            commands = {
                "tomllib": [sys.executable, "-c", READ_WITH_TOMLLIB, str(report)],
                "validate": [str(PMTUI), "validate", str(report)],
                "export": [str(PMTUI), "export", str(report), "-o", str(output)],
            }
            runs: dict[str, list[float]] = {key: [] for key in commands}
            for _ in range(options.runs):
                for key, command in commands.items():
                    output.unlink(missing_ok=True)
                    runs[key].append(seconds(command))
            base = statistics.median(runs["tomllib"])
            target = TARGETS[name]
            print(f"  {name}: python + tomllib {base * 1000:.0f} ms")
            for key in ("validate", "export"):
                median = statistics.median(runs[key])
                ratio = median / base
                verdict = "ok" if ratio <= target else f"over the {target}x target"
                print(f"    pmtui {key:<9} {median * 1000:6.0f} ms  {ratio:4.1f}x  {verdict}")


if __name__ == "__main__":
    main()
