"""Issue #11 item 2: events known only by their date, and events whose time is approximate or unknown.

Kept in the file (a TOML local date in `at`; `approximate` beside it), ordered (a
date-only event before its day's times), shown as written in the export, and never a
milestone's time in the metrics.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from datetime import date, datetime, time, timezone
from pathlib import Path

import pytest
from pydantic import ValidationError

from pmtui.course import course_line, course_of
from pmtui.edits import insert_event
from pmtui.event_time import EventTime
from pmtui.model import SCHEMA_VERSION, Event, EventKind, Postmortem, Summary
from pmtui.render.json import render_json
from pmtui.render.markdown import render, render_timeline
from pmtui.render.mermaid import render_mermaid
from pmtui.schema import file_schema
from pmtui.store import StoreError, dumps, loads, save
from pmtui.timeshow import format_event_time
from pmtui.zones import zone_info

EAT = zone_info("Africa/Nairobi")
UTC = timezone.utc
K = EventKind


def eat(hour: int, minute: int = 0, day: int = 10) -> datetime:
    return datetime(2021, 12, day, hour, minute, tzinfo=EAT)


def log4shell() -> Postmortem:
    """One of each shape, in the order `insert_event` keeps them."""
    return Postmortem(
        title="Log4Shell",
        timezone="Africa/Nairobi",
        summary=Summary(start=eat(13), end=eat(15)),
        timeline=[
            Event(at=date(2021, 12, 10), kind=K.STARTED, text="CVE published"),
            Event(at=eat(13), text="Triage call"),
            Event(at=eat(13, 30), approximate="~13:30", kind=K.DETECTED, text="Scanner alerts"),
            Event(at=eat(14), approximate="14:??", text="Patch rolled out"),
            Event(at=eat(14, 30), approximate="14:30-14:45", kind=K.RESOLVED, text="Hosts patched"),
        ],
    )


# ------------------------------------------------------------------ the model


def test_an_event_holds_a_date_alone_and_a_time_as_written() -> None:
    day = Event(at=date(2021, 12, 10))
    assert day.date_only and day.at == date(2021, 12, 10) and type(day.at) is date
    rough = Event(at=eat(13, 30), approximate="  ~13:30 ")
    assert not rough.date_only and rough.approximate == "~13:30"  # settled: no edge spaces
    assert Event(at=time(14)).needs_version == 1 and rough.needs_version == day.needs_version == 2


@pytest.mark.parametrize(
    ("at", "approximate", "reason"),
    [
        (datetime(2021, 12, 10, 14), None, "timezone"),  # naive: never read as a date, or a day
        (date(24, 12, 10), None, "year 0024"),
        (eat(14), "", "cannot be blank"),
        (eat(14), "~14:00\n", "newline"),
        ("2021-12-10", None, "valid"),  # strict: a string is a mistake, not a date
    ],
)
def test_what_can_never_be_right_is_refused(at: object, approximate: str | None, reason: str) -> None:
    with pytest.raises(ValidationError, match=reason):
        Event(at=at, approximate=approximate)


# ------------------------------------------------------------------ the file


def test_the_file_holds_a_local_date_and_the_time_as_written_beside_at() -> None:
    report = log4shell()
    text = dumps(report)
    assert 'at = 2021-12-10\nkind = "started"' in text
    assert 'at = 2021-12-10 13:30:00+03:00\napproximate = "~13:30"\nkind = "detected"' in text
    assert text.startswith(f"schema_version = {SCHEMA_VERSION}\n")
    back = loads(text)
    assert back == report and type(back.timeline[0].at) is date
    assert dumps(back) == text


def test_a_save_reads_back_the_same(tmp_path: Path) -> None:
    path = tmp_path / "log4shell.toml"
    save(log4shell(), path)
    assert loads(path.read_text(encoding="utf-8")) == log4shell()


OLD_FILE = """schema_version = 1
title = "Old"
status = "draft"
authors = []
timezone = "UTC"

[summary]
impact = ""
root_cause = ""

[analysis]
root_cause = ""
resolution = ""
contributing_factors = []

[[timeline]]
at = 14:00:00
kind = "note"
text = "An exact time"
"""


def test_a_file_says_the_oldest_version_that_holds_it() -> None:
    """So an older pmtui opens every report it can read, and refuses the rest by their version."""
    report = loads(OLD_FILE)
    assert report.schema_version == 1 and dumps(report) == OLD_FILE
    assert dumps(loads(OLD_FILE.replace("schema_version = 1", "schema_version = 2"))) == OLD_FILE
    insert_event(report, Event(at=time(15), approximate="~15:00", text="approximate"))
    assert report.schema_version == 2 and dumps(report).startswith("schema_version = 2\n")
    report.timeline[-1].approximate = None
    assert report.schema_version == 1
    report.timeline.append(Event(at=date(2021, 12, 10)))
    assert report.schema_version == 2
    assert loads(OLD_FILE.replace("schema_version = 1\n", "")).schema_version == 1  # absent: 1


@pytest.mark.parametrize("version", ["3", "0", '"2"', "true", "1.0"])
def test_a_version_this_pmtui_cannot_read_is_refused_by_name(version: str) -> None:
    expected = (
        r"newer than this pmtui reads \(2\)" if version == "3" else "schema_version: expected 1 to 2, got"
    )
    with pytest.raises(StoreError, match=expected):
        loads(OLD_FILE.replace("schema_version = 1", f"schema_version = {version}"))


@pytest.mark.parametrize(
    ("at", "message"),
    [
        ('"2021-12-10"', "a time (14:00:00) or a date (2024-05-10), got '2021-12-10'"),
        ("0024-12-10", "year 0024 is outside"),
    ],
)
def test_a_bad_event_time_names_the_date_among_what_is_expected(at: str, message: str) -> None:
    with pytest.raises(StoreError, match=message.replace("(", r"\(").replace(")", r"\)")):
        loads(OLD_FILE.replace("at = 14:00:00", f"at = {at}"))


def test_a_summary_time_is_never_a_date() -> None:
    with pytest.raises(StoreError, match=r"summary.start: .*or a time \(14:00:00\), got 2021-12-10$"):
        loads(OLD_FILE.replace("[summary]\n", "[summary]\nstart = 2021-12-10\n"))


def test_the_json_schema_describes_both_shapes() -> None:
    schema = file_schema()
    at = schema["$defs"]["Event"]["properties"]["at"]["anyOf"]
    assert {"type": "string", "format": "date"}.items() <= next(
        m for m in at if m.get("format") == "date"
    ).items()
    approximate = schema["$defs"]["Event"]["properties"]["approximate"]
    assert approximate["type"] == "string" and approximate["pattern"] == r"\S"
    version = schema["properties"]["schema_version"]
    assert (version["minimum"], version["maximum"], version["default"]) == (1, SCHEMA_VERSION, 1)


def test_taplo_accepts_both_shapes_and_refuses_a_blank_time_as_written(tmp_path: Path) -> None:
    found = shutil.which("taplo", path=str(Path(sys.executable).parent)) or shutil.which("taplo")
    if found is None:
        pytest.fail("taplo is missing: `make test` installs it (pip install taplo)")
    (tmp_path / "schema.json").write_text(json.dumps(file_schema()), encoding="utf-8")
    good = tmp_path / "good.toml"
    good.write_text(dumps(log4shell()), encoding="utf-8")
    bad = tmp_path / "bad.toml"
    bad.write_text(dumps(log4shell()).replace('"~13:30"', '" "'), encoding="utf-8")

    def check(path: Path) -> subprocess.CompletedProcess[str]:
        command = [found, "check", "--colors", "never", "--schema", (tmp_path / "schema.json").as_uri()]
        return subprocess.run(
            [*command, path.name], cwd=tmp_path, capture_output=True, text=True, check=False
        )

    assert check(good).returncode == 0, check(good).stderr
    assert check(bad).returncode != 0


# ------------------------------------------------------------------ order


def test_a_date_only_event_is_its_days_midnight_and_dates_the_wall_times_after_it() -> None:
    report = Postmortem(
        timezone="Africa/Nairobi",
        timeline=[Event(at=time(23)), Event(at=date(2021, 12, 10)), Event(at=time(9)), Event(at=time(1))],
    )
    assert report.incident_date == date(2021, 12, 10) and report.is_dated
    assert report.anchored_times() == [eat(23), eat(0), eat(9), eat(1, day=11)]


def test_insert_puts_a_date_only_event_before_its_days_times_and_after_its_other_dates() -> None:
    report = Postmortem(timeline=[Event(at=eat(0), text="midnight"), Event(at=eat(9), text="nine")])
    report.timezone = "Africa/Nairobi"
    assert insert_event(report, Event(at=date(2021, 12, 10), text="day")) == 0
    assert insert_event(report, Event(at=date(2021, 12, 10), text="same day")) == 1
    assert insert_event(report, Event(at=date(2021, 12, 9), text="day before")) == 0
    assert insert_event(report, Event(at=date(2021, 12, 11), text="day after")) == 5
    assert insert_event(report, Event(at=eat(0), text="midnight too")) == 4
    assert [e.text for e in report.timeline] == [
        "day before",
        "day",
        "same day",
        "midnight",
        "midnight too",
        "nine",
        "day after",
    ]


# ------------------------------------------------------------------ what is shown


def test_the_export_shows_the_date_alone_and_the_time_as_written() -> None:
    assert render_timeline(log4shell()).splitlines()[2:] == [
        "- **2021-12-10:** _(started)_ CVE published",
        "- **13:00 EAT:** Triage call",
        "- **~13:30 EAT:** _(detected)_ Scanner alerts",
        "- **14:?? EAT:** Patch rolled out",
        "- **14:30-14:45 EAT:** _(resolved)_ Hosts patched",
    ]


def test_on_several_days_each_time_carries_its_date_and_an_undated_report_its_zone() -> None:
    report = log4shell()
    report.timeline.append(Event(at=date(2021, 12, 11), text="Postmortem"))
    lines = render_timeline(report).splitlines()
    assert lines[4] == "- **2021-12-10 ~13:30 EAT:** _(detected)_ Scanner alerts"
    assert lines[-1] == "- **2021-12-11:** Postmortem"
    undated = Postmortem(timezone="America/New_York", timeline=[Event(at=time(14), approximate="14:??")])
    assert render_timeline(undated).splitlines()[2] == "- **14:?? America/New_York:**"


def test_in_another_zone_an_approximate_time_is_its_reading_marked_approximate() -> None:
    rough = Event(at=eat(13, 30), approximate="~13:30")
    assert format_event_time(rough, "Africa/Nairobi") == "~13:30 EAT"
    assert format_event_time(rough, "Africa/Nairobi", display=UTC) == "~10:30 UTC"
    assert format_event_time(rough, "Africa/Nairobi", display=UTC, with_zone=False) == "~10:30"
    day = Event(at=date(2021, 12, 10), approximate="afternoon")
    assert format_event_time(day, "Africa/Nairobi", display=UTC) == "2021-12-10 afternoon"


def test_the_mermaid_diagram_puts_a_date_only_event_under_its_day() -> None:
    lines = render_mermaid(log4shell()).splitlines()
    assert lines[2:5] == [
        "    section 2021-12-10",
        "        that day : started — CVE published",
        "        13\u223600 : Triage call",
    ]
    assert "        ~13\u223630 : detected — Scanner alerts" in lines


# ------------------------------------------------------------------ figures and warnings


def test_a_date_only_event_is_never_a_milestones_time() -> None:
    report = log4shell()
    assert [(m.name, m.from_label) for m in report.metrics()] == [
        ("time to detect", "summary start"),
        ("time to resolve", "summary start"),
    ]
    assert [m.duration for m in report.metrics()] == [eat(13, 30) - eat(13), eat(14, 30) - eat(13)]
    assert course_line(course_of(report), 60).strip().endswith("TTD 30m · TTR 1h 30m")
    report.timeline[2] = Event(at=date(2021, 12, 10), kind=K.DETECTED)
    assert "the 'detected' event has no time, so its metric cannot be computed" in {
        p.message for p in report.problems()
    }


def test_a_date_only_event_is_outside_the_window_only_when_its_day_is() -> None:
    report = log4shell()
    report.timeline[0].kind = K.NOTE  # a started event may come before the window anyway
    assert [p for p in report.problems() if p.field.startswith("timeline[")] == []
    report.timeline.insert(0, Event(at=date(2021, 12, 9)))
    report.timeline.append(Event(at=date(2021, 12, 11)))
    assert {(p.field, p.message) for p in report.problems() if p.field.startswith("timeline[")} == {
        ("timeline[0].at", "before the incident started"),
        ("timeline[6].at", "after the incident ended"),
    }


def test_out_of_order_by_day_only() -> None:
    report = Postmortem(
        timezone="Africa/Nairobi",
        timeline=[Event(at=eat(14)), Event(at=date(2021, 12, 10)), Event(at=date(2021, 12, 9))],
    )
    assert [(p.field, p.message) for p in report.problems() if p.field.endswith(".at")] == [
        ("timeline[2].at", "earlier than the event before it")
    ]


def test_every_renderer_takes_both_shapes() -> None:
    report = log4shell()
    assert "CVE published" in render(report, mermaid=True)
    timeline = json.loads(render_json(report))["timeline"]
    assert timeline[0]["at"] == "2021-12-10" and timeline[2]["approximate"] == "~13:30"


# ------------------------------------------------------------------ typing a time


def test_a_date_typed_alone_makes_a_date_only_event() -> None:
    times = EventTime("Africa/Nairobi", date(2021, 12, 10), None)
    assert times.read("2021-12-11") == date(2021, 12, 11)
    assert times.read("11 Dec") == date(2021, 12, 11)  # the incident's year
    assert times.read("14:05") == eat(14, 5)
    assert (
        times.describe(date(2021, 12, 11), "2021-12-11")
        == "→ 2021-12-11, the day only (before that day's times)"
    )
    with pytest.raises(ValueError, match="not a time"):
        times.read("tea time")


def test_a_field_shows_an_approximate_time_as_written() -> None:
    times = EventTime("Africa/Nairobi", date(2021, 12, 10), None)
    assert times.shown_event(Event(at=eat(13, 30), approximate="~13:30")) == "2021-12-10 ~13:30 EAT"
    assert times.shown_event(Event(at=date(2021, 12, 10))) == "2021-12-10"
