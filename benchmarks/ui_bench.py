"""Editor speed and memory, for a seed-sized report and a 1,000-event report.

1. Launch to first full frame: the installed `pmtui` in a pseudo-terminal
   (80x24), timed from spawn until the frame with the footer is on screen,
   beside a bare Textual app that shows one Label, measured in the same run.
   The ratio is the figure (aim: at most 1.3x).
2. Edit to preview: a key typed into the title with the side preview open,
   timed until the preview shows the new text (targets: 100 ms median for a
   seed, 250 ms for 1,000 events); and how long the keystroke itself takes
   to be handled, which must not wait on the preview.
3. Peak memory (max RSS) of the pmtui process.

Prints figures; never fails on timing.
"""

from __future__ import annotations

import asyncio
import fcntl
import os
import pty
import select
import statistics
import struct
import sys
import tempfile
import termios
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import contextlib

from core_bench import large_report

from pmtui.store import save

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "samples" / "2024-05-10-web-app-memory-leak.toml"
PMTUI = Path(sys.executable).with_name("pmtui")
LAUNCHES = 7
EDITS = 25
BARE_APP = """
from textual.app import App
from textual.widgets import Label

class Bare(App):
    def compose(self):
        yield Label("bare app ready")

Bare().run()
"""


def launch_to_frame(command: list[str], marker: bytes, cwd: Path) -> tuple[float, int]:
    """Seconds from spawn until `marker` is on the screen, and the process's peak RSS in KiB."""
    pid, fd = pty.fork()
    if pid == 0:  # the child: becomes the program, in the pty
        os.chdir(cwd)
        os.environ["TERM"] = "xterm-256color"
        os.execv(command[0], command)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    began = time.perf_counter()
    seen = b""
    elapsed = float("nan")
    deadline = began + 30
    while time.perf_counter() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.5)
        if not ready:
            continue
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        seen = (seen + chunk)[-200_000:]
        if marker in seen:
            elapsed = time.perf_counter() - began
            break
    os.write(fd, b"\x11")  # ctrl+q
    time.sleep(0.2)
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, 15)
    _, _, usage = os.wait4(pid, 0)
    os.close(fd)
    return elapsed, usage.ru_maxrss


def measure_launches(report: Path, folder: Path) -> dict[str, float]:
    bare_script = folder / "bare_app.py"
    bare_script.write_text(BARE_APP)
    bare, ours, memory = [], [], []
    for _ in range(LAUNCHES):  # interleaved, so both see the same machine load
        bare.append(launch_to_frame([sys.executable, str(bare_script)], b"bare app ready", folder)[0])
        seconds, rss = launch_to_frame([str(PMTUI), str(report)], b"Quit", folder)  # the footer, drawn last
        ours.append(seconds)
        memory.append(rss)
    return {"bare": statistics.median(bare), "pmtui": statistics.median(ours), "rss_mib": max(memory) / 1024}


async def measure_edits(report: Path) -> dict[str, float]:
    from textual import events
    from textual.message import Message

    from pmtui import edits
    from pmtui.opening import create_app
    from pmtui.screens.editor import EditorScreen
    from pmtui.widgets.preview import Preview

    @dataclass
    class TimelineEdit(Message):
        index: int
        text: str

    def apply_timeline_edit(screen: EditorScreen, message: TimelineEdit) -> None:
        event = screen.report.timeline[message.index].model_copy(update={"text": message.text})
        key = screen.report.timeline[message.index].key
        screen.pm_app.edit("edit event", lambda r: edits.replace_event(r, key, event), {"timeline"})

    EditorScreen.on_timeline_edit = apply_timeline_edit  # type: ignore[attr-defined]

    app = create_app(report)
    latencies, keystrokes, event_latencies = [], [], []
    async with app.run_test(size=(170, 45)) as pilot:
        await pilot.press("f6")
        preview = app.screen.query_one("#side-preview", Preview)
        for _ in range(200):
            await pilot.pause(0.02)
            if preview.text:
                break
        field = app.screen.query_one("#summary-title")
        field.focus()
        await pilot.press("end")
        for index in range(EDITS):
            letter = "abcdefghijklmnopqrstuvwxyz"[index % 26]
            expected = field.value + letter
            key = events.Key(letter, letter)
            key.set_sender(app)
            began = time.perf_counter()
            app._driver.send_message(key)  # as the terminal driver delivers a key; Pilot would wait for idle
            while field.value != expected:
                await asyncio.sleep(0.0005)
            keystrokes.append(time.perf_counter() - began)
            while expected not in preview.text:
                await asyncio.sleep(0.0005)
            latencies.append(time.perf_counter() - began)
            await pilot.pause(0.1)
        middle = len(app.document.timeline) // 2
        for index in range(EDITS // 2):
            text = f"edited event {index}"
            began = time.perf_counter()
            app.editor.post_message(TimelineEdit(middle, text))  # what the event dialog's OK does
            while text not in preview.text:
                await asyncio.sleep(0.0005)
            event_latencies.append(time.perf_counter() - began)
            await pilot.pause(0.1)
    return {
        "event_ms": statistics.median(event_latencies) * 1000,
        "preview_ms": statistics.median(latencies) * 1000,
        "preview_max_ms": max(latencies) * 1000,
        "key_ms": statistics.median(keystrokes) * 1000,
    }


def main() -> None:
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        large = folder / "large-1000-events.toml"
        save(large_report(events=1_000, tasks=100), large)
        seed = folder / SEED.name
        seed.write_bytes(SEED.read_bytes())
        print(
            f"editor benchmark: Python {sys.version.split()[0]}, {os.cpu_count()} cores, "
            f"median of {LAUNCHES} launches and {EDITS} edits"
        )
        for label, report in (("seed report (9 events)", seed), ("1,000-event report", large)):
            launch = measure_launches(report, folder)
            edits = asyncio.run(measure_edits(report))
            print(f"  {label}")
            print(
                f"    launch to first frame   {launch['pmtui'] * 1000:7.0f} ms  "
                f"(bare Textual app {launch['bare'] * 1000:.0f} ms, ratio {launch['pmtui'] / launch['bare']:.2f}x)"
            )
            print(
                f"    edit to preview         {edits['preview_ms']:7.1f} ms median  (max {edits['preview_max_ms']:.0f} ms)"
                "  typing in the title"
            )
            print(
                f"    event edit to preview   {edits['event_ms']:7.1f} ms median  (re-renders the timeline section)"
            )
            print(f"    keystroke handled in    {edits['key_ms']:7.1f} ms median")
            print(f"    peak memory (max RSS)   {launch['rss_mib']:7.1f} MiB")


if __name__ == "__main__":
    main()
