"""`pmtui export --mermaid`: a Mermaid `timeline` of the events after the timeline section."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pmtui.cli import main
from pmtui.render.markdown import render
from pmtui.render.mermaid import MAX_EVENT_CHARS, mermaid_text, render_mermaid
from pmtui.store import load, loads

from .conftest import ROOT

SMALL = """schema_version = 1
title = "Checkout down"
status = "draft"
authors = []
timezone = "UTC"

[summary]
start = 2024-05-10T23:50:00Z

[[timeline]]
at = 2024-05-10T23:50:00Z
kind = "detected"
text = "Alert: p99 > 2s; see #ops"

[[timeline]]
at = 2024-05-10T23:50:00Z
text = "Paged `oncall` at 100%% load"

[[timeline]]
at = 2024-05-11T00:10:00Z
kind = "resolved"
text = "Rolled back"
"""

SMALL_BLOCK = """```mermaid
timeline
    section 2024-05-10
        23\u223650 : detected \u2014 Alert\u2236 p99 \u203a 2s, see \uff03ops
        : Paged 'oncall' at 100% % load
    section 2024-05-11
        00\u223610 : resolved \u2014 Rolled back
```"""

DATED = ROOT / "samples" / "2024-05-10-web-app-memory-leak.toml"
UNDATED = ROOT / "samples" / "undated-server-outage-eat.toml"


def test_the_exact_block_for_a_small_report() -> None:
    assert render_mermaid(loads(SMALL)) == SMALL_BLOCK


def test_a_dateless_report_is_a_list_of_times_without_sections() -> None:
    block = render_mermaid(load(UNDATED))
    lines = block.splitlines()
    assert lines[:3] == [
        "```mermaid",
        "timeline",
        "    20\u223600 : detected \u2014 " + lines[2].split(" \u2014 ", 1)[1],
    ]
    assert "section" not in block and len(lines) == 2 + 7 + 1


def test_a_dated_report_has_a_section_per_day() -> None:
    block = render_mermaid(load(DATED))
    assert re.findall(r"section (\S+)", block) == ["2024-05-10", "2024-05-11"]


@pytest.mark.parametrize("sample", [DATED, UNDATED], ids=["dated", "dateless"])
def test_no_line_carries_mermaid_syntax_from_the_text(sample: Path) -> None:
    """Every event line is `period : text` with no other colon, comment or fence in it."""
    body = render_mermaid(load(sample)).splitlines()[2:-1]
    for line in body:
        if line.strip().startswith("section "):
            continue
        assert line.count(":") == 1 and not re.search(r"[#;`<>]|%%", line), line


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("a: b", "a\u2236 b"),
        ("x;y", "x,y"),
        ("#35; issue", "\uff0335, issue"),
        ("%%{init}%%", "% %(init)% %"),
        ("```\nclose", "''' close"),
        ("<b>bold</b>", "\u2039b\u203abold\u2039/b\u203a"),
        ("two\n  lines", "two lines"),
    ],
)
def test_mermaid_syntax_is_replaced_by_lookalikes(text: str, shown: str) -> None:
    assert mermaid_text(text) == shown


def test_long_text_is_cut_to_one_short_line() -> None:
    shown = mermaid_text("word " * 50)
    assert len(shown) == MAX_EVENT_CHARS and shown.endswith("\u2026")


def test_the_block_follows_the_timeline_and_is_off_by_default() -> None:
    report = loads(SMALL)
    plain, with_diagram = render(report), render(report, mermaid=True)
    assert "```mermaid" not in plain
    assert with_diagram.replace(SMALL_BLOCK + "\n\n", "") == plain
    assert (
        with_diagram.index("## Timeline")
        < with_diagram.index("```mermaid")
        < with_diagram.index("## Root Cause")
    )


def test_no_events_no_block() -> None:
    assert render_mermaid(loads(SMALL.split("[[timeline]]")[0])) == ""


def test_export_mermaid_on_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = tmp_path / "small.toml"
    report.write_text(SMALL, encoding="utf-8")
    assert main(["export", "--mermaid", str(report)]) == 0
    assert SMALL_BLOCK in capsys.readouterr().out
    assert main(["export", str(report)]) == 0
    assert "mermaid" not in capsys.readouterr().out


def test_mermaid_is_refused_with_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = tmp_path / "small.toml"
    report.write_text(SMALL, encoding="utf-8")
    assert main(["export", "--format", "json", "--mermaid", str(report)]) == 2
    assert capsys.readouterr().err.startswith("pmtui: --mermaid adds a diagram to the Markdown export")
