"""How many keys six everyday edits take in pmtui, next to the same edits in vim on the export.

Each task is typed into the installed `pmtui` in tmux at 80x24, on a fresh copy of
the undated EAT sample, and into `vim -u NONE` on that sample's Markdown export, and
the result is checked on disk: a sequence that does not do the job is reported as
failed, never counted. A named key (Enter, Tab, C-s) counts one; typed text counts
one per character. Saving and quitting are counted on both sides.

Prints a table; never fails on the counts. Needs tmux and vim.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pmtui.model import EventKind, TaskStatus
from pmtui.store import load

PMTUI = Path(sys.executable).with_name("pmtui")
SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "undated-server-outage-eat.toml"

#: A step: keys to send, then (optionally) text to wait for on screen before the next step.
Step = tuple[tuple[str, ...], str | None]


@dataclass(frozen=True)
class Task:
    name: str
    pmtui: tuple[Step, ...]
    pmtui_done: Callable[[Path], bool]
    vim: tuple[Step, ...]
    vim_done: Callable[[str], bool]


def typed(text: str) -> str:
    """Literal text to type (counted per character), as opposed to a named key."""
    return "=" + text


def count(steps: tuple[Step, ...]) -> int:
    return sum(len(key) - 1 if key.startswith("=") else 1 for keys, _ in steps for key in keys)


class Tmux:
    def __init__(self, folder: Path, command: str) -> None:
        self.base = ["tmux", "-L", f"pmtui-keys-{uuid.uuid4().hex[:8]}", "-f", "/dev/null"]
        subprocess.run(
            [*self.base, "new-session", "-d", "-x", "80", "-y", "24", "-s", "k", "-c", str(folder), command],
            check=True,
        )

    def screen(self) -> str:
        done = subprocess.run([*self.base, "capture-pane", "-p", "-t", "k"], capture_output=True, text=True)
        return done.stdout

    def wait_for(self, text: str, seconds: float = 10) -> bool:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if text in self.screen():
                return True
            time.sleep(0.05)
        return False

    def send(self, key: str) -> None:
        literal = ["-l", "--", key[1:]] if key.startswith("=") else [key]
        subprocess.run([*self.base, "send-keys", "-t", "k", *literal], check=True)
        time.sleep(0.08)  # keys one at a time, as typed; the screen is read at each checkpoint

    def close(self) -> None:
        subprocess.run([*self.base, "kill-server"], capture_output=True)


def play(tmux: Tmux, steps: tuple[Step, ...]) -> bool:
    for keys, expected in steps:
        for key in keys:
            tmux.send(key)
        if expected is not None and not tmux.wait_for(expected):
            return False
    return True


def run_pmtui(task: Task, folder: Path) -> bool:
    report = folder / "report.toml"
    shutil.copy(SAMPLE, report)
    tmux = Tmux(folder, f"{PMTUI} report.toml; echo pmtui-exited-$?; sleep 30")
    try:
        if not tmux.wait_for("1 Summary"):
            return False
        return play(tmux, task.pmtui) and tmux.wait_for("pmtui-exited-0") and task.pmtui_done(folder)
    finally:
        tmux.close()


def run_vim(task: Task, folder: Path) -> bool:
    markdown = folder / "report.md"
    subprocess.run([str(PMTUI), "export", str(SAMPLE), "-o", str(markdown)], check=True)
    tmux = Tmux(folder, "vim -u NONE -N report.md; sleep 30")
    try:
        if not tmux.wait_for("report.md"):
            return False
        return play(tmux, task.vim) and task.vim_done(markdown.read_text(encoding="utf-8"))
    finally:
        tmux.close()


# ------------------------------------------------------------------ the six tasks

SAVE_QUIT = (("C-s",), None), (("C-q",), None)
VIM_SAVE = ((("Escape", typed(":wq"), "Enter"), None),)


def impact_fixed(folder: Path) -> bool:
    return "sluggish response times" in load(folder / "report.toml").summary.impact


def event_added(folder: Path) -> bool:
    report = load(folder / "report.toml")
    added = [event for event in report.timeline if event.text == "Rolled back"]
    return len(added) == 1 and added[0].kind == EventKind.MITIGATED and str(added[0].at) == "22:15:00"


def event_moved(folder: Path) -> bool:
    return str(load(folder / "report.toml").timeline[1].at) == "20:05:00"


def tasks_changed(folder: Path) -> bool:
    report = load(folder / "report.toml")
    new = [task for task in report.tasks if task.title == "Alert on memory"]
    return (
        report.tasks[0].status == TaskStatus.DONE
        and len(new) == 1
        and new[0].owner == "sre"
        and str(new[0].due) == "2024-06-01"
    )


def exported(folder: Path) -> bool:
    return (folder / "report.md").is_file()


def undone(folder: Path) -> bool:
    return load(folder / "report.toml") == load(SAMPLE)


EXPORT = subprocess.run([str(PMTUI), "export", str(SAMPLE)], capture_output=True, text=True).stdout

TASKS = (
    Task(
        "fix a word in the impact",
        pmtui=(
            (("C-f",), "Find"),
            ((typed("slow"), "Enter"), "│ Impact │"),
            (("C-S-Right", typed("sluggish")), None),
            *SAVE_QUIT,
        ),
        pmtui_done=impact_fixed,
        vim=((("/", typed("slow"), "Enter", typed("cw"), typed("sluggish")), None), *VIM_SAVE),
        vim_done=lambda text: "sluggish response times" in text,
    ),
    Task(
        "add an event 15 min after the last, kind mitigated",
        pmtui=(
            (("2", "End", "a"), "When"),
            ((typed("+15m"), "Tab", "Down", typed("m"), "Enter", "Tab", typed("Rolled back")), None),
            (("C-s",), None),
            *SAVE_QUIT,
        ),
        pmtui_done=event_added,
        vim=(
            (("/", typed("22:00"), "Enter", "o", typed("- **22:15 EAT:** _(mitigated)_ Rolled back")), None),
            *VIM_SAVE,
        ),
        vim_done=lambda text: "- **22:15 EAT:** _(mitigated)_ Rolled back" in text,
    ),
    Task(
        "change an event's time to 8:05 PM EAT",
        pmtui=((("2", "Down", "t"), "Event time"), ((typed("8:05 PM EAT"), "Enter"), None), *SAVE_QUIT),
        pmtui_done=event_moved,
        vim=((("/", typed("20:15"), "Enter", typed("cE"), typed("20:05")), None), *VIM_SAVE),
        vim_done=lambda text: "- **20:05 EAT:** The engineer" in text,
    ),
    Task(
        "mark a task done and add one with owner and due date",
        pmtui=(
            (("4", "Space", "a"), "Add task"),
            ((typed("Alert on memory"), "Tab", "Tab", "Tab", typed("sre"), "Tab", typed("2024-06-01")), None),
            (("C-s",), None),
            *SAVE_QUIT,
        ),
        pmtui_done=tasks_changed,
        vim=(
            (("/", typed("\\[ ]"), "Enter", typed("lrx")), None),
            (("o", typed("- [ ] Alert on memory (owner: sre, due 2024-06-01)")), None),
            *VIM_SAVE,
        ),
        vim_done=lambda text: (
            "- [x] Enhancing" in text and "Alert on memory (owner: sre, due 2024-06-01)" in text
        ),
    ),
    Task(
        "export Markdown",
        pmtui=((("C-o",), "Export Markdown to"), (("Enter",), None), (("C-q",), None)),
        pmtui_done=exported,
        vim=VIM_SAVE,
        vim_done=lambda text: "## Timeline" in text,
    ),
    Task(
        "undo three edits",
        pmtui=(
            (("Tab",) * 3, None),
            ((typed("SEV1"), "Tab", typed("ada"), "Tab", "Tab", "Tab", typed("x")), None),
            (("C-z", "C-z", "C-z"), None),
            *SAVE_QUIT,
        ),
        pmtui_done=undone,
        vim=(
            (
                (
                    "g",
                    "g",
                    "A",
                    typed(" x"),
                    "Escape",
                    "j",
                    "A",
                    typed(" y"),
                    "Escape",
                    "j",
                    "A",
                    typed(" z"),
                ),
                None,
            ),
            (("Escape", "u", "u", "u"), None),
            *VIM_SAVE,
        ),
        vim_done=lambda text: text == EXPORT,
    ),
)


def main() -> None:
    if shutil.which("tmux") is None or shutil.which("vim") is None:
        print("keystrokes: needs tmux and vim; skipped")
        return
    print("keys for six everyday edits: pmtui in tmux at 80x24, vim -u NONE on the Markdown export")
    print(f"  {'task':<54} {'pmtui':>6} {'vim':>6}")
    for task in TASKS:
        with tempfile.TemporaryDirectory() as first, tempfile.TemporaryDirectory() as second:
            ours = count(task.pmtui) if run_pmtui(task, Path(first)) else None
            theirs = count(task.vim) if run_vim(task, Path(second)) else None
        shown = [f"{n:>6}" if n is not None else "FAILED" for n in (ours, theirs)]
        verdict = "" if ours is None or theirs is None else ("ok" if ours <= theirs else "MORE than vim")
        print(f"  {task.name:<54} {shown[0]} {shown[1]}  {verdict}")


if __name__ == "__main__":
    main()
