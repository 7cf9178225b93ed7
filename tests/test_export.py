"""The Markdown export: the seeds' four-part shape, every item kept, stable output."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from datetime import datetime, time, timezone
from pathlib import Path

import pytest

from pmtui.model import Event, EventKind, Lessons, Postmortem, Summary, Task, TaskKind, TaskStatus
from pmtui.render.markdown import render
from pmtui.store import load

from .conftest import SAMPLES

GOLDEN = Path(__file__).parent / "golden"
SEEDS = Path(__file__).parent / "fixtures" / "seeds"
SEED_OF = {
    "2024-05-10-web-app-memory-leak": "000_fc72846740e9e5df.txt",
    "undated-server-outage-eat": "001_29b82cc6a98ade01.txt",
    "2024-08-20-third-party-library-memory-leak": "002_3db713248ff48688.txt",
    "2024-08-10-session-handling-memory-leak": "003_1178abceec13123b.txt",
    "2023-10-11-new-feature-memory-leak": "004_d8eb6d2db807b141.txt",
}
_TIME_PREFIX = re.compile(r"^\s*[-*]\s*(\*\*[^*]+\*\*|`[^`]+`)\s*[-:]?\s*")
_ITEM = re.compile(r"^\s*(?:[-*]|\d+\.)\s+(?:\*\*[^*]+\*\*:?\s*)?")


def without_markup(text: str) -> str:
    """Text as a reader sees it: no bold, code marks or `<br>`, spaces collapsed."""
    return re.sub(r"\s+", " ", re.sub(r"<br\s*/?>|\*\*|`", "", text)).strip()


def seed_items(seed: str) -> tuple[list[str], list[str]]:
    """Event and task texts of a seed, read from the Markdown the way a person would."""
    events, tasks, section = [], [], ""
    for line in seed.splitlines():
        if line.lstrip().startswith("#"):
            section = line.lower()
            continue
        if "timeline" in section and _TIME_PREFIX.match(line):
            events.append(without_markup(_TIME_PREFIX.sub("", line)))
        elif "measures" in section or "tasks" in section:
            item = _ITEM.sub("", line) if _ITEM.match(line) else ""
            if item.strip() and not item.rstrip().endswith(":**") and len(item) > 20:
                tasks.append(without_markup(item))
    return events, tasks


@pytest.mark.parametrize("sample", SAMPLES, ids=[p.stem for p in SAMPLES])
def test_export_keeps_every_event_and_task_of_the_seed(sample: Path) -> None:
    seed = (SEEDS / SEED_OF[sample.stem]).read_text(encoding="utf-8")
    report = load(sample)
    exported = without_markup(render(report))
    events, tasks = seed_items(seed)
    assert (len(report.timeline), len(report.tasks)) == (len(events), len(tasks))  # none lost, none made up
    for text in events + tasks:
        assert text in exported, text


@pytest.mark.parametrize("sample", SAMPLES, ids=[p.stem for p in SAMPLES])
def test_export_matches_its_golden_file(sample: Path, matches_golden: Callable[[str, Path], None]) -> None:
    matches_golden(render(load(sample)), GOLDEN / f"{sample.stem}.md")


def test_export_has_the_four_part_shape_and_checklists() -> None:
    report = Postmortem(
        title="Checkout down",
        severity="SEV2",
        authors=["Ada", "Lin"],
        summary=Summary(
            start=datetime(2024, 5, 10, 14, tzinfo=timezone.utc),
            end=datetime(2024, 5, 10, 16, 30, tzinfo=timezone.utc),
            impact="30% of users",
        ),
        timeline=[
            Event(
                at=datetime(2024, 5, 10, 14, tzinfo=timezone.utc),
                kind=EventKind.DETECTED,
                text="alert fired",
                link="https://grafana.example/d/1",
            )
        ],
        lessons=Lessons(lucky=["it was a quiet day"]),
        tasks=[
            Task(title="add alert", status=TaskStatus.DONE, owner="sre", kind=TaskKind.IMPROVEMENT),
            Task(title="write runbook"),
            Task(title="rewrite it in Rust", status=TaskStatus.NOT_DOING),
        ],
        notes="## Conclusion\n\nWe learned.",
    )
    text = render(report)
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    assert headings == [
        "## Issue Summary",
        "## Timeline (UTC)",
        "## Root Cause and Resolution",
        "## Corrective and Preventative Measures",
        "## Lessons Learned",
        "## Notes",
        "## Conclusion",
    ]
    assert text == CHECKOUT_EXPORT


#: The whole export of the report above: checklists, the struck-out task, the evidence link, the duration.
CHECKOUT_EXPORT = """\
# Checkout down

**Status:** draft · **Severity:** SEV2 · **Authors:** Ada, Lin · **Time zone:** UTC

## Issue Summary

- **Duration:** 2024-05-10 14:00 UTC to 2024-05-10 16:30 UTC (2h 30m)
- **Impact:** 30% of users
- **Root Cause:**
- **Time to detect:** 0m (from the summary start to the first 'detected' event (#1))

## Timeline (UTC)

- **14:00 UTC:** _(detected)_ alert fired ([evidence](https://grafana.example/d/1))

## Root Cause and Resolution

### Root Cause

_Not written yet._

### Resolution

_Not written yet._

## Corrective and Preventative Measures

### Improvements/Fixes

- [x] add alert (owner: sre)

### Tasks

- [ ] write runbook
- [ ] ~~rewrite it in Rust~~ (not doing)

## Lessons Learned

### Where we got lucky

- it was a quiet day

## Notes

## Conclusion

We learned.
"""


def test_dateless_reports_show_times_without_inventing_dates() -> None:
    report = Postmortem(
        timezone="Africa/Nairobi",
        summary=Summary(start=time(20), end=time(22)),
        timeline=[Event(at=time(20, 15), text="alert")],
    )
    text = render(report)
    assert "20:00 EAT to 22:00 EAT (2h)" in text
    assert "- **20:15 EAT:** alert" in text
    assert not re.search(r"\d{4}-\d{2}-\d{2}", text)


def test_multiline_text_stays_inside_its_list_item() -> None:
    text = render(Postmortem(summary=Summary(impact="first\nsecond")))
    assert "- **Impact:** first\n  second" in text


# ------------------------------------------------------------------ dangerous text stays text


def _html(markdown: str) -> str:
    """The export as a permissive renderer shows it: raw HTML on, every link scheme followed."""
    from markdown_it import MarkdownIt

    parser = MarkdownIt("commonmark").enable("table")  # html on, as in CommonMark; tables, as in GFM
    parser.validateLink = lambda url: (
        True
    )  # many renderers follow any scheme; the export must not rely on them
    return parser.render(markdown)


#: Markup that runs or loads something: a script or image tag, an event handler, a comment.
_LIVE_MARKUP = re.compile(r"<(script|img|iframe|svg|!--)|<\w+[^>]*\son\w+\s*=", re.I)
_LINK_TARGET = re.compile(r"(?:href|src)=\"([^\"]*)\"")


def _live(html: str) -> list[str]:
    """What in rendered HTML would run or load something, reading URLs as a browser does."""
    import html as entities
    from urllib.parse import unquote

    found = [match.group() for match in _LIVE_MARKUP.finditer(html)]
    for match in _LINK_TARGET.finditer(html):
        url = re.sub(r"[\x00-\x20]", "", unquote(entities.unescape(match.group(1)))).lower()
        if url.startswith(("javascript:", "vbscript:", "data:", "file:")):
            found.append(match.group())
    return found


DANGEROUS = {
    "javascript link": "[click](javascript:alert(1))",
    "upper-case scheme": "[click](JavaScript:alert(1))",
    "scheme behind a character reference": "[click](&#106;avascript:alert(1))",
    "scheme behind a backslash escape": "[click](javascript\\:alert(1))",
    "tab inside the scheme": "[click](java&#9;script:alert(1))",
    "vbscript link": "[click](vbscript:msgbox(1))",
    "data image": "![x](data:text/html;base64,PHNjcmlwdD4=)",
    "file link": "[passwords](file:///etc/passwd)",
    "javascript autolink": "<javascript:alert(1)>",
    "link definition": "see [the runbook][r]\n\n[r]: javascript:alert(1)",
    "script tag": "<script>alert(1)</script>",
    "image with onerror": "<img src=x onerror=alert(1)>",
    "comment": "<!-- hidden --> shown",
    "script block": "<script>\nalert(1)\n</script>",
    "code span across a paragraph break": "`x\n\n`y` <script>alert(1)</script> `",
    "code span across a table cell": "| a | b | c |\n|---|---|---|\n| `x | <img src=x onerror=alert(1)> | y` |",
    "fence left by its list item": "- a\n  ```\n<script>alert(1)</script>\n```",
    "definition inside a code span": "[a`]: javascript:alert(1)`\n\n[go][a`]",
}


def _everywhere(text: str) -> Postmortem:
    line = " ".join(text.split())
    return Postmortem(
        title=line,
        severity=line,
        authors=[line],
        summary=Summary(impact=text, root_cause=text),
        timeline=[Event(at=time(10), text=text, link="javascript:alert(1)")],
        analysis={"root_cause": text, "resolution": text, "contributing_factors": [text]},
        lessons=Lessons(went_well=[text], went_wrong=[text], lucky=[text]),
        tasks=[Task(title=line, owner=line, priority=line, ticket=line)],
        notes=text,
    )


@pytest.mark.parametrize("name", DANGEROUS)
def test_dangerous_markup_in_any_field_is_not_live_in_the_export(name: str) -> None:
    exported = render(_everywhere(DANGEROUS[name]))
    assert _live(_html(exported)) == []


def test_neutralised_text_stays_readable() -> None:
    html = _html(render(_everywhere("<script>alert(1)</script> and [click](javascript:alert(2))")))
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html  # shown as the characters typed
    assert "[click](javascript:alert(2))" in html


def test_a_dangerous_evidence_link_is_shown_not_linked() -> None:
    report = Postmortem(timeline=[Event(at=time(10), text="alert", link="javascript:alert(1)")])
    assert "- **10:00 UTC:** alert (evidence: javascript:alert(1))" in render(report)


def test_an_evidence_link_cannot_break_out_of_its_parentheses() -> None:
    report = Postmortem(
        timeline=[Event(at=time(10), text="alert", link="https://x.example/a)<img src=x onerror=alert(1)>(")]
    )
    exported = render(report)
    assert "([evidence](https://x.example/a%29%3Cimg%20src=x%20onerror=alert%281%29%3E%28))" in exported
    assert _live(_html(exported)) == []


ORDINARY = [
    "**bold**, _emphasis_ and ~~struck~~ text",
    "a `List<String>` and `<nil>` in code",
    "[the dashboard](https://grafana.example/d/1?from=now-1h) and [mail](mailto:sre@example.com)",
    "<https://status.example.com> and <sre@example.com>",
    "latency < 5 ms, 3 > 2 & done",
    "- one\n- two\n  - nested",
    "[ref link][d]\n\n[d]: https://example.com",
]


@pytest.mark.parametrize("text", ORDINARY)
def test_ordinary_markdown_is_exported_as_written(text: str) -> None:
    report = Postmortem(summary=Summary(impact=text), analysis={"root_cause": text}, notes=text)
    exported = render(report)
    assert f"- **Impact:** {text.replace(chr(10), chr(10) + '  ')}" in exported
    assert f"### Root Cause\n\n{text}\n" in exported
    assert exported.endswith(f"## Notes\n\n{text}\n")


def test_a_less_than_sign_before_a_letter_is_escaped_but_reads_the_same() -> None:
    exported = render(Postmortem(notes="a<b"))
    assert exported.endswith("\na&lt;b\n") and "<p>a&lt;b</p>" in _html(exported)


def test_code_blocks_keep_their_markup() -> None:
    notes = "Log:\n\n```xml\n<Error><Code>AccessDenied</Code></Error>\n```\n\nThen <b>this</b>."
    exported = render(Postmortem(notes=notes))
    assert "```xml\n<Error><Code>AccessDenied</Code></Error>\n```" in exported
    assert "Then &lt;b>this&lt;/b>." in exported
    assert "&lt;Error&gt;&lt;Code&gt;AccessDenied" in _html(exported)  # shown as code, not markup


# ------------------------------------------------------------------ the preview keeps deep lists


DEEP_LIST = "".join("  " * depth + f"- level {depth}\n" for depth in range(12)) + "\nAFTER THE LIST\n"


def test_the_preview_shows_a_list_nested_past_the_parser_limit_as_unrendered_source() -> None:
    from rich.console import Console

    from pmtui.widgets.preview import block_renderable, split_blocks

    console = Console(width=100, file=io.StringIO(), color_system=None)
    shown = []
    for block, _ in split_blocks(render(Postmortem(notes=DEEP_LIST))):
        shown += ["".join(s.text for s in line) for line in console.render_lines(block_renderable(block))]
    text = "\n".join(shown)
    assert "AFTER THE LIST" in text and "level 11" in text


def test_the_preview_renders_ordinary_blocks_as_markdown() -> None:
    from rich.markdown import Markdown

    from pmtui.widgets.preview import block_renderable

    assert isinstance(block_renderable("## Notes\n\n- **a** b"), Markdown)


def test_an_event_changed_in_place_is_exported_as_it_is_now() -> None:
    """Undo sets an event's fields back on the same event; lines kept from an earlier export
    (the preview writes one after every edit) must follow what the event says now."""
    event = Event(at=datetime(2024, 5, 10, 14, 0, tzinfo=timezone.utc), text="first words")
    report = Postmortem(timeline=[event])
    assert "first words" in render(report)
    event.text = "other words"
    event.kind = EventKind.MITIGATED
    exported = render(report)
    assert "14:00 UTC:** _(mitigated)_ other words" in exported and "first words" not in exported
    event.text = "first words"
    event.kind = EventKind.NOTE
    assert "14:00 UTC:** first words" in render(report)
