"""What a real terminal sends: keys in bursts (SSH), and bytes that are not UTF-8.

A burst is posted to the app without waiting between keys, as the input thread
does when one read returns several keys; Pilot's `press` waits after every key
and so never shows the misordering (Textualize/textual#6605). The pty tests run
the installed `pmtui` and write raw bytes, in one `os.write`, as a terminal would.
"""

from __future__ import annotations

import errno
import io
import os
import re
import select
import struct
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from textual import events
from textual.app import App, ComposeResult
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from pmtui.driver import SturdyWriterThread, replacing_decoder, terminal_driver_class
from pmtui.store import load
from pmtui.widgets.text_fields import OrderedInput, OrderedTextArea

from .ui_helpers import make_app, sample_copy

PMTUI = Path(sys.executable).with_name("pmtui")
Field = Input | TextArea

#: What the terminal's parser gives for these keys (the character a key carries, if any).
CHARACTERS = {
    "backspace": "\x7f",
    "home": None,
    "ctrl+z": "\x1a",
    "escape": "\x1b",
    "tab": "\t",
    "shift+tab": None,
    "end": None,
}
BURSTS = [
    (("a", "b", "c", "backspace", "d"), "abd"),
    (("a", "b", "c", "home", "X"), "Xabc"),
]


class OneField(App[None]):
    """Just the field under test, focused."""

    def __init__(self, field: Field) -> None:
        super().__init__()
        self.field = field

    def compose(self) -> ComposeResult:
        yield self.field

    def on_mount(self) -> None:
        self.field.focus()


async def burst(pilot: Pilot, *keys: str) -> None:
    """Post every key before the app handles any, then wait until it has handled them all."""
    for key in keys:
        pilot.app.post_message(events.Key(key, CHARACTERS.get(key, key)))
    await pilot.pause()


def text_of(field: Field) -> str:
    return field.value if isinstance(field, Input) else field.text


# ------------------------------------------------------------------ bursts, in Pilot


@pytest.mark.parametrize("field_class", [OrderedInput, OrderedTextArea])
@pytest.mark.parametrize(("keys", "expected"), BURSTS, ids=["backspace", "home"])
async def test_a_burst_of_keys_applies_in_the_order_typed(
    field_class: type[Field], keys: tuple[str, ...], expected: str
) -> None:
    app = OneField(field_class())
    async with app.run_test() as pilot:
        await burst(pilot, *keys)
        assert text_of(app.field) == expected


@pytest.mark.parametrize("field_class", [Input, TextArea])
async def test_textual_own_fields_still_misorder_a_burst(field_class: type[Field]) -> None:
    """The bug the Ordered fields work around; when this fails, Textual fixed #6605 and they can go."""
    app = OneField(field_class())
    async with app.run_test() as pilot:
        await burst(pilot, "a", "b", "c", "backspace", "d")
        assert (
            text_of(app.field) == "abc"
        )  # "d" typed at once, the bound backspace after it: "abd" when fixed


async def test_a_burst_into_the_editor_reaches_the_report_in_order(tmp_path: Path) -> None:
    app = make_app(sample_copy(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        app.screen.query_one("#summary-impact", TextArea).focus()
        await pilot.pause()
        impact = app.document.summary.impact
        await burst(pilot, "a", "b", "c", "backspace", "d", "home", "X")  # the cursor starts at the beginning
        assert app.document.summary.impact == "Xabd" + impact


async def test_text_typed_after_tab_in_a_burst_lands_in_the_next_field(tmp_path: Path) -> None:
    app = make_app(sample_copy(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        app.screen.query_one("#summary-severity", Input).focus()
        await pilot.pause()
        severity = app.document.severity or ""
        await burst(pilot, "S", "E", "V", "2", "tab", "a", "n", "n", "shift+tab", "end", "!")
        assert app.document.severity == severity + "SEV2!"  # back in it: tab selects all, end keeps it
        assert app.document.authors == ["ann"]


async def test_app_keys_still_reach_the_app_from_inside_a_field(tmp_path: Path) -> None:
    """Undo and escape are the app's (the Input binds neither); the field must let them through."""
    app = make_app(sample_copy(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        title = app.document.title
        app.screen.query_one("#summary-title", Input).focus()
        await pilot.pause()
        await burst(pilot, "a", "b")
        assert app.document.title == "ab"
        await burst(pilot, "ctrl+z")
        assert app.document.title == title
        await burst(pilot, "escape")
        assert not isinstance(app.focused, Input)


# ------------------------------------------------------------------ bytes that are not UTF-8


def test_the_driver_replaces_bytes_that_are_not_utf8() -> None:
    decode = replacing_decoder("utf-8")().decode
    assert decode(b"\xff\xfe\xc3\x28") == "\ufffd\ufffd\ufffd("
    assert decode(b"caf\xc3") + decode(b"\xa9") == "café"  # a character split across reads still joins


@pytest.mark.skipif(sys.platform == "win32", reason="Textual's Windows driver reads text, not bytes")
def test_the_driver_input_thread_makes_its_decoder_from_the_rebound_name() -> None:
    """If a Textual upgrade makes the decoder some other way, the rebinding would silently do nothing."""
    from textual.drivers.linux_driver import LinuxDriver

    from pmtui.driver import TerminalDriver

    assert "getincrementaldecoder" in LinuxDriver.run_input_thread.__code__.co_names
    assert TerminalDriver.run_input_thread.__globals__["getincrementaldecoder"] is replacing_decoder


class GoneTerminal(io.StringIO):
    """A terminal whose other end has gone: every write fails as a hung-up pty's does."""

    def write(self, text: str) -> int:
        raise OSError(errno.EIO, "Input/output error")


def test_output_to_a_terminal_that_went_away_never_blocks_the_ui_thread() -> None:
    """A killed tmux server left pmtui hung at exit, its UI thread waiting on a full output queue."""
    writer = SturdyWriterThread(GoneTerminal())
    writer.start()
    finished = threading.Event()

    def write_a_lot_then_stop() -> None:
        for _ in range(200):  # far more than the 30 writes Textual queues
            writer.write("\x1b[2J frame")
        writer.stop()
        finished.set()

    threading.Thread(target=write_a_lot_then_stop, daemon=True).start()
    assert finished.wait(5), "the UI thread blocked writing to a terminal that is gone"
    assert not writer.is_alive()


class GoneOnFlush(io.StringIO):
    """A terminal that takes the last writes into its buffer, then fails when they are flushed."""

    def flush(self) -> None:
        raise OSError(errno.EIO, "Input/output error")


def test_a_terminal_that_fails_only_on_the_last_flush_still_lets_the_thread_stop() -> None:
    writer = SturdyWriterThread(GoneOnFlush())
    writer.start()
    stopped = threading.Event()

    def write_then_stop() -> None:
        writer.write("bye")
        writer.stop()
        stopped.set()

    threading.Thread(target=write_then_stop, daemon=True).start()
    assert stopped.wait(5), "stopping the output thread hung"


@pytest.mark.skipif(
    sys.platform == "win32", reason="Textual's Windows driver has no output thread of this kind"
)
def test_the_driver_makes_its_output_thread_from_the_rebound_name() -> None:
    from textual.drivers.linux_driver import LinuxDriver

    from pmtui.driver import TerminalDriver

    assert "WriterThread" in LinuxDriver.start_application_mode.__code__.co_names
    assert TerminalDriver.start_application_mode.__globals__["WriterThread"] is SturdyWriterThread


@pytest.mark.skipif(sys.platform == "win32", reason="Textual's Windows driver reads text, not bytes")
def test_the_editor_runs_on_that_driver(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TEXTUAL_DRIVER", raising=False)
    assert make_app(sample_copy(tmp_path)).driver_class is terminal_driver_class()


# ------------------------------------------------------------------ the installed pmtui on a pty


class Terminal:
    """`command` on a pseudo-terminal of 80x24: raw bytes in, everything it draws kept in `output`."""

    def __init__(self, command: list[str], cwd: Path) -> None:
        import fcntl
        import termios

        self.fd, child = os.openpty()
        fcntl.ioctl(child, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        self.process = subprocess.Popen(
            command,
            stdin=child,
            stdout=child,
            stderr=child,
            cwd=cwd,
            env={**os.environ, "TERM": "xterm-256color"},
            start_new_session=True,
        )
        os.close(child)
        self.output = b""

    def send(self, data: bytes) -> None:
        """One write, so the app reads it as one burst, as it would from a fast link."""
        os.write(self.fd, data)

    def wait_until(self, condition: Callable[[], bool], what: str, seconds: float = 15) -> None:
        deadline = time.monotonic() + seconds
        while not condition():
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for {what}; last output: {self.output[-300:]!r}")
            ready, _, _ = select.select([self.fd], [], [], 0.05)
            if ready:
                try:
                    self.output += os.read(self.fd, 65536)
                except OSError:  # the app exited and closed the terminal
                    time.sleep(0.05)

    def wait_for(self, text: str) -> None:
        self.wait_until(lambda: text.encode() in self.output, repr(text))

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        os.close(self.fd)


#: Textual ends every frame by moving the terminal cursor into the focused text field;
#: at 80x24 the Summary tab's title field is on row 4, from column 12.
TITLE_CURSOR = re.compile(rb"\x1b\[4;(1[2-9]|[2-9]\d)H$")


@pytest.fixture
def editor(tmp_path: Path) -> Iterator[tuple[Terminal, Path]]:
    """The installed pmtui on a copy of the dated sample, with the cursor in the title field."""
    if sys.platform == "win32":
        pytest.skip("needs a POSIX pseudo-terminal")
    report = sample_copy(tmp_path)
    terminal = Terminal([str(PMTUI), report.name], tmp_path)
    try:
        terminal.wait_for("Summary")
        terminal.send(b"\t")  # from the tab bar into the title (the form itself takes no focus)
        terminal.wait_until(
            lambda: TITLE_CURSOR.search(terminal.output) is not None, "the title field's cursor"
        )
        yield terminal, report
    finally:
        terminal.close()


@pytest.mark.e2e
def test_a_burst_through_a_real_terminal_is_saved_in_order(editor: tuple[Terminal, Path]) -> None:
    terminal, report = editor
    terminal.send(b"abc\x7fd")  # the title was selected on focus: typing replaces it
    terminal.wait_for("abd")
    terminal.send(b"\x13")  # ctrl+s
    terminal.wait_until(lambda: load(report).title == "abd", "the title saved as 'abd'")


@pytest.mark.e2e
def test_bytes_that_are_not_utf8_leave_the_editor_running(editor: tuple[Terminal, Path]) -> None:
    terminal, report = editor
    terminal.send(b"\xff\xfe\xc3\x28")  # a Latin-1 terminal, or a binary paste
    terminal.send(b"ok")
    terminal.wait_for("(ok")
    assert terminal.process.poll() is None
    terminal.send(b"\x11")  # ctrl+q: the title changed, so it asks
    terminal.wait_for("Save changes before quitting?")
    terminal.send(b"s")
    terminal.wait_until(lambda: terminal.process.poll() is not None, "pmtui to quit")
    assert terminal.process.returncode == 0
    assert load(report).title == "\ufffd\ufffd\ufffd(ok"
