"""A Markdown postmortem given where a report belongs: one line naming `pmtui import`, exit 2.

A broken TOML report still gets its TOML error with line and column.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pmtui.cli import main
from pmtui.importers.sniff import looks_like_markdown

from .conftest import SAMPLES, SEEDS


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(
    "command", [[], ["export"], ["validate"], ["fmt"]], ids=["open", "export", "validate", "fmt"]
)
def test_a_markdown_postmortem_is_told_to_import(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    notes = tmp_path / "x.txt"
    shutil.copy(SEEDS[0], notes)
    before = notes.read_bytes()
    code, out, err = run(capsys, *command, str(notes))
    assert code == 2 and out == ""
    assert err == f"pmtui: {notes}: this looks like a Markdown postmortem: pmtui import {notes}\n"
    assert notes.read_bytes() == before


def test_a_broken_report_still_gets_the_toml_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = tmp_path / "broken.toml"
    report.write_text('# Incident report\n# - draft\ntitle = "a"\nstatus = \n', encoding="utf-8")
    code, _, err = run(capsys, "export", str(report))
    assert code == 1
    assert err.startswith(f"pmtui: {report}:4:10: TOML syntax")


def test_plain_text_is_not_taken_for_markdown(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("the site was down for an hour\n", encoding="utf-8")
    code, _, err = run(capsys, "validate", str(notes))
    assert code == 1 and "TOML syntax" in err and "import" not in err


@pytest.mark.parametrize("seed", SEEDS, ids=lambda path: path.stem)
def test_every_seed_looks_like_markdown(seed: Path) -> None:
    assert looks_like_markdown(seed.read_text(encoding="utf-8"))


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda path: path.stem)
def test_no_report_looks_like_markdown_even_broken(sample: Path) -> None:
    text = sample.read_text(encoding="utf-8")
    assert not looks_like_markdown(text)
    assert not looks_like_markdown(text + "\nbroken =\n")


def test_markdown_inside_a_broken_report_string_does_not_count() -> None:
    text = 'title = "x"\nroot_cause = """\n# Why\n- one\n- two\n- three\n"""\nstatus =\n'
    assert not looks_like_markdown(text)
