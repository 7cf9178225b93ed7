"""Two things the editor does for speed that a user must never notice: the cycle collector
paused while it starts (and resumed after), and the preview rendering a lone edit at once
but a burst of keys only once it pauses."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.app import App, ComposeResult

from pmtui.cycles import pause_for_start, started
from pmtui.store import load
from pmtui.widgets.preview import DEBOUNCE_SECONDS, Preview

from .ui_helpers import make_app, sample_copy, wait_until


@pytest.fixture
def collector_restored() -> Iterator[None]:
    enabled = gc.isenabled()
    yield
    gc.unfreeze()
    if enabled:
        gc.enable()
    else:
        gc.disable()


async def test_the_editor_resumes_the_cycle_collector_once_its_first_frame_is_up(
    tmp_path: Path, collector_restored: None
) -> None:
    """Left paused, every cycle an edit makes would be kept for the editor's life."""
    gc.enable()
    pause_for_start()  # as `pmtui FILE` does before it loads the editor
    assert not gc.isenabled()
    frozen = gc.get_freeze_count()
    app = make_app(sample_copy(tmp_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, gc.isenabled, "the collector to resume")
    assert gc.get_freeze_count() > frozen  # what the start built is out of the collector's way


def test_a_collector_someone_else_turned_off_stays_off(collector_restored: None) -> None:
    gc.disable()
    pause_for_start()
    started()
    assert not gc.isenabled()


class PreviewOnly(App[None]):
    def compose(self) -> ComposeResult:
        yield Preview()


@pytest.fixture
def renders(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The renders started, by the number of edits asked for when each started."""
    started_renders: list[int] = []
    monkeypatch.setattr(
        Preview, "_render_blocks", lambda self, report, width, number: started_renders.append(number)
    )
    return started_renders


async def test_a_lone_edit_renders_at_once_and_a_burst_once_it_pauses(
    tmp_path: Path, renders: list[int]
) -> None:
    report = load(sample_copy(tmp_path))
    app = PreviewOnly()
    async with app.run_test(size=(80, 24)) as pilot:
        preview = app.query_one(Preview)
        await pilot.pause()
        renders.clear()
        preview.schedule(report)
        assert renders == [1]  # before any timer: a dialog's OK shows in the preview at once
        for _ in range(5):  # keys typed right after it: no render each, one once they pause
            preview.schedule(report)
        assert renders == [1]
        await pilot.pause(DEBOUNCE_SECONDS * 5)
        assert renders == [1, 6]
