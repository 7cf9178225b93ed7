"""Pasted log lines: the formats people paste (chat, logs, shell history) read as events.

The reader is the Markdown importer's line reader with the core time parser, so
these also pin what the importer makes of machine timestamps.
"""

from __future__ import annotations

from datetime import date, datetime, time, timezone

import pytest

from pmtui.importers.clock import leading_stamp
from pmtui.importers.pasted import read_pasted, time_first
from pmtui.model import Event, EventKind, Postmortem
from pmtui.zones import zone_info

NAIROBI = zone_info("Africa/Nairobi")


def dated() -> Postmortem:
    at = datetime(2024, 5, 10, 9, 0, tzinfo=NAIROBI)
    return Postmortem(
        timezone="Africa/Nairobi", timeline=[Event(at=at, kind=EventKind.STARTED, text="start")]
    )


@pytest.mark.parametrize(
    ("line", "clock", "date_text", "zone", "rest"),
    [
        ("2024-05-10T14:05Z deploy rolled back", "14:05", "2024-05-10", "UTC", "deploy rolled back"),
        ("2024-05-10T14:05:33.120+02:00 x", "14:05:33", "2024-05-10", "UTC+02:00", "x"),
        ("14:05:12,123 ERROR db down", "14:05:12", None, None, "ERROR db down"),
        ("[2024-05-10 10:02:11] bob: ok", "10:02:11", "2024-05-10", None, "bob: ok"),
        ("12:30:00Z failover", "12:30:00", None, "UTC", "failover"),
        ("**14:00 UTC:** page", "14:00", None, "UTC", "page"),
    ],
)
def test_machine_and_chat_stamps_are_read_at_the_start_of_a_line(
    line: str, clock: str, date_text: str | None, zone: str | None, rest: str
) -> None:
    stamp = leading_stamp(line)
    assert stamp is not None
    assert (stamp.clock, stamp.date_text, stamp.zone_text, stamp.rest) == (clock, date_text, zone, rest)


def test_a_version_number_is_not_a_time() -> None:
    assert leading_stamp("1.2.3 released") is None
    assert time_first("upgraded to 1.2.3") == "upgraded to 1.2.3"


def test_a_time_in_the_middle_of_a_line_moves_to_the_front_without_its_brackets() -> None:
    assert time_first("alice [10:02 AM]: restarted the db") == "10:02 AM alice: restarted the db"
    assert time_first("deploy finished at 2024-05-10 14:07") == "2024-05-10 14:07 deploy finished at"
    assert (
        time_first("  1042  2024-05-10 14:07:12 kubectl get pods") == "2024-05-10 14:07:12 kubectl get pods"
    )


def test_chat_lines_read_in_the_reports_zone_on_its_day() -> None:
    pasted = read_pasted("[10:02] alice: restarted the db\n[10:15] bob: errors gone", dated())
    assert [e.text for e in pasted.events] == ["alice: restarted the db", "bob: errors gone"]
    assert pasted.events[0].at == datetime(2024, 5, 10, 10, 2, tzinfo=NAIROBI)
    assert pasted.events[1].kind is EventKind.NOTE and not pasted.left_out


def test_a_date_less_report_gets_date_less_times() -> None:
    pasted = read_pasted("10:02 restarted", Postmortem(timezone="Africa/Nairobi"))
    assert pasted.events[0].at == time(10, 2)


def test_an_explicit_zone_and_date_win_over_the_reports() -> None:
    pasted = read_pasted("2024-05-11T01:00Z rolled back the deploy", dated())
    event = pasted.events[0]
    assert event.at == datetime(2024, 5, 11, 1, 0, tzinfo=timezone.utc)
    assert event.kind is EventKind.MITIGATED  # the importer's wording rules name milestones


def test_bash_history_timestamps_give_the_next_commands_time() -> None:
    pasted = read_pasted("#1715350000\nkubectl rollout undo deploy/api\n", dated())
    assert pasted.events[0].text == "kubectl rollout undo deploy/api"
    assert pasted.events[0].at == datetime.fromtimestamp(1715350000, timezone.utc)


def test_lines_without_a_time_are_left_out_and_named() -> None:
    pasted = read_pasted(
        "10:00 paged\n  at Foo.bar(Foo.java:12)\n\nTraceback (most recent call last):", dated()
    )
    assert [e.text for e in pasted.events] == ["paged"]
    assert pasted.left_out == ["at Foo.bar(Foo.java:12)", "Traceback (most recent call last):"]


def test_a_clock_going_past_midnight_moves_to_the_next_day() -> None:
    pasted = read_pasted("23:50 paged\n00:10 restarted", dated())
    assert [e.at.date() for e in pasted.events if isinstance(e.at, datetime)] == [
        date(2024, 5, 10),
        date(2024, 5, 11),
    ]
