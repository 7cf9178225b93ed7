"""The blocks pmtui writes itself are tomli-w's text exactly, and read back as the same values."""

from __future__ import annotations

import sys
from datetime import datetime, timedelta, timezone

import tomli_w
from hypothesis import HealthCheck, given, settings

from pmtui.model import Event, Postmortem, Task
from pmtui.store import loads
from pmtui.toml_text import canonical, plain_block, to_document
from tests.test_store import REPORTS

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(REPORTS)
def test_plain_blocks_are_tomli_w_text_and_read_back_the_same(report: Postmortem) -> None:
    document = to_document(report)
    for entry in document["timeline"] + document["tasks"]:
        block = plain_block(entry)
        if block is not None:
            assert block == tomli_w.dumps(entry, multiline_strings=True)
            assert tomllib.loads(block) == entry


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(REPORTS)
def test_the_quick_check_holds_for_every_report_and_means_it_loads_the_same(report: Postmortem) -> None:
    written = canonical(report)
    assert tomllib.loads(written.to_check) == written.expected
    assert loads(written.text) == report


def test_ordinary_entries_are_written_plain_and_escapes_are_left_to_tomli_w() -> None:
    at = datetime(2024, 5, 10, 14, 5, tzinfo=timezone(timedelta(hours=3)))
    assert plain_block(to_document(Postmortem(timeline=[Event(at=at, text="paged")]))["timeline"][0]) == (
        'at = 2024-05-10 14:05:00+03:00\nkind = "note"\ntext = "paged"\n'
    )
    quoted = to_document(Postmortem(tasks=[Task(title='say "done"')]))["tasks"][0]
    assert plain_block(quoted) is None
    written = canonical(Postmortem(tasks=[Task(title='say "done"'), Task(title="plain")]))
    assert '\\"done\\"' in written.to_check and "plain" not in written.to_check


def test_the_characters_written_plain_are_the_ones_tomli_w_writes_plain() -> None:
    """pmtui writes ordinary strings itself, as tomli-w would; if an upgrade of tomli-w escapes
    another character, the two would write different files for the same report."""
    from tomli_w import _writer

    from pmtui import toml_text

    assert toml_text._NEEDS_ESCAPING == _writer.ILLEGAL_BASIC_STR_CHARS
