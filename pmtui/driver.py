"""The terminal driver pmtui runs on: Textual's own, made sturdy against two ways a terminal fails.

- Textual 8.2.8's Linux driver decodes stdin with a strict UTF-8 decoder
  (Textualize/textual#6456): a Latin-1 terminal or a binary paste raises
  UnicodeDecodeError in the input thread, and the app stops with unsaved edits
  lost. Here such bytes become U+FFFD, which the report model accepts as text.
- Its output thread dies on the first failed write, and a terminal that went away
  (a killed tmux server, a dropped SSH link) fails every write with EIO. The UI
  thread then blocks for good once 30 writes are queued, often while the app shuts
  down, and the process never exits. Here the output thread keeps taking writes,
  and drops them, once the terminal is gone.
"""

from __future__ import annotations

import codecs
import contextlib
import functools
import os
import sys
import types
from collections.abc import Callable
from typing import Any

from textual.driver import Driver
from textual.drivers._writer_thread import WriterThread


def replacing_decoder(encoding: str) -> Callable[..., codecs.IncrementalDecoder]:
    """`codecs.getincrementaldecoder`, making decoders that replace bad bytes instead of raising."""
    return functools.partial(codecs.getincrementaldecoder(encoding), errors="replace")


def with_globals(function: Callable[..., Any], **replaced: Any) -> Callable[..., Any]:
    """`function` exactly as Textual wrote it, but with some of the globals it calls replaced.

    The decoder is made inside `LinuxDriver.run_input_thread`, a 50-line loop, and
    the output thread inside `start_application_mode`, 60 lines; neither has a
    smaller piece to override. Rebinding one global for one function keeps the code
    Textual's own (with whatever later 8.x releases fix in it) rather than a copy to
    keep in step by hand, and touches no other user of Textual's module.
    """
    names = {**function.__globals__, **replaced}
    rebuilt = types.FunctionType(
        function.__code__, names, function.__name__, function.__defaults__, function.__closure__
    )
    rebuilt.__kwdefaults__ = function.__kwdefaults__
    return functools.update_wrapper(rebuilt, function)


class SturdyWriterThread(WriterThread):
    """Textual's output thread, which goes on taking writes after the terminal has gone.

    Textual's `run`, with the writes and flushes guarded: once one fails (EIO: nobody reads this
    terminal any more) the rest are dropped, and the queue keeps moving until `stop`.
    """

    def run(self) -> None:
        write, flush = self._file.write, self._file.flush
        get, queued = self._queue.get, self._queue.qsize
        gone = False
        while (text := get()) is not None:
            if gone:
                continue
            try:
                write(text)
                if queued() == 0:
                    flush()
            except OSError:
                gone = True
        if not gone:
            with contextlib.suppress(OSError):
                flush()


if sys.platform != "win32":  # Textual's Linux driver needs termios
    from textual.drivers.linux_driver import LinuxDriver

    class TerminalDriver(LinuxDriver):
        """Textual's Linux/macOS driver, with an input thread that survives bytes that are not
        UTF-8 and an output thread that survives the terminal going away."""

        run_input_thread = with_globals(LinuxDriver.run_input_thread, getincrementaldecoder=replacing_decoder)
        start_application_mode = with_globals(
            LinuxDriver.start_application_mode, WriterThread=SturdyWriterThread
        )


def terminal_driver_class() -> type[Driver] | None:
    """The driver for `App(driver_class=...)`: ours where Textual would use its Linux driver.

    None lets Textual choose as usual: on Windows, and when TEXTUAL_DRIVER names
    another driver (`textual serve` runs the app in a browser that way).
    """
    if sys.platform == "win32" or os.environ.get("TEXTUAL_DRIVER"):
        return None
    return TerminalDriver
