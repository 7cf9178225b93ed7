"""End to end at 80x24 in tmux: a Markdown postmortem kept as Markdown. The first save asks, the
file is rewritten with the marker, and the next `pmtui outage.md` opens it with nothing lost."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pmtui.importers.markdown import read_markdown_file
from pmtui.render.markdown import SOURCE_MARKER

from .conftest import SEEDS
from .terminal_helpers import keys, open_in_tmux, screen, tmux, wait_for, wait_until, wait_until_gone

__all__ = ["tmux"]  # the fixture, used by name

pytestmark = pytest.mark.e2e


def status_bar(tmux: list[str], session: str) -> str:
    return screen(tmux, session).splitlines()[0]


def test_markdown_kept_as_the_source_reopens_with_the_edit_and_nothing_lost(
    tmux: list[str], tmp_path: Path
) -> None:
    source = tmp_path / "outage.md"
    shutil.copy(SEEDS[1], source)
    original = source.read_bytes()
    expected = read_markdown_file(source).report
    expected.title += " (API)"

    open_in_tmux(tmux, source)
    keys(tmux, "1")
    wait_for(tmux, "│ Title │")  # the status bar names the field that has the focus
    keys(tmux, "-l", " (API)")
    wait_until(lambda: "(API) │ outage.toml │" in status_bar(tmux, "pm"), "the typed title in the status bar")
    keys(tmux, "C-s")
    wait_for(tmux, "Where does this report live from now on?")
    keys(tmux, "m")
    wait_until(
        lambda: "│ outage.md │ saved" in status_bar(tmux, "pm"), "the status bar to say outage.md saved"
    )
    keys(tmux, "C-q")
    wait_until_gone(tmux)

    assert source.read_text(encoding="utf-8").startswith(SOURCE_MARKER + "\n")
    assert (tmp_path / "outage.md.orig").read_bytes() == original
    assert not (tmp_path / "outage.toml").exists()

    open_in_tmux(tmux, source, session="again")
    wait_until(
        lambda: "(API) │ outage.md │ saved" in status_bar(tmux, "again"),
        "the reopened Markdown, unchanged and saved",
    )
    assert "Where does this report live" not in screen(tmux, "again")
    keys(tmux, "C-q", session="again")
    wait_until_gone(tmux, session="again")
    assert read_markdown_file(source).report == expected
