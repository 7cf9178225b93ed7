"""The TOML file: canonical, atomic, and clear about what is wrong with a bad one."""

from __future__ import annotations

import os
import stat
import sys
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pmtui import store
from pmtui.model import (
    Analysis,
    Event,
    EventKind,
    Lessons,
    Postmortem,
    Status,
    Summary,
    Task,
    TaskKind,
    TaskStatus,
)
from pmtui.store import StoreError, dumps, load, loads, save
from pmtui.toml_text import tables_in_file

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib


def test_samples_load_and_save_byte_identical(sample_path: Path) -> None:
    original = sample_path.read_text(encoding="utf-8")
    assert dumps(load(sample_path)) == original


def test_the_file_uses_the_public_key_names_in_a_fixed_order(sample_path: Path) -> None:
    text = sample_path.read_text(encoding="utf-8")
    order = [
        text.index(marker)
        for marker in (
            "schema_version =",
            "title =",
            "timezone =",
            "[summary]",
            "[analysis]",
            "[[timeline]]",
            "[[tasks]]",
        )
    ]
    assert order == sorted(order)


def test_multiline_text_is_written_as_multiline_strings() -> None:
    text = dumps(Postmortem(summary=Summary(impact="first line\nsecond line")))
    assert 'impact = """\nfirst line\nsecond line"""' in text


# ------------------------------------------------------------ property: save -> load

_BIDI_CONTROLS = "".join(map(chr, [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]))
_text = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters=_BIDI_CONTROLS), max_size=40
)
_multiline = st.lists(_text, max_size=3).map("\n".join)
_offsets = st.integers(min_value=-12 * 60, max_value=14 * 60).map(lambda m: timezone(timedelta(minutes=m)))
_aware = st.datetimes(min_value=datetime(1990, 1, 1), max_value=datetime(2090, 1, 1), timezones=_offsets)
_moment = st.one_of(_aware, st.times())
_events = st.builds(
    Event,
    at=_moment | st.dates(date(1900, 1, 1), date(2200, 12, 31)),
    approximate=st.none() | _text.map(str.strip).filter(bool),
    kind=st.sampled_from(EventKind),
    text=_multiline,
    link=st.none() | _text.filter(lambda s: "\n" not in s),
)
_due = st.none() | st.dates(date(1900, 1, 1), date(2200, 12, 31))
_tasks = st.builds(
    Task,
    title=_text,
    status=st.sampled_from(TaskStatus),
    kind=st.sampled_from(TaskKind),
    owner=st.none() | _text,
    due=_due,
    priority=st.none() | _text,
    ticket=st.none() | _text,
)
REPORTS = st.builds(
    Postmortem,
    title=_text,
    status=st.sampled_from(Status),
    severity=st.none() | _text,
    authors=st.lists(_text, max_size=3),
    timezone=st.sampled_from(["UTC", "Africa/Nairobi", "America/New_York", "Asia/Kolkata"]),
    summary=st.builds(
        Summary, start=st.none() | _moment, end=st.none() | _moment, impact=_multiline, root_cause=_multiline
    ),
    timeline=st.lists(_events, max_size=5),
    analysis=st.builds(
        Analysis,
        root_cause=_multiline,
        resolution=_multiline,
        contributing_factors=st.lists(_multiline, max_size=3),
    ),
    lessons=st.builds(
        Lessons,
        went_well=st.lists(_multiline, max_size=2),
        went_wrong=st.lists(_multiline, max_size=2),
        lucky=st.lists(_multiline, max_size=2),
    ),
    tasks=st.lists(_tasks, max_size=5),
    notes=_multiline,
)


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(REPORTS)
def test_any_valid_report_survives_save_and_load(report: Postmortem) -> None:
    text = dumps(report)
    again = loads(text)
    assert again == report
    assert dumps(again) == text  # canonical: a second save changes nothing
    # what lets `save` check its text by the file's tables alone: they are the report's own
    assert tomllib.loads(text) == tables_in_file(report)


# ------------------------------------------------------------ atomic saving


def test_save_keeps_permissions_and_leaves_no_temp_file(tmp_path: Path) -> None:
    path = tmp_path / "r.toml"
    save(Postmortem(title="one"), path)
    os.chmod(path, 0o640)
    save(Postmortem(title="two"), path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert load(path).title == "two"
    assert [p.name for p in tmp_path.iterdir()] == ["r.toml"]


def test_save_follows_a_symlink_instead_of_replacing_it(tmp_path: Path) -> None:
    real = tmp_path / "real.toml"
    link = tmp_path / "link.toml"
    save(Postmortem(title="one"), real)
    link.symlink_to(real)
    save(Postmortem(title="two"), link)
    assert link.is_symlink() and load(real).title == "two"


def test_a_failed_write_leaves_the_old_file_and_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "r.toml"
    save(Postmortem(title="kept"), path)
    before = path.read_bytes()

    def broken_fsync(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(store.os, "fsync", broken_fsync)
    with pytest.raises(StoreError, match="No space left"):
        save(Postmortem(title="lost"), path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["r.toml"]


def test_a_report_toml_cannot_hold_is_not_saved(tmp_path: Path) -> None:
    """The model refuses offsets with seconds; if one slips past it, the save's read-back still stops it."""
    path = tmp_path / "r.toml"
    save(Postmortem(title="kept"), path)
    before = path.read_bytes()
    lmt = datetime(1960, 1, 1, tzinfo=timezone(timedelta(hours=2, minutes=27, seconds=16)))
    with pytest.raises(StoreError, match="not saved"):
        save(Postmortem(summary=Summary.model_construct(start=lmt)), path)
    assert path.read_bytes() == before


def test_a_readonly_folder_gives_a_clear_error(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root can write to read-only folders")
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    with pytest.raises(StoreError, match="not saved"):
        save(Postmortem(), folder / "r.toml")


# ------------------------------------------------------------ reading bad files


def test_syntax_errors_name_the_line_and_column() -> None:
    with pytest.raises(StoreError) as caught:
        loads('title = "ok"\nstatus = \n', "r.toml")
    assert caught.value.line == 2 and str(caught.value).startswith("r.toml:2:")


def test_validation_errors_name_the_field_and_the_value() -> None:
    with pytest.raises(StoreError) as caught:
        loads('[[timeline]]\nat = 14:00:00\n\n[[timeline]]\nat = "yesterday"\n', "r.toml")
    message = str(caught.value)
    assert "timeline[1].at" in message and "'yesterday'" in message and "\n" not in message


def test_dateless_and_dated_times_load_as_written() -> None:
    pm = loads("[summary]\nstart = 2024-05-10T14:00:00+03:00\nend = 16:30:00\n")
    assert pm.summary.start == datetime(2024, 5, 10, 11, tzinfo=timezone.utc)
    assert pm.summary.end == time(16, 30)


def test_due_dates_are_toml_dates() -> None:
    pm = loads('[[tasks]]\ntitle = "x"\ndue = 2024-06-01\n')
    assert pm.tasks[0].due == date(2024, 6, 1)
