"""Handing a worker thread's result to the UI thread without hanging on a closed app.

`App.call_from_thread` waits on a future that only the app's event loop completes. When
the terminal goes away (a killed tmux server, a dropped SSH session) the loop can stop
between the hand-off and its run; the worker then waits forever, and so does the
interpreter's exit, which joins the executor's threads. `run_on_ui` waits only while the
app still runs.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from textual.app import App

POLL_SECONDS = 0.05


def run_on_ui(app: App[Any], callback: Callable[..., object], *args: Any, **kwargs: Any) -> bool:
    """Run `callback(*args, **kwargs)` on the UI thread and wait for it; False when the app
    closed first (the callback then never runs, or runs to no one)."""
    ran = threading.Event()

    def run() -> None:
        try:
            callback(*args, **kwargs)
        finally:
            ran.set()

    try:
        posted = app.call_later(run)
    except RuntimeError:  # the event loop is closed
        return False
    if not posted:
        return False
    while not ran.wait(POLL_SECONDS):
        if not app.is_running:
            return False
    return True


def tell_ui(app: App[Any], callback: Callable[..., object], *args: Any) -> bool:
    """Run `callback(*args)` on the UI thread later, without waiting (progress, say); False
    when the app has closed."""
    try:
        return app.call_later(callback, *args)
    except RuntimeError:  # the event loop is closed
        return False
