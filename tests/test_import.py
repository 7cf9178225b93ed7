"""Importing Markdown postmortems: the seeds as written, pmtui's own export, and bad input."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pmtui.cli import main
from pmtui.importers.markdown import import_markdown, read_markdown_file
from pmtui.model import (
    Analysis,
    Event,
    EventKind,
    EventMoment,
    Lessons,
    Moment,
    Postmortem,
    Status,
    Summary,
    Task,
    TaskKind,
    TaskStatus,
)
from pmtui.render.markdown import render
from pmtui.store import StoreError, load

from .test_export import SEED_OF, SEEDS, seed_items, without_markup

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
UTC = timezone.utc

# seed file -> (events, tasks, zone, first event as stored)
SEED_FACTS = {
    "000_fc72846740e9e5df.txt": (9, 6, "UTC", datetime(2024, 5, 10, 14, 0, tzinfo=UTC)),
    "001_29b82cc6a98ade01.txt": (7, 9, "Africa/Nairobi", time(20, 0)),
    "002_3db713248ff48688.txt": (8, 8, "UTC", datetime(2024, 8, 20, 8, 30, tzinfo=UTC)),
    "003_1178abceec13123b.txt": (8, 6, "UTC", datetime(2024, 8, 10, 14, 30, tzinfo=UTC)),
    "004_d8eb6d2db807b141.txt": (7, 7, "UTC", datetime(2023, 10, 11, 14, 0, tzinfo=UTC)),
}


@pytest.mark.parametrize("seed", SEED_FACTS)
def test_each_seed_imports_with_its_real_counts_times_and_zone(seed: str) -> None:
    events, tasks, zone, first = SEED_FACTS[seed]
    result = import_markdown((SEEDS / seed).read_text(encoding="utf-8"), seed)
    report = result.report
    assert (len(report.timeline), len(report.tasks), report.timezone) == (events, tasks, zone)
    assert report.timeline[0].at == first
    times = report.anchored_times()
    assert times == sorted(times)


@pytest.mark.parametrize("sample", sorted(SEED_OF))
def test_seed_import_agrees_with_the_hand_converted_sample(sample: str) -> None:
    """The samples were converted by hand, line by line: the importer reads the same times and texts."""
    imported = import_markdown((SEEDS / SEED_OF[sample]).read_text(encoding="utf-8")).report
    by_hand = load(SAMPLES / f"{sample}.toml")
    assert [e.at for e in imported.timeline] == [e.at for e in by_hand.timeline]
    assert [e.text for e in imported.timeline] == [e.text for e in by_hand.timeline]
    assert [t.kind for t in imported.tasks] == [t.kind for t in by_hand.tasks]
    assert (imported.summary.start, imported.summary.end) == (by_hand.summary.start, by_hand.summary.end)
    assert imported.analysis.resolution == by_hand.analysis.resolution


def test_the_dateless_seed_stays_dateless_in_eat_and_says_so() -> None:
    result = import_markdown((SEEDS / "001_29b82cc6a98ade01.txt").read_text(encoding="utf-8"))
    assert all(isinstance(e.at, time) for e in result.report.timeline)
    assert result.report.summary.start == time(20, 0) and result.report.summary.end == time(22, 0)
    assert any("no date" in guess for guess in result.guesses)


@pytest.mark.parametrize("seed", SEED_FACTS)
def test_import_then_export_keeps_every_event_task_and_paragraph(seed: str) -> None:
    original = (SEEDS / seed).read_text(encoding="utf-8")
    exported = without_markup(render(import_markdown(original).report))
    events, tasks = seed_items(original)
    for text in events + tasks:
        assert text in exported, text
    paragraphs = [
        line for line in original.splitlines() if len(line) > 60 and not re.match(r"\s*([-*#]|\d+\.)", line)
    ]
    for paragraph in paragraphs:
        assert without_markup(paragraph) in exported, paragraph


def test_images_and_unplaced_sections_go_to_notes_verbatim() -> None:
    seed = (SEEDS / "000_fc72846740e9e5df.txt").read_text(encoding="utf-8")
    notes = import_markdown(seed).report.notes
    assert notes.startswith("## Conclusion:") and "targeted code optimizations" in notes
    dated = import_markdown((SEEDS / "001_29b82cc6a98ade01.txt").read_text(encoding="utf-8")).report
    assert dated.notes.startswith('<img src="#">')


def test_a_table_timeline_and_a_task_table_with_owners() -> None:
    text = """# DB failover

## Summary

- **Duration:** 2024-03-01 09:00 UTC to 2024-03-01 10:00 UTC

## Timeline

| Time (UTC) | Event |
| --- | --- |
| 09:00 | Pager fired for replication lag |
| 09:40 | Failed over to the replica |

## Action items

| Action | Owner | Due | Status |
| --- | --- | --- | --- |
| Alert on replication lag | sre | 2024-03-15 | done |
| Write the failover runbook | dba | 2024-04-01 | open |
"""
    report = import_markdown(text).report
    assert [(e.at, e.text) for e in report.timeline] == [
        (datetime(2024, 3, 1, 9, 0, tzinfo=UTC), "Pager fired for replication lag"),
        (datetime(2024, 3, 1, 9, 40, tzinfo=UTC), "Failed over to the replica"),
    ]
    first, second = report.tasks
    assert (first.title, first.owner, first.due, first.status) == (
        "Alert on replication lag",
        "sre",
        date(2024, 3, 15),
        TaskStatus.DONE,
    )
    assert (second.owner, second.due, second.status) == ("dba", date(2024, 4, 1), TaskStatus.OPEN)


def test_sub_headings_per_event_checklists_and_owner_lines() -> None:
    text = """## Timeline

#### May 3, 2024

#### 23:50 UTC
- Disk filled on db-1

#### 00:10 UTC
- Old snapshots deleted

## Corrective actions

- [x] Alert at 80% disk
  - Owner: Ana
  - Deadline: 2024-05-20
- [ ] Rotate snapshots weekly
"""
    report = import_markdown(text).report
    assert [(e.at.isoformat(), e.text) for e in report.timeline] == [
        ("2024-05-03T23:50:00+00:00", "Disk filled on db-1"),
        ("2024-05-04T00:10:00+00:00", "Old snapshots deleted"),  # rolled past midnight
    ]
    done, todo = report.tasks
    assert (done.title, done.status, done.owner, done.due) == (
        "Alert at 80% disk",
        TaskStatus.DONE,
        "Ana",
        date(2024, 5, 20),
    )
    assert todo.status is TaskStatus.OPEN


# ------------------------------------------------------------------ round trip

_WORD = st.text(
    st.sampled_from("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"), min_size=1, max_size=8
).filter(lambda w: w[0].isalpha())
_PUNCT = st.sampled_from(["", ".", ",", "!", "?", "%", "&"])
_LINE = st.lists(st.tuples(_WORD, _PUNCT), min_size=1, max_size=8).map(
    lambda words: " ".join(word + mark for word, mark in words)
)
_TEXT = st.lists(_LINE, min_size=1, max_size=3).map("\n".join)
_NAME = st.text(st.sampled_from("abcdefghijklmnopqrstuvwxyz"), min_size=2, max_size=8).map(str.capitalize)
_ZONES = st.sampled_from(["UTC", "Africa/Nairobi", "America/New_York", "Asia/Kolkata", "Europe/Dublin"])


@st.composite
def reports(draw: st.DrawFn) -> Postmortem:
    """Reports the model can hold, within what a Markdown round trip can carry (see the README)."""
    zone = draw(_ZONES)
    dated = draw(st.booleans())
    base = draw(st.datetimes(min_value=datetime(2015, 1, 1), max_value=datetime(2035, 1, 1))).replace(
        second=0, microsecond=0
    )
    offsets = sorted(draw(st.lists(st.integers(0, 3 * 24 * 60), max_size=6)))

    def moment(minutes: int) -> Moment:
        value = (base + timedelta(minutes=minutes)).replace(tzinfo=UTC)
        return value if dated else value.time().replace(tzinfo=None)

    def event(minutes: int) -> Event:
        """An exact event, or (see the README) a date-only one or an approximate one, its time
        as written in the report's zone and `at` its reading: 13:30 for "~13:30" and
        "13:30-13:45", 14:00 for "14:??"."""
        at: EventMoment = moment(minutes)
        shape = draw(st.sampled_from(["exact", "exact", "~", "range", "??", "date"]))
        local = at.astimezone(ZoneInfo(zone)) if isinstance(at, datetime) else at
        approximate = None
        if shape == "date" and isinstance(local, datetime):
            at = local.date()
        elif shape == "~":
            approximate = f"~{local:%H:%M}"
        elif shape == "range":
            wall = local.time() if isinstance(local, datetime) else local
            until = (datetime.combine(date(2024, 1, 1), wall) + timedelta(minutes=15)).time()
            approximate = f"{local:%H:%M}-{until:%H:%M}"
        elif shape == "??":
            approximate = f"{local:%H}:??"
            at = local.replace(minute=0)
        return Event(
            at=at,
            approximate=approximate,
            kind=draw(st.sampled_from(EventKind)),
            text=draw(_TEXT),
            link=draw(st.none() | st.just("https://grafana.example/d/abc?from=1")),
        )

    def in_order(event: Event) -> tuple[datetime, bool]:
        """Time order, a date-only event before its day's times (as `insert_event` places them)."""
        at = event.at
        if isinstance(at, time):
            return datetime.combine(date(2000, 1, 1), at, tzinfo=UTC), True
        if not isinstance(at, datetime):
            return datetime.combine(at, time(0), tzinfo=ZoneInfo(zone)), False
        return at, True

    events = sorted((event(m) for m in offsets), key=in_order)
    if not dated:  # date-less times must not wrap past a whole day: rollover keeps them in order
        events = [e for e in events if e.at >= events[0].at] if events else events
    with_window = draw(st.booleans())
    tasks = sorted(
        [
            Task(
                title=draw(_LINE),
                kind=draw(st.sampled_from(TaskKind)),
                status=draw(st.sampled_from(TaskStatus)),
                owner=draw(st.none() | _NAME),
                due=draw(st.none() | st.dates(date(2020, 1, 1), date(2030, 1, 1))),
                priority=draw(st.none() | st.sampled_from(["P1", "P2", "high"])),
                ticket=draw(st.none() | st.just("OPS-42")),
            )
            for _ in range(draw(st.integers(0, 5)))
        ],
        key=lambda t: t.kind is TaskKind.TASK,
    )
    return Postmortem(
        title=draw(_LINE),
        status=draw(st.sampled_from(Status)),
        severity=draw(st.none() | st.just("SEV2")),
        authors=draw(st.lists(_NAME, max_size=3)),
        timezone=zone,
        summary=Summary(
            start=moment(0) if with_window else None,
            end=moment(draw(st.integers(1, 3 * 24 * 60))) if with_window else None,
            impact=draw(st.just("") | _TEXT),
            root_cause=draw(st.just("") | _TEXT),
        ),
        timeline=events,
        analysis=Analysis(
            root_cause=draw(st.just("") | _TEXT),
            resolution=draw(st.just("") | _TEXT),
            contributing_factors=draw(st.lists(_LINE, max_size=3)),
        ),
        lessons=Lessons(
            went_well=draw(st.lists(_LINE, max_size=2)),
            went_wrong=draw(st.lists(_LINE, max_size=2)),
            lucky=draw(st.lists(_LINE, max_size=2)),
        ),
        tasks=tasks,
        notes=draw(st.just("") | _TEXT),
    )


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reports())
def test_importing_an_export_gives_the_same_report_back(report: Postmortem) -> None:
    back = import_markdown(render(report)).report
    for name in type(report).model_fields:
        assert getattr(back, name) == getattr(report, name), name


# ------------------------------------------------------------------ bad input


def test_bad_inputs_give_a_clear_result(tmp_path: Path) -> None:
    empty = tmp_path / "empty.md"
    empty.write_text("")
    binary = tmp_path / "binary.md"
    binary.write_bytes(bytes(range(256)) * 4)
    huge = tmp_path / "huge.md"
    huge.write_text("- 10:00 UTC: the same line again\n" * 160_000)  # about 5 MB
    for path, reason in (
        (empty, "empty file"),
        (binary, "binary file"),
        (huge, "larger than"),
        (tmp_path / "missing.md", "no such file"),
        (tmp_path, "is a directory"),
    ):
        with pytest.raises(StoreError, match=reason) as caught:
            read_markdown_file(path)
        assert "\n" not in str(caught.value)


def test_a_readme_that_is_not_a_postmortem_imports_with_a_warning() -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    result = import_markdown(readme, "README.md")
    assert any("may not be a postmortem" in warning for warning in result.warnings)
    assert result.report.notes  # nothing lost: the text is kept as notes


def test_unreadable_times_are_warnings_and_the_text_is_kept() -> None:
    text = "## Timeline\n\n- 10:00 UTC: alert fired\n- 25:99 UTC: impossible clock\n- teatime: kettle on\n"
    result = import_markdown(text)
    assert [e.text for e in result.report.timeline] == ["alert fired"]
    assert any("25:99" in warning for warning in result.warnings)
    assert "impossible clock" in result.report.notes and "kettle on" in result.report.notes


def test_dates_the_reader_refuses_alone_are_read_with_a_guessed_line() -> None:
    """The importer reads dates through the same reader as the editor, with its guesses allowed."""
    text = """## Summary

Duration: starting at 01/03/2025 10:00 AM and ending at 12:00 PM GMT.

## Timeline

Monday, March 2nd, 2025

- 6pm: alert fired
- 7:30 p.m.: rolled back

## Action items

- Add a replication alert
  - Due: 10 Apr
- Write the runbook
  - Due: Q3
"""
    result = import_markdown(text)
    report = result.report
    assert (report.summary.start, report.summary.end) == (
        datetime(2025, 3, 1, 10, 0, tzinfo=UTC),
        datetime(2025, 3, 1, 12, 0, tzinfo=UTC),
    )
    assert [e.at for e in report.timeline] == [
        datetime(2025, 3, 2, 18, 0, tzinfo=UTC),
        datetime(2025, 3, 2, 19, 30, tzinfo=UTC),
    ]
    assert "'01/03/2025': read day first, as 2025-03-01 (not 2025-01-03)" in result.guesses
    assert (
        "'Monday, March 2nd, 2025': 2025-03-02 is a Sunday, not a Monday; the date was kept" in result.guesses
    )
    runbook = report.tasks[1]
    assert report.tasks[0].due == date(2025, 4, 10)  # the next 10 April after the incident
    assert (runbook.title, runbook.due) == ("Write the runbook (due: Q3)", None)


# ------------------------------------------------------------------ the command


def test_import_command_writes_beside_the_markdown_and_never_touches_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "outage.md"
    source.write_bytes((SEEDS / "000_fc72846740e9e5df.txt").read_bytes())
    before = source.read_bytes()
    assert main(["import", str(source)]) == 0
    out = capsys.readouterr().out
    assert "9 timeline events, 6 tasks" in out
    assert load(tmp_path / "outage.toml").timeline[0].text.startswith("Issue detected")
    assert source.read_bytes() == before
    assert main(["import", str(source)]) == 1
    assert "already exists" in capsys.readouterr().err
    assert main(["import", str(source), "--force", "-o", str(tmp_path / "other.toml"), "-q"]) == 0
    assert (tmp_path / "other.toml").exists() and capsys.readouterr().out == ""


# ------------------------------------------------------------------ text the model would refuse, text the parser drops


def test_terminal_controls_are_removed_counted_and_the_rest_kept() -> None:
    text = (
        "# Outage\n\n## Timeline\n\n"
        "- 10:00 UTC: alert \x1b[1;31mfired\x1b[0m\x07\n"
        "- 10:05 UTC: \x1b]0;pwned\x07rolled \u202eback\u2069\tfast\x85\n"
        "- 10:10 UTC: paged &#27;ops&#x202E;\x0c\n"
    )
    result = import_markdown(text)
    assert [event.text for event in result.report.timeline] == [
        "alert fired",
        "rolled back\tfast",
        "paged ops",
    ]
    # 3 + 4 + 2: an escape sequence counts once; &#27; is no character at all to html.unescape
    assert (
        "removed 9 control characters or escape sequences (terminal escapes, bidirectional overrides)"
        in " ".join(result.warnings)
    )


def test_clean_text_gives_no_warning_about_controls() -> None:
    result = import_markdown("# Outage\n\n## Timeline\n\n- 10:00 UTC: alert\tfired\n")
    assert not any("control" in warning for warning in result.warnings)


DEEP_LIST = "".join("  " * depth + f"- level {depth}\n" for depth in range(12))


def test_a_list_nested_past_the_parser_limit_loses_nothing() -> None:
    """markdown-it stops at 20 levels (a list ten deep) and drops the rest of the document."""
    result = import_markdown(
        "# Outage\n\n## Timeline\n\n- 10:00 UTC: alert\n\n## Notes\n\n" + DEEP_LIST + "\nAFTER THE LIST\n"
    )
    notes = result.report.notes
    assert "AFTER THE LIST" in notes
    assert all(f"level {depth}" in notes for depth in range(12))


def test_what_follows_a_too_deep_list_is_still_read_as_a_report() -> None:
    result = import_markdown(
        "# Outage\n\n## Timeline\n\n- 10:00 UTC: alert\n"
        + DEEP_LIST
        + "- 10:30 UTC: fixed\n\nAFTER THE LIST\n\n## Action items\n\n- [ ] add an alert\n"
    )
    report = result.report
    assert [event.at for event in report.timeline] == [time(10, 0), time(10, 30)]
    assert [task.title for task in report.tasks] == ["add an alert"]
    everything = render(report)
    assert "AFTER THE LIST" in everything and all(f"level {depth}" in everything for depth in range(12))


def test_markers_nested_on_one_line_lose_nothing_either() -> None:
    result = import_markdown("## Timeline\n\n- 10:00 UTC: alert\n" + "- " * 15 + "deep\n\nAFTER THE LIST\n")
    assert "deep" in result.report.notes and "AFTER THE LIST" in result.report.notes
