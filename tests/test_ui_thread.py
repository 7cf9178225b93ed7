"""Workers hand their results to the UI thread, and never wait on an app that has closed."""

from __future__ import annotations

import threading

from textual.app import App

from pmtui.ui_thread import run_on_ui


async def test_a_worker_result_runs_on_the_ui_thread_and_the_worker_waits_for_it() -> None:
    app: App[None] = App()
    ran_on: list[int] = []
    answer: list[bool] = []
    async with app.run_test() as pilot:
        ui_thread = threading.get_ident()

        def note_the_thread() -> None:
            ran_on.append(threading.get_ident())

        worker = threading.Thread(target=lambda: answer.append(run_on_ui(app, note_the_thread)))
        worker.start()
        while worker.is_alive():
            await pilot.pause(0.01)
    assert answer == [True]
    assert ran_on == [ui_thread]


async def test_a_worker_that_finishes_after_the_app_closed_does_not_wait_for_it() -> None:
    """A killed terminal closes the app while workers still run; they must end, or the exit hangs."""
    app: App[None] = App()
    closed = threading.Event()
    ran: list[str] = []
    answer: list[bool] = []

    def late_worker() -> None:
        closed.wait(5)
        answer.append(run_on_ui(app, ran.append, "shown"))

    worker = threading.Thread(target=late_worker)
    async with app.run_test():
        worker.start()
    closed.set()
    worker.join(2)
    assert not worker.is_alive(), "the worker is still waiting on the closed app"
    assert answer == [False]
    assert ran == []


async def test_a_result_posted_while_the_app_closes_is_dropped_not_waited_for() -> None:
    app: App[None] = App()
    answer: list[bool] = []
    ran: list[str] = []
    worker = threading.Thread(target=lambda: answer.append(run_on_ui(app, ran.append, "shown")))
    async with app.run_test():
        app.exit()  # the exit is queued first, so the result arrives at an app that is closing
        worker.start()
    worker.join(2)
    assert not worker.is_alive(), "the worker is still waiting on the closed app"
    assert answer == [False]
    assert ran == []
