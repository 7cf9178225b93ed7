"""What the recovery journal costs, measured as a user meets it: the installed `pmtui` in a pty.

1. SIGHUP to exit at 10,000 events: the SSH link drops with unsaved edits; time
   from the signal until the process is gone (the journal is written on the
   way out). Beside it, SIGHUP with nothing to rescue, in the same run.
2. Keystroke latency with the journal running: space toggles a task on the
   Tasks tab; time from the key until the progress line ("N of 1000 done")
   changes on screen. Keys come about a second apart, so journal writes (one
   second after each edit) overlap the next keys. The baseline, in the same
   run, sets PMTUI_JOURNAL_SECONDS=3600 so the journal never writes.

Prints figures; never fails on timing.
"""

from __future__ import annotations

import fcntl
import os
import pty
import random
import re
import select
import signal
import statistics
import struct
import sys
import tempfile
import termios
import time
from collections.abc import Callable
from pathlib import Path

import pyte

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from core_bench import large_report

from pmtui.store import save

PMTUI = Path(sys.executable).with_name("pmtui")
RUNS = 5
KEYS = 24
PROGRESS = re.compile(r"(\d+) of 1000 done")


class Terminal:
    """pmtui in a pseudo-terminal of 80x24, read through a terminal emulator (pyte), as a person sees it."""

    def __init__(self, report: Path, env: dict[str, str]) -> None:
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            os.chdir(report.parent)
            os.environ.update(env, TERM="xterm-256color")
            os.execv(str(PMTUI), [str(PMTUI), report.name])
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        self.screen = pyte.Screen(80, 24)
        self.stream = pyte.ByteStream(self.screen)

    def text(self) -> str:
        return "\n".join(self.screen.display)

    def wait_until(self, shown: Callable[[str], bool], seconds: float = 60) -> str:
        """Read the terminal until `shown(screen text)` holds; the screen text then."""
        deadline = time.perf_counter() + seconds
        while time.perf_counter() < deadline:
            text = self.text()
            if shown(text):
                return text
            if select.select([self.fd], [], [], 0.2)[0]:
                try:
                    self.stream.feed(os.read(self.fd, 65536))
                except OSError:
                    break
        raise TimeoutError("the expected screen never appeared:\n" + self.text())

    def close(self) -> None:
        try:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
        os.close(self.fd)


def done_count(text: str) -> int | None:
    found = PROGRESS.search(text)
    return int(found.group(1)) if found else None


def open_tasks(report: Path, env: dict[str, str]) -> Terminal:
    terminal = Terminal(report, env)
    terminal.wait_until(lambda text: "Quit" in text)  # the footer: the editor is up
    os.write(terminal.fd, b"4")
    terminal.wait_until(lambda text: done_count(text) is not None)
    return terminal


def toggle(terminal: Terminal) -> float:
    """Seconds from a space to the progress line showing the new count."""
    before = done_count(terminal.text())
    began = time.perf_counter()
    os.write(terminal.fd, b" ")
    terminal.wait_until(lambda text: done_count(text) not in (None, before))
    return time.perf_counter() - began


def sighup_to_exit(report: Path, env: dict[str, str], edited: bool) -> float:
    terminal = open_tasks(report, env)
    if edited:
        toggle(terminal)
    began = time.perf_counter()
    os.kill(terminal.pid, signal.SIGHUP)
    os.waitpid(terminal.pid, 0)
    elapsed = time.perf_counter() - began
    os.close(terminal.fd)
    for journal in report.parent.glob("*.recovery"):
        journal.unlink()
    return elapsed


def keystrokes(report: Path, env: dict[str, str], pace: random.Random) -> list[float]:
    terminal = open_tasks(report, env)
    times = []
    try:
        for _ in range(KEYS):
            times.append(toggle(terminal))
            time.sleep(pace.uniform(0.85, 1.25))
    finally:
        terminal.close()
    for journal in report.parent.glob("*.recovery"):
        journal.unlink()
    return times


def main() -> None:
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        report = folder / "large-10000-events.toml"
        save(large_report(events=10_000, tasks=1_000), report)
        state = {"XDG_STATE_HOME": str(folder / "state")}
        print(
            f"journal benchmark: Python {sys.version.split()[0]}, {os.cpu_count()} cores, "
            f"10,000 events and 1,000 tasks, pty 80x24"
        )
        rescued = [sighup_to_exit(report, state, edited=True) for _ in range(RUNS)]
        clean = [sighup_to_exit(report, state, edited=False) for _ in range(RUNS)]
        print(
            f"  SIGHUP to exit, unsaved edits      {statistics.median(rescued) * 1000:6.0f} ms median "
            f"(max {max(rescued) * 1000:.0f}; target under 1,000 ms)"
        )
        print(f"  SIGHUP to exit, nothing to rescue  {statistics.median(clean) * 1000:6.0f} ms median")
        with_journal = keystrokes(report, state, random.Random(1))
        without = keystrokes(report, {**state, "PMTUI_JOURNAL_SECONDS": "3600"}, random.Random(1))
        for label, times in (("journal running", with_journal), ("journal idle (baseline)", without)):
            print(
                f"  key to screen, {label:24s} {statistics.median(times) * 1000:6.1f} ms median, "
                f"p90 {statistics.quantiles(times, n=10)[-1] * 1000:.1f} ms"
            )


if __name__ == "__main__":
    main()
