"""A program in a pseudo-terminal, its screen read through a terminal emulator (pyte).

The benchmarks time what a person waits for: from a key written to the terminal
until the screen shows its effect. Nothing of the benchmark's runs inside the
program; it reads the program's output as a terminal would and waits for text
on the emulated screen.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import pty
import select
import struct
import termios
import time
from collections.abc import Callable
from pathlib import Path

import pyte


class PtyScreen:
    """`command` running in a pty of `size` (columns, lines); `.lines` is the screen as shown."""

    def __init__(self, command: list[str], cwd: Path, size: tuple[int, int] = (80, 24)) -> None:
        columns, lines = size
        self.screen = pyte.Screen(columns, lines)
        self.stream = pyte.ByteStream(self.screen)
        self.started = time.perf_counter()
        self.pid, self.fd = pty.fork()
        if self.pid == 0:  # the child: becomes the program, in the pty
            os.chdir(cwd)
            os.environ["TERM"] = "xterm-256color"
            for name in ("COLUMNS", "LINES"):
                os.environ.pop(name, None)
            try:
                os.execv(command[0], command)
            finally:
                os._exit(127)  # the program could not be started; the parent sees the pty close
        fcntl.ioctl(self.fd, termios.TIOCSWINSZ, struct.pack("HHHH", lines, columns, 0, 0))

    @property
    def lines(self) -> list[str]:
        return list(self.screen.display)

    def text(self) -> str:
        return "\n".join(self.screen.display)

    def send(self, keys: bytes) -> float:
        """Write keys as the terminal would; returns the moment they were written."""
        os.write(self.fd, keys)
        return time.perf_counter()

    def wait_for(self, shown: Callable[[PtyScreen], bool], seconds: float = 30) -> float:
        """The moment the screen first satisfies `shown` (checked after every chunk of output); NaN on timeout."""
        deadline = time.perf_counter() + seconds
        if shown(self):
            return time.perf_counter()
        while (now := time.perf_counter()) < deadline:
            ready, _, _ = select.select([self.fd], [], [], min(0.5, deadline - now))
            if not ready:
                continue
            try:
                chunk = os.read(self.fd, 1 << 16)
            except OSError:
                break
            self.stream.feed(chunk)
            if shown(self):
                return time.perf_counter()
        return float("nan")

    def wait_for_text(self, text: str, seconds: float = 30) -> float:
        return self.wait_for(lambda s: text in s.text(), seconds)

    def drain(self, seconds: float = 0.2) -> None:
        """Read whatever the program writes for `seconds`, so the screen is up to date."""
        self.wait_for(lambda s: False, seconds)

    def close(self) -> int:
        """Quit (ctrl+q, then discard if asked), kill if it lingers; returns peak RSS in KiB."""
        with contextlib.suppress(OSError):
            os.write(self.fd, b"\x11")
            self.drain(0.3)
            if "discard" in self.text().lower():
                os.write(self.fd, b"d")
                self.drain(0.2)
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, 15)
        _, _, usage = os.wait4(self.pid, 0)
        os.close(self.fd)
        return usage.ru_maxrss
