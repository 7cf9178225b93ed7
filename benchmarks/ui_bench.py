"""The editor's speed as a user waits for it: the installed `pmtui` in a pseudo-terminal.

Every figure is timed from outside: keys are written to the terminal and the screen is
read through a terminal emulator (pty_screen.py) until it shows their effect. Nothing of
the benchmark runs inside the editor.

1. Launch, beside a bare Textual app that shows one Label, interleaved in the same run
   (median of 7 each):
   - first paint: from spawn until the first frame is on screen (pmtui: its tab bar;
     the bare app: its label);
   - first key answered: `2` is typed as soon as the first frame shows; until its effect
     is on screen (pmtui: the timeline tab with its table heading; the bare app: the
     label it changes to).
   Targets: 1.5x the bare app or better on the seed; at 10,000 events the first key
   answered within 1 s of launch.
2. An event edit through the dialog, with the side preview open (160x45): `e` on an
   event, the text changed, ctrl+s; from ctrl+s until the preview shows the new text.
   Targets: under 100 ms on the seed, under 250 ms at 10,000 events.
3. Peak memory (max RSS) of the pmtui process over its launches.

Prints figures; never fails on timing.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from core_bench import large_report
from pty_screen import PtyScreen

from pmtui.store import save

ROOT = Path(__file__).resolve().parent.parent

SEED = ROOT / "samples" / "2024-05-10-web-app-memory-leak.toml"
PMTUI = Path(sys.executable).with_name("pmtui")
LAUNCHES = 7
DIALOG_EDITS = 9
BARE_APP = """
from textual.app import App
from textual.widgets import Label

class Bare(App):
    BINDINGS = [("2", "answer")]

    def compose(self):
        yield Label("bare app ready", id="label")

    def action_answer(self):
        self.query_one("#label", Label).update("bare app answered")

Bare().run()
"""


def launch(command: list[str], folder: Path, painted: str, answered: str) -> tuple[float, float, int]:
    """Seconds from spawn to the first frame and to the first key's effect; peak RSS in KiB."""
    terminal = PtyScreen(command, folder)
    paint = terminal.wait_for_text(painted)
    terminal.send(b"2")
    answer = terminal.wait_for_text(answered)
    rss = terminal.close()
    return paint - terminal.started, answer - terminal.started, rss


def measure_launches(report: Path, folder: Path) -> dict[str, float]:
    bare_script = folder / "bare_app.py"
    bare_script.write_text(BARE_APP)
    bare, ours, memory = [], [], []
    for _ in range(LAUNCHES):  # interleaved, so both see the same machine load
        bare.append(launch([sys.executable, str(bare_script)], folder, "bare app ready", "bare app answered"))
        paint, answer, rss = launch([str(PMTUI), str(report)], folder, "1 Summary", "Time (")
        ours.append((paint, answer))
        memory.append(rss)
    return {
        "bare_paint": statistics.median(b[0] for b in bare),
        "bare_key": statistics.median(b[1] for b in bare),
        "paint": statistics.median(o[0] for o in ours),
        "key": statistics.median(o[1] for o in ours),
        "rss_mib": max(memory) / 1024,
    }


def in_preview(marker: str) -> Callable[[PtyScreen], bool]:
    """The dialog is gone and `marker` shows in the side preview (the screen's right half)."""

    def shown(terminal: PtyScreen) -> bool:
        lines = terminal.lines
        if any("ctrl+s: OK" in line for line in lines):
            return False
        half = len(lines[0]) // 2
        return any(marker in line[half:] for line in lines)

    return shown


def measure_dialog_edits(report: Path, folder: Path) -> list[float]:
    """Seconds from ctrl+s in the event dialog until the side preview shows the edit."""
    terminal = PtyScreen([str(PMTUI), str(report)], folder, size=(160, 45))
    timings = []
    try:
        terminal.wait_for_text("1 Summary")
        terminal.send(b"\x1b[17~")  # F6: the side preview
        terminal.send(b"2")
        terminal.wait_for_text("Time (")
        half = 80
        terminal.wait_for(lambda t: any("Timeline (" in line[half:] for line in t.lines), 60)  # first render
        terminal.drain(0.5)
        for number in range(DIALOG_EDITS):
            marker = f"zq{number}x"
            terminal.send(b"e")  # the first event: the preview shows the timeline's start
            terminal.wait_for_text("ctrl+s: OK")
            terminal.drain(0.3)  # the dialog puts the focus in its time field
            for _ in range(2):  # past the time and the kind, into the text (its cursor at the start)
                terminal.send(b"\t")
                terminal.drain(0.2)
            terminal.send(f"{marker} ".encode())
            terminal.wait_for_text(marker)  # the dialog shows what was typed
            sent = terminal.send(b"\x13")  # ctrl+s: OK
            shown = terminal.wait_for(in_preview(marker), seconds=20)
            timings.append(shown - sent)
            terminal.drain(0.5)
    finally:
        terminal.close()
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="0,1000,10000", help="events; 0 is the seed report")
    options = parser.parse_args()
    print(
        f"editor benchmark (pty, end to end): Python {sys.version.split()[0]}, "
        f"median of {LAUNCHES} launches and {DIALOG_EDITS} dialog edits"
    )
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        for size in (int(part) for part in options.sizes.split(",")):
            if size:
                report = folder / f"large-{size}-events.toml"
                save(large_report(events=size, tasks=100), report)
                label = f"{size:,}-event report"
            else:
                report = folder / SEED.name
                report.write_bytes(SEED.read_bytes())
                label = "seed report (9 events)"
            figures = measure_launches(report, folder)
            edits = measure_dialog_edits(report, folder)
            paint, key = figures["paint"], figures["key"]
            print(f"  {label}")
            print(
                f"    first paint            {paint * 1000:6.0f} ms  "
                f"(bare Textual app {figures['bare_paint'] * 1000:.0f} ms: {paint / figures['bare_paint']:.2f}x)"
            )
            print(
                f"    first key answered     {key * 1000:6.0f} ms  "
                f"(bare Textual app {figures['bare_key'] * 1000:.0f} ms: {key / figures['bare_key']:.2f}x)"
            )
            print(
                f"    dialog edit to preview {statistics.median(edits) * 1000:6.0f} ms median  "
                f"(max {max(edits) * 1000:.0f} ms; ctrl+s until the side preview shows it)"
            )
            print(f"    peak memory (max RSS)  {figures['rss_mib']:6.1f} MiB")


if __name__ == "__main__":
    main()
