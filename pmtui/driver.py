"""The terminal driver pmtui runs on: Textual's own, except that input which is not UTF-8 cannot kill it.

Textual 8.2.8's Linux driver decodes stdin with a strict UTF-8 decoder
(Textualize/textual#6456): a Latin-1 terminal or a binary paste raises
UnicodeDecodeError in the input thread, and the app stops with unsaved edits
lost. Here such bytes become U+FFFD, which the report model accepts as text.
"""

from __future__ import annotations

import codecs
import functools
import os
import sys
import types
from collections.abc import Callable
from typing import Any

from textual.driver import Driver


def replacing_decoder(encoding: str) -> Callable[..., codecs.IncrementalDecoder]:
    """`codecs.getincrementaldecoder`, making decoders that replace bad bytes instead of raising."""
    return functools.partial(codecs.getincrementaldecoder(encoding), errors="replace")


def with_replacing_decoder(function: Callable[..., Any]) -> Callable[..., Any]:
    """`function` exactly as Textual wrote it, but the `getincrementaldecoder` it calls is `replacing_decoder`.

    The decoder is made inside `LinuxDriver.run_input_thread`, a 50-line loop
    with no smaller piece to override. Rebinding that one global for that one
    function keeps the loop Textual's own (with whatever later 8.x releases fix
    in it) rather than a copy to keep in step by hand, and touches no other
    user of Textual's module.
    """
    names = {**function.__globals__, "getincrementaldecoder": replacing_decoder}
    rebuilt = types.FunctionType(
        function.__code__, names, function.__name__, function.__defaults__, function.__closure__
    )
    rebuilt.__kwdefaults__ = function.__kwdefaults__
    return functools.update_wrapper(rebuilt, function)


if sys.platform != "win32":  # Textual's Linux driver needs termios
    from textual.drivers.linux_driver import LinuxDriver

    class TerminalDriver(LinuxDriver):
        """Textual's Linux/macOS driver, with an input thread that survives bytes that are not UTF-8."""

        run_input_thread = with_replacing_decoder(LinuxDriver.run_input_thread)


def terminal_driver_class() -> type[Driver] | None:
    """The driver for `App(driver_class=...)`: ours where Textual would use its Linux driver.

    None lets Textual choose as usual: on Windows, and when TEXTUAL_DRIVER names
    another driver (`textual serve` runs the app in a browser that way).
    """
    if sys.platform == "win32" or os.environ.get("TEXTUAL_DRIVER"):
        return None
    return TerminalDriver
